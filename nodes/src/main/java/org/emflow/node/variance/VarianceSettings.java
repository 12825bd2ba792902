package org.emflow.node.variance;

import org.emflow.compute.variability.VariabilityOptions;
import org.emflow.sdk.Cli;
import org.emflow.sdk.Default;
import org.emflow.sdk.DefaultFrom;
import org.emflow.sdk.Defaults;
import org.emflow.sdk.Help;
import org.emflow.sdk.Key;
import org.emflow.sdk.Max;
import org.emflow.sdk.Min;

/** The settings of the variance node (sx3dvariability's options); the compute library's defaults are the node's. */
@Defaults(VariabilityOptions.class)
record VarianceSettings(
        @Help("groups: SPARX's angular-neighbourhood variance; bootstrap: variance of reconstructions from resampled particles.")
        @Default("groups") @Cli("--method") VariabilityOptions.Method method,
        @Help("Images per group, the centre included (groups method).")
        @Key("img_per_grp") @DefaultFrom("imagesPerGroup") @Min(2) @Max(1_000_000) @Cli("--img_per_grp") int imagesPerGroup,
        @Help("Point group in SPARX's names: c1, cn, dn, tet, oct, icos.") @DefaultFrom("symmetry") @Cli("--sym") String sym,
        @Help("CTF-aware: Wiener group averages and residual variances; Wiener bootstrap reconstructions.") @Cli("--CTF") boolean ctf,
        @Help("tanh low-pass cut-off in cycles per decimated pixel; 0 = none.")
        @DefaultFrom("lowPass") @Min(0) @Max(0.5) @Cli("--fl") double fl,
        @Help("tanh low-pass fall-off (must be > 0 when fl > 0).") @DefaultFrom("falloff") @Min(0) @Cli("--aa") double aa,
        @Help("Fourier-truncation factor of the images, in (0, 1]; shifts and pixel size follow.")
        @DefaultFrom @Min(1e-6) @Max(1) @Cli("--decimate") double decimate,
        @Help("Central crop of the images in pixels before decimation; 0 = none.") @DefaultFrom @Min(0) @Cli("--window") int window,
        @Help("Oversampling of the reconstructions.") @DefaultFrom("padding") @Min(1) @Max(4) @Cli("--npad") int npad,
        @Help("Do not normalise the images by their background (mean 0, sd 1 outside radius nx/2 - 2).")
        @Key("no_norm") @Cli("--no_norm") boolean noNorm,
        @Help("The input images are 2-D variance maps: only reconstruct them into var3D.")
        @Key("var_input") @Cli("--VAR") boolean varInput,
        @Help("File name for the stack of 2-D group averages (MRCS, decimated size); empty = none.")
        @Default("") @Cli("--ave2D") String ave2d,
        @Help("File name for the stack of 2-D group variances (MRCS, decimated size); empty = none.")
        @Default("") @Cli("--var2D") String var2d,
        @Help("Reconstructions of the bootstrap method.")
        @Key("bootstrap_volumes") @DefaultFrom @Min(2) @Max(10_000) @Cli("--bootstrap_volumes") int bootstrapVolumes,
        @Help("Seed of the bootstrap resampling.") @DefaultFrom @Cli("--seed") long seed,
        @Help("GB per CPU added to the logged memory estimate (as SPARX; changes nothing else).")
        @Default("0.5") @Min(0) @Cli("--overhead") double overhead) {
}

package org.emflow.node.align;

import org.emflow.compute.align.RefinementOptions;
import org.emflow.sdk.Cli;
import org.emflow.sdk.Default;
import org.emflow.sdk.DefaultFrom;
import org.emflow.sdk.Defaults;
import org.emflow.sdk.Help;
import org.emflow.sdk.Key;
import org.emflow.sdk.Max;
import org.emflow.sdk.Min;

/** The settings of the align node (sxlocal_ali3d's options); the compute library's defaults are the node's. */
@Defaults(RefinementOptions.class)
record AlignSettings(
        @Help("Outer radius of the 2-D and 3-D masks in pixels; -1 = box/2 - 2 (what SPARX's code uses; its help says box/2 - 1).")
        @DefaultFrom("outerRadius") @Min(-1) @Cli("--ou") double ou,
        @Help("Angular step of the simplex, degrees.") @DefaultFrom @Min(1e-3) @Cli("--delta") double delta,
        @Help("Shift search bracket in pixels; 0 keeps the shifts (masked correlation).") @DefaultFrom @Min(0) @Cli("--ts") double ts,
        @Help("Largest number of refinement iterations (fewer when the poses converge); one more reconstruction follows.")
        @DefaultFrom @Min(0) @Max(1000) @Cli("--maxit") int maxit,
        @Help("Fraction of the images aligned between reference updates (1/chunk chunks; <= 0 means 1).")
        @DefaultFrom @Cli("--chunk") double chunk,
        @Help("-1: fit and remove the particles' common 3-D offset; 0: none; 1: centre the references by their phase centre.")
        @Default("0") @Cli("--center") Center center,
        @Help("CTF-modulated references and Wiener-corrected reconstructions.") @Cli("--CTF") boolean ctf,
        @Help("SNR of the Wiener term with --CTF (0 = estimated per shell from the half sets).") @DefaultFrom @Min(0) @Cli("--snr") double snr,
        @Help("Point group in SPARX's names: c1, cn, dn, tet, oct, icos.") @DefaultFrom("symmetry") @Cli("--sym") String sym,
        @Help("Seed of the split of the particles into half sets.") @DefaultFrom @Cli("--seed") long seed,
        @Help("SPARX's MPI simplex tolerances (ftol 1, xtol 0.01: faster, coarser); emflow always uses all cores.")
        @Cli("--MPI") boolean mpiTolerances,
        @Help("Padding (oversampling) of the reconstructions' Fourier volume, as SPARX documents it (its code overwrites "
                + "the value with 2): 2 by default; 1 halves the memory per axis but makes worse references (noise-free "
                + "poses drifted by 0.66 deg median at 1, 0.16 deg at 2); memory grows as npad^3.")
        @DefaultFrom @Min(1) @Max(4) @Cli("--npad") int npad,
        @Help("Stop once this fraction of the images moved less than 1 pixel in an iteration (SPARX's max 3-D pixel "
                + "error on the circle of radius ou; its MPI code computes this 95 % test and ignores it); 0 runs all maxit "
                + "iterations.")
        @DefaultFrom @Min(0) @Max(1) @Cli("--converged") double converged,
        @Help("Reference preparation; only SPARX's built-in ref_ali3d exists here.")
        @Default("ref_ali3d") @Cli("--function") Function function) {

    /** sxlocal_ali3d's --center. */
    enum Center {
        @Key("-1") FIT_OFFSET(-1), @Key("0") NONE(0), @Key("1") PHASE_CENTRE(1);

        final int value;

        Center(int value) {
            this.value = value;
        }
    }

    enum Function { @Key("ref_ali3d") REF_ALI3D }
}

package org.emflow.node.backproject;

import org.emflow.compute.recon.BackprojectOptions;
import org.emflow.compute.recon.CtfMode;
import org.emflow.compute.recon.WeightingMode;
import org.emflow.sdk.Cli;
import org.emflow.sdk.Default;
import org.emflow.sdk.DefaultFrom;
import org.emflow.sdk.Defaults;
import org.emflow.sdk.Help;
import org.emflow.sdk.Max;
import org.emflow.sdk.Min;

/** The settings of the backproject node; the compute library's defaults are the node's. */
@Defaults(BackprojectOptions.class)
record BackprojectSettings(
        @Help("CTF correction: none, phase-flip (the original), or wiener (CTF-weighted with an SNR term).")
        @Default("wiener") @Cli("--ctf") CtfMode ctf,
        @Help("Constant SNR of the Wiener term; 0 = estimate it per shell from the half sets' FSC.")
        @DefaultFrom @Min(0) @Cli("--wiener-snr") double wienerSnr,
        @Help("Multiplies the estimated SNR of the automatic Wiener term (RELION's tau2_fudge).")
        @DefaultFrom @Min(1e-6) @Cli("--snr-scale") double snrScale,
        @Help("How dose/tilt weights enter: weighted mean (data and normalisation) or the original's attenuation (data only).")
        @Default("weighted-mean") @Cli("--weighting") WeightingMode weighting,
        @Help("Do not invert the image sign (the original inverts by default; tomoDRGN's test data need this flag).")
        @Cli("--uninvert-data") boolean uninvertData,
        @Help("Mirror the maps in z (flip the hand).") @Cli("--flip") boolean flip,
        @Help("Oversampling of the Fourier volume (1 = none as the original, 2 = RELION's; 2 gives a higher "
                + "correlation on large, strong data sets, 1 a better FSC on small ones).")
        @DefaultFrom @Min(1) @Max(4) @Cli("--padding") int padding,
        @Help("With padding > 1, zero-pad each image to the padded size before its transform (else its spectrum is interpolated).")
        @DefaultFrom @Cli("--pad-images") boolean padImages,
        @Help("Divide the maps by the transform of the trilinear interpolation kernel.")
        @Cli("--gridding-correction") boolean griddingCorrection,
        @Help("Floor of the normalisation weight in the none and phase-flip modes (RELION divides by max(W, 1)).")
        @DefaultFrom @Min(0) @Cli("--min-weight") double minWeight,
        @Help("Seed of the split of the particles into half sets.") @DefaultFrom @Cli("--seed") long seed) {
}

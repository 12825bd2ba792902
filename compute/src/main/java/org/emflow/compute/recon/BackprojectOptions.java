package org.emflow.compute.recon;

/**
 * Every setting of {@link Backprojector}. Start from {@link #defaults()} and change fields with the
 * {@code with…} methods.
 *
 * @param ctfMode            CTF correction
 * @param wienerSnr          0 (default): the Wiener term σ²/S is estimated per Fourier shell from the half sets' FSC;
 *                           otherwise a constant SNR, 1/snr being added to the summed CTF² weights
 * @param doseWeight         apply Grant &amp; Grigorieff dose weights
 * @param tiltWeight         apply cos(tilt) weights
 * @param weighting          weighted mean (default) or the original's attenuation
 * @param invertSign         multiply the images by −1 first (default true, like the original)
 * @param flipZ              mirror the output maps in z about the origin (hand flip)
 * @param padding            oversampling of the Fourier volume (1 = none, the default; 2 = RELION's default). Without
 *                           iterative gridding the sparser sampling of padding 2 lowered the FSC against the truth
 *                           on the shared data (specs: quality table in the report)
 * @param griddingCorrection divide the maps by the transform of the trilinear kernel
 * @param minWeight          floor of the normalisation weight of the non-Wiener modes (RELION divides by max(W, 1))
 * @param seed               seed of the particle split into half sets
 * @param threads            worker threads (≥ 1)
 * @param padImages          with padding > 1, zero-pad each image to the padded size before transforming, so its
 *                           slice samples are as dense as the oversampled grid (padding² more work per image; the
 *                           most accurate setting on strong data). Off: RELION's way, image-size spectra inserted
 *                           at padding × their frequency
 * @param snrScale           multiplies the estimated SNR of the automatic Wiener term (RELION's --tau2_fudge, default 1)
 */
public record BackprojectOptions(CtfMode ctfMode, double wienerSnr, boolean doseWeight, boolean tiltWeight,
                                 WeightingMode weighting, boolean invertSign, boolean flipZ, int padding,
                                 boolean griddingCorrection, double minWeight, long seed, int threads, double snrScale,
                                 boolean padImages) {

    public BackprojectOptions {
        if (ctfMode == null || weighting == null) {
            throw new IllegalArgumentException("ctfMode and weighting must be set");
        }
        if (!(wienerSnr >= 0) || Double.isInfinite(wienerSnr)) {
            throw new IllegalArgumentException("Wiener SNR must be a positive number, or 0 for automatic: " + wienerSnr);
        }
        if (padding < 1 || padding > 4) {
            throw new IllegalArgumentException("padding must be 1..4: " + padding);
        }
        if (!(minWeight >= 0)) {
            throw new IllegalArgumentException("minimum weight must be >= 0: " + minWeight);
        }
        if (!(snrScale > 0) || Double.isInfinite(snrScale)) {
            throw new IllegalArgumentException("SNR scale must be a positive number: " + snrScale);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
    }

    /**
     * Wiener CTF correction with the SNR estimated per shell from the half sets, dose and tilt weights as a
     * weighted mean, sign inversion, no padding, no gridding correction (it amplified the noise in the box
     * corners and lowered r against the truth on the shared data), seed 1, all cores.
     */
    public static BackprojectOptions defaults() {
        return new BackprojectOptions(CtfMode.WIENER, 0.0, true, true, WeightingMode.WEIGHTED_MEAN, true, false, 1,
                false, 1.0, 1L, Runtime.getRuntime().availableProcessors(), 1.0, false);
    }

    /** The original tomoDRGN program's choices (phase flip, no weights, no padding, no gridding correction). */
    public static BackprojectOptions original() {
        return defaults().withCtfMode(CtfMode.PHASE_FLIP).withDoseWeight(false).withTiltWeight(false)
                .withWeighting(WeightingMode.ORIGINAL_ATTENUATION).withPadding(1).withGriddingCorrection(false);
    }

    public BackprojectOptions withCtfMode(CtfMode v) { return new BackprojectOptions(v, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads, snrScale, padImages); }
    public BackprojectOptions withWienerSnr(double v) { return new BackprojectOptions(ctfMode, v, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads, snrScale, padImages); }
    public BackprojectOptions withDoseWeight(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, v, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads, snrScale, padImages); }
    public BackprojectOptions withTiltWeight(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, v, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads, snrScale, padImages); }
    public BackprojectOptions withWeighting(WeightingMode v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, v, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads, snrScale, padImages); }
    public BackprojectOptions withInvertSign(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, v, flipZ, padding, griddingCorrection, minWeight, seed, threads, snrScale, padImages); }
    public BackprojectOptions withFlipZ(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, v, padding, griddingCorrection, minWeight, seed, threads, snrScale, padImages); }
    public BackprojectOptions withPadding(int v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, v, griddingCorrection, minWeight, seed, threads, snrScale, padImages); }
    public BackprojectOptions withGriddingCorrection(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, v, minWeight, seed, threads, snrScale, padImages); }
    public BackprojectOptions withMinWeight(double v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, v, seed, threads, snrScale, padImages); }
    public BackprojectOptions withSeed(long v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, v, threads, snrScale, padImages); }
    public BackprojectOptions withThreads(int v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, v, snrScale, padImages); }
    public BackprojectOptions withSnrScale(double v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads, v, padImages); }
    public BackprojectOptions withPadImages(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads, snrScale, v); }
}

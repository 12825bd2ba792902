package org.emflow.compute.recon;

/**
 * Every setting of {@link Backprojector}. Start from {@link #defaults()} and change fields with the
 * {@code with…} methods.
 *
 * @param ctfMode            CTF correction
 * @param wienerSnr          the signal-to-noise ratio of the Wiener filter: 1/snr is added to the summed CTF² weights
 * @param doseWeight         apply Grant &amp; Grigorieff dose weights
 * @param tiltWeight         apply cos(tilt) weights
 * @param weighting          weighted mean (default) or the original's attenuation
 * @param invertSign         multiply the images by −1 first (default true, like the original)
 * @param flipZ              mirror the output maps in z about the origin (hand flip)
 * @param padding            oversampling of the Fourier volume (1 = none, 2 = RELION's default)
 * @param griddingCorrection divide the maps by the transform of the trilinear kernel
 * @param minWeight          floor of the normalisation weight of the non-Wiener modes (RELION divides by max(W, 1))
 * @param seed               seed of the particle split into half sets
 * @param threads            worker threads (≥ 1)
 */
public record BackprojectOptions(CtfMode ctfMode, double wienerSnr, boolean doseWeight, boolean tiltWeight,
                                 WeightingMode weighting, boolean invertSign, boolean flipZ, int padding,
                                 boolean griddingCorrection, double minWeight, long seed, int threads) {

    public BackprojectOptions {
        if (ctfMode == null || weighting == null) {
            throw new IllegalArgumentException("ctfMode and weighting must be set");
        }
        if (!(wienerSnr > 0) || Double.isInfinite(wienerSnr)) {
            throw new IllegalArgumentException("Wiener SNR must be a positive number: " + wienerSnr);
        }
        if (padding < 1 || padding > 4) {
            throw new IllegalArgumentException("padding must be 1..4: " + padding);
        }
        if (!(minWeight >= 0)) {
            throw new IllegalArgumentException("minimum weight must be >= 0: " + minWeight);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
    }

    /** Wiener CTF correction (SNR 1), dose and tilt weights as a weighted mean, sign inversion, padding 2, gridding correction, seed 1, all cores. */
    public static BackprojectOptions defaults() {
        return new BackprojectOptions(CtfMode.WIENER, 1.0, true, true, WeightingMode.WEIGHTED_MEAN, true, false, 2,
                true, 1.0, 1L, Runtime.getRuntime().availableProcessors());
    }

    /** The original tomoDRGN program's choices (phase flip, no weights, no padding, no gridding correction). */
    public static BackprojectOptions original() {
        return defaults().withCtfMode(CtfMode.PHASE_FLIP).withDoseWeight(false).withTiltWeight(false)
                .withWeighting(WeightingMode.ORIGINAL_ATTENUATION).withPadding(1).withGriddingCorrection(false);
    }

    public BackprojectOptions withCtfMode(CtfMode v) { return new BackprojectOptions(v, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads); }
    public BackprojectOptions withWienerSnr(double v) { return new BackprojectOptions(ctfMode, v, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads); }
    public BackprojectOptions withDoseWeight(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, v, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads); }
    public BackprojectOptions withTiltWeight(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, v, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads); }
    public BackprojectOptions withWeighting(WeightingMode v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, v, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, threads); }
    public BackprojectOptions withInvertSign(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, v, flipZ, padding, griddingCorrection, minWeight, seed, threads); }
    public BackprojectOptions withFlipZ(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, v, padding, griddingCorrection, minWeight, seed, threads); }
    public BackprojectOptions withPadding(int v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, v, griddingCorrection, minWeight, seed, threads); }
    public BackprojectOptions withGriddingCorrection(boolean v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, v, minWeight, seed, threads); }
    public BackprojectOptions withMinWeight(double v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, v, seed, threads); }
    public BackprojectOptions withSeed(long v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, v, threads); }
    public BackprojectOptions withThreads(int v) { return new BackprojectOptions(ctfMode, wienerSnr, doseWeight, tiltWeight, weighting, invertSign, flipZ, padding, griddingCorrection, minWeight, seed, v); }
}

package org.emflow.compute.variability;

/**
 * Every setting of {@link Variability}; start from {@link #defaults()}.
 *
 * @param method           how the 3-D variance is estimated
 * @param imagesPerGroup   group size of the GROUPS method, the centre included (SPARX --img_per_grp)
 * @param symmetry         point group, SPARX's convention for the axes (c1, c4, d2, ...)
 * @param ctf              CTF-aware 2-D statistics (GROUPS) or Wiener reconstructions (BOOTSTRAP)
 * @param lowPass          tanh low-pass cut-off fl in cycles per decimated pixel, 0 = none (--fl)
 * @param falloff          tanh fall-off aa (--aa); must be > 0 when fl > 0
 * @param decimate         Fourier-truncation factor in (0, 1] (--decimate)
 * @param window           central crop in pixels before decimation, 0 = none (--window)
 * @param padding          oversampling of the reconstructions, 1..4 (--npad)
 * @param normalise        normalise each image by its background outside radius nx/2 − 2 (off: --no_norm)
 * @param varianceInput    the images already are 2-D variance maps: only reconstruct them into var3D (--VAR)
 * @param keep2D           return the 2-D group averages and variances (they take 2·N·nx² floats)
 * @param bootstrapVolumes reconstructions from resampled particles (BOOTSTRAP)
 * @param seed             seed of the resampling
 * @param threads          worker threads when the caller has no shared pool
 */
public record VariabilityOptions(Method method, int imagesPerGroup, String symmetry, boolean ctf, double lowPass,
                                 double falloff, double decimate, int window, int padding, boolean normalise,
                                 boolean varianceInput, boolean keep2D, int bootstrapVolumes, long seed, int threads) {

    /** The two estimators. */
    public enum Method {
        /** SPARX's: 2-D variances within angular neighbourhoods, reconstructed like projections. */
        GROUPS,
        /** Penczek's bootstrap: the voxel variance of reconstructions from particles resampled with replacement. */
        BOOTSTRAP
    }

    public VariabilityOptions {
        if (method == null || symmetry == null) {
            throw new IllegalArgumentException("method and symmetry must be set");
        }
        if (imagesPerGroup < 2) {
            throw new IllegalArgumentException("img_per_grp must be at least 2: " + imagesPerGroup);
        }
        if (!(decimate > 0 && decimate <= 1)) {
            throw new IllegalArgumentException("decimate must be in (0, 1]: " + decimate);
        }
        if (window < 0) {
            throw new IllegalArgumentException("window must be >= 0: " + window);
        }
        if (!(lowPass >= 0) || lowPass > 0.5) {
            throw new IllegalArgumentException("fl must be in [0, 0.5] cycles per pixel: " + lowPass);
        }
        if (lowPass > 0 && !(falloff > 0)) {
            throw new IllegalArgumentException("fl > 0 needs aa > 0: aa = " + falloff);
        }
        if (padding < 1 || padding > 4) {
            throw new IllegalArgumentException("npad must be 1..4: " + padding);
        }
        if (bootstrapVolumes < 2) {
            throw new IllegalArgumentException("bootstrap needs at least 2 volumes: " + bootstrapVolumes);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
    }

    /** SPARX HEAD's defaults (img_per_grp 100, decimate 0.25, npad 2, aa 0.02, normalised), 32 bootstrap volumes, all cores. */
    public static VariabilityOptions defaults() {
        return new VariabilityOptions(Method.GROUPS, 100, "c1", false, 0, 0.02, 0.25, 0, 2, true, false, false, 32, 1L,
                Runtime.getRuntime().availableProcessors());
    }

    public VariabilityOptions withMethod(Method v) { return new VariabilityOptions(v, imagesPerGroup, symmetry, ctf, lowPass, falloff, decimate, window, padding, normalise, varianceInput, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withImagesPerGroup(int v) { return new VariabilityOptions(method, v, symmetry, ctf, lowPass, falloff, decimate, window, padding, normalise, varianceInput, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withSymmetry(String v) { return new VariabilityOptions(method, imagesPerGroup, v, ctf, lowPass, falloff, decimate, window, padding, normalise, varianceInput, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withCtf(boolean v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, v, lowPass, falloff, decimate, window, padding, normalise, varianceInput, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withLowPass(double fl, double aa) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, fl, aa, decimate, window, padding, normalise, varianceInput, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withDecimate(double v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, lowPass, falloff, v, window, padding, normalise, varianceInput, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withWindow(int v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, lowPass, falloff, decimate, v, padding, normalise, varianceInput, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withPadding(int v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, lowPass, falloff, decimate, window, v, normalise, varianceInput, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withNormalise(boolean v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, lowPass, falloff, decimate, window, padding, v, varianceInput, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withVarianceInput(boolean v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, lowPass, falloff, decimate, window, padding, normalise, v, keep2D, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withKeep2D(boolean v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, lowPass, falloff, decimate, window, padding, normalise, varianceInput, v, bootstrapVolumes, seed, threads); }
    public VariabilityOptions withBootstrapVolumes(int v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, lowPass, falloff, decimate, window, padding, normalise, varianceInput, keep2D, v, seed, threads); }
    public VariabilityOptions withSeed(long v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, lowPass, falloff, decimate, window, padding, normalise, varianceInput, keep2D, bootstrapVolumes, v, threads); }
    public VariabilityOptions withThreads(int v) { return new VariabilityOptions(method, imagesPerGroup, symmetry, ctf, lowPass, falloff, decimate, window, padding, normalise, varianceInput, keep2D, bootstrapVolumes, seed, v); }
}

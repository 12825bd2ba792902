package org.emflow.compute.align;

/**
 * Every setting of {@link LocalRefinement}, named after SPARX's sxlocal_ali3d flags.
 *
 * @param outerRadius  --ou: mask radius in pixels (2-D criterion and default 3-D mask); ≤ 0 means box/2 − 2
 * @param delta        --delta: angular step of the simplex, degrees
 * @param ts           --ts: shift bracket, pixels (0 keeps the shifts)
 * @param maxit        --maxit: refinement iterations (then one more reconstruction)
 * @param chunk        --chunk: fraction of the images aligned between reference updates (≤ 0 means 1)
 * @param center       --center: −1 average centring, 0 none, 1 phase centre of the reference
 * @param ctf          --CTF: CTF-modulated references and Wiener-corrected reconstructions
 * @param snr          --snr: the Wiener SNR of CTF reconstructions (0: estimated per shell from the half sets)
 * @param symmetry     --sym: SPARX point-group name (c1, cn, dn, tet, oct, icos)
 * @param seed         seed of the split into half sets by particle
 * @param threads      threads (when the caller has no shared pool)
 * @param coarse       SPARX's MPI tolerances for the simplex (ftol 1, xtol 0.01) instead of the serial ones (1e-4)
 * @param npad         --npad: oversampling of the reconstructions' Fourier volume (SPARX: "padding size for 3D reconstruction",
 *                     default 2, which the original overwrites with 2); the images are zero-padded alike, as SPARX's nn4
 *                     reconstructor pads them; 1 saves memory and makes noticeably worse references
 * @param converged    stop once this fraction of the images moved less than one pixel in an iteration
 *                     ({@link PixelError}; SPARX's MPI code computes this 95 % test and ignores it); 0 never stops early
 */
public record RefinementOptions(double outerRadius, double delta, double ts, int maxit, double chunk, int center, boolean ctf, double snr, String symmetry, long seed, int threads, boolean coarse, int npad, double converged) {
    /** sxlocal_ali3d's command-line defaults, and the 95 % convergence stop. */
    public static RefinementOptions defaults() {
        return new RefinementOptions(-1, 2.0, 2.0, 10, 1.0, 0, false, 1.0, "c1", 1, Runtime.getRuntime().availableProcessors(), false, 2, 0.95);
    }

    public int chunks() {
        return Math.max(1, (int) (1 / (chunk > 0 ? chunk : 1.0)));
    }

    public double radius(int box) {
        return outerRadius > 0 ? outerRadius : box / 2 - 2;
    }

    public RefinementOptions withOuterRadius(double v) { return new RefinementOptions(v, delta, ts, maxit, chunk, center, ctf, snr, symmetry, seed, threads, coarse, npad, converged); }
    public RefinementOptions withDelta(double v) { return new RefinementOptions(outerRadius, v, ts, maxit, chunk, center, ctf, snr, symmetry, seed, threads, coarse, npad, converged); }
    public RefinementOptions withTs(double v) { return new RefinementOptions(outerRadius, delta, v, maxit, chunk, center, ctf, snr, symmetry, seed, threads, coarse, npad, converged); }
    public RefinementOptions withMaxit(int v) { return new RefinementOptions(outerRadius, delta, ts, v, chunk, center, ctf, snr, symmetry, seed, threads, coarse, npad, converged); }
    public RefinementOptions withChunk(double v) { return new RefinementOptions(outerRadius, delta, ts, maxit, v, center, ctf, snr, symmetry, seed, threads, coarse, npad, converged); }
    public RefinementOptions withCenter(int v) { return new RefinementOptions(outerRadius, delta, ts, maxit, chunk, v, ctf, snr, symmetry, seed, threads, coarse, npad, converged); }
    public RefinementOptions withCtf(boolean v) { return new RefinementOptions(outerRadius, delta, ts, maxit, chunk, center, v, snr, symmetry, seed, threads, coarse, npad, converged); }
    public RefinementOptions withSnr(double v) { return new RefinementOptions(outerRadius, delta, ts, maxit, chunk, center, ctf, v, symmetry, seed, threads, coarse, npad, converged); }
    public RefinementOptions withSymmetry(String v) { return new RefinementOptions(outerRadius, delta, ts, maxit, chunk, center, ctf, snr, v, seed, threads, coarse, npad, converged); }
    public RefinementOptions withSeed(long v) { return new RefinementOptions(outerRadius, delta, ts, maxit, chunk, center, ctf, snr, symmetry, v, threads, coarse, npad, converged); }
    public RefinementOptions withThreads(int v) { return new RefinementOptions(outerRadius, delta, ts, maxit, chunk, center, ctf, snr, symmetry, seed, v, coarse, npad, converged); }
    public RefinementOptions withCoarse(boolean v) { return new RefinementOptions(outerRadius, delta, ts, maxit, chunk, center, ctf, snr, symmetry, seed, threads, v, npad, converged); }
    public RefinementOptions withNpad(int v) { return new RefinementOptions(outerRadius, delta, ts, maxit, chunk, center, ctf, snr, symmetry, seed, threads, coarse, v, converged); }
    public RefinementOptions withConverged(double v) { return new RefinementOptions(outerRadius, delta, ts, maxit, chunk, center, ctf, snr, symmetry, seed, threads, coarse, npad, v); }
}

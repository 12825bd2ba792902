package org.emflow.compute.fourier;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Inverse 2-D transforms (forward unnormalised, inverse with 1/(nx ny), spectra in FFT order) that skip work
 * their callers do not need (the focal series, the refinement's cross-correlation), built from JTransforms 1-D transforms: a 2-D transform is 1-D
 * transforms along y for every column followed by 1-D transforms along x for every row.
 * <ul>
 *   <li>{@link #inverseBandLimited}: the spectrum is zero outside |kx| &lt;= kMax (a wave limited by the
 *       objective aperture), so only those columns need the y pass;</li>
 *   <li>{@link #inverseRows}: only the output rows [y0, y0 + h) are needed (a reference-frame crop), so
 *       only those rows get the x pass.</li>
 * </ul>
 * Columns are processed {@link #BLOCK_COLUMNS} at a time through a contiguous buffer: one 64-byte cache line
 * of a row holds 8 complex floats, so the strided reads of a column block use whole lines.
 */
public final class PrunedFft {
    private PrunedFft() {
    }

    /** Columns copied to a contiguous buffer together for their 1-D transforms. */
    public static final int BLOCK_COLUMNS = 8;

    private static final class Plans {
        /** The few transform lengths a thread uses, searched linearly (no boxing of the length per call). */
        int[] sizes = new int[0];
        FloatFFT_1D[] fft = new FloatFFT_1D[0];
        float[] block = new float[0];

        FloatFFT_1D of(int n) {
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] == n) {
                    return fft[i];
                }
            }
            sizes = java.util.Arrays.copyOf(sizes, sizes.length + 1);
            fft = java.util.Arrays.copyOf(fft, fft.length + 1);
            sizes[sizes.length - 1] = n;
            fft[fft.length - 1] = new FloatFFT_1D(n);
            return fft[fft.length - 1];
        }

        float[] block(int len) {
            if (block.length < len) {
                block = new float[len];
            }
            return block;
        }
    }

    private static final ThreadLocal<Plans> PLANS = ThreadLocal.withInitial(Plans::new);

    /**
     * In-place inverse transform of a spectrum that is zero in every column with |freq(x)| &gt; kMax.
     * Equals {@link #full} (inverse) for such input.
     */
    public static void inverseBandLimited(float[] data, int nx, int ny, int kMax) {
        if (2 * kMax + 1 >= nx) {
            full(data, nx, ny, true);
            return;
        }
        Plans p = PLANS.get();
        // Columns 0..kMax and nx-kMax..nx-1.
        columnPass(data, nx, ny, 0, kMax + 1, p);
        columnPass(data, nx, ny, nx - kMax, nx, p);
        FloatFFT_1D row = p.of(nx);
        for (int y = 0; y < ny; y++) {
            row.complexInverse(data, 2 * y * nx, true);
        }
    }

    /**
     * {@link #inverseBandLimited} of which only the output rows [y0, y0 + h) are needed (the other rows
     * hold intermediate values).
     */
    public static void inverseBandLimitedRows(float[] data, int nx, int ny, int kMax, int y0, int h) {
        Plans p = PLANS.get();
        if (2 * kMax + 1 >= nx) {
            columnPass(data, nx, ny, 0, nx, p);
        } else {
            columnPass(data, nx, ny, 0, kMax + 1, p);
            columnPass(data, nx, ny, nx - kMax, nx, p);
        }
        FloatFFT_1D row = p.of(nx);
        for (int y = y0; y < y0 + h; y++) {
            row.complexInverse(data, 2 * y * nx, true);
        }
    }

    /**
     * Inverse transform of a full spectrum of which only rows [y0, y0 + h) are needed: afterwards those
     * rows of {@code data} hold the result; the other rows hold intermediate values.
     */
    public static void inverseRows(float[] data, int nx, int ny, int y0, int h) {
        Plans p = PLANS.get();
        columnPass(data, nx, ny, 0, nx, p);
        FloatFFT_1D row = p.of(nx);
        for (int y = y0; y < y0 + h; y++) {
            row.complexInverse(data, 2 * y * nx, true);
        }
    }

    /**
     * Full 2-D transform in place (forward unnormalised, inverse with 1/(nx ny)): 1-D transforms of every
     * row, then of every column. Used instead of JTransforms' 2-D class because it shares its compiled
     * code with the pruned transforms: in a run of a few seconds the JIT's work on one more large
     * transform method costs more CPU than the transforms themselves.
     */
    public static void full(float[] data, int nx, int ny, boolean inverse) {
        Plans p = PLANS.get();
        FloatFFT_1D row = p.of(nx);
        for (int y = 0; y < ny; y++) {
            if (inverse) {
                row.complexInverse(data, 2 * y * nx, true);
            } else {
                row.complexForward(data, 2 * y * nx);
            }
        }
        columnPass(data, nx, ny, 0, nx, p, inverse);
    }

    /**
     * Forward 2-D transform (unnormalised) of which only the columns in {@code cols} ({from0, to0, from1,
     * to1}, see {@link #apertureRanges}) are needed: every row is transformed, then only those columns.
     * The other columns hold intermediate values. Each column's values equal {@link #full}'s.
     */
    public static void forwardColumns(float[] data, int nx, int ny, int[] cols) {
        Plans p = PLANS.get();
        FloatFFT_1D row = p.of(nx);
        for (int y = 0; y < ny; y++) {
            row.complexForward(data, 2 * y * nx);
        }
        columnPass(data, nx, ny, cols[0], cols[1], p, false);
        columnPass(data, nx, ny, cols[2], cols[3], p, false);
    }

    /** Inverse 1-D transforms along y of the columns [x0, x1). */
    private static void columnPass(float[] data, int nx, int ny, int x0, int x1, Plans p) {
        columnPass(data, nx, ny, x0, x1, p, true);
    }

    /** 1-D transforms along y of the columns [x0, x1), inverse with 1/ny or forward. */
    private static void columnPass(float[] data, int nx, int ny, int x0, int x1, Plans p, boolean inverse) {
        FloatFFT_1D col = p.of(ny);
        float[] block = p.block(2 * BLOCK_COLUMNS * ny);
        for (int x = x0; x < x1; x += BLOCK_COLUMNS) {
            int w = Math.min(BLOCK_COLUMNS, x1 - x);
            copyColumns(data, nx, ny, x, w, block, true);
            for (int c = 0; c < w; c++) {
                if (inverse) {
                    col.complexInverse(block, c * 2 * ny, true);
                } else {
                    col.complexForward(block, c * 2 * ny);
                }
            }
            copyColumns(data, nx, ny, x, w, block, false);
        }
    }

    /**
     * Copies the w (at most BLOCK_COLUMNS) columns from x on between the image and the block (column c at c 2 ny),
     * into the block when {@code gather}. A separate method with one simple loop per column keeps the
     * JIT's speculation on the copy loops from failing (and the caller from being recompiled) as the
     * sizes change.
     */
    private static void copyColumns(float[] data, int nx, int ny, int x, int w, float[] block, boolean gather) {
        int stride = 2 * nx;
        for (int c = 0; c < w; c++) {
            int img = 2 * (x + c);
            int blk = c * 2 * ny;
            if (gather) {
                for (int y = 0; y < ny; y++, img += stride) {
                    block[blk + 2 * y] = data[img];
                    block[blk + 2 * y + 1] = data[img + 1];
                }
            } else {
                for (int y = 0; y < ny; y++, img += stride) {
                    data[img] = block[blk + 2 * y];
                    data[img + 1] = block[blk + 2 * y + 1];
                }
            }
        }
    }

    /**
     * The array indices of an axis of n pixels whose |frequency index| is at most kMax, as up to two
     * half-open ranges {from0, to0, from1, to1} (the second may be empty).
     */
    public static int[] apertureRanges(int kMax, int n) {
        if (2 * kMax + 1 >= n) {
            return new int[] {0, n, n, n};
        }
        return new int[] {0, kMax + 1, n - kMax, n};
    }

    /** Largest |kx| index inside an aperture of radius {@code limit} (1/nm) on an axis of n pixels of {@code sampling} nm. */
    public static int apertureIndex(double limit, int n, double sampling) {
        return (int) Math.floor(limit * n * sampling + 1e-9);
    }
}

package org.emflow.compute.geometry;

import org.emflow.compute.fourier.ColumnFft;
import org.jtransforms.fft.FloatFFT_1D;
import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.utils.CommonUtils;

/**
 * Centred 2-D Fourier transform of one real n×n image, zero-padded to N = n·padding (even), as a half
 * spectrum (the layout of {@link Conventions}): the real-space origin (pixel n/2) sits at N/2 of the
 * padded box and has phase 0, and an optional RELION origin offset is applied as a phase ramp.
 *
 * <p>Output layout: {@code re[row * (N/2) + kx]}, {@code im[...]}, kx = 0 … N/2 − 1 (x fastest),
 * row = ky + N/2 for ky = −N/2 … N/2 − 1. Coefficients with kx &lt; 0 are conj F(−k).
 *
 * <p>One instance per thread: it owns its work buffers (and never uses JTransforms' threads). For powers of
 * two, rows are transformed with JTransforms' 1-D {@code realForward} and the N/2 columns kx = 0 … N/2 − 1 all at
 * once with {@link ColumnFft}, which the JIT vectorises (box 128: 60 µs per image instead of 106 µs for
 * JTransforms' 2-D {@code realForward}); the Nyquist column kx = N/2 is not part of the output, so it is never
 * computed. For other sizes JTransforms' 2-D {@code realForwardFull} (plain interleaved complex).
 */
public final class CentredFft2 {
    private final int n;
    private final int big;
    private final int half;
    private final boolean pow2;
    /** Other sizes: the 2-D plan and its interleaved complex buffer. */
    private final FloatFFT_2D fft;
    private final float[] work;
    /** Powers of two: the row plan, one row, and the columns' planes (row r = ky mod N, lanes kx). */
    private final FloatFFT_1D rowFft;
    private final ColumnFft columnFft;
    private final float[] row;
    private final float[][] colRe, colIm;
    private final float[] cosX, sinX, cosY, sinY;

    public CentredFft2(int n, int padding) {
        if (n < 2) {
            throw new IllegalArgumentException("box size must be >= 2: " + n);
        }
        if (padding < 1) {
            throw new IllegalArgumentException("padding must be >= 1: " + padding);
        }
        this.n = n;
        this.big = paddedSize(n, padding);
        this.half = big / 2;
        this.pow2 = Integer.bitCount(big) == 1;
        this.fft = pow2 ? null : singleThreaded(big);
        this.work = pow2 ? null : new float[2 * big * big];
        this.rowFft = pow2 ? new FloatFFT_1D(big) : null;
        this.columnFft = pow2 ? new ColumnFft(big) : null;
        this.row = pow2 ? new float[big] : null;
        this.colRe = pow2 ? new float[big][half] : null;
        this.colIm = pow2 ? new float[big][half] : null;
        this.cosX = new float[half];
        this.sinX = new float[half];
        this.cosY = new float[big];
        this.sinY = new float[big];
    }

    /**
     * A plan that never spreads one transform over JTransforms' own threads: callers run one instance per
     * thread already, and JTransforms threads every transform of 256² or more, which then waits on its pool
     * (measured: 2 workers × 256² realForward, 310 µs per image with its threads, 205 µs without). JTransforms
     * decides in the constructor from a global threshold, so the threshold is raised for the construction
     * only (under a lock, so that concurrent constructions here restore it correctly).
     */
    public static FloatFFT_2D singleThreaded(int big) {
        synchronized (CentredFft2.class) {
            long old = CommonUtils.getThreadsBeginN_2D();
            CommonUtils.setThreadsBeginN_2D(Long.MAX_VALUE);
            try {
                return new FloatFFT_2D(big, big);
            } finally {
                CommonUtils.setThreadsBeginN_2D(old);
            }
        }
    }

    /** The padded transform size of an n-box: n·padding, rounded up to even (odd boxes are allowed). */
    public static int paddedSize(int n, int padding) {
        int big = n * padding;
        return big + (big & 1);
    }

    /** Width (number of kx values, N/2) of the half spectrum of an n-box transformed without padding. */
    public static int halfWidth(int n) {
        return paddedSize(n, 1) / 2;
    }

    /** Padded size N. */
    public int size() {
        return big;
    }

    /** Number of values in each output array: N · N/2. */
    public int outputLength() {
        return big * half;
    }

    /**
     * Transforms {@code image} (n×n, x fastest, multiplied by {@code scale}, e.g. −1 for sign inversion),
     * applying the RELION origin offset (pixels) so that the image content moves by +origin.
     */
    public void transform(float[] image, float scale, double originX, double originY, float[] re, float[] im) {
        int off = big / 2 - n / 2; // the image origin n/2 lands on N/2
        if (pow2) {
            rowsThenColumns(image, scale, off);
        } else {
            java.util.Arrays.fill(work, 0f); // padding and realForwardFull's second half
            for (int y = 0; y < n; y++) {
                int src = y * n;
                int dst = (y + off) * big + off;
                for (int x = 0; x < n; x++) {
                    work[dst + x] = image[src + x] * scale;
                }
            }
            fft.realForwardFull(work);
        }
        // Phase ramp = origin centring (-1)^(kx+ky) times the shift exp(-2 pi i k.origin/N), separable and
        // linear in k: powers of one step each way (in double, 1e-14 off after N steps) instead of 3N/2 sines.
        powers(Conventions.shiftPhase(1, 0, big, originX, originY) + Math.PI, 0, half, cosX, sinX);
        powers(Conventions.shiftPhase(0, 1, big, originX, originY) + Math.PI, -half, big, cosY, sinY);
        for (int row = 0; row < big; row++) {
            int ky = row - half;
            int r = ky < 0 ? ky + big : ky;
            int base = row * half;
            float cy = cosY[row], sy = sinY[row];
            if (pow2) {
                float[] gr = colRe[r], gi = colIm[r];
                for (int kx = 0; kx < half; kx++) {
                    float a = gr[kx];
                    float b = gi[kx];
                    float c = cosX[kx] * cy - sinX[kx] * sy;
                    float s = sinX[kx] * cy + cosX[kx] * sy;
                    re[base + kx] = a * c - b * s;
                    im[base + kx] = a * s + b * c;
                }
            } else {
                int src = 2 * r * big;
                for (int kx = 0; kx < half; kx++) {
                    float a = work[src + 2 * kx];
                    float b = work[src + 2 * kx + 1];
                    float c = cosX[kx] * cy - sinX[kx] * sy;
                    float s = sinX[kx] * cy + cosX[kx] * sy;
                    re[base + kx] = a * c - b * s;
                    im[base + kx] = a * s + b * c;
                }
            }
        }
    }

    /** cos, sin of (first + i)·step for i = 0 … count − 1, by repeated rotation. */
    private static void powers(double step, int first, int count, float[] cos, float[] sin) {
        double c = Math.cos(first * step), s = Math.sin(first * step);
        double dc = Math.cos(step), ds = Math.sin(step);
        for (int i = 0; i < count; i++) {
            cos[i] = (float) c;
            sin[i] = (float) s;
            double t = c * dc - s * ds;
            s = s * dc + c * ds;
            c = t;
        }
    }

    /**
     * Powers of two: each padded row's real transform (kx = 0 … N/2 − 1 of realForward's packing: Re, Im at 2kx,
     * 2kx + 1, and F(0) real at 0) into the column planes, then the column transforms; rows of padding are zero.
     */
    private void rowsThenColumns(float[] image, float scale, int off) {
        for (int y = 0; y < big; y++) {
            float[] gr = colRe[y], gi = colIm[y];
            int iy = y - off;
            if (iy < 0 || iy >= n) {
                java.util.Arrays.fill(gr, 0f);
                java.util.Arrays.fill(gi, 0f);
                continue;
            }
            if (big != n) {
                java.util.Arrays.fill(row, 0f);
            }
            int src = iy * n;
            for (int x = 0; x < n; x++) {
                row[off + x] = image[src + x] * scale;
            }
            rowFft.realForward(row);
            gr[0] = row[0];
            gi[0] = 0f;
            for (int kx = 1; kx < half; kx++) {
                gr[kx] = row[2 * kx];
                gi[kx] = row[2 * kx + 1];
            }
        }
        columnFft.forward(colRe, colIm, half);
    }
}

package org.emflow.compute.geometry;

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
 * <p>One instance per thread: it owns its work buffer (and never uses JTransforms' threads). For other sizes than powers of two it uses
 * JTransforms' {@code realForwardFull} (plain interleaved complex); for powers of two the faster
 * {@code realForward} packing
 * (see its Javadoc): for 0 &lt; kx &lt; N/2, row r holds Re, Im at 2kx, 2kx+1; the kx = 0 column of row
 * 0 &lt; r &lt; N/2 holds Re, Im at 0, 1, and rows r &gt; N/2 of that column hold the Nyquist column, so
 * kx = 0, ky &lt; 0 is taken as conj of ky &gt; 0.
 */
public final class CentredFft2 {
    private final int n;
    private final int big;
    private final int half;
    private final FloatFFT_2D fft;
    private final boolean pow2;
    private final float[] work;
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
        this.fft = singleThreaded(big);
        this.pow2 = Integer.bitCount(big) == 1;
        this.work = new float[pow2 ? big * big : 2 * big * big];
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
        if (big != n || !pow2) {
            java.util.Arrays.fill(work, 0f); // padding, or realForwardFull's second half
        }
        for (int y = 0; y < n; y++) {
            int src = y * n;
            int dst = (y + off) * big + off;
            for (int x = 0; x < n; x++) {
                work[dst + x] = image[src + x] * scale;
            }
        }
        if (pow2) {
            fft.realForward(work);
        } else {
            fft.realForwardFull(work); // JTransforms' packed realForward needs powers of two
        }
        // Phase ramp = origin centring (-1)^(kx+ky) times the shift exp(-2 pi i k.origin/N), separable.
        for (int kx = 0; kx < half; kx++) {
            double p = Conventions.shiftPhase(kx, 0, big, originX, originY) + Math.PI * kx;
            cosX[kx] = (float) Math.cos(p);
            sinX[kx] = (float) Math.sin(p);
        }
        for (int row = 0; row < big; row++) {
            int ky = row - half;
            double p = Conventions.shiftPhase(0, ky, big, originX, originY) + Math.PI * ky;
            cosY[row] = (float) Math.cos(p);
            sinY[row] = (float) Math.sin(p);
        }
        for (int row = 0; row < big; row++) {
            int ky = row - half;
            int r = ky < 0 ? ky + big : ky;
            int base = row * half;
            float cy = cosY[row], sy = sinY[row];
            int kx0 = 0;
            if (pow2) {
                // kx = 0 from the packed column (see the class comment); kx > 0 below.
                float a, b;
                if (ky == 0) {
                    a = work[0];
                    b = 0f;
                } else if (ky == -half) {
                    a = work[half * big];
                    b = 0f;
                } else if (ky > 0) {
                    a = work[ky * big];
                    b = work[ky * big + 1];
                } else {
                    a = work[-ky * big];
                    b = -work[-ky * big + 1];
                }
                float c = cosX[0] * cy - sinX[0] * sy;
                float s = sinX[0] * cy + cosX[0] * sy;
                re[base] = a * c - b * s;
                im[base] = a * s + b * c;
                kx0 = 1;
            }
            int src = pow2 ? r * big : 2 * r * big;
            for (int kx = kx0; kx < half; kx++) {
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

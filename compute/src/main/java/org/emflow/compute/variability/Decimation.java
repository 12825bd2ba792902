package org.emflow.compute.variability;

import org.emflow.compute.geometry.Conventions;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * Window and decimation of particle images (specs/sparx.md §B.2): a central crop of the n₀-box to {@code window}
 * pixels (0: none), then Fourier truncation to nx pixels, scaled so that pixel values (the mean) are kept. Shifts
 * and the pixel size scale with {@link #factor}. Unlike SPARX, nx is not rounded down to a product of 2, 3 and 5:
 * JTransforms transforms any size.
 *
 * <p>Not thread-safe (owns its transforms and buffers): one per thread.
 */
public final class Decimation {
    private final int n0;
    private final int window;
    private final int nx;
    private final FloatFFT_2D big;
    private final FloatFFT_2D small;
    private final float[] a;
    private final float[] b;

    /**
     * @param n0     the original box
     * @param window the central crop (0 or n0: none)
     * @param nx     the output box (≤ window)
     */
    public Decimation(int n0, int window, int nx) {
        int w = window == 0 ? n0 : window;
        if (w > n0 || w < 1) {
            throw new IllegalArgumentException("window " + window + " outside 1.." + n0);
        }
        if (nx < 2 || nx > w) {
            throw new IllegalArgumentException("decimated size " + nx + " outside 2.." + w);
        }
        this.n0 = n0;
        this.window = w;
        this.nx = nx;
        this.big = nx == w ? null : new FloatFFT_2D(w, w);
        this.small = nx == w ? null : new FloatFFT_2D(nx, nx);
        this.a = new float[2 * w * w];
        this.b = new float[2 * nx * nx];
    }

    /** The decimated box for an original box, a window (0: none) and a decimation factor in (0, 1]. */
    public static int size(int n0, int window, double decimate) {
        int w = window == 0 ? n0 : window;
        return decimate == 1 ? w : Math.max(2, (int) Math.round(w * decimate));
    }

    public int outputSize() {
        return nx;
    }

    /** Output pixels per input pixel (nx / window): multiply shifts by it, divide pixel sizes by it. */
    public double factor() {
        return (double) nx / window;
    }

    /** Writes the windowed, decimated {@code src} (n₀×n₀) into {@code dst} (nx×nx). */
    public void apply(float[] src, float[] dst) {
        int off = Conventions.origin(n0) - Conventions.origin(window);
        if (big == null) {
            for (int y = 0; y < nx; y++) {
                System.arraycopy(src, (y + off) * n0 + off, dst, y * nx, nx);
            }
            return;
        }
        int w = window;
        int cw = Conventions.origin(w);
        // roll the origin (pixel w/2) to index 0, so that the truncation is about it
        for (int y = 0; y < w; y++) {
            int ry = Math.floorMod(y - cw, w);
            for (int x = 0; x < w; x++) {
                int rx = Math.floorMod(x - cw, w);
                int o = 2 * (ry * w + rx);
                a[o] = src[(y + off) * n0 + x + off];
                a[o + 1] = 0f;
            }
        }
        big.complexForward(a);
        java.util.Arrays.fill(b, 0f);
        int h = nx / 2, top = (nx - 1) / 2;
        for (int ky = -h; ky <= top; ky++) {
            int sy = Math.floorMod(ky, w), dy = Math.floorMod(ky, nx);
            for (int kx = -h; kx <= top; kx++) {
                int s = 2 * (sy * w + Math.floorMod(kx, w)), d = 2 * (dy * nx + Math.floorMod(kx, nx));
                b[d] = a[s];
                b[d + 1] = a[s + 1];
            }
        }
        small.complexInverse(b, false);
        // forward sum over w², inverse sum over nx² without normalisation: divide by w² to keep pixel values
        float scale = 1f / ((float) w * w);
        int c = Conventions.origin(nx);
        for (int y = 0; y < nx; y++) {
            int ry = Math.floorMod(y - c, nx);
            for (int x = 0; x < nx; x++) {
                dst[y * nx + x] = b[2 * (ry * nx + Math.floorMod(x - c, nx))] * scale;
            }
        }
    }
}

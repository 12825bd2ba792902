package org.emflow.compute.fsrec;

import org.emflow.compute.fourier.PrunedFft;

/**
 * The one place where the focal-series code fixes its Fourier and shift conventions; every other
 * class of this package calls these methods instead of restating them.
 *
 * <ul>
 *   <li><b>Layout.</b> Complex images are interleaved (re, im) float pairs, x (column) fastest:
 *       element (x, y) at {@code 2 * (y * nx + x)}. Images are {@code ny} rows by {@code nx} columns;
 *       PyFSRec's {@code Dimensions=[d0, d1]} is [rows, columns] = [ny, nx], {@code Sampling=[s0, s1]}
 *       is [along rows index y, along columns index x].</li>
 *   <li><b>FFT.</b> JTransforms 1-D transforms ({@link PrunedFft}), numpy's convention: forward unnormalised,
 *       X(k) = sum_r x(r) exp(-2 pi i k.r / n); inverse with 1/(nx ny). Spectra are not centred:
 *       DC at index 0, frequency index of array index i is {@link #freq(int, int)} (numpy fftfreq order
 *       0..n/2-1, -n/2..-1 for even n).</li>
 *   <li><b>Shifts.</b> A displacement (dx, dy) in pixels (dx along columns/x, dy along rows/y) of an
 *       image's content relative to a reference means image(r) = reference(r - d). Shifting content
 *       by +d multiplies the spectrum by exp(-2 pi i (kx dx / nx + ky dy / ny)). PyFSRec's
 *       {@code _dxy.csv} stores this d; an image is corrected by shifting it by -d.</li>
 *   <li><b>Real images stay real.</b> On the Nyquist line of an even axis the shift factor is
 *       cos(pi d) instead of exp(i pi d): this is the Hermitian part of the ramp, so the shifted spectrum
 *       of a real image is exactly Hermitian and its inverse transform equals the real part of the plain
 *       ramp's result (what the original takes). Two Hermitian spectra can therefore share one inverse
 *       transform, X + iY, the real part giving x and the imaginary part y.</li>
 *   <li><b>Cross-correlation.</b> cc = IFFT(FFT(image) conj(FFT(reference))) peaks at +d when
 *       image(r) = reference(r - d).</li>
 * </ul>
 */
public final class FourierConvention {
    private FourierConvention() {
    }

    /** Signed frequency index of array index {@code i} on an axis of length {@code n} (numpy fftfreq * n). */
    public static int freq(int i, int n) {
        return i < (n + 1) / 2 ? i : i - n;
    }

    /** Array index of frequency -k, given the array index i of k. */
    public static int negIndex(int i, int n) {
        return i == 0 ? 0 : n - i;
    }

    /** In-place unnormalised forward transform of an interleaved complex image of ny rows and nx columns. */
    public static void forward(float[] data, int nx, int ny) {
        PrunedFft.full(data, nx, ny, false);
    }

    /** In-place inverse transform with the 1/(nx ny) factor. */
    public static void inverse(float[] data, int nx, int ny) {
        PrunedFft.full(data, nx, ny, true);
    }

    /**
     * Fills {@code ramp} (length 2n) with the 1-D shift factors for a content shift of {@code d} pixels
     * along an axis of length n: exp(-2 pi i k d / n), and cos(pi d) at the Nyquist index of an even axis.
     */
    public static void shiftFactors(double d, int n, float[] ramp) {
        for (int i = 0; i < n; i++) {
            int k = freq(i, n);
            if (n % 2 == 0 && i == n / 2) {
                ramp[2 * i] = (float) Math.cos(Math.PI * d);
                ramp[2 * i + 1] = 0f;
            } else {
                double phase = -2.0 * Math.PI * k * d / n;
                ramp[2 * i] = (float) Math.cos(phase);
                ramp[2 * i + 1] = (float) Math.sin(phase);
            }
        }
    }

    /**
     * out = in shifted by content displacement (dx, dy) (spectra, interleaved). {@code in} and
     * {@code out} may be the same array. {@code rx} (2 nx) and {@code ry} (2 ny) are work arrays.
     */
    public static void shiftSpectrum(float[] in, float[] out, int nx, int ny, double dx, double dy, float[] rx, float[] ry) {
        shiftFactors(dx, nx, rx);
        shiftFactors(dy, ny, ry);
        for (int y = 0; y < ny; y++) {
            float ryr = ry[2 * y];
            float ryi = ry[2 * y + 1];
            int row = 2 * y * nx;
            for (int x = 0; x < nx; x++) {
                float fr = rx[2 * x] * ryr - rx[2 * x + 1] * ryi;
                float fi = rx[2 * x] * ryi + rx[2 * x + 1] * ryr;
                int j = row + 2 * x;
                float a = in[j];
                float b = in[j + 1];
                out[j] = a * fr - b * fi;
                out[j + 1] = a * fi + b * fr;
            }
        }
    }

    /** Squared spatial frequency |g|^2 in 1/nm^2 of every pixel of the spectrum (x fastest). */
    public static float[] frequencySquared(int nx, int ny, double samplingXNm, double samplingYNm) {
        float[] g2 = new float[nx * ny];
        double dgx = 1.0 / (nx * samplingXNm);
        double dgy = 1.0 / (ny * samplingYNm);
        for (int y = 0; y < ny; y++) {
            double gy = freq(y, ny) * dgy;
            for (int x = 0; x < nx; x++) {
                double gx = freq(x, nx) * dgx;
                g2[y * nx + x] = (float) (gx * gx + gy * gy);
            }
        }
        return g2;
    }

    /**
     * Copies the real part (or the imaginary part when {@code imaginary}) of the rectangle
     * [x0, x0 + w) x [y0, y0 + h) of an interleaved image into {@code out} (w * h, x fastest).
     */
    public static void crop(float[] data, int nx, int x0, int y0, int w, int h, boolean imaginary, float[] out) {
        int off = imaginary ? 1 : 0;
        for (int y = 0; y < h; y++) {
            int src = 2 * ((y0 + y) * nx + x0) + off;
            int dst = y * w;
            for (int x = 0; x < w; x++) {
                out[dst + x] = data[src + 2 * x];
            }
        }
    }

    /**
     * Splits the transform Z of z = a + i b (a, b real) into the transforms of a and b:
     * A(k) = (Z(k) + conj Z(-k)) / 2, B(k) = (Z(k) - conj Z(-k)) / (2i). Either output may be null.
     */
    public static void splitPair(float[] z, int nx, int ny, float[] a, float[] b) {
        for (int y = 0; y < ny; y++) {
            int my = negIndex(y, ny);
            for (int x = 0; x < nx; x++) {
                int j = 2 * (y * nx + x);
                splitAt(z, j, 2 * (my * nx + negIndex(x, nx)), a, b, j);
            }
        }
    }

    /**
     * As {@link #splitPair(float[], int, int, float[], float[])} for the pixels {@code pixels} only
     * (indices y nx + x): element q of {@code a} and {@code b} (interleaved) is pixel {@code pixels[q]}.
     */
    static void splitPair(float[] z, int nx, int ny, int[] pixels, float[] a, float[] b) {
        for (int q = 0; q < pixels.length; q++) {
            int k = pixels[q];
            splitAt(z, 2 * k, 2 * (negIndex(k / nx, ny) * nx + negIndex(k % nx, nx)), a, b, 2 * q);
        }
    }

    /** A and B at the element z[j] (its mirror -k at z[m]) into a[o], b[o]; either may be null. */
    private static void splitAt(float[] z, int j, int m, float[] a, float[] b, int o) {
        float zr = z[j];
        float zi = z[j + 1];
        float cr = z[m];
        float ci = -z[m + 1];
        if (a != null) {
            a[o] = 0.5f * (zr + cr);
            a[o + 1] = 0.5f * (zi + ci);
        }
        if (b != null) {
            // (Z - conj Z(-k)) / (2i) = -i/2 (Z - C)
            b[o] = 0.5f * (zi - ci);
            b[o + 1] = -0.5f * (zr - cr);
        }
    }
}

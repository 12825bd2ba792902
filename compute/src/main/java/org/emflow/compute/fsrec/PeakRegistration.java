package org.emflow.compute.fsrec;

/**
 * Measures the displacement of one cropped real image relative to a reference crop of the same size
 * (spec pyfsrec.md sections 2.4 and 2.5): both crops are normalised to zero mean and unit standard
 * deviation, cross-correlated circularly (see {@link FourierConvention} for the sign), and the absolute
 * value of the correlation is searched either for its integer maximum or with the sub-pixel
 * centre-of-mass finder: integer maximum inside the (2k+1)^2 window around zero shift, then up to five
 * centroid steps over a disc of radius k, each re-centring the correlation by a Fourier shift, until the
 * step is shorter than the target precision. The centroid has no background subtraction, so it
 * under-estimates shifts by about 1 % (as in the original).
 *
 * <p>One instance holds work buffers for one crop size and is used by one thread at a time.
 */
public final class PeakRegistration {
    /** The original's hard-coded number of centroid evaluations. */
    public static final int MAX_CENTROID_STEPS = 5;

    private final int w;
    private final int h;
    private final float[] pair;
    private final float[] spec;
    private final float[] cc;
    private final float[] work;
    private final float[] rx;
    private final float[] ry;

    public PeakRegistration(int width, int height) {
        this.w = width;
        this.h = height;
        int n = width * height;
        pair = new float[2 * n];
        spec = new float[2 * n];
        cc = new float[n];
        work = new float[2 * n];
        rx = new float[2 * width];
        ry = new float[2 * height];
    }

    /**
     * Fills {@link #correlation()} with |cc| (FFT order, zero shift at index 0) of {@code image}
     * against {@code reference}, both w*h real crops (not modified).
     */
    public void correlate(float[] image, float[] reference) {
        int n = w * h;
        normaliseInto(image, 0);
        normaliseInto(reference, 1);
        FourierConvention.forward(pair, w, h);
        // pair = FFT(a + i b); A conj(B) from the split halves.
        FourierConvention.splitPair(pair, w, h, spec, work);
        for (int i = 0; i < n; i++) {
            float ar = spec[2 * i];
            float ai = spec[2 * i + 1];
            float br = work[2 * i];
            float bi = work[2 * i + 1];
            pair[2 * i] = ar * br + ai * bi;
            pair[2 * i + 1] = ai * br - ar * bi;
        }
        FourierConvention.inverse(pair, w, h);
        for (int i = 0; i < n; i++) {
            // The float parts squared and summed in double cannot overflow or lose precision, so the
            // plain root equals Math.hypot's result in float (hypot is many times slower).
            double re = pair[2 * i];
            double im = pair[2 * i + 1];
            cc[i] = (float) Math.sqrt(re * re + im * im);
        }
    }

    private void normaliseInto(float[] src, int slot) {
        int n = w * h;
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            s += src[i];
            s2 += (double) src[i] * src[i];
        }
        double mean = s / n;
        double var = s2 / n - mean * mean;
        double inv = var > 0 ? 1.0 / Math.sqrt(var) : 0.0;
        for (int i = 0; i < n; i++) {
            pair[2 * i + slot] = (float) ((src[i] - mean) * inv);
        }
        if (slot == 0) {
            for (int i = 0; i < n; i++) {
                pair[2 * i + 1] = 0f;
            }
        }
    }

    /** The last correlation magnitude, w*h, FFT order (not a copy). */
    public float[] correlation() {
        return cc;
    }

    /** Integer location of the global maximum of the last correlation: {dx, dy} (signed). */
    public void integerPeak(double[] out) {
        int best = 0;
        for (int i = 1; i < cc.length; i++) {
            if (cc[i] > cc[best]) {
                best = i;
            }
        }
        out[0] = FourierConvention.freq(best % w, w);
        out[1] = FourierConvention.freq(best / w, h);
    }

    /**
     * Sub-pixel centre-of-mass peak of the last correlation: {dx, dy}.
     *
     * @param k window and disc radius in pixels (Comkernel)
     * @param precision stop when a centroid step is shorter than this (pixels)
     */
    public void centroidPeak(int k, double precision, double[] out) {
        int best = windowMax(k);
        int ix = best % (2 * k + 1) - k;
        int iy = best / (2 * k + 1) - k;
        double ex = ix;
        double ey = iy;
        double[] c = new double[2];
        for (int step = 0; step < MAX_CENTROID_STEPS; step++) {
            if (step == 0) {
                rollWindow(k, ix, iy);
            } else {
                if (step == 1) {
                    correlationSpectrum();
                }
                // Move the current estimate to the origin: shift content by -estimate.
                FourierConvention.shiftSpectrum(spec, work, w, h, -ex, -ey, rx, ry);
                FourierConvention.inverse(work, w, h);
            }
            if (!centroid(k, c)) {
                break;
            }
            ex += c[0];
            ey += c[1];
            if (Math.hypot(c[0], c[1]) < precision) {
                break;
            }
        }
        out[0] = ex;
        out[1] = ey;
    }

    /** Position of the maximum in the (2k+1)^2 window around zero shift, as (sy + k)(2k + 1) + (sx + k). */
    private int windowMax(int k) {
        int best = k * (2 * k + 1) + k;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int sy = -k; sy <= k; sy++) {
            for (int sx = -k; sx <= k; sx++) {
                float v = cc[idx(sx, sy)];
                if (v > bestValue) {
                    bestValue = v;
                    best = (sy + k) * (2 * k + 1) + (sx + k);
                }
            }
        }
        return best;
    }

    /** Re-centring on the integer maximum is a plain roll of the window: no transform needed. */
    private void rollWindow(int k, int ix, int iy) {
        for (int sy = -k; sy <= k; sy++) {
            for (int sx = -k; sx <= k; sx++) {
                work[2 * idx(sx, sy)] = cc[idx(sx + ix, sy + iy)];
            }
        }
    }

    /** spec = FFT of the correlation magnitude. */
    private void correlationSpectrum() {
        int n = w * h;
        for (int i = 0; i < n; i++) {
            spec[2 * i] = cc[i];
            spec[2 * i + 1] = 0f;
        }
        FourierConvention.forward(spec, w, h);
    }

    /**
     * Centroid {cx, cy} of the real parts of {@code work} over the disc of radius k around zero shift;
     * false when the values sum to zero.
     */
    private boolean centroid(int k, double[] c) {
        int k2 = k * k;
        double sv = 0;
        double sxv = 0;
        double syv = 0;
        for (int sy = -k; sy <= k; sy++) {
            for (int sx = -k; sx <= k; sx++) {
                if (sx * sx + sy * sy <= k2) {
                    double v = work[2 * idx(sx, sy)];
                    sv += v;
                    sxv += v * sx;
                    syv += v * sy;
                }
            }
        }
        if (sv == 0) {
            return false;
        }
        c[0] = sxv / sv;
        c[1] = syv / sv;
        return true;
    }

    private int idx(int sx, int sy) {
        int x = Math.floorMod(sx, w);
        int y = Math.floorMod(sy, h);
        return y * w + x;
    }
}

package org.emflow.compute.recon;

import org.emflow.compute.geometry.Conventions;

/**
 * Sums of inserted central slices in a half Fourier volume (kx ≥ 0) of padded size N: weighted data
 * (complex) and weights, with trilinear scatter so every sample's full interpolation weight is kept
 * (the original drops 7–10 %, specs/tomodrgn-backproject.md §5.3). Layout: index ((z·N + y)·N/2 + x) for
 * x = kx ∈ [0, N/2), y = ky + N/2, z = kz + N/2; samples are limited to |k| ≤ N/2 − 1 so every corner is
 * inside. A sample with kx &lt; 0 is inserted as its Friedel mate conj F(−k).
 *
 * <p>Thread safety: {@link #insert} touches only the z range it is given, so threads that own disjoint z
 * slabs may insert the same images concurrently; every voxel then receives its samples in image order,
 * which makes the sums bit-identical whatever the thread count.
 */
public final class FourierAccumulator {
    final int size;
    final int hx;
    final float[] re;
    final float[] im;
    final float[] w;
    /** Σ (interpolation weight × data factor)², the noise variance of the data sum in units of σ²; null when not kept. */
    final float[] q;

    public FourierAccumulator(int paddedSize) {
        this(paddedSize, false);
    }

    /** With {@code keepNoiseWeights}, also sums the squared sample weights needed by the automatic Wiener term. */
    public FourierAccumulator(int paddedSize, boolean keepNoiseWeights) {
        this.size = paddedSize;
        this.hx = paddedSize / 2;
        int n = Math.multiplyExact(Math.multiplyExact(paddedSize, paddedSize), hx);
        this.re = new float[n];
        this.im = new float[n];
        this.w = new float[n];
        this.q = keepNoiseWeights ? new float[n] : null;
    }

    /**
     * Inserts one slice: sample i at 2-D frequency (kx[i], ky[i]) of the image with value (dRe, dIm) and
     * weight dW, at padded 3-D position scale·A^T·(kx, ky, 0) (scale = padded size / image transform size), touching only voxels with z index in
     * [zLo, zHi). The caller keeps scale·|k| ≤ N/2 − 1.
     */
    public void insert(double[] a, double scale, short[] kx, short[] ky, int count, float[] dRe, float[] dIm, float[] dW,
                       float[] dQ, int zLo, int zHi) {
        final float[] q = this.q;
        final int n = size;
        final int h = n / 2;
        final int plane = n * hx;
        final float a0 = (float) (scale * a[0]), a1 = (float) (scale * a[1]), a2 = (float) (scale * a[2]);
        final float a3 = (float) (scale * a[3]), a4 = (float) (scale * a[4]), a5 = (float) (scale * a[5]);
        for (int i = 0; i < count; i++) {
            float fx = kx[i], fy = ky[i];
            float px = fx * a0 + fy * a3;
            float pz = fx * a2 + fy * a5;
            float sign = 1f;
            if (px < 0) {
                px = -px;
                pz = -pz;
                sign = -1f;
            }
            int z0 = (int) Math.floor(pz);
            int zi = z0 + h;
            if (zi + 1 < zLo || zi >= zHi) {
                continue;
            }
            float py = sign * (fx * a1 + fy * a4);
            float vr = dRe[i], vi = sign * dIm[i], vw = dW[i], vq = q == null ? 0f : dQ[i];
            int x0 = (int) px; // px >= 0
            int y0 = (int) Math.floor(py);
            float tx = px - x0, ty = py - y0, tz = pz - z0;
            int yi = y0 + h;
            for (int c = 0; c < 2; c++) {
                int z = zi + c;
                if (z < zLo || z >= zHi) {
                    continue;
                }
                float wz = c == 0 ? 1f - tz : tz;
                for (int b = 0; b < 2; b++) {
                    if (yi + b >= n) {
                        continue; // only reachable through rounding at |k| = N/2 - 1, with weight ~0
                    }
                    float wzy = wz * (b == 0 ? 1f - ty : ty);
                    int row = z * plane + (yi + b) * hx + x0;
                    float w0 = wzy * (1f - tx);
                    float w1 = wzy * tx;
                    re[row] += w0 * vr;
                    im[row] += w0 * vi;
                    w[row] += w0 * vw;
                    if (q != null) {
                        q[row] += w0 * w0 * vq;
                    }
                    if (w1 != 0f && x0 + 1 < hx) {
                        re[row + 1] += w1 * vr;
                        im[row + 1] += w1 * vi;
                        w[row + 1] += w1 * vw;
                        if (q != null) {
                            q[row + 1] += w1 * w1 * vq;
                        }
                    }
                }
            }
        }
    }

    /**
     * Completes the kx = 0 plane with the Friedel mates of its samples: a sample near kx = 0 also
     * interpolates onto −k, which lies in the same plane.
     */
    public void symmetrise() {
        int n = size;
        int h = n / 2;
        int plane = n * hx;
        for (int z = 1; z < n; z++) {
            int zm = 2 * h - z;
            for (int y = 1; y < n; y++) {
                int ym = 2 * h - y;
                int i = z * plane + y * hx;
                int j = zm * plane + ym * hx;
                if (i < j) {
                    float r = re[i] + re[j];
                    float m = im[i] - im[j];
                    float ww = w[i] + w[j];
                    if (q != null) {
                        float qq = q[i] + q[j];
                        q[i] = qq;
                        q[j] = qq;
                    }
                    re[i] = r;
                    im[i] = m;
                    w[i] = ww;
                    re[j] = r;
                    im[j] = -m;
                    w[j] = ww;
                } else if (i == j) {
                    im[i] = 0f;
                }
            }
        }
    }

    /**
     * Normalises (data / weight) into the full complex spectrum of the padded volume, FFT order, origin
     * phase of {@link Conventions} removed: {@code out[2·((kz·N + ky)·N + kx)]} (indices mod N). The
     * sums of several accumulators (e.g. both halves) are combined before dividing.
     *
     * @param regulariser added to the weight (1/SNR for Wiener, 0 otherwise)
     * @param floor       the weight is at least this (after adding the regulariser)
     */
    public static void normalise(FourierAccumulator[] parts, double regulariser, double floor, float[] out) {
        normalise(parts, null, 1, regulariser, floor, out);
    }

    /**
     * As {@link #normalise(FourierAccumulator[], double, double, float[])} with a regulariser per Fourier
     * shell: {@code shellReg[round(|k| / padding)]} (shells of the unpadded box) is added to the weight,
     * or {@code regulariser} beyond the table.
     */
    public static void normalise(FourierAccumulator[] parts, double[] shellReg, double padding, double regulariser,
                                 double floor, float[] out) {
        FourierAccumulator p0 = parts[0];
        int n = p0.size;
        int h = n / 2;
        int hx = p0.hx;
        java.util.Arrays.fill(out, 0f);
        for (int z = 0; z < n; z++) {
            int kz = z - h;
            for (int y = 0; y < n; y++) {
                int ky = y - h;
                int base = (z * n + y) * hx;
                for (int x = 0; x < hx; x++) {
                    double sr = 0, si = 0, sw = 0, sq = 0;
                    for (FourierAccumulator p : parts) {
                        sr += p.re[base + x];
                        si += p.im[base + x];
                        sw += p.w[base + x];
                        if (p.q != null) {
                            sq += p.q[base + x];
                        }
                    }
                    if (sr == 0 && si == 0) {
                        continue;
                    }
                    double reg = regulariser;
                    if (shellReg != null) {
                        int sh = (int) Math.round(Math.sqrt((double) x * x + (double) ky * ky + (double) kz * kz) / padding);
                        if (sh < shellReg.length) {
                            reg = shellReg[sh];
                        }
                    }
                    double d;
                    if (shellReg != null && p0.q != null) {
                        // Wiener with the interpolation's true noise: D/W has variance σ²·Q/W², so
                        // F = (D/W) / (1 + Q·(σ²/S)/W²) = D·W / (W² + Q·σ²/S).
                        double den = sw * sw + sq * reg;
                        if (!(den > 0)) {
                            continue;
                        }
                        d = den / sw;
                    } else {
                        d = Math.max(sw + reg, floor);
                    }
                    if (!(d > 0)) {
                        continue;
                    }
                    // (-1)^(kx+ky+kz): the origin at N/2 (Conventions) in terms of the FFT's origin at 0.
                    double sgn = ((x + ky + kz) & 1) == 0 ? 1 : -1;
                    float vr = (float) (sgn * sr / d);
                    float vi = (float) (sgn * si / d);
                    int ix = x;
                    int iy = Math.floorMod(ky, n);
                    int iz = Math.floorMod(kz, n);
                    int o = 2 * ((iz * n + iy) * n + ix);
                    out[o] = vr;
                    out[o + 1] = vi;
                    if (x > 0) {
                        int jx = n - x;
                        int jy = Math.floorMod(-ky, n);
                        int jz = Math.floorMod(-kz, n);
                        int q = 2 * ((jz * n + jy) * n + jx);
                        out[q] = vr;
                        out[q + 1] = -vi;
                    }
                }
            }
        }
    }

    /**
     * Estimates, per Fourier shell of the unpadded box, the Wiener term σ²/S (noise variance of one unit
     * observation over the signal power) from the agreement of the two half sets. Each voxel's D/W is an
     * unbiased estimate with noise variance σ²·Q/W², i.e. worth n = W²/Q observations; with FSC the
     * correlation of the half estimates (voxels worth at least half an observation) and n̄ their mean
     * worth in the shell, SNR_half = FSC/(1 − FSC) = S·n̄/σ², so σ²/S = n̄·(1 − FSC)/FSC (the idea of
     * RELION's tau² estimate, Scheres 2012 J Struct Biol 180:519, eq. 15–17, with the interpolation
     * weights counted properly). FSC is clamped to [0.001, 0.999]; the SNR is multiplied by
     * {@code snrScale} (RELION's tau2_fudge). Needs accumulators built with noise weights.
     */
    public static double[] wienerRegulariser(FourierAccumulator a, FourierAccumulator b, double padding, double snrScale) {
        int n = a.size;
        int h = n / 2;
        int shells = (int) Math.floor(h / padding) + 1;
        double[] num = new double[shells], da = new double[shells], db = new double[shells], nsum = new double[shells];
        long[] cnt = new long[shells];
        for (int z = 0; z < n; z++) {
            int kz = z - h;
            for (int y = 0; y < n; y++) {
                int ky = y - h;
                int base = (z * n + y) * a.hx;
                for (int x = 0; x < a.hx; x++) {
                    int sh = (int) Math.round(Math.sqrt((double) x * x + (double) ky * ky + (double) kz * kz) / padding);
                    if (sh >= shells) {
                        continue;
                    }
                    int i = base + x;
                    double wa = a.w[i], wb = b.w[i];
                    if (!(wa > 0) || !(wb > 0) || !(a.q[i] > 0) || !(b.q[i] > 0)) {
                        continue;
                    }
                    double na = wa * wa / a.q[i], nb = wb * wb / b.q[i];
                    if (na < 0.5 || nb < 0.5) {
                        continue;
                    }
                    double ar = a.re[i] / wa, ai = a.im[i] / wa, br = b.re[i] / wb, bi = b.im[i] / wb;
                    num[sh] += ar * br + ai * bi;
                    da[sh] += ar * ar + ai * ai;
                    db[sh] += br * br + bi * bi;
                    nsum[sh] += 0.5 * (na + nb);
                    cnt[sh]++;
                }
            }
        }
        double[] reg = new double[shells];
        for (int s = 0; s < shells; s++) {
            double d = Math.sqrt(da[s] * db[s]);
            double fsc = d > 0 ? num[s] / d : 0;
            fsc = Math.max(0.001, Math.min(0.999, fsc));
            double meanN = cnt[s] > 0 ? nsum[s] / cnt[s] : 1;
            reg[s] = Math.max(meanN * (1 - fsc) / fsc / snrScale, 1e-6);
        }
        return reg;
    }
}

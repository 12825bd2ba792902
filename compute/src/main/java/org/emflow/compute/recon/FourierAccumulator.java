package org.emflow.compute.recon;

import org.emflow.compute.geometry.Conventions;

/**
 * Sums of inserted central slices in a half Fourier volume (kx ≥ 0) of padded size N: weighted data
 * (complex) and weights, with trilinear scatter so every sample's full interpolation weight is kept
 * (the original drops 7–10 %, specs/tomodrgn-backproject.md §5.3). Layout: voxel ((z·N + y)·N/2 + x) for
 * x = kx ∈ [0, N/2), y = ky + N/2, z = kz + N/2; samples are limited to |k| ≤ N/2 − 1 so every corner is
 * inside. A sample with kx &lt; 0 is inserted as its Friedel mate conj F(−k).
 *
 * <p>Thread safety: {@link #insert} touches only the z range it is given, and {@link #insertPacked} only
 * the slab its entries were packed for, so threads that own disjoint z slabs may insert the same images
 * concurrently; every voxel then receives its samples in image order,
 * which makes the sums bit-identical whatever the thread count.
 */
public final class FourierAccumulator {
    /** Floats per voxel: data re, data im, weight, squared weights (noise). */
    static final int STRIDE = 4;
    final int size;
    final int hx;
    /** Stored row length: hx plus one spare column, so the x + 1 corner never needs a bounds test. */
    final int rowLen;
    /** Interleaved per voxel (one cache line holds a voxel and its x neighbour): re, im, w, q. */
    final float[] v;
    /** Whether q (Σ (interpolation weight × data factor)², the data sum's noise in units of σ²) is summed. */
    final boolean keepNoise;

    public FourierAccumulator(int paddedSize) {
        this(paddedSize, false);
    }

    /** With {@code keepNoiseWeights}, also sums the squared sample weights needed by the automatic Wiener term. */
    public FourierAccumulator(int paddedSize, boolean keepNoiseWeights) {
        this.size = paddedSize;
        this.hx = paddedSize / 2;
        this.rowLen = hx + 1;
        long n = (long) paddedSize * paddedSize * rowLen * STRIDE;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("padded Fourier volume of " + paddedSize + "^3 exceeds a Java array; lower the padding");
        }
        this.v = new float[(int) n];
        this.keepNoise = keepNoiseWeights;
    }

    /**
     * Inserts one slice given by {@link #slicePositionsBySlab} (px ≥ 0, values already conjugated where mirrored):
     * sample i with value (dRe, dIm), weight dW and noise weight dQ, touching only voxels with z index in
     * [zLo, zHi). The caller keeps every |p| ≤ N/2 − 1. The back projector uses the faster
     * {@link #packBySlab} + {@link #insertPacked}, which gives the same sums.
     */
    public void insert(float[] px, float[] py, float[] pz, int count, float[] dRe, float[] dIm, float[] dW, float[] dQ,
                       int zLo, int zHi) {
        final float[] v = this.v;
        final boolean noise = keepNoise;
        final int n = size;
        final int h = n / 2;
        final int rowStep = rowLen * STRIDE;
        final int planeStep = n * rowStep;
        for (int i = 0; i < count; i++) {
            float z = pz[i];
            int z0 = (int) z;
            if (z < z0) {
                z0--; // floor for negative coordinates
            }
            int zi = z0 + h;
            if (zi + 1 < zLo || zi >= zHi) {
                continue;
            }
            float x = px[i], y = py[i];
            int x0 = (int) x; // x >= 0
            int y0 = (int) y;
            if (y < y0) {
                y0--;
            }
            float tx = x - x0, ty = y - y0, tz = z - z0;
            int yi = y0 + h;
            float vr = dRe[i], vi = dIm[i], vw = dW[i], vq = noise ? dQ[i] : 0f;
            boolean y1ok = yi + 1 < n; // false only through rounding at |k| = N/2 - 1, where the weight is ~0
            float ux = 1f - tx, uy = 1f - ty, uz = 1f - tz;
            int o = (zi * n + yi) * rowStep + x0 * STRIDE;
            if (zi >= zLo) {
                corners(v, o, uz * uy, ux, tx, vr, vi, vw, vq, noise);
                if (y1ok) {
                    corners(v, o + rowStep, uz * ty, ux, tx, vr, vi, vw, vq, noise);
                }
            }
            if (zi + 1 < zHi) {
                corners(v, o + planeStep, tz * uy, ux, tx, vr, vi, vw, vq, noise);
                if (y1ok) {
                    corners(v, o + planeStep + rowStep, tz * ty, ux, tx, vr, vi, vw, vq, noise);
                }
            }
        }
    }

    /** Floats per packed sample ({@link #packBySlab}): tx, ty, tz, data re, data im, weight, noise weight. */
    static final int PACKED = 7;

    /**
     * The rotated slice coordinates, the padded 3-D position scale·A^T·(kx, ky, 0) of each 2-D sample (mirrored to
     * its Friedel mate where x &lt; 0, {@code dIm} negated there), and the first half of {@link #packBySlab}, in one pass (the z of each sample is counted
     * while it is in a register): the positions, and for each z slab (slab s holds z indices [s·planes, (s+1)·planes),
     * {@code planes} a power of two) its number of entries, a sample whose corners straddle two slabs counting in
     * both; each sample's slabs go to {@code pairs} (count). Fills {@code counts} (slabs + 1, scratch for
     * {@link #packBySlab}) and returns the number of entries, so the caller can size the packed arrays.
     */
    public static int slicePositionsBySlab(double[] a, double scale, short[] kx, short[] ky, int count, float[] dIm,
                                           float[] px, float[] py, float[] pz, int size, int planes, int slabs, int[] counts,
                                           int[] pairs) {
        final float a0 = (float) (scale * a[0]), a1 = (float) (scale * a[1]), a2 = (float) (scale * a[2]);
        final float a3 = (float) (scale * a[3]), a4 = (float) (scale * a[4]), a5 = (float) (scale * a[5]);
        int h = size / 2;
        int shift = Integer.numberOfTrailingZeros(planes);
        java.util.Arrays.fill(counts, 0, slabs + 1, 0);
        int extra = 0;
        // Consecutive samples mostly share a slab: count runs in a register instead of incrementing
        // counts[a] in memory for every sample (a chain of dependent stores and loads).
        int run = 0;
        int current = 0;
        for (int i = 0; i < count; i++) {
            float fx = kx[i], fy = ky[i];
            float x = fx * a0 + fy * a3;
            float y = fx * a1 + fy * a4;
            float z = fx * a2 + fy * a5;
            if (x < 0) {
                // Friedel mate: F(-p) = conj F(p)
                x = -x;
                y = -y;
                z = -z;
                dIm[i] = -dIm[i];
            }
            px[i] = x;
            py[i] = y;
            pz[i] = z;
            int z0 = (int) z;
            if (z < z0) {
                z0--;
            }
            int zi = z0 + h;
            int sa = zi >> shift;
            int sb = Math.min(size - 1, zi + 1) >> shift;
            if (sa != current) {
                counts[current] += run;
                current = sa;
                run = 0;
            }
            run++;
            if (sb != sa) {
                counts[sb]++; // sb = sa + 1, never the slab whose run is in the register
                extra++;
            }
            pairs[i] = (sa << 16) | sb;
        }
        counts[current] += run;
        return count + extra;
    }

    /**
     * Packs the samples of one slice for {@link #insertPacked}, grouped by the z slabs they touch, after
     * {@link #slicePositionsBySlab} (same {@code counts} and {@code pairs}): afterwards entries {@code start[s] ..<
     * start[s + 1]} are, in sample order, the samples whose trilinear corners reach slab s (a sample
     * straddling two slabs is packed twice, each copy with the corners of its slab). Each entry is a code in
     * {@code codes} (voxel offset of the lower corner, which z corners to add, and whether the y + 1 corners
     * exist) and {@link #PACKED} floats in {@code packed} (fractional position and values), so that insertion
     * streams through contiguous memory instead of gathering from seven arrays. {@code codes} and
     * {@code packed} need room for the entries {@link #slicePositionsBySlab} returned ({@code packed} PACKED floats
     * each), {@code start} slabs + 1; {@code dQ} may be null when noise weights are not kept.
     */
    public static void packBySlab(float[] px, float[] py, float[] pz, int count, float[] dRe, float[] dIm, float[] dW,
                                  float[] dQ, int size, int slabs, int[] codes, float[] packed, int[] start, int[] counts,
                                  int[] pairs) {
        int h = size / 2;
        int row = h + 1;
        int plane = size * row;
        start[0] = 0;
        for (int s = 0; s < slabs; s++) {
            start[s + 1] = start[s] + counts[s];
            counts[s] = start[s];
        }
        // Second pass, in sample order (a counting sort, so each slab keeps the sample order).
        int current = 0;
        int cursor = counts[0];
        for (int i = 0; i < count; i++) {
            float x = px[i], y = py[i], z = pz[i];
            int x0 = (int) x; // x >= 0
            int y0 = (int) y;
            if (y < y0) {
                y0--;
            }
            int z0 = (int) z;
            if (z < z0) {
                z0--;
            }
            int yi = y0 + h;
            int zi = z0 + h;
            int o = (zi * plane + yi * row + x0) * STRIDE; // a multiple of STRIDE (4): the low two bits carry the z mode
            boolean y1ok = yi + 1 < size; // false only through rounding at |k| = N/2 - 1, where the weight is ~0
            boolean z1ok = zi + 1 < size; // likewise
            float tx = x - x0, ty = y - y0, tz = z - z0;
            float vr = dRe[i], vi = dIm[i], vw = dW[i], vq = dQ == null ? 0f : dQ[i];
            int ab = pairs[i];
            int a = ab >>> 16;
            int b = ab & 0xffff;
            if (a != current) {
                // The next free entry of the current slab lives in a register while samples stay in it.
                counts[current] = cursor;
                current = a;
                cursor = counts[a];
            }
            put(codes, packed, cursor++, code(o, b == a && z1ok ? Z_BOTH : Z_LOWER, y1ok), tx, ty, tz, vr, vi, vw, vq);
            if (b != a) {
                int e = counts[b]++; // b = a + 1, never the slab whose cursor is in the register
                put(codes, packed, e, code(o, Z_UPPER, y1ok), tx, ty, tz, vr, vi, vw, vq);
            }
        }
    }

    private static final int Z_BOTH = 0;
    private static final int Z_LOWER = 1;
    private static final int Z_UPPER = 2;

    /** Offset | z mode, bitwise complemented (negative) when the y + 1 corners are missing. */
    private static int code(int offset, int zMode, boolean y1ok) {
        int c = offset | zMode;
        return y1ok ? c : ~c;
    }

    private static void put(int[] codes, float[] packed, int e, int code, float tx, float ty, float tz, float vr, float vi,
                            float vw, float vq) {
        codes[e] = code;
        int p = e * PACKED;
        packed[p] = tx;
        packed[p + 1] = ty;
        packed[p + 2] = tz;
        packed[p + 3] = vr;
        packed[p + 4] = vi;
        packed[p + 5] = vw;
        packed[p + 6] = vq;
    }

    /**
     * Inserts the packed entries {@code from ..< to} of {@link #packBySlab} (one slab's group of one image):
     * the same products and sums, in the same order, as {@link #insert} restricted to that slab, so results
     * do not depend on which path inserted them.
     */
    public void insertPacked(int[] codes, float[] packed, int from, int to) {
        final float[] v = this.v;
        final boolean noise = keepNoise;
        final int rowStep = rowLen * STRIDE;
        final int planeStep = size * rowStep;
        for (int k = from; k < to; k++) {
            int c = codes[k];
            boolean y1ok = c >= 0;
            if (!y1ok) {
                c = ~c;
            }
            int zMode = c & 3;
            int o = c & ~3;
            int p = k * PACKED;
            float tx = packed[p], ty = packed[p + 1], tz = packed[p + 2];
            float vr = packed[p + 3], vi = packed[p + 4], vw = packed[p + 5], vq = packed[p + 6];
            float ux = 1f - tx, uy = 1f - ty, uz = 1f - tz;
            if (zMode != Z_UPPER) {
                corners(v, o, uz * uy, ux, tx, vr, vi, vw, vq, noise);
                if (y1ok) {
                    corners(v, o + rowStep, uz * ty, ux, tx, vr, vi, vw, vq, noise);
                }
            }
            if (zMode != Z_LOWER) {
                corners(v, o + planeStep, tz * uy, ux, tx, vr, vi, vw, vq, noise);
                if (y1ok) {
                    corners(v, o + planeStep + rowStep, tz * ty, ux, tx, vr, vi, vw, vq, noise);
                }
            }
        }
    }

    /**
     * Adds one sample to the voxel pair (x0, x0 + 1) of a row with weights wzy·(1 − tx) and wzy·tx (x0 + 1
     * may be the spare column, which is never read); the noise weight gets the squared weights.
     */
    private static void corners(float[] v, int o, float wzy, float ux, float tx, float vr, float vi, float vw, float vq,
                                boolean noise) {
        float a = wzy * ux;
        float b = wzy * tx;
        v[o] += a * vr;
        v[o + 1] += a * vi;
        v[o + 2] += a * vw;
        v[o + 4] += b * vr;
        v[o + 5] += b * vi;
        v[o + 6] += b * vw;
        if (noise) {
            v[o + 3] += a * a * vq;
            v[o + 7] += b * b * vq;
        }
    }

    /**
     * Writes the raw sums (every float of {@link #v}, before {@link #symmetrise}) little-endian to {@code out}, in
     * chunks through {@code buffer} (cleared and reused; a multiple of 4 bytes long), for
     * {@link #addFrom}: a part of a split reconstruction saves its sums this way.
     */
    void writeTo(java.nio.channels.WritableByteChannel out, java.nio.ByteBuffer buffer) throws java.io.IOException {
        buffer.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int chunk = buffer.capacity() / Float.BYTES;
        for (int off = 0; off < v.length; off += chunk) {
            int n = Math.min(chunk, v.length - off);
            buffer.clear();
            buffer.asFloatBuffer().put(v, off, n);
            buffer.limit(n * Float.BYTES);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }

    /**
     * Adds sums written by {@link #writeTo} (same padded size and layout) to these, voxel by voxel, reading them in
     * chunks through {@code buffer} and {@code scratch} (at least as many floats as the buffer holds), so that a merge
     * holds one running sum and one chunk, never a second volume. Adding to zero sums copies them exactly.
     *
     * @throws java.io.EOFException when {@code in} ends before all the floats were read
     */
    void addFrom(java.nio.channels.ReadableByteChannel in, java.nio.ByteBuffer buffer, float[] scratch) throws java.io.IOException {
        buffer.order(java.nio.ByteOrder.LITTLE_ENDIAN);
        final float[] v = this.v;
        int chunk = Math.min(buffer.capacity() / Float.BYTES, scratch.length);
        for (int off = 0; off < v.length; off += chunk) {
            int n = Math.min(chunk, v.length - off);
            buffer.clear();
            buffer.limit(n * Float.BYTES);
            while (buffer.hasRemaining()) {
                if (in.read(buffer) < 0) {
                    throw new java.io.EOFException("ended after " + ((long) off * Float.BYTES + buffer.position()) + " of "
                            + (long) v.length * Float.BYTES + " bytes of sums");
                }
            }
            buffer.flip();
            buffer.asFloatBuffer().get(scratch, 0, n);
            for (int i = 0; i < n; i++) {
                v[off + i] += scratch[i];
            }
        }
    }

    /** Bytes {@link #writeTo} writes for padded size {@code paddedSize}. */
    static long byteCount(int paddedSize) {
        return (long) paddedSize * paddedSize * (paddedSize / 2 + 1) * STRIDE * Float.BYTES;
    }

    /**
     * Completes the kx = 0 plane with the Friedel mates of its samples: a sample near kx = 0 also
     * interpolates onto −k, which lies in the same plane.
     */
    public void symmetrise() {
        int n = size;
        int h = n / 2;
        int plane = n * rowLen;
        for (int z = 1; z < n; z++) {
            int zm = 2 * h - z;
            for (int y = 1; y < n; y++) {
                int ym = 2 * h - y;
                int i = (z * plane + y * rowLen) * STRIDE;
                int j = (zm * plane + ym * rowLen) * STRIDE;
                if (i < j) {
                    float r = v[i] + v[j];
                    float m = v[i + 1] - v[j + 1];
                    float ww = v[i + 2] + v[j + 2];
                    float qq = v[i + 3] + v[j + 3];
                    v[i] = r;
                    v[i + 1] = m;
                    v[i + 2] = ww;
                    v[i + 3] = qq;
                    v[j] = r;
                    v[j + 1] = -m;
                    v[j + 2] = ww;
                    v[j + 3] = qq;
                } else if (i == j) {
                    v[i + 1] = 0f;
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
     * shell: {@code shellReg[round(|k| / padding)]} (shells of the unpadded box) is added to the weight;
     * beyond the table (past Nyquist) the last shell's value.
     */
    public static void normalise(FourierAccumulator[] parts, double[] shellReg, double padding, double regulariser,
                                 double floor, float[] out) {
        FourierAccumulator p0 = parts[0];
        int n = p0.size;
        int h = n / 2;
        int hx = p0.hx;
        int rowLen = p0.rowLen;
        java.util.Arrays.fill(out, 0f);
        for (int z = 0; z < n; z++) {
            int kz = z - h;
            for (int y = 0; y < n; y++) {
                int ky = y - h;
                int base = (z * n + y) * rowLen;
                for (int x = 0; x < hx; x++) {
                    double sr = 0, si = 0, sw = 0, sq = 0;
                    int o4 = (base + x) * STRIDE;
                    for (FourierAccumulator p : parts) {
                        sr += p.v[o4];
                        si += p.v[o4 + 1];
                        sw += p.v[o4 + 2];
                        sq += p.v[o4 + 3];
                    }
                    if (sr == 0 && si == 0) {
                        continue;
                    }
                    double reg = regulariser;
                    if (shellReg != null) {
                        // Beyond Nyquist (the corners of the cube, filled by the images' corners) the last
                        // shell's term applies: left unregularised they are pure noise divided by small weights.
                        int sh = (int) Math.round(Math.sqrt((double) x * x + (double) ky * ky + (double) kz * kz) / padding);
                        reg = shellReg[Math.min(sh, shellReg.length - 1)];
                    }
                    double d;
                    if (shellReg != null && p0.keepNoise) {
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
                int base = (z * n + y) * a.rowLen;
                for (int x = 0; x < a.hx; x++) {
                    int sh = (int) Math.round(Math.sqrt((double) x * x + (double) ky * ky + (double) kz * kz) / padding);
                    if (sh >= shells) {
                        continue;
                    }
                    int i = (base + x) * STRIDE;
                    double wa = a.v[i + 2], wb = b.v[i + 2], qa = a.v[i + 3], qb = b.v[i + 3];
                    if (!(wa > 0) || !(wb > 0) || !(qa > 0) || !(qb > 0)) {
                        continue;
                    }
                    double na = wa * wa / qa, nb = wb * wb / qb;
                    if (na < 0.5 || nb < 0.5) {
                        continue;
                    }
                    double ar = a.v[i] / wa, ai = a.v[i + 1] / wa, br = b.v[i] / wb, bi = b.v[i + 1] / wb;
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

package org.emflow.compute.recon;

import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.fourier.GriddingCorrection;
import org.emflow.compute.fourier.GriddingKernel;
import org.emflow.compute.fourier.PrunedFft;
import org.emflow.compute.fourier.SliceGeometry;
import org.emflow.compute.fourier.TrilinearKernel;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.image.Volume;
import org.jtransforms.fft.FloatFFT_2D;
import org.jtransforms.fft.FloatFFT_3D;

/**
 * Projections of a map by Fourier slice extraction (central-slice theorem, the inverse of
 * {@link Backprojector}; RELION's Projector): the map is gridding-pre-corrected for the
 * {@link GriddingKernel} (trilinear by default; SPARX's Kaiser-Bessel for the refinement), padded 2×,
 * transformed once; each projection samples the slice A^T·k with that kernel, applies the RELION origin
 * offset (the observed image is the centred one moved by −origin), an optional CTF and radial weight, and is
 * inverse transformed. All conventions are those of {@link Conventions}.
 *
 * <p>The spectrum is shared and read-only; each thread projects through its own {@link Slicer}.
 */
public final class Projector {
    /** The padding of the map before its transform, unless a caller asks for another. */
    public static final int DEFAULT_PAD = 2;
    private final int pad;
    private final int n;
    private final int big;
    // The complex N^3 spectrum (origin phase removed), centred and with a margin of its periodic continuation:
    // frequency c (|c| <= N/2 + margin per axis) at index c + N/2 + margin, so that sampling needs no wrap-around.
    private final float[] spectrum;
    private final int margin;
    private final int side; // N + 2·margin + 1
    private final GriddingKernel kernel;
    private final int taps; // non-zero kernel taps per axis: 2 (trilinear) or 6 (Kaiser-Bessel, support |x| < 3)
    private final double norm; // 1 / (integral of the kernel)^3: a flat spectrum samples to itself

    /** A trilinear projector (the simulator's, bit-identical to the back projector's insertion). */
    public Projector(Volume map) {
        this(map, TrilinearKernel.INSTANCE);
    }

    /** A projector that samples with {@code kernel} (and pre-corrects the map for it). */
    public Projector(Volume map, GriddingKernel kernel) {
        this(map, kernel, DEFAULT_PAD);
    }

    /**
     * A projector of the map padded {@code pad}× (finer sampling of its transform: less interpolation error, pad³
     * the memory).
     */
    public Projector(Volume map, GriddingKernel kernel, int pad) {
        if (!map.isCube()) {
            throw new IllegalArgumentException("projection needs a cubic map: " + map);
        }
        if (pad < 1) {
            throw new IllegalArgumentException("padding " + pad);
        }
        this.pad = pad;
        this.n = map.nx();
        this.big = Math.multiplyExact(pad, n);
        this.kernel = kernel;
        // A kernel of half width w is non-zero at the 2w integer points within (p - w, p + w) at most.
        this.taps = kernel == TrilinearKernel.INSTANCE ? 2 : 2 * (int) Math.ceil(kernel.halfWidth());
        this.margin = taps / 2;
        this.side = big + 2 * margin + 1;
        this.norm = kernel == TrilinearKernel.INSTANCE ? 1 : 1 / Math.pow(integral(kernel), 3);
        int off = big / 2 - n / 2;
        if (2L * side * side * side > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + n + "-box map padded " + pad + "x has " + big + "^3 complex values, more than "
                    + "one Java array holds: use a smaller padding");
        }
        float[] a = new float[2 * big * big * big];
        // pre-compensates the trilinear interpolation's attenuation
        double[] g = GriddingCorrection.factors(kernel, n, big);
        float[] v = map.data();
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int o = 2 * (((z + off) * big + y + off) * big + x + off);
                    a[o] = (float) (v[(z * n + y) * n + x] * g[x] * g[y] * g[z]);
                }
            }
        }
        new FloatFFT_3D(big, big, big).complexForward(a);
        for (int z = 0; z < big; z++) {
            for (int y = 0; y < big; y++) {
                for (int x = 0; x < big; x++) {
                    if (((x + y + z) & 1) == 1) { // (-1)^k: origin at N/2 (N even)
                        int o = 2 * ((z * big + y) * big + x);
                        a[o] = -a[o];
                        a[o + 1] = -a[o + 1];
                    }
                }
            }
        }
        this.spectrum = centred(a);
    }

    /** The FFT-ordered spectrum {@code a} laid out centred with its margin (see {@link #spectrum}). */
    private float[] centred(float[] a) {
        float[] c = new float[2 * side * side * side];
        int lo = -big / 2 - margin;
        for (int z = 0; z < side; z++) {
            int sz = Math.floorMod(z + lo, big);
            for (int y = 0; y < side; y++) {
                int sy = Math.floorMod(y + lo, big);
                int row = 2 * (z * side + y) * side;
                int srcRow = 2 * (sz * big + sy) * big;
                for (int x = 0; x < side; x++) {
                    int sx = 2 * Math.floorMod(x + lo, big);
                    c[row + 2 * x] = a[srcRow + sx];
                    c[row + 2 * x + 1] = a[srcRow + sx + 1];
                }
            }
        }
        return c;
    }

    public int box() {
        return n;
    }

    public GriddingKernel kernel() {
        return kernel;
    }

    /** ∫ w(x) dx by the midpoint rule: the mean over offsets of the sum of a kernel's integer taps. */
    private static double integral(GriddingKernel k) {
        int steps = 20000;
        double h = 2 * k.halfWidth() / steps, sum = 0;
        for (int i = 0; i < steps; i++) {
            sum += k.weight(-k.halfWidth() + (i + 0.5) * h);
        }
        return sum * h;
    }

    /** A per-thread projection workspace. */
    public Slicer newSlicer() {
        return new Slicer(Double.POSITIVE_INFINITY);
    }

    /**
     * A per-thread projection workspace that samples the transform only within {@code maxRadius} (in n-box
     * frequency pixels) and leaves the rest zero: for a map that is (up to a negligible gain) zero beyond it, such
     * as a low-passed reference, the same projection for less work.
     */
    public Slicer newSlicer(double maxRadius) {
        if (!(maxRadius > 0)) {
            throw new IllegalArgumentException("band limit " + maxRadius);
        }
        return new Slicer(maxRadius);
    }

    /** Projects one view; not thread-safe, one per thread. */
    public final class Slicer {
        private final float[] buf = new float[2 * n * n];
        private final FloatFFT_2D fft = new FloatFFT_2D(n, n);
        // The half plane kx >= 0 inside the radius n/2 (the rest follows by Friedel symmetry), with the
        // geometry the CTF needs, computed once.
        private final SliceGeometry slice;
        private final int count;
        private final short[] kxs;
        private final short[] kys;
        private final float[] k2;
        private final float[] s2;
        private final float[] ctfValues;
        private final double[] cosX = new double[n + 1], sinX = new double[n + 1], cosY = new double[n + 1], sinY = new double[n + 1];
        private final int bandColumns; // highest |kx| sampled (the inverse transform skips the zero columns beyond)

        Slicer(double maxRadius) {
            int h = n / 2;
            double limit = Math.min(h, maxRadius);
            double limit2 = limit * limit;
            bandColumns = (int) Math.min(h, Math.floor(limit));
            int top = (n - 1) / 2; // highest frequency index: h - 1 for even n, h for odd n
            slice = new SliceGeometry(top, -h, top, limit2);
            count = slice.count;
            kxs = slice.kx;
            kys = slice.ky;
            k2 = slice.k2;
            s2 = new float[count];
            ctfValues = new float[count];
        }

        /**
         * Writes the n×n projection along A(rot, tilt, psi) into {@code out}, moved by −origin (so that the
         * RELION origin offset re-centres it), multiplied by {@code ctf} (may be null) and by
         * {@code radialWeight[|k|]} (integer radius in n-box units; may be null) in Fourier space.
         */
        public void project(double rot, double tilt, double psi, double originX, double originY, Ctf ctf,
                            double pixelSize, float[] radialWeight, float[] out) {
            double[] m = Conventions.eulerMatrix(rot, tilt, psi);
            int h = n / 2;
            double ds = 1.0 / (n * pixelSize);
            java.util.Arrays.fill(buf, 0f);
            if (ctf != null) {
                slice.ctf(ctf, ds, s2, ctfValues);
            }
            // Move by -origin: multiply by exp(+2 pi i k.origin/n) = exp(-i shiftPhase), times exp(-2 pi i k (n/2)/n)
            // so that the inverse FFT puts the real-space origin at index n/2 ((-1)^k for even n); separable.
            int top = (n - 1) / 2;
            for (int k = -h; k <= top; k++) {
                double centre = -2 * Math.PI * k * Conventions.origin(n) / n;
                double px = -Conventions.shiftPhase(k, 0, n, originX, originY) + centre;
                double py = -Conventions.shiftPhase(0, k, n, originX, originY) + centre;
                cosX[k + h] = Math.cos(px);
                sinX[k + h] = Math.sin(px);
                cosY[k + h] = Math.cos(py);
                sinY[k + h] = Math.sin(py);
            }
            for (int i = 0; i < count; i++) {
                int kx = kxs[i], ky = kys[i];
                float[] c = sample(pad * (kx * m[0] + ky * m[3]), pad * (kx * m[1] + ky * m[4]), pad * (kx * m[2] + ky * m[5]));
                double re = c[0], im = c[1];
                double cs = cosX[kx + h] * cosY[ky + h] - sinX[kx + h] * sinY[ky + h];
                double sn = sinX[kx + h] * cosY[ky + h] + cosX[kx + h] * sinY[ky + h];
                double f = ctf != null ? ctfValues[i] : 1.0;
                if (radialWeight != null) {
                    int r = (int) Math.round(Math.sqrt(k2[i]));
                    f *= radialWeight[Math.min(r, radialWeight.length - 1)];
                }
                float vr = (float) (f * (re * cs - im * sn));
                float vi = (float) (f * (re * sn + im * cs));
                int o = 2 * ((ky < 0 ? ky + n : ky) * n + kx);
                buf[o] = vr;
                buf[o + 1] = vi;
                if (kx > 0) {
                    // Friedel mate: the projection is real
                    int q = 2 * ((ky > 0 ? n - ky : -ky) * n + (n - kx));
                    buf[q] = vr;
                    buf[q + 1] = -vi;
                }
            }
            if (bandColumns < h) {
                PrunedFft.inverseBandLimited(buf, n, n, bandColumns);
            } else {
                fft.complexInverse(buf, true);
            }
            // Sampling the padded map's transform at pad·k equals the n-box transform of the projection
            // at k (sums, no factor), so the scaled inverse returns the projection itself.
            for (int i = 0; i < n * n; i++) {
                out[i] = buf[2 * i];
            }
        }

        private final float[] tmp = new float[2];
        private final double[] wx = new double[taps], wy = new double[taps], wz = new double[taps];

        private float[] sample(double px, double py, double pz) {
            return taps == 2 ? sampleTrilinear(px, py, pz) : sampleKernel(px, py, pz);
        }

        private float[] sampleTrilinear(double px, double py, double pz) {
            int x0 = (int) Math.floor(px), y0 = (int) Math.floor(py), z0 = (int) Math.floor(pz);
            double tx = px - x0, ty = py - y0, tz = pz - z0;
            int shift = big / 2 + margin;
            double sr = 0, si = 0;
            for (int c = 0; c < 2; c++) {
                double wz = c == 0 ? 1 - tz : tz;
                int z = z0 + c + shift;
                for (int b = 0; b < 2; b++) {
                    double wy = wz * (b == 0 ? 1 - ty : ty);
                    int y = y0 + b + shift;
                    for (int a = 0; a < 2; a++) {
                        double w = wy * (a == 0 ? 1 - tx : tx);
                        int x = x0 + a + shift;
                        int o = 2 * ((z * side + y) * side + x);
                        sr += w * spectrum[o];
                        si += w * spectrum[o + 1];
                    }
                }
            }
            tmp[0] = (float) sr;
            tmp[1] = (float) si;
            return tmp;
        }

        /**
         * The separable kernel's non-zero taps around p: SPARX's 7×7×7 Kaiser-Bessel window, less the taps at distance
         * 3 or more, where it is zero.
         */
        private float[] sampleKernel(double px, double py, double pz) {
            int h = taps / 2 - 1;
            int x0 = (int) Math.floor(px) - h, y0 = (int) Math.floor(py) - h, z0 = (int) Math.floor(pz) - h;
            for (int i = 0; i < taps; i++) {
                wx[i] = kernel.fastWeight(px - (x0 + i));
                wy[i] = kernel.fastWeight(py - (y0 + i));
                wz[i] = kernel.fastWeight(pz - (z0 + i));
            }
            int shift = big / 2 + margin;
            double sr = 0, si = 0;
            float[] sp = spectrum;
            if (taps == 6) { // SPARX's kernel: the inner loop written out (the JIT does not unroll a 6-trip reduction)
                // The rows' 6-tap sums in float: the spectrum is float, and converting each tap to double cost a quarter of
                // the time; the 36 row sums are accumulated in double.
                float w0 = (float) wx[0], w1 = (float) wx[1], w2 = (float) wx[2], w3 = (float) wx[3], w4 = (float) wx[4], w5 = (float) wx[5];
                for (int c = 0; c < 6; c++) {
                    int plane = (z0 + c + shift) * side;
                    double wc = wz[c];
                    for (int b = 0; b < 6; b++) {
                        double wzy = wc * wy[b];
                        int o = 2 * ((plane + y0 + b + shift) * side + x0 + shift);
                        float rr = w0 * sp[o] + w1 * sp[o + 2] + w2 * sp[o + 4] + w3 * sp[o + 6] + w4 * sp[o + 8] + w5 * sp[o + 10];
                        float ri = w0 * sp[o + 1] + w1 * sp[o + 3] + w2 * sp[o + 5] + w3 * sp[o + 7] + w4 * sp[o + 9] + w5 * sp[o + 11];
                        sr += wzy * rr;
                        si += wzy * ri;
                    }
                }
            } else {
                for (int c = 0; c < taps; c++) {
                    if (wz[c] == 0) {
                        continue;
                    }
                    int plane = (z0 + c + shift) * side;
                    for (int b = 0; b < taps; b++) {
                        double wzy = wz[c] * wy[b];
                        if (wzy == 0) {
                            continue;
                        }
                        int o = 2 * ((plane + y0 + b + shift) * side + x0 + shift);
                        double rr = 0, ri = 0;
                        for (int i = 0; i < taps; i++, o += 2) {
                            rr += wx[i] * sp[o];
                            ri += wx[i] * sp[o + 1];
                        }
                        sr += wzy * rr;
                        si += wzy * ri;
                    }
                }
            }
            tmp[0] = (float) (sr * norm);
            tmp[1] = (float) (si * norm);
            return tmp;
        }
    }
}

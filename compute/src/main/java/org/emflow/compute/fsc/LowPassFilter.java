package org.emflow.compute.fsc;

import org.emflow.compute.image.Volume;

/**
 * Low-pass filter of a map at a resolution (Angstrom). HARD keeps the Fourier voxels with spatial
 * frequency |s| ≤ 1/resolution (the original's spherical cut-off); SOFT multiplies by a raised-cosine
 * edge that is 1 below 1/resolution − w/2, 0 above 1/resolution + w/2 and 0.5 at the cut-off, w being
 * two Fourier shells (2/(n·pixelSize)), which avoids the ringing of a hard edge.
 */
public final class LowPassFilter {
    /** Shape of the cut-off. */
    public enum Edge { HARD, SOFT }

    private LowPassFilter() {
    }

    public static Volume apply(Volume map, double resolutionA, Edge edge) {
        if (!(resolutionA > 0)) {
            throw new IllegalArgumentException("low-pass resolution must be positive (Angstrom): " + resolutionA);
        }
        int nx = map.nx(), ny = map.ny(), nz = map.nz();
        double px = map.pixelSize() > 0 ? map.pixelSize() : 1.0;
        double cut = 1.0 / resolutionA;
        double width = 2.0 / (Math.max(nx, Math.max(ny, nz)) * px);
        float[] f = VolumeFft.forward(map.data(), nx, ny, nz);
        for (int z = 0; z < nz; z++) {
            double sz = freq(z, nz, px);
            for (int y = 0; y < ny; y++) {
                double sy = freq(y, ny, px);
                for (int x = 0; x < nx; x++) {
                    double sx = freq(x, nx, px);
                    double s = Math.sqrt(sx * sx + sy * sy + sz * sz);
                    double g;
                    if (edge == Edge.HARD) {
                        g = s <= cut * (1 + 1e-9) ? 1 : 0;
                    } else {
                        double t = (s - (cut - width / 2)) / width;
                        g = t <= 0 ? 1 : t >= 1 ? 0 : 0.5 * (1 + Math.cos(Math.PI * t));
                    }
                    if (g != 1) {
                        int o = 2 * ((z * ny + y) * nx + x);
                        f[o] *= g;
                        f[o + 1] *= g;
                    }
                }
            }
        }
        return map.withData(VolumeFft.inverseReal(f, nx, ny, nz));
    }

    /**
     * SPARX's tanh low-pass (specs/sparx.md §C.7): H(f) = ½[tanh(π(f + fl)/(2·aa·fl)) − tanh(π(f − fl)/(2·aa·fl))],
     * f = |k| in cycles per pixel, H(fl) ≈ ½; fall-off width aa relative to fl.
     */
    public static Volume tanh(Volume map, double fl, double aa) {
        if (!(fl > 0) || !(aa > 0)) {
            throw new IllegalArgumentException("tanh low-pass needs fl > 0 and aa > 0: " + fl + ", " + aa);
        }
        int nx = map.nx(), ny = map.ny(), nz = map.nz();
        float[] f = VolumeFft.forward(map.data(), nx, ny, nz);
        for (int z = 0; z < nz; z++) {
            double sz = freq(z, nz, 1);
            for (int y = 0; y < ny; y++) {
                double sy = freq(y, ny, 1);
                for (int x = 0; x < nx; x++) {
                    double sx = freq(x, nx, 1);
                    double s = Math.sqrt(sx * sx + sy * sy + sz * sz);
                    double g = tanhGain(s, fl, aa);
                    int o = 2 * ((z * ny + y) * nx + x);
                    f[o] *= g;
                    f[o + 1] *= g;
                }
            }
        }
        return map.withData(VolumeFft.inverseReal(f, nx, ny, nz));
    }

    /** H(f) of {@link #tanh} at {@code f} cycles per pixel. */
    public static double tanhGain(double f, double fl, double aa) {
        double a = Math.PI / (2 * aa * fl);
        return 0.5 * (Math.tanh(a * (f + fl)) - Math.tanh(a * (f - fl)));
    }

    /**
     * The frequency (cycles per pixel) beyond which {@link #tanhGain} stays below {@code gain}: H falls
     * monotonically for f &gt; 0, so bisection between fl and a frequency where it is below finds it.
     */
    public static double tanhBeyond(double gain, double fl, double aa) {
        if (!(gain > 0 && gain < 0.5)) {
            throw new IllegalArgumentException("gain must be in (0, 0.5): " + gain);
        }
        double lo = fl, hi = fl + aa * fl; // H(fl) is about 1/2
        while (tanhGain(hi, fl, aa) >= gain) {
            hi += aa * fl;
        }
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (tanhGain(mid, fl, aa) >= gain) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private static double freq(int i, int n, double px) {
        int k = i < (n + 1) / 2 ? i : i - n;
        return k / (n * px);
    }
}

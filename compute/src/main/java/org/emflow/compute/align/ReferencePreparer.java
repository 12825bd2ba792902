package org.emflow.compute.align;

import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.LowPassFilter;
import org.emflow.compute.fsc.VolumeFft;
import org.emflow.compute.image.Volume;
import org.emflow.compute.util.BadInputException;

/**
 * SPARX's default reference preparation {@code ref_ali3d} (specs/sparx.md §A.6): the map is normalised by its
 * background (mean and sample standard deviation where the mask is ≤ 0.5), multiplied by the mask, and
 * low-passed by the tanh filter fitted to the half-map FSC ({@link TanhFit}); optionally centred by its phase
 * centre of gravity (§C.8).
 */
public final class ReferencePreparer {
    /** The reference and what was done to it (for the log). */
    public record Prepared(Volume reference, TanhFit.Filter filter, double goal, double[] shift) {
    }

    private ReferencePreparer() {
    }

    /** A ball mask: 1 within {@code radius} voxels of the centre n/2, else 0. */
    public static Volume ball(int n, double radius, double pixelSize) {
        float[] m = new float[n * n * n];
        double r2 = radius * radius;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double dx = x - n / 2, dy = y - n / 2, dz = z - n / 2;
                    if (dx * dx + dy * dy + dz * dz <= r2) {
                        m[(z * n + y) * n + x] = 1;
                    }
                }
            }
        }
        return new Volume(n, n, n, m, pixelSize);
    }

    /**
     * Prepares {@code map} with {@code mask} and the filter fitted to {@code fsc}; {@code shift} (voxels, may be
     * null) is applied last, as a Fourier shift (the centring of --center=1).
     */
    public static Prepared prepare(Volume map, Volume mask, FscCurve fsc, double[] shift) {
        float[] v = map.data(), m = mask.data();
        double sum = 0, sum2 = 0, goal = 0;
        long nb = 0, ni = 0;
        for (int i = 0; i < v.length; i++) {
            if (m[i] <= 0.5f) {
                sum += v[i];
                sum2 += v[i] * (double) v[i];
                nb++;
            } else {
                goal += v[i] * (double) v[i];
                ni++;
            }
        }
        if (nb < 2) {
            throw new BadInputException("the 3-D mask leaves no background to normalise the reference by (mask <= 0.5 nowhere)");
        }
        double mean = sum / nb;
        double sd = Math.sqrt(Math.max(0, (sum2 - nb * mean * mean) / (nb - 1)));
        double scale = sd > 0 ? 1 / sd : 1;
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) ((v[i] - mean) * scale * m[i]);
        }
        TanhFit.Filter filter = TanhFit.fit(fsc);
        Volume ref = LowPassFilter.tanh(map.withData(out), filter.fl(), filter.aa());
        if (shift != null) {
            ref = shifted(ref, -shift[0], -shift[1], -shift[2]);
        }
        return new Prepared(ref, filter, ni == 0 ? 0 : goal / ni, shift);
    }

    /**
     * The phase centre of gravity (voxels from the centre n/2, per axis): for each axis, the phase of the first
     * Fourier coefficient of the map's projection onto it, as a position in [0, n), minus n/2.
     */
    public static double[] phaseCentre(Volume map) {
        int n = map.nx();
        double[][] profile = new double[3][n];
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double v = map.get(x, y, z);
                    profile[0][x] += v;
                    profile[1][y] += v;
                    profile[2][z] += v;
                }
            }
        }
        double[] c = new double[3];
        for (int a = 0; a < 3; a++) {
            double re = 0, im = 0;
            for (int i = 0; i < n; i++) {
                double ph = 2 * Math.PI * i / n;
                re += profile[a][i] * Math.cos(ph);
                im += profile[a][i] * Math.sin(ph);
            }
            double pos = n / (2 * Math.PI) * Math.atan2(im, re);
            pos = ((pos % n) + n) % n;
            c[a] = pos - n / 2;
        }
        return c;
    }

    /** The map moved by (dx, dy, dz) voxels (Fourier shift, periodic). */
    public static Volume shifted(Volume map, double dx, double dy, double dz) {
        int n = map.nx();
        float[] f = VolumeFft.forward(map.data(), n, n, n);
        for (int z = 0; z < n; z++) {
            int kz = z < (n + 1) / 2 ? z : z - n;
            for (int y = 0; y < n; y++) {
                int ky = y < (n + 1) / 2 ? y : y - n;
                for (int x = 0; x < n; x++) {
                    int kx = x < (n + 1) / 2 ? x : x - n;
                    double ph = -2 * Math.PI * (kx * dx + ky * dy + kz * dz) / n;
                    double c = Math.cos(ph), s = Math.sin(ph);
                    int o = 2 * ((z * n + y) * n + x);
                    double re = f[o], im = f[o + 1];
                    f[o] = (float) (re * c - im * s);
                    f[o + 1] = (float) (re * s + im * c);
                }
            }
        }
        return map.withData(VolumeFft.inverseReal(f, n, n, n));
    }
}

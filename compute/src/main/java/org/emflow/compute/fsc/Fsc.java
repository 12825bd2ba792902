package org.emflow.compute.fsc;

import org.emflow.compute.image.Volume;

/**
 * Fourier shell correlation of two maps (Harauz &amp; van Heel 1986; van Heel &amp; Schatz 2005):
 * FSC(s) = Σ Re(F1·conj F2) / sqrt(Σ|F1|² · Σ|F2|²) over the Fourier voxels of shell s, where a voxel
 * with integer frequency k (per axis in [−n/2, n/2)) belongs to shell round(|k|), shells 0 … n/2 (cubic
 * maps). Voxels beyond n/2 (the cube's corners) are left out.
 */
public final class Fsc {
    private Fsc() {
    }

    /** FSC of {@code a} and {@code b}, both multiplied by {@code mask} first when it is not null. */
    public static FscCurve compute(Volume a, Volume b, Volume mask) {
        VolumeStats.checkSameGrid(a, b);
        if (!a.isCube()) {
            throw new IllegalArgumentException("FSC needs cubic maps: " + a);
        }
        if (mask != null) {
            VolumeStats.checkSameGrid(a, mask);
        }
        int n = a.nx();
        float[] fa = VolumeFft.forward(mask == null ? a.data() : multiply(a.data(), mask.data()), n, n, n);
        float[] fb = VolumeFft.forward(mask == null ? b.data() : multiply(b.data(), mask.data()), n, n, n);
        int shells = n / 2 + 1;
        double[] num = new double[shells];
        double[] da = new double[shells];
        double[] db = new double[shells];
        long[] count = new long[shells];
        for (int z = 0; z < n; z++) {
            int kz = z < (n + 1) / 2 ? z : z - n;
            for (int y = 0; y < n; y++) {
                int ky = y < (n + 1) / 2 ? y : y - n;
                for (int x = 0; x < n; x++) {
                    int kx = x < (n + 1) / 2 ? x : x - n;
                    int s = (int) Math.round(Math.sqrt((double) kx * kx + ky * ky + kz * kz));
                    if (s >= shells) {
                        continue;
                    }
                    int o = 2 * ((z * n + y) * n + x);
                    double ar = fa[o], ai = fa[o + 1], br = fb[o], bi = fb[o + 1];
                    num[s] += ar * br + ai * bi;
                    da[s] += ar * ar + ai * ai;
                    db[s] += br * br + bi * bi;
                    count[s]++;
                }
            }
        }
        double[] fsc = new double[shells];
        double[] freq = new double[shells];
        double px = a.pixelSize() > 0 ? a.pixelSize() : 1.0;
        for (int s = 0; s < shells; s++) {
            double d = Math.sqrt(da[s] * db[s]);
            fsc[s] = d > 0 ? num[s] / d : 0.0;
            freq[s] = s / (n * px);
        }
        return new FscCurve(freq, fsc, count, px);
    }

    private static float[] multiply(float[] v, float[] m) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * m[i];
        }
        return out;
    }
}

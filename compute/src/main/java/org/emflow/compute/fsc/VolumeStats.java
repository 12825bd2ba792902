package org.emflow.compute.fsc;

import org.emflow.compute.image.Volume;

/** Summary statistics and comparisons of maps (double accumulation). */
public final class VolumeStats {
    private VolumeStats() {
    }

    /** Pearson correlation over all voxels of two maps of the same grid. */
    public static double pearson(Volume a, Volume b) {
        checkSameGrid(a, b);
        float[] x = a.data();
        float[] y = b.data();
        double mx = mean(x), my = mean(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Pearson correlation over the voxels within {@code radius} voxels of the origin n/2. */
    public static double pearsonInSphere(Volume a, Volume b, double radius) {
        checkSameGrid(a, b);
        int nx = a.nx(), ny = a.ny(), nz = a.nz();
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        long cnt = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double dx = x - nx / 2, dy = y - ny / 2, dz = z - nz / 2;
                    if (dx * dx + dy * dy + dz * dz > radius * radius) {
                        continue;
                    }
                    double u = a.get(x, y, z), v = b.get(x, y, z);
                    sx += u;
                    sy += v;
                    sxx += u * u;
                    syy += v * v;
                    sxy += u * v;
                    cnt++;
                }
            }
        }
        double cov = sxy - sx * sy / cnt;
        return cov / Math.sqrt((sxx - sx * sx / cnt) * (syy - sy * sy / cnt));
    }

    public static double mean(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s / v.length;
    }

    public static double std(float[] v) {
        double m = mean(v);
        double s = 0;
        for (float f : v) {
            s += (f - m) * (f - m);
        }
        return Math.sqrt(s / v.length);
    }

    static void checkSameGrid(Volume a, Volume b) {
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz()) {
            throw new IllegalArgumentException("maps differ in size: " + a + " vs " + b);
        }
    }
}

package org.emflow.compute.testing;

import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.image.Volume;

/** Analytic Gaussian blobs for convention tests: a 3-D blob and its exact projections. */
public final class Blobs {
    private Blobs() {
    }

    /** A 3-D Gaussian of width sigma (voxels) centred at origin + (cx, cy, cz). */
    public static Volume blob3(int n, double cx, double cy, double cz, double sigma) {
        Volume v = Volume.cube(n, 1.0);
        int o = n / 2;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double d2 = sq(x - o - cx) + sq(y - o - cy) + sq(z - o - cz);
                    v.set(x, y, z, (float) Math.exp(-d2 / (2 * sigma * sigma)));
                }
            }
        }
        return v;
    }

    /**
     * The exact projection of {@link #blob3} along A(rot, tilt, psi) as the microscope records it: the
     * blob at A·c (x, y), moved by −origin (RELION's offset re-centres it by +origin).
     */
    public static float[] projection(int n, double cx, double cy, double cz, double sigma, double rot, double tilt,
                                     double psi, double originX, double originY) {
        double[] m = Conventions.eulerMatrix(rot, tilt, psi);
        double u = m[0] * cx + m[1] * cy + m[2] * cz - originX;
        double v = m[3] * cx + m[4] * cy + m[5] * cz - originY;
        float[] img = new float[n * n];
        int o = n / 2;
        double amp = Math.sqrt(2 * Math.PI) * sigma; // integral of the Gaussian along the viewing axis
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                img[y * n + x] = (float) (amp * Math.exp(-(sq(x - o - u) + sq(y - o - v)) / (2 * sigma * sigma)));
            }
        }
        return img;
    }

    /** Centre of mass of the positive part, relative to the origin n/2: {x, y, z}. */
    public static double[] centroid(Volume v) {
        double s = 0, sx = 0, sy = 0, sz = 0;
        int o = v.nx() / 2;
        double max = 0;
        for (float f : v.data()) {
            max = Math.max(max, f);
        }
        for (int z = 0; z < v.nz(); z++) {
            for (int y = 0; y < v.ny(); y++) {
                for (int x = 0; x < v.nx(); x++) {
                    double f = v.get(x, y, z);
                    if (f < 0.3 * max) {
                        continue;
                    }
                    s += f;
                    sx += f * (x - o);
                    sy += f * (y - o);
                    sz += f * (z - o);
                }
            }
        }
        return new double[] { sx / s, sy / s, sz / s };
    }

    /** Centre of mass of a 2-D image's values above 30 % of its maximum, relative to n/2. */
    public static double[] centroid2(float[] img, int n) {
        double max = 0;
        for (float f : img) {
            max = Math.max(max, f);
        }
        double s = 0, sx = 0, sy = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double f = img[y * n + x];
                if (f < 0.3 * max) {
                    continue;
                }
                s += f;
                sx += f * (x - n / 2);
                sy += f * (y - n / 2);
            }
        }
        return new double[] { sx / s, sy / s };
    }

    private static double sq(double v) {
        return v * v;
    }
}

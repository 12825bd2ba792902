package org.emflow.compute.sim;

import org.emflow.compute.image.Volume;

/**
 * A built-in test map with no symmetry, so that hand, axis and shift errors show: soft-edged
 * ellipsoids of different sizes and densities placed asymmetrically (a large body, a smaller off-axis
 * lobe, a thin rod along +x, a dense small ball at +y+z, and a low-density cavity), in units of the box
 * so it looks the same at every size. Values are densities in about [−0.5, 2], zero farther than 0.4·box from the origin n/2.
 */
public final class Phantom {
    private Phantom() {
    }

    // centre (fractions of the box from the origin), semi-axes (fractions), density
    private static final double[][] BLOBS = {
        { 0.00, 0.00, 0.04, 0.18, 0.13, 0.10, 0.7 },
        { 0.12, 0.10, 0.12, 0.08, 0.08, 0.07, 1.0 },
        { 0.20, -0.06, -0.04, 0.14, 0.03, 0.03, 0.9 },
        { -0.08, 0.16, 0.18, 0.05, 0.05, 0.05, 1.5 },
        { -0.12, -0.10, 0.06, 0.05, 0.09, 0.05, -0.5 },
        { -0.05, -0.12, -0.16, 0.10, 0.05, 0.04, 0.8 },
    };

    /** The phantom in an n-box with the given pixel size (Angstrom). */
    public static Volume create(int box, double pixelSize) {
        if (box < 8) {
            throw new IllegalArgumentException("phantom box must be at least 8: " + box);
        }
        float[] d = new float[box * box * box];
        int o = box / 2;
        double edge = Math.max(1.0, box / 32.0); // soft edge width in voxels
        for (int z = 0; z < box; z++) {
            for (int y = 0; y < box; y++) {
                for (int x = 0; x < box; x++) {
                    double v = 0;
                    for (double[] b : BLOBS) {
                        double dx = (x - o) / (double) box - b[0];
                        double dy = (y - o) / (double) box - b[1];
                        double dz = (z - o) / (double) box - b[2];
                        double q = Math.sqrt(sq(dx / b[3]) + sq(dy / b[4]) + sq(dz / b[5]));
                        // distance outside the surface along the radial direction, in voxels (approx.)
                        double r = Math.sqrt(dx * dx + dy * dy + dz * dz) * box;
                        double out = q <= 0 ? -1 : r * (1 - 1 / q);
                        v += b[6] * smoothStep(-out / edge);
                    }
                    d[(z * box + y) * box + x] = (float) v;
                }
            }
        }
        return new Volume(box, box, box, d, pixelSize);
    }

    private static double sq(double v) {
        return v * v;
    }

    /** 0 for t ≤ −0.5, 1 for t ≥ 0.5, a cosine ramp between. */
    private static double smoothStep(double t) {
        if (t <= -0.5) {
            return 0;
        }
        if (t >= 0.5) {
            return 1;
        }
        return 0.5 + 0.5 * Math.sin(Math.PI * t);
    }
}

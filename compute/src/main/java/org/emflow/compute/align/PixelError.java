package org.emflow.compute.align;

import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.particles.ImageRecord;

/**
 * How far a pose change moves the particle, in pixels: SPARX's "max 3-D pixel error" (specs/sparx.md §A.9).
 * With T(r) = A·r + o the map-to-image transform of a pose (A the RELION Euler matrix, o the origin offset in
 * the image plane: content moves by +origin, {@link Conventions#shiftPhase}), the points v of a circle of
 * radius r in the image plane (⌊2πr + 0.5⌋ points at angles i/r radians, as SPARX puts them) move by
 * |T₂T₁⁻¹v − v| = |A₂A₁ᵀ(v − o₁) + o₂ − v|; the error is the largest of these. It is the refinement's
 * convergence measure: a change under one pixel is below what the data can show.
 */
public final class PixelError {
    private PixelError() {
    }

    /** The largest displacement (pixels) of the circle of {@code radius} pixels between the two poses. */
    public static double max3d(ImageRecord before, ImageRecord after, double radius) {
        double[] a1 = Conventions.eulerMatrix(before.rot(), before.tilt(), before.psi());
        double[] a2 = Conventions.eulerMatrix(after.rot(), after.tilt(), after.psi());
        // R = A2·A1ᵀ, row-major
        double[] r = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                r[3 * i + j] = a2[3 * i] * a1[3 * j] + a2[3 * i + 1] * a1[3 * j + 1] + a2[3 * i + 2] * a1[3 * j + 2];
            }
        }
        double r0 = Math.max(1, radius);
        int points = (int) Math.floor(2 * Math.PI * r0 + 0.5);
        double max = 0;
        for (int i = 0; i < points; i++) {
            double vx = r0 * Math.cos(i / r0), vy = r0 * Math.sin(i / r0);
            double ux = vx - before.originX(), uy = vy - before.originY();
            double dx = r[0] * ux + r[1] * uy + after.originX() - vx;
            double dy = r[3] * ux + r[4] * uy + after.originY() - vy;
            double dz = r[6] * ux + r[7] * uy;
            max = Math.max(max, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        return max;
    }

    /** The fraction of {@code errors} strictly below {@code limit}. */
    public static double fractionBelow(double[] errors, double limit) {
        int n = 0;
        for (double e : errors) {
            if (e < limit) {
                n++;
            }
        }
        return errors.length == 0 ? 1 : (double) n / errors.length;
    }
}

package org.emflow.compute.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.particles.ImageRecord;

/**
 * Known errors added to known poses, to measure what a refinement recovers: each image's view A becomes R·A, R a
 * rotation by an angle drawn from N(0, σ_angle) about an axis drawn uniformly on the sphere (so the geodesic angle
 * between the true and the perturbed view is |that angle|, whatever the Euler angles), and each origin offset gets
 * N(0, σ_shift) pixels added per axis. Seeded: the same inputs and seed give the same poses.
 */
public final class PosePerturbation {
    private PosePerturbation() {
    }

    public static List<ImageRecord> apply(List<ImageRecord> images, double angleSigmaDeg, double shiftSigmaPx, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ImageRecord> out = new ArrayList<>(images.size());
        for (ImageRecord r : images) {
            double z = rnd.nextDouble(-1, 1), phi = rnd.nextDouble(0, 2 * Math.PI), s = Math.sqrt(1 - z * z);
            double angle = Math.toRadians(angleSigmaDeg * rnd.nextGaussian());
            double[] rotation = axisAngle(s * Math.cos(phi), s * Math.sin(phi), z, angle);
            double[] e = Conventions.eulerAngles(Conventions.multiply(rotation, Conventions.eulerMatrix(r.rot(), r.tilt(), r.psi())));
            out.add(r.withPose(e[0], e[1], e[2], r.originX() + shiftSigmaPx * rnd.nextGaussian(),
                    r.originY() + shiftSigmaPx * rnd.nextGaussian()));
        }
        return out;
    }

    /** The rotation by {@code angle} (radians) about the unit axis (x, y, z), row-major (Rodrigues' formula). */
    static double[] axisAngle(double x, double y, double z, double angle) {
        double c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
        return new double[] {
            t * x * x + c, t * x * y - s * z, t * x * z + s * y,
            t * x * y + s * z, t * y * y + c, t * y * z - s * x,
            t * x * z - s * y, t * y * z + s * x, t * z * z + c};
    }
}

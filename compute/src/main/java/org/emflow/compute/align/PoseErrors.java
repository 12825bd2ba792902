package org.emflow.compute.align;

import java.util.Arrays;
import java.util.List;
import org.emflow.compute.particles.ImageRecord;

/**
 * How far poses are from the truth, image by image (the two lists in the same order): the geodesic angle between
 * the views' rotation matrices (degrees; independent of how the Euler angles spell them) and the distance between
 * the origin offsets (pixels). Medians, because a few lost images should not hide how well the rest did.
 */
public final class PoseErrors {
    private PoseErrors() {
    }

    /** Median angle (degrees) between the views of {@code a} and {@code b}. */
    public static double medianAngle(List<ImageRecord> a, List<ImageRecord> b) {
        return median(angles(a, b));
    }

    /** Median distance (pixels) between the origin offsets of {@code a} and {@code b}. */
    public static double medianShift(List<ImageRecord> a, List<ImageRecord> b) {
        return median(shifts(a, b));
    }

    /** The angle (degrees) between the views of {@code a} and {@code b}, image by image. */
    public static double[] angles(List<ImageRecord> a, List<ImageRecord> b) {
        double[] e = new double[check(a, b)];
        for (int i = 0; i < e.length; i++) {
            e[i] = LocalRefinement.angleBetween(a.get(i), b.get(i));
        }
        return e;
    }

    /** The distance (pixels) between the origin offsets of {@code a} and {@code b}, image by image. */
    public static double[] shifts(List<ImageRecord> a, List<ImageRecord> b) {
        double[] e = new double[check(a, b)];
        for (int i = 0; i < e.length; i++) {
            e[i] = Math.hypot(a.get(i).originX() - b.get(i).originX(), a.get(i).originY() - b.get(i).originY());
        }
        return e;
    }

    /** The {@code p}-th percentile (0..100, nearest rank) of {@code v}; NaN when empty. */
    public static double percentile(double[] v, double p) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] c = v.clone();
        Arrays.sort(c);
        int rank = (int) Math.ceil(p / 100 * c.length);
        return c[Math.max(0, Math.min(c.length - 1, rank - 1))];
    }

    private static int check(List<ImageRecord> a, List<ImageRecord> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(a.size() + " poses against " + b.size());
        }
        return a.size();
    }

    /** The median of {@code v}; NaN when empty. */
    public static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length == 0 ? Double.NaN : c.length % 2 == 1 ? c[c.length / 2] : 0.5 * (c[c.length / 2 - 1] + c[c.length / 2]);
    }
}

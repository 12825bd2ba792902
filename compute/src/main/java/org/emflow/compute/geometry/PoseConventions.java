package org.emflow.compute.geometry;

/**
 * How the poses of SPIDER/SPARX and EMAN2 relate to emflow's (RELION's, {@link Conventions}); specs/sparx.md §A.2
 * and §C.1. Written once here; readers of SPARX/EMAN2 headers and writers of SPARX-compatible output go through it.
 *
 * <ul>
 * <li><b>Angles.</b> SPIDER's (φ, θ, ψ) build R = Rz(ψ)·Ry(θ)·Rz(φ) with Rz(a) = [[c, s, 0], [−s, c, 0], [0, 0, 1]]
 *     and Ry(a) = [[c, 0, −s], [0, 1, 0], [s, 0, c]]: the very matrix of RELION's (rot, tilt, psi), so the
 *     angles carry over unchanged. EMAN2's own Euler type (az, alt, phi) builds Rz(phi)·Rx(alt)·Rz(az) and
 *     describes the same pose with az = φ + 90°, alt = θ, phi = ψ − 90°.</li>
 * <li><b>Shifts.</b> The translation t stored in a SPARX {@code xform.projection} moves the ideal projection to
 *     the raw image (image(x) = P(x − t)); RELION's origin offset o re-centres the raw image (the projector
 *     moves the centred projection by −o). So o = −t, which is also SPARX's reported s2 = −t. In pixels.</li>
 * </ul>
 */
public final class PoseConventions {
    private PoseConventions() {
    }

    /** SPIDER's R(φ, θ, ψ) (degrees), row-major, built from its elementary rotations. */
    public static double[] spiderMatrix(double phi, double theta, double psi) {
        return Conventions.multiply(rz(psi), Conventions.multiply(ry(theta), rz(phi)));
    }

    /** EMAN2's Rz(phi)·Rx(alt)·Rz(az) (degrees), row-major. */
    public static double[] emanMatrix(double az, double alt, double phi) {
        return Conventions.multiply(rz(phi), Conventions.multiply(rx(alt), rz(az)));
    }

    /** RELION (rot, tilt, psi) of SPIDER (φ, θ, ψ): the same numbers. */
    public static double[] relionFromSpider(double phi, double theta, double psi) {
        return new double[] {phi, theta, psi};
    }

    /** EMAN2 (az, alt, phi) of SPIDER (φ, θ, ψ). */
    public static double[] emanFromSpider(double phi, double theta, double psi) {
        return new double[] {phi + 90, theta, psi - 90};
    }

    /** SPIDER (φ, θ, ψ) of EMAN2 (az, alt, phi). */
    public static double[] spiderFromEman(double az, double alt, double phi) {
        return new double[] {az - 90, alt, phi + 90};
    }

    /** RELION's origin offset (pixels) of a SPARX transform's translation t: o = −t. */
    public static double[] relionOriginFromSparxShift(double tx, double ty) {
        return new double[] {-tx, -ty};
    }

    /** A SPARX transform's translation t of RELION's origin offset o: t = −o. */
    public static double[] sparxShiftFromRelionOrigin(double originX, double originY) {
        return new double[] {-originX, -originY};
    }

    private static double[] rz(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[] {c, s, 0, -s, c, 0, 0, 0, 1};
    }

    private static double[] ry(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[] {c, 0, -s, 0, 1, 0, s, 0, c};
    }

    private static double[] rx(double deg) {
        double c = Math.cos(Math.toRadians(deg)), s = Math.sin(Math.toRadians(deg));
        return new double[] {1, 0, 0, 0, c, s, 0, -s, c};
    }
}

package org.emflow.compute.particles;

/**
 * RELION's Euler angles (rot, tilt, psi) in degrees and their rotation matrix, the convention every
 * {@link ImageRecord} uses. Source: RELION src/euler.cpp (Euler_angles2matrix / Euler_matrix2angles),
 * as restated in specs/tomodrgn-backproject.md section 2.7: with phi = rot, theta = tilt, psi = psi,
 * A = Rz(-psi) Ry(-theta) Rz(-phi), i.e.
 * <pre>
 * A = [[ cψcθcφ − sψsφ,   cψcθsφ + sψcφ,  −cψsθ],
 *      [−sψcθcφ − cψsφ,  −sψcθsφ + cψcφ,   sψsθ],
 *      [ sθcφ,            sθsφ,             cθ ]]
 * </pre>
 * A maps map coordinates to image coordinates (rows 0 and 1 span the image plane). Matrices are
 * row-major {@code double[9]}. Angles from {@link #angles} have tilt in [0, 180].
 */
public final class RelionEuler {
    private static final double EPS = 1e-12;

    private RelionEuler() {
    }

    /** The matrix A(rot, tilt, psi), row-major. */
    public static double[] matrix(double rotDeg, double tiltDeg, double psiDeg) {
        double a = Math.toRadians(rotDeg);
        double b = Math.toRadians(tiltDeg);
        double g = Math.toRadians(psiDeg);
        double ca = Math.cos(a);
        double sa = Math.sin(a);
        double cb = Math.cos(b);
        double sb = Math.sin(b);
        double cg = Math.cos(g);
        double sg = Math.sin(g);
        return new double[] {
            cg * cb * ca - sg * sa, cg * cb * sa + sg * ca, -cg * sb,
            -sg * cb * ca - cg * sa, -sg * cb * sa + cg * ca, sg * sb,
            sb * ca, sb * sa, cb};
    }

    /** (rot, tilt, psi) in degrees of the rotation {@code m} (row-major), tilt in [0, 180]. */
    public static double[] angles(double[] m) {
        double sinTilt = Math.hypot(m[2], m[5]);
        double rot;
        double tilt;
        double psi;
        if (sinTilt > EPS) {
            psi = Math.atan2(m[5], -m[2]);
            rot = Math.atan2(m[7], m[6]);
            tilt = Math.atan2(sinTilt, m[8]);
        } else if (m[8] > 0) {
            rot = 0;
            tilt = 0;
            psi = Math.atan2(-m[3], m[0]);
        } else {
            rot = 0;
            tilt = Math.PI;
            psi = Math.atan2(m[3], -m[0]);
        }
        return new double[] {Math.toDegrees(rot), Math.toDegrees(tilt), Math.toDegrees(psi)};
    }

    /** The product a·b of two row-major 3x3 matrices. */
    public static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    /** Largest deviation of {@code m} from a proper rotation (|m·mᵀ − I| and |det − 1|). */
    public static double rotationError(double[] m) {
        double err = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = m[3 * i] * m[3 * j] + m[3 * i + 1] * m[3 * j + 1] + m[3 * i + 2] * m[3 * j + 2];
                err = Math.max(err, Math.abs(dot - (i == j ? 1 : 0)));
            }
        }
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
        return Math.max(err, Math.abs(det - 1));
    }
}

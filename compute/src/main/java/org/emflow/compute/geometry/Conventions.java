package org.emflow.compute.geometry;

/**
 * The geometric conventions of every emflow reconstruction, projection and filter, written down
 * once. Source: RELION's Euler convention (Scheres 2012, J Struct Biol 180:519, and RELION's
 * {@code Euler_angles2matrix}), the RELION origin-offset sign, and JTransforms' real-FFT packing.
 *
 * <ul>
 * <li><b>Euler angles.</b> (rot, tilt, psi) in degrees, ZYZ, RELION sense: A = Rz(psi)·Ry(tilt)·Rz(rot)
 *     with RELION's (passive) rotation matrices, see {@link #eulerMatrix}. A maps map coordinates to
 *     image coordinates: image point (x, y) sees the map along the line A^T·(x, y, z), z free. In Fourier
 *     space the 2-D frequency (kx, ky) of a projection is the 3-D frequency A^T·(kx, ky, 0) of the map
 *     (central slice theorem).</li>
 * <li><b>Real-space origin.</b> Index {@code n / 2} in every dimension of an n-box (2-D images and 3-D maps);
 *     rotations and phase shifts are about that voxel.</li>
 * <li><b>In-plane shift.</b> The RELION origin offset (rlnOriginX/Y in pixels; Angstrom columns divided by
 *     the pixel size) moves image content by +origin: the centred image is img(x − origin). In Fourier
 *     space: F_centred(k) = F(k)·exp(−2πi·k·origin/n), see {@link #shiftPhase}.</li>
 * <li><b>Fourier transforms.</b> Forward transforms are unnormalised sums, F(k) = Σ f(x)·exp(−2πi k·(x − n/2)/n),
 *     so the origin at n/2 is at phase 0 (implemented as the JTransforms transform times (−1)^(Σk) for
 *     even n); inverse transforms divide by the number of voxels. With this pair the 2-D transform of a
 *     projection (sum along z) equals the central slice of the 3-D transform. Frequencies are signed
 *     integers k in [−n/2, n/2); the spatial frequency is k/(n·pixelSize) in 1/Angstrom.</li>
 * <li><b>Half spectra.</b> Real data are stored as the half spectrum kx ≥ 0 (x fastest), the rest follows
 *     from F(−k) = conj F(k). {@link CentredFft2} documents its 2-D layout.</li>
 * <li><b>Data sign.</b> Particle images are multiplied by −1 by default before reconstruction (the
 *     original tomoDRGN program's default; black-on-white micrographs become positive density).</li>
 * <li><b>Hand flip.</b> Mirroring a map in z is z → (n − z) mod n: a reflection about the origin voxel n/2,
 *     so the origin stays put (the original reverses the array, z → n − 1 − z, which also moves the
 *     origin by one voxel).</li>
 * </ul>
 */
public final class Conventions {
    private Conventions() {
    }

    /** Index of the real-space origin in a dimension of size n. */
    public static int origin(int n) {
        return n / 2;
    }

    /**
     * RELION's Euler matrix A(rot, tilt, psi), row-major {@code a[3 * row + col]}. Rows are the image x, y
     * and viewing (z) axes expressed in map coordinates.
     */
    public static double[] eulerMatrix(double rotDeg, double tiltDeg, double psiDeg) {
        double a = Math.toRadians(rotDeg);
        double b = Math.toRadians(tiltDeg);
        double g = Math.toRadians(psiDeg);
        double ca = Math.cos(a), sa = Math.sin(a);
        double cb = Math.cos(b), sb = Math.sin(b);
        double cg = Math.cos(g), sg = Math.sin(g);
        double cc = cb * ca, cs = cb * sa, sc = sb * ca, ss = sb * sa;
        return new double[] {
            cg * cc - sg * sa, cg * cs + sg * ca, -cg * sb,
            -sg * cc - cg * sa, -sg * cs + cg * ca, sg * sb,
            sc, ss, cb };
    }

    /** Applies the transpose of a row-major 3×3 matrix: returns A^T·v. */
    public static double[] transposeTimes(double[] m, double x, double y, double z) {
        return new double[] {
            m[0] * x + m[3] * y + m[6] * z,
            m[1] * x + m[4] * y + m[7] * z,
            m[2] * x + m[5] * y + m[8] * z };
    }

    /**
     * The phase (radians) by which Fourier coefficient (kx, ky) of an n-box is multiplied,
     * F·exp(i·phase), to apply the RELION origin offset (originX, originY) in pixels: the image content
     * moves by +origin.
     */
    public static double shiftPhase(int kx, int ky, int n, double originX, double originY) {
        return -2 * Math.PI * (kx * originX + ky * originY) / n;
    }

    /** Spatial frequency in 1/Angstrom of integer frequency index k in an n-box. */
    public static double frequency(double k, int n, double pixelSize) {
        return k / (n * pixelSize);
    }

    /** The z index a hand flip sends z to: the mirror about the origin n/2. */
    public static int flipZ(int z, int n) {
        return (n - z) % n;
    }

    /**
     * The RELION Euler angles {rot, tilt, psi} (degrees) of a rotation matrix in the layout of
     * {@link #eulerMatrix}; tilt in [0, 180]. At tilt 0 or 180 only rot ± psi is defined: rot is set to 0.
     */
    public static double[] eulerAngles(double[] m) {
        double absSinTilt = Math.sqrt(m[2] * m[2] + m[5] * m[5]);
        double rot, tilt, psi;
        if (absSinTilt > 1e-9) {
            psi = Math.atan2(m[5], -m[2]);
            rot = Math.atan2(m[7], m[6]);
            tilt = Math.atan2(absSinTilt, m[8]);
        } else if (m[8] > 0) {
            rot = 0;
            tilt = 0;
            psi = Math.atan2(-m[3], m[0]);
        } else {
            rot = 0;
            tilt = Math.PI;
            psi = Math.atan2(m[3], -m[0]);
        }
        return new double[] { Math.toDegrees(rot), Math.toDegrees(tilt), Math.toDegrees(psi) };
    }

    /** The angle (degrees) of the rotation between two views given as RELION Euler angles {rot, tilt, psi}. */
    public static double angleBetween(double[] a, double[] b) {
        double[] ma = eulerMatrix(a[0], a[1], a[2]);
        double[] mb = eulerMatrix(b[0], b[1], b[2]);
        double trace = 0;
        for (int i = 0; i < 9; i++) {
            trace += ma[i] * mb[i];
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (trace - 1) / 2))));
    }

    /** Row-major product a·b of two 3×3 matrices. */
    public static double[] multiply(double[] a, double[] b) {
        double[] o = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                o[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return o;
    }

    /**
     * The view of a tilt image: the particle's view A0 followed by the stage tilt θ about the image y axis,
     * A = Ry(θ)·A0 with RELION's Ry (the tilt part of {@link #eulerMatrix}), so A = A0 at θ = 0.
     */
    public static double[] stageTilt(double[] a0, double stageTiltDeg) {
        return multiply(eulerMatrix(0, stageTiltDeg, 0), a0);
    }
}

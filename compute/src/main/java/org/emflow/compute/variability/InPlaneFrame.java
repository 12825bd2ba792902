package org.emflow.compute.variability;

import org.emflow.compute.geometry.Conventions;

/**
 * The 2-D transform that brings a neighbouring projection into the frame of a group's centre view, the convention of
 * the whole variability computation, written down once.
 *
 * <p>Views are RELION matrices A (rows: image x, y and the viewing direction, in map coordinates, see
 * {@link Conventions}). With the RELION origin offset o of an observed image img, the centred projection along A
 * is p_A(x) = img(x − o). If a member's view A_j looks
 * along (almost) the centre's direction, A_j ≈ R·A_M for an in-plane rotation R, and p_M(y) = p_j(R₂·y) with R₂ the
 * 2×2 rotation by α, taken from Q = A_j·A_Mᵀ as α = atan2(Q₁₀ − Q₀₁, Q₀₀ + Q₁₁) (the rotation nearest to Q's in-plane
 * block, exact when the directions coincide). A member that looks along the opposite direction (mirror flag, d and
 * −d identified) is first turned about the image y axis: A'_j = diag(−1, 1, −1)·A_j looks along the centre's
 * direction and its projection is p_j(F·x), F = diag(−1, 1). So the member, aligned to the centre, is
 * <pre>
 *   aligned(y) = img_j(M·y − o_j),   M = F·R₂(α) with a mirror, R₂(α) without.
 * </pre>
 * This replaces SPARX's (360 − ψ) + Δφ composition, which is exact only near the poles (specs/sparx.md §B.5).
 *
 * <p>The aligned image's spectrum is the original's at M·k, so its CTF is the original CTF with the astigmatism
 * azimuth θ replaced by {@link #ctfAngle}: θ − α without a mirror, −(θ + α) with one.
 */
public final class InPlaneFrame {
    private final double m00, m01, m10, m11;
    private final double alphaDeg;
    private final boolean mirror;

    private InPlaneFrame(double alphaRad, boolean mirror) {
        double c = Math.cos(alphaRad), s = Math.sin(alphaRad);
        double f = mirror ? -1 : 1;
        this.m00 = f * c;
        this.m01 = -f * s;
        this.m10 = s;
        this.m11 = c;
        this.alphaDeg = Math.toDegrees(alphaRad);
        this.mirror = mirror;
    }

    /** The frame of member view {@code member} (row-major RELION matrix) in the frame of {@code centre}. */
    public static InPlaneFrame of(double[] centre, double[] member, boolean mirror) {
        double[] a = member;
        if (mirror) {
            a = new double[] { -member[0], -member[1], -member[2], member[3], member[4], member[5], -member[6], -member[7], -member[8] };
        }
        // Q = A'_j · A_Mᵀ: only its in-plane block is needed
        double q00 = a[0] * centre[0] + a[1] * centre[1] + a[2] * centre[2];
        double q01 = a[0] * centre[3] + a[1] * centre[4] + a[2] * centre[5];
        double q10 = a[3] * centre[0] + a[4] * centre[1] + a[5] * centre[2];
        double q11 = a[3] * centre[3] + a[4] * centre[4] + a[5] * centre[5];
        return new InPlaneFrame(Math.atan2(q10 - q01, q00 + q11), mirror);
    }

    /** The in-plane rotation α, degrees. */
    public double alpha() {
        return alphaDeg;
    }

    public boolean mirror() {
        return mirror;
    }

    /** M = F·R₂(α), row-major {m00, m01, m10, m11}: aligned(y) = img(M·y − o). */
    public double[] matrix() {
        return new double[] { m00, m01, m10, m11 };
    }

    /** The astigmatism azimuth (degrees) of the aligned image, for an original azimuth {@code thetaDeg}. */
    public double ctfAngle(double thetaDeg) {
        return mirror ? -(thetaDeg + alphaDeg) : thetaDeg - alphaDeg;
    }

    /**
     * Writes the aligned image: dst(y) = src(M·y − origin), coordinates relative to pixel n/2, bilinear
     * interpolation, 0 outside the source.
     */
    public void apply(float[] src, int n, double originX, double originY, float[] dst) {
        int c = Conventions.origin(n);
        for (int y = 0; y < n; y++) {
            double py = y - c;
            double sx0 = m01 * py - originX + c;
            double sy0 = m11 * py - originY + c;
            for (int x = 0; x < n; x++) {
                double px = x - c;
                double sx = m00 * px + sx0;
                double sy = m10 * px + sy0;
                dst[y * n + x] = bilinear(src, n, sx, sy);
            }
        }
    }

    private static float bilinear(float[] src, int n, double x, double y) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        if (x0 < -1 || y0 < -1 || x0 >= n || y0 >= n) {
            return 0f;
        }
        double fx = x - x0, fy = y - y0;
        double v00 = at(src, n, x0, y0), v10 = at(src, n, x0 + 1, y0);
        double v01 = at(src, n, x0, y0 + 1), v11 = at(src, n, x0 + 1, y0 + 1);
        return (float) ((v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy);
    }

    private static double at(float[] src, int n, int x, int y) {
        return x < 0 || y < 0 || x >= n || y >= n ? 0 : src[y * n + x];
    }
}

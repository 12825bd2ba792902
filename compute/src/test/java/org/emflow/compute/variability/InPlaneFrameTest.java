package org.emflow.compute.variability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.image.Volume;
import org.emflow.compute.recon.Projector;
import org.emflow.compute.sim.Phantom;
import org.junit.jupiter.api.Test;

/** Pins the in-plane convention: a member projection, aligned, matches the centre's projection. */
class InPlaneFrameTest {
    private static final int N = 48;

    private static float[] project(Projector.Slicer s, double rot, double tilt, double psi, double ox, double oy) {
        float[] img = new float[N * N];
        s.project(rot, tilt, psi, ox, oy, null, 1.0, null, img);
        return img;
    }

    private static double correlation(float[] a, float[] b) {
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int c = N / 2, r = N / 2 - 6;
        int n = 0;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                if ((x - c) * (x - c) + (y - c) * (y - c) > r * r) {
                    continue;
                }
                double u = a[y * N + x], v = b[y * N + x];
                sa += u; sb += v; saa += u * u; sbb += v * v; sab += u * v; n++;
            }
        }
        double cov = sab - sa * sb / n;
        return cov / Math.sqrt((saa - sa * sa / n) * (sbb - sb * sb / n));
    }

    private static float[] aligned(double[] centre, double[] member, boolean mirror, float[] img, double ox, double oy) {
        float[] out = new float[N * N];
        InPlaneFrame.of(Conventions.eulerMatrix(centre[0], centre[1], centre[2]),
                Conventions.eulerMatrix(member[0], member[1], member[2]), mirror).apply(img, N, ox, oy, out);
        return out;
    }

    @Test
    void memberWithOtherPsiAndShiftAlignsToTheCentre() {
        Volume map = Phantom.create(N, 1.0);
        Projector.Slicer s = new Projector(map).newSlicer();
        double[] c = { 30, 50, 10 };
        float[] ref = project(s, c[0], c[1], c[2], 0, 0);
        double[] m = { 30, 50, 10 + 73 };
        float[] img = project(s, m[0], m[1], m[2], 2.5, -1.5);
        double before = correlation(ref, img);
        double after = correlation(ref, aligned(c, m, false, img, 2.5, -1.5));
        assertTrue(after > 0.99, "aligned correlation " + after + " (before " + before + ")");
        assertTrue(before < 0.9, "the test must start misaligned: " + before);
        // the same view written with other Euler angles (rot + 180, −tilt ≡ tilt → 180 − ...) is handled by the matrix
        double[] same = Conventions.eulerAngles(Conventions.eulerMatrix(m[0], m[1], m[2]));
        assertTrue(correlation(ref, aligned(c, same, false, img, 2.5, -1.5)) > 0.99);
    }

    @Test
    void antipodalMemberAlignsWithTheMirror() {
        Volume map = Phantom.create(N, 1.0);
        Projector.Slicer s = new Projector(map).newSlicer();
        double[] c = { 30, 50, 10 };
        float[] ref = project(s, c[0], c[1], c[2], 0, 0);
        // the opposite direction: A' = diag(−1, 1, −1)·A_c, then an in-plane turn of 40°
        double[] a = Conventions.eulerMatrix(c[0], c[1], c[2]);
        double[] flipped = { -a[0], -a[1], -a[2], a[3], a[4], a[5], -a[6], -a[7], -a[8] };
        double[] m = Conventions.eulerAngles(Conventions.multiply(Conventions.eulerMatrix(0, 0, 40), flipped));
        float[] img = project(s, m[0], m[1], m[2], -1, 2);
        assertTrue(correlation(ref, aligned(c, m, true, img, -1, 2)) > 0.99);
        assertTrue(correlation(ref, aligned(c, m, false, img, -1, 2)) < 0.9, "without the mirror it must not fit");
    }

    @Test
    void nearbyDirectionsGiveTheExactInPlaneAngle() {
        // Two views 5° apart near the equator with different rot: SPARX's Δφ rule is off by Δφ(1 − cos θ).
        double[] c = { 0, 80, 0 }, m = { 5, 80, 0 };
        InPlaneFrame f = InPlaneFrame.of(Conventions.eulerMatrix(c[0], c[1], c[2]), Conventions.eulerMatrix(m[0], m[1], m[2]), false);
        assertEquals(-5 * Math.cos(Math.toRadians(80)), f.alpha(), 0.05);
    }

    @Test
    void ctfAngleFollowsTheAlignment() {
        CtfParams p = new CtfParams(12000, 9000, 25, 300, 2.7, 0.1, 0, 0, 1);
        double[] c = Conventions.eulerMatrix(10, 40, 0);
        for (boolean mirror : new boolean[] { false, true }) {
            double[] mm = Conventions.eulerMatrix(10, 40, 57);
            InPlaneFrame f = InPlaneFrame.of(c, mm, mirror);
            double[] m = f.matrix();
            Ctf original = new Ctf(p);
            Ctf turned = new Ctf(new CtfParams(12000, 9000, f.ctfAngle(25), 300, 2.7, 0.1, 0, 0, 1));
            for (int t = 0; t < 50; t++) {
                double kx = 0.01 * Math.cos(t), ky = 0.013 * Math.sin(1.7 * t);
                // the aligned spectrum at k is the original's at M·k
                double mx = m[0] * kx + m[1] * ky, my = m[2] * kx + m[3] * ky;
                assertEquals(original.value(mx, my), turned.value(kx, ky), 1e-9, "mirror " + mirror);
            }
        }
    }
}

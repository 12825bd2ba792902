package org.emflow.compute.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.emflow.compute.geometry.Conventions;
import org.junit.jupiter.api.Test;

/** §A.13 test 3: noiseless projections with perturbed poses come back to the truth, also near the pole. */
class LocalAlignerTest {
    static double angleBetween(double[] a, double[] b) {
        return Conventions.angleBetween(a, b);
    }

    @Test
    void perturbedPosesAreRefinedBackToTheTruth() {
        int n = CascadedCccTest.N;
        SplittableRandom rnd = new SplittableRandom(5);
        LocalAligner aligner = new LocalAligner(new CascadedCcc(CascadedCccTest.PROJECTOR, n / 2 - 2), 2, 2, 1e-4, 1e-4);
        double[][] truths = {{20, 70, -30}, {-120, 140, 60}, {45, 4, 10}};
        for (double[] t : truths) {
            double ox = 0.8, oy = -0.4;
            float[] img = CascadedCccTest.image(t[0], t[1], t[2], ox, oy);
            double[] start = {t[0] + rnd.nextDouble(-1, 1), t[1] + rnd.nextDouble(-1, 1), t[2] + rnd.nextDouble(-1, 1)};
            double before = angleBetween(t, start);
            LocalAligner.Pose p = aligner.refine(img, start[0], start[1], start[2], ox + 0.5, oy - 0.5, null, 4.0);
            double after = angleBetween(t, new double[] {p.rot(), p.tilt(), p.psi()});
            assertTrue(after < 0.25 && after < before, "view " + java.util.Arrays.toString(t) + ": " + before + " deg -> " + after);
            assertEquals(ox, p.originX(), 0.1, "origin x of " + java.util.Arrays.toString(t));
            assertEquals(oy, p.originY(), 0.1, "origin y of " + java.util.Arrays.toString(t));
        }
    }

    @Test
    void withFrozenShiftsTheAnglesAloneAreRefined() {
        int n = CascadedCccTest.N;
        LocalAligner aligner = new LocalAligner(new CascadedCcc(CascadedCccTest.PROJECTOR, n / 2 - 2), 2, 0, 1e-4, 1e-4);
        double[] t = {-60, 100, 150};
        float[] img = CascadedCccTest.image(t[0], t[1], t[2], 0.3, 0.2);
        LocalAligner.Pose p = aligner.refine(img, t[0] + 0.9, t[1] - 0.8, t[2] + 0.7, 0.3, 0.2, null, 4.0);
        assertTrue(angleBetween(t, new double[] {p.rot(), p.tilt(), p.psi()}) < 0.25);
        assertEquals(0.3, p.originX(), 0, "ts = 0 keeps the shift");
        assertEquals(0.2, p.originY(), 0);
    }
}

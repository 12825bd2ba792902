package org.emflow.compute.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RelionEulerTest {
    @Test
    void matrixMatchesTheSpecFormulaComputedIndependently() {
        // numpy, from the explicit matrix of specs/tomodrgn-backproject.md 2.7, rot 30, tilt 60, psi -20
        double[] expected = {0.57790891, -0.06127498, -0.81379768, -0.32174724, 0.89930272, -0.29619813,
            0.75, 0.4330127, 0.5};
        assertArrayEquals(expected, RelionEuler.matrix(30, 60, -20), 1e-8);
    }

    @Test
    void anglesInvertTheMatrixIncludingTiltZeroAnd180() {
        Random rnd = new Random(1);
        for (int i = 0; i < 1000; i++) {
            double rot = rnd.nextDouble() * 360 - 180;
            double tilt = rnd.nextDouble() * 180;
            double psi = rnd.nextDouble() * 360 - 180;
            double[] m = RelionEuler.matrix(rot, tilt, psi);
            double[] a = RelionEuler.angles(m);
            assertArrayEquals(m, RelionEuler.matrix(a[0], a[1], a[2]), 1e-9);
            assertEquals(tilt, a[1], 1e-6);
        }
        for (double tilt : new double[] {0, 180}) {
            double[] m = RelionEuler.matrix(25, tilt, 40);
            double[] a = RelionEuler.angles(m);
            assertArrayEquals(m, RelionEuler.matrix(a[0], a[1], a[2]), 1e-12);
        }
    }
}

package org.emflow.compute.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pins RELION's Euler matrix to the spec's formula and checks that {@link Conventions#eulerAngles} inverts it. */
class EulerAnglesTest {
    @Test
    void matrixMatchesTheSpecFormulaComputedIndependently() {
        // numpy, from the explicit matrix of specs/tomodrgn-backproject.md 2.7, rot 30, tilt 60, psi -20
        double[] expected = {0.57790891, -0.06127498, -0.81379768, -0.32174724, 0.89930272, -0.29619813,
            0.75, 0.4330127, 0.5};
        assertArrayEquals(expected, Conventions.eulerMatrix(30, 60, -20), 1e-8);
    }

    @Test
    void anglesInvertTheMatrixIncludingTiltZeroAnd180() {
        Random rnd = new Random(1);
        for (int i = 0; i < 1000; i++) {
            double rot = rnd.nextDouble() * 360 - 180;
            double tilt = rnd.nextDouble() * 180;
            double psi = rnd.nextDouble() * 360 - 180;
            double[] m = Conventions.eulerMatrix(rot, tilt, psi);
            double[] a = Conventions.eulerAngles(m);
            assertArrayEquals(m, Conventions.eulerMatrix(a[0], a[1], a[2]), 1e-9);
            assertEquals(tilt, a[1], 1e-6);
        }
        for (double tilt : new double[] {0, 180}) {
            double[] m = Conventions.eulerMatrix(25, tilt, 40);
            double[] a = Conventions.eulerAngles(m);
            assertArrayEquals(m, Conventions.eulerMatrix(a[0], a[1], a[2]), 1e-12);
        }
    }

    @Test
    void angleBetweenViewsIsTheRotationAngle() {
        assertEquals(30, Conventions.angleBetween(new double[] {0, 0, 0}, new double[] {0, 0, 30}), 1e-9);
        assertEquals(0, Conventions.angleBetween(new double[] {10, 20, 30}, new double[] {10, 20, 30}), 1e-5);
        assertEquals(0, Conventions.angleBetween(new double[] {40, 0, 0}, new double[] {0, 0, 40}), 1e-5, "tilt 0: rot and psi add (acos near 1 keeps about 1e-6 degrees)");
        assertEquals(180, Conventions.angleBetween(new double[] {0, 0, 0}, new double[] {0, 180, 0}), 1e-6);
    }
}

package org.emflow.compute.weighting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WeightsTest {

    @Test
    void doseWeightUsesGrantGrigorieffCriticalExposure() {
        double nc = 0.245 * Math.pow(0.1, -1.665) + 2.81; // 10 A
        assertEquals(nc, DoseWeights.criticalExposure(0.1, 300), 1e-12);
        assertEquals(Math.exp(-20 / (2 * nc)), DoseWeights.weight(20, 0.1, 300), 1e-12);
        assertEquals(0.8 * nc, DoseWeights.criticalExposure(0.1, 200), 1e-12);
        assertEquals(1.0, DoseWeights.weight(50, 0, 300), 0);
    }

    @Test
    void tiltWeightIsCosineOfTheTiltInDegrees() {
        assertEquals(0.5, TiltWeights.weight(60), 1e-12);
        assertEquals(1.0, TiltWeights.weight(0), 1e-12);
        assertEquals(Math.cos(Math.toRadians(45)), TiltWeights.weight(-45), 1e-12);
    }
}

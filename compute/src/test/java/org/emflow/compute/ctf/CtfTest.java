package org.emflow.compute.ctf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CtfTest {

    @Test
    void lowFrequencyValueIsMinusAmplitudeContrastAndZerosFollowDefocus() {
        Ctf c = new Ctf(new CtfParams(20000, 20000, 0, 300, 0, 0.1, 0, 0, 1));
        assertEquals(-0.1, c.value(0, 0), 1e-12);
        Ctf pure = new Ctf(new CtfParams(20000, 20000, 0, 300, 0, 0, 0, 0, 1));
        double lambda = Ctf.wavelength(300);
        assertEquals(0.019687, lambda, 1e-5);
        // First zero without Cs: pi df lambda s^2 = pi
        double s = Math.sqrt(1 / (20000 * lambda));
        assertEquals(0.0, pure.value(s, 0), 1e-9);
        assertEquals(-1.0, pure.value(Math.sqrt(0.5 / (20000 * lambda)), 0), 1e-9);
    }

    @Test
    void astigmatismFollowsTheDefocusAngle() {
        Ctf c = new Ctf(new CtfParams(25000, 15000, 30, 300, 0, 0, 0, 0, 1));
        Ctf u = new Ctf(new CtfParams(25000, 25000, 0, 300, 0, 0, 0, 0, 1));
        Ctf v = new Ctf(new CtfParams(15000, 15000, 0, 300, 0, 0, 0, 0, 1));
        double s = 0.05, a = Math.toRadians(30), b = Math.toRadians(120);
        assertEquals(u.value(s, 0), c.value(s * Math.cos(a), s * Math.sin(a)), 1e-9);
        assertEquals(v.value(s, 0), c.value(s * Math.cos(b), s * Math.sin(b)), 1e-9);
    }

    @Test
    void batchEvaluationMatchesThePointwiseFormula() {
        Ctf c = new Ctf(new CtfParams(31000, 27000, -40, 300, 2.7, 0.07, 20, 0, 1));
        int n = 500;
        float[] s2 = new float[n], c2 = new float[n], sn2 = new float[n], out = new float[n];
        double[] sx = new double[n], sy = new double[n];
        java.util.Random r = new java.util.Random(2);
        for (int i = 0; i < n; i++) {
            sx[i] = r.nextDouble() * 0.25 - 0.125;
            sy[i] = r.nextDouble() * 0.25 - 0.125;
            double q = sx[i] * sx[i] + sy[i] * sy[i];
            s2[i] = (float) q;
            c2[i] = (float) ((sx[i] * sx[i] - sy[i] * sy[i]) / q);
            sn2[i] = (float) (2 * sx[i] * sy[i] / q);
        }
        c.values(s2, c2, sn2, n, out);
        for (int i = 0; i < n; i++) {
            assertEquals(c.value(sx[i], sy[i]), out[i], 2e-4, "at " + sx[i] + "," + sy[i]);
        }
        for (float x = -2000; x < 2000; x += 0.37f) {
            assertEquals(Math.sin(x), Ctf.fastSin(x), 1e-6, "sin " + x);
        }
        for (int k = -1000; k <= 1000; k++) {
            float x = (float) (k * Math.PI); // where the reduction cancels most
            assertEquals(Math.sin(x), Ctf.fastSin(x), 1e-6, "sin " + x);
        }
    }
}

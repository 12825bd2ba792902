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
}

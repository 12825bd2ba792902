package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ElectronOpticsTest {
    @Test
    void relativisticWavelengthAt300kVIs1p9687pm() {
        assertEquals(0.0019687, ElectronOptics.wavelengthNm(300), 5e-8);
        assertEquals(0.0025079, ElectronOptics.wavelengthNm(200), 5e-8);
    }

    @Test
    void transferIsExpMinusIChiInsideTheApertureAndZeroOutside() {
        float[] g2 = {0f, 4f, 49f};
        ElectronOptics o = new ElectronOptics(g2, 300, 2.7e6, 0, 5.5, 0.05, 6, 20);
        float[] t = new float[6];
        o.transfer(-100, true, t);
        assertEquals(1f, t[0], 0);
        assertEquals(0f, t[1], 0);
        double lambda = ElectronOptics.wavelengthNm(300);
        double chi = Math.PI * lambda * -100 * 4 + 0.5 * Math.PI * 2.7e6 * Math.pow(lambda, 3) * 16;
        assertEquals(Math.cos(chi), t[2], 1e-6);
        assertEquals(-Math.sin(chi), t[3], 1e-6);
        assertEquals(0f, t[4], 0);
        assertEquals(0f, t[5], 0);
    }

    @Test
    void envelopesAreOneAtZeroFrequencyAndFollowTheOriginalsFactors() {
        float[] g2 = {0f, 25f};
        ElectronOptics o = new ElectronOptics(g2, 300, 2.7e6, 0, 5.5, 0.05, 6, 20);
        float[] e = new float[2];
        o.envelope(-200, e);
        assertEquals(1f, e[0], 0);
        double l = ElectronOptics.wavelengthNm(300);
        double g = 5;
        double et = Math.exp(-Math.pow(Math.PI * l * 6 / 2, 2) * Math.pow(g, 4));
        double es = Math.exp(-Math.pow(Math.PI * 0.05e-3, 2) * Math.pow(-200 * g + 2.7e6 * l * l * g * g * g, 2));
        double ei = Math.exp(-2 * Math.PI * Math.PI * 0.02 * 0.02 * g * g);
        assertEquals(et * es * ei, e[1], 1e-6);
    }
}

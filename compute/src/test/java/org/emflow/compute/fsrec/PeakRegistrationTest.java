package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PeakRegistrationTest {
    /** A smooth random image (Gaussian-filtered noise), w x h, shifted by (dx, dy), real part only. */
    static float[] smoothImage(int w, int h, double dx, double dy, long seed) {
        Random rnd = new Random(seed);
        float[] z = new float[2 * w * h];
        for (int i = 0; i < w * h; i++) {
            z[2 * i] = (float) rnd.nextGaussian();
        }
        FourierConvention.forward(z, w, h);
        float[] g2 = FourierConvention.frequencySquared(w, h, 1, 1);
        for (int i = 0; i < w * h; i++) {
            double f = Math.exp(-g2[i] * 2 * Math.PI * Math.PI * 1.5 * 1.5);
            z[2 * i] *= (float) f;
            z[2 * i + 1] *= (float) f;
        }
        // Independent shift: exp(-2 pi i (kx dx / w + ky dy / h)) with the Nyquist line made Hermitian.
        for (int y = 0; y < h; y++) {
            int ky = FourierConvention.freq(y, h);
            for (int x = 0; x < w; x++) {
                int kx = FourierConvention.freq(x, w);
                double ph = -2 * Math.PI * (kx * dx / w + ky * dy / h);
                double c = Math.cos(ph);
                double s = Math.sin(ph);
                if (x == w / 2 || y == h / 2) {
                    s = 0;
                    c = Math.cos(ph);
                }
                int i = y * w + x;
                float re = z[2 * i];
                float im = z[2 * i + 1];
                z[2 * i] = (float) (re * c - im * s);
                z[2 * i + 1] = (float) (re * s + im * c);
            }
        }
        FourierConvention.inverse(z, w, h);
        float[] out = new float[w * h];
        for (int i = 0; i < w * h; i++) {
            out[i] = z[2 * i];
        }
        return out;
    }

    @Test
    void knownSubPixelShiftsAreRecoveredTo005Pixel() {
        int w = 128;
        PeakRegistration reg = new PeakRegistration(w, w);
        double[][] shifts = {{0.37, -1.21}, {2.6, 0.45}, {-0.8, -2.3}, {1.5, 1.5}, {0, 0}};
        float[] ref = smoothImage(w, w, 0, 0, 11);
        double[] out = new double[2];
        for (double[] s : shifts) {
            float[] img = smoothImage(w, w, s[0], s[1], 11);
            reg.correlate(img, ref);
            reg.centroidPeak(3, 0.01, out);
            assertEquals(s[0], out[0], 0.05, "x shift " + s[0]);
            assertEquals(s[1], out[1], 0.05, "y shift " + s[1]);
        }
    }

    @Test
    void integerPeakGivesTheSignedDisplacementOfTheImage() {
        int w = 64;
        PeakRegistration reg = new PeakRegistration(w, w);
        float[] ref = smoothImage(w, w, 0, 0, 4);
        float[] img = smoothImage(w, w, 5, -7, 4);
        reg.correlate(img, ref);
        double[] out = new double[2];
        reg.integerPeak(out);
        assertEquals(5, out[0]);
        assertEquals(-7, out[1]);
    }
}

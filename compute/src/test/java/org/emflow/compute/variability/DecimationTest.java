package org.emflow.compute.variability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecimationTest {
    @Test
    void keepsTheMeanAndTheCentreOfASmoothBlob() {
        int n0 = 64;
        float[] img = new float[n0 * n0];
        for (int y = 0; y < n0; y++) {
            for (int x = 0; x < n0; x++) {
                img[y * n0 + x] = (float) (2 + Math.exp(-((x - 36) * (x - 36) + (y - 28) * (y - 28)) / 50.0));
            }
        }
        for (int window : new int[] { 0, 48 }) {
            int nx = Decimation.size(n0, window, 0.25);
            Decimation d = new Decimation(n0, window, nx);
            float[] out = new float[nx * nx];
            d.apply(img, out);
            assertEquals(window == 0 ? 16 : 12, nx);
            // the blob at (+4, −4) pixels from the centre moves to (+1, −1) decimated pixels
            double sx = 0, sy = 0, s = 0, mean = 0;
            for (int y = 0; y < nx; y++) {
                for (int x = 0; x < nx; x++) {
                    double v = out[y * nx + x] - 2;
                    mean += out[y * nx + x];
                    if (v > 0.05) {
                        sx += v * (x - nx / 2);
                        sy += v * (y - nx / 2);
                        s += v;
                    }
                }
            }
            assertEquals(1.0, sx / s, 0.1, "window " + window);
            assertEquals(-1.0, sy / s, 0.1);
            assertEquals(2.0, out[0], 0.02, "background value kept");
            assertEquals(0.25, d.factor(), 1e-12);
        }
    }
}

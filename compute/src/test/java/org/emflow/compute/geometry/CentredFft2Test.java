package org.emflow.compute.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pins CentredFft2's layout, centring and shift against a direct DFT, on both code paths (powers of two and others). */
class CentredFft2Test {
    @Test
    void halfSpectrumIsTheCentredShiftedDft() {
        int[][] cases = { { 16, 1 }, { 16, 2 }, { 12, 1 }, { 9, 2 }, { 32, 1 } };
        for (int[] c : cases) {
            int n = c[0], padding = c[1];
            CentredFft2 fft = new CentredFft2(n, padding);
            int big = fft.size(), half = big / 2, off = big / 2 - n / 2;
            Random r = new Random(n * 10 + padding);
            float[] img = new float[n * n];
            for (int i = 0; i < img.length; i++) {
                img[i] = (float) r.nextGaussian();
            }
            double ox = 1.3, oy = -0.7;
            float[] re = new float[fft.outputLength()], im = new float[fft.outputLength()];
            fft.transform(img, -1f, ox, oy, re, im);
            for (int row = 0; row < big; row++) {
                int ky = row - half;
                for (int kx = 0; kx < half; kx++) {
                    double sr = 0, si = 0;
                    for (int y = 0; y < n; y++) {
                        for (int x = 0; x < n; x++) {
                            // real-space origin at padded pixel N/2 (image pixel n/2) has phase 0
                            double p = -2 * Math.PI * (kx * (x + off - half) + ky * (y + off - half)) / big
                                    + Conventions.shiftPhase(kx, ky, big, ox, oy);
                            sr += -img[y * n + x] * Math.cos(p);
                            si += -img[y * n + x] * Math.sin(p);
                        }
                    }
                    String at = "n " + n + " padding " + padding + " kx " + kx + " ky " + ky;
                    assertEquals(sr, re[row * half + kx], 1e-4 * n, at);
                    assertEquals(si, im[row * half + kx], 1e-4 * n, at);
                }
            }
        }
    }
}

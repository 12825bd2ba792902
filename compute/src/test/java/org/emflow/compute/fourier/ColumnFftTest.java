package org.emflow.compute.fourier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnFftTest {
    @Test
    void everyLaneGetsTheForwardDftOfItsColumn() {
        for (int m : new int[] { 1, 2, 4, 8, 64, 128 }) {
            int lanes = 19;
            Random r = new Random(m);
            float[][] re = new float[m][lanes], im = new float[m][lanes];
            double[][] xr = new double[m][lanes], xi = new double[m][lanes];
            for (int j = 0; j < m; j++) {
                for (int l = 0; l < lanes; l++) {
                    re[j][l] = (float) (xr[j][l] = r.nextGaussian());
                    im[j][l] = (float) (xi[j][l] = r.nextGaussian());
                }
            }
            new ColumnFft(m).forward(re, im, lanes);
            for (int k = 0; k < m; k++) {
                for (int l = 0; l < lanes; l++) {
                    double sr = 0, si = 0;
                    for (int j = 0; j < m; j++) {
                        double p = -2 * Math.PI * j * k / m; // forward sign e^{-2 pi i jk/m}, unscaled
                        sr += xr[j][l] * Math.cos(p) - xi[j][l] * Math.sin(p);
                        si += xr[j][l] * Math.sin(p) + xi[j][l] * Math.cos(p);
                    }
                    assertEquals(sr, re[k][l], 2e-5 * m, "m " + m + " k " + k + " lane " + l);
                    assertEquals(si, im[k][l], 2e-5 * m, "m " + m + " k " + k + " lane " + l);
                }
            }
        }
    }

    @Test
    void onlyPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new ColumnFft(12));
    }
}

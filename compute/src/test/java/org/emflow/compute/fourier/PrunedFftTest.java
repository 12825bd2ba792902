package org.emflow.compute.fourier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.emflow.compute.fsrec.FourierConvention;
import org.junit.jupiter.api.Test;

class PrunedFftTest {
    @Test
    void bandLimitedInverseEqualsTheFullInverse() {
        int nx = 40;
        int ny = 30;
        int kMax = 7;
        Random rnd = new Random(1);
        float[] a = new float[2 * nx * ny];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                if (Math.abs(FourierConvention.freq(x, nx)) <= kMax) {
                    a[2 * (y * nx + x)] = (float) rnd.nextGaussian();
                    a[2 * (y * nx + x) + 1] = (float) rnd.nextGaussian();
                }
            }
        }
        float[] b = a.clone();
        FourierConvention.inverse(a, nx, ny);
        PrunedFft.inverseBandLimited(b, nx, ny, kMax);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5f);
        }
    }

    @Test
    void rowRestrictedInverseGivesTheRequestedRows() {
        int nx = 24;
        int ny = 18;
        Random rnd = new Random(2);
        float[] a = new float[2 * nx * ny];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        float[] b = a.clone();
        FourierConvention.inverse(a, nx, ny);
        PrunedFft.inverseRows(b, nx, ny, 5, 7);
        for (int y = 5; y < 12; y++) {
            for (int i = 2 * y * nx; i < 2 * (y + 1) * nx; i++) {
                assertEquals(a[i], b[i], 1e-5f);
            }
        }
    }

    @Test
    void fullTransformEqualsTheDirectDftWithNumpySignAndNormalisation() {
        int nx = 12;
        int ny = 10; // rectangular, not powers of two: rows and columns use their own lengths
        Random rnd = new Random(3);
        float[] x = new float[2 * nx * ny];
        for (int q = 0; q < x.length; q++) {
            x[q] = (float) rnd.nextGaussian();
        }
        float[] f = x.clone();
        FourierConvention.forward(f, nx, ny);
        double maxErr = 0;
        for (int ky = 0; ky < ny; ky++) {
            for (int kx = 0; kx < nx; kx++) {
                double re = 0;
                double im = 0;
                for (int y = 0; y < ny; y++) {
                    for (int xx = 0; xx < nx; xx++) {
                        double ph = -2 * Math.PI * ((double) kx * xx / nx + (double) ky * y / ny);
                        double a = x[2 * (y * nx + xx)];
                        double b = x[2 * (y * nx + xx) + 1];
                        re += a * Math.cos(ph) - b * Math.sin(ph);
                        im += a * Math.sin(ph) + b * Math.cos(ph);
                    }
                }
                int k = 2 * (ky * nx + kx);
                maxErr = Math.max(maxErr, Math.max(Math.abs(f[k] - re), Math.abs(f[k + 1] - im)));
            }
        }
        assertTrue(maxErr < 1e-4, "forward vs direct DFT: " + maxErr);
        FourierConvention.inverse(f, nx, ny);
        for (int q = 0; q < x.length; q++) {
            assertEquals(x[q], f[q], 1e-5, "inverse(forward(x)) at " + q);
        }
    }
}

package org.emflow.compute.variability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.ctf.CtfParams;
import org.junit.jupiter.api.Test;

class GroupStatisticsTest {
    @Test
    void noiseOfSigmaGivesVarianceSigmaSquaredWithAndWithoutCtf() {
        int nx = 32, n = 201; // odd: the last image has no partner in the paired transforms
        double sigma = 1.7;
        SplittableRandom rnd = new SplittableRandom(5);
        float[][] images = new float[n][nx * nx];
        Ctf[] ctf = new Ctf[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < nx * nx; i++) {
                images[j][i] = (float) (3 + sigma * rnd.nextGaussian());
            }
            double df = 15000 + 200 * j;
            ctf[j] = new Ctf(new CtfParams(df, df - 300, 7 * j, 300, 2.7, 0.1, 0, 0, 1));
        }
        for (boolean withCtf : new boolean[] { false, true }) {
            GroupStatistics g = new GroupStatistics(nx, 4.0, withCtf);
            float[] ave = new float[nx * nx], var = new float[nx * nx];
            g.compute(images, ctf, n, ave, var);
            double mv = 0;
            for (float v : var) {
                mv += v;
            }
            mv /= var.length;
            // With CTF the residual removes a little more (the model has a free average per frequency).
            assertEquals(sigma * sigma, mv, 0.06 * sigma * sigma, "CTF " + withCtf);
            if (!withCtf) {
                double ma = 0;
                for (float a : ave) {
                    ma += a;
                }
                assertEquals(3, ma / ave.length, 0.02);
            }
        }
    }

    @Test
    void signalSeenThroughCtfsIsRecoveredAndLeavesNoVariance() {
        int nx = 32, n = 21;
        float[] truth = new float[nx * nx];
        for (int y = 0; y < nx; y++) {
            for (int x = 0; x < nx; x++) {
                truth[y * nx + x] = (float) Math.exp(-((x - 16) * (x - 16) + (y - 14) * (y - 14)) / 8.0);
            }
        }
        float[][] images = new float[n][];
        Ctf[] ctf = new Ctf[n];
        org.jtransforms.fft.FloatFFT_2D fft = new org.jtransforms.fft.FloatFFT_2D(nx, nx);
        GroupStatistics stats = new GroupStatistics(nx, 2.0, true);
        for (int j = 0; j < n; j++) {
            double df = 8000 + 700 * j;
            ctf[j] = new Ctf(new CtfParams(df, df, 0, 300, 2.7, 0.1, 0, 0, 1));
            float[] c = new float[nx * nx];
            // apply the CTF on the FFT grid the statistics use
            float[] sp = new float[2 * nx * nx];
            for (int i = 0; i < nx * nx; i++) {
                sp[2 * i] = truth[i];
            }
            fft.complexForward(sp);
            for (int y = 0; y < nx; y++) {
                int ky = y < nx / 2 ? y : y - nx;
                for (int x = 0; x < nx; x++) {
                    int kx = x < nx / 2 ? x : x - nx;
                    c[y * nx + x] = (float) ctf[j].value(kx / (nx * 2.0), ky / (nx * 2.0));
                }
            }
            for (int i = 0; i < nx * nx; i++) {
                sp[2 * i] *= c[i];
                sp[2 * i + 1] *= c[i];
            }
            fft.complexInverse(sp, true);
            images[j] = new float[nx * nx];
            for (int i = 0; i < nx * nx; i++) {
                images[j][i] = sp[2 * i];
            }
        }
        float[] ave = new float[nx * nx], var = new float[nx * nx];
        stats.compute(images, ctf, n, ave, var);
        double err = 0, norm = 0, mv = 0;
        for (int i = 0; i < nx * nx; i++) {
            err += (ave[i] - truth[i]) * (ave[i] - truth[i]);
            norm += truth[i] * truth[i];
            mv = Math.max(mv, var[i]);
        }
        assertEquals(0, Math.sqrt(err / norm), 0.05, "Wiener average recovers the signal");
        assertEquals(0, mv, 1e-4, "no variance without noise or heterogeneity");
    }
}

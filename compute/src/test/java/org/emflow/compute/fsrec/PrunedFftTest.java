package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
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
}

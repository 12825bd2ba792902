package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FourierConventionTest {
    @Test
    void frequencyIndicesFollowNumpyFftfreqOrder() {
        int[] even = new int[8];
        for (int i = 0; i < 8; i++) {
            even[i] = FourierConvention.freq(i, 8);
        }
        assertArrayEquals(new int[] {0, 1, 2, 3, -4, -3, -2, -1}, even);
        int[] odd = new int[5];
        for (int i = 0; i < 5; i++) {
            odd[i] = FourierConvention.freq(i, 5);
        }
        assertArrayEquals(new int[] {0, 1, 2, -2, -1}, odd);
    }

    @Test
    void positiveDisplacementMovesContentTowardsHigherIndices() {
        int nx = 16;
        int ny = 12;
        float[] img = new float[2 * nx * ny];
        img[2 * (7 * nx + 5)] = 1f; // x = 5, y = 7
        FourierConvention.forward(img, nx, ny);
        FourierConvention.shiftSpectrum(img, img, nx, ny, 2, -3, new float[2 * nx], new float[2 * ny]);
        FourierConvention.inverse(img, nx, ny);
        assertEquals(1f, img[2 * (4 * nx + 7)], 1e-5f, "content at (5,7) shifted by (+2,-3) must land at (7,4)");
        double rest = 0;
        for (int i = 0; i < nx * ny; i++) {
            if (i != 4 * nx + 7) {
                rest += Math.abs(img[2 * i]) + Math.abs(img[2 * i + 1]);
            }
        }
        assertEquals(0, rest, 1e-4);
    }

    @Test
    void subPixelShiftOfARealImageStaysReal() {
        int nx = 32;
        int ny = 24;
        Random rnd = new Random(3);
        float[] img = new float[2 * nx * ny];
        for (int i = 0; i < nx * ny; i++) {
            img[2 * i] = (float) rnd.nextGaussian();
        }
        FourierConvention.forward(img, nx, ny);
        FourierConvention.shiftSpectrum(img, img, nx, ny, 0.37, -1.71, new float[2 * nx], new float[2 * ny]);
        FourierConvention.inverse(img, nx, ny);
        double imag = 0;
        for (int i = 0; i < nx * ny; i++) {
            imag = Math.max(imag, Math.abs(img[2 * i + 1]));
        }
        assertEquals(0, imag, 1e-5);
    }

    @Test
    void splitPairRecoversTheTransformsOfTwoRealImages() {
        int nx = 10;
        int ny = 6;
        Random rnd = new Random(5);
        float[] a = new float[2 * nx * ny];
        float[] b = new float[2 * nx * ny];
        float[] z = new float[2 * nx * ny];
        for (int i = 0; i < nx * ny; i++) {
            a[2 * i] = (float) rnd.nextGaussian();
            b[2 * i] = (float) rnd.nextGaussian();
            z[2 * i] = a[2 * i];
            z[2 * i + 1] = b[2 * i];
        }
        FourierConvention.forward(a, nx, ny);
        FourierConvention.forward(b, nx, ny);
        FourierConvention.forward(z, nx, ny);
        float[] sa = new float[z.length];
        float[] sb = new float[z.length];
        FourierConvention.splitPair(z, nx, ny, sa, sb);
        assertArrayEquals(a, sa, 1e-4f);
        assertArrayEquals(b, sb, 1e-4f);
    }

    @Test
    void frequencyGridUsesEachAxisOwnSizeAndSampling() {
        float[] g2 = FourierConvention.frequencySquared(8, 4, 0.5, 0.25);
        // x index 1: 1/(8*0.5) = 0.25 1/nm; y index 1: 1/(4*0.25) = 1 1/nm
        assertEquals(0.0625, g2[1], 1e-7);
        assertEquals(1.0, g2[8], 1e-7);
        assertEquals(16 * 0.0625 + 4 * 1.0, g2[2 * 8 + 4], 1e-6); // x = 4 -> -4, y = 2 -> -2
    }
}

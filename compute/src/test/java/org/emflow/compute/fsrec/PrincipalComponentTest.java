package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrincipalComponentTest {
    @Test
    void dominantPatternIsFoundWhateverTheSignsAndOffsetsOfTheImages() {
        Random rnd = new Random(3);
        int len = 4096;
        float[] pattern = new float[len];
        float[] other = new float[len];
        for (int q = 0; q < len; q++) {
            pattern[q] = (float) rnd.nextGaussian();
            other[q] = (float) rnd.nextGaussian();
        }
        // Twelve images: the pattern with amplitudes of both signs (contrast reversal), a weaker second
        // pattern, an offset each and noise.
        float[][] images = new float[12][len];
        for (int i = 0; i < images.length; i++) {
            double a = (i % 3 == 0 ? -1 : 1) * (1 + 0.1 * i);
            double b = 0.3 * Math.sin(i);
            for (int q = 0; q < len; q++) {
                images[i][q] = (float) (5 + i + a * pattern[q] + b * other[q] + 0.2 * rnd.nextGaussian());
            }
        }
        float[] pc = PrincipalComponent.first(images);
        double c = Math.abs(correlation(pc, pattern));
        assertTrue(c > 0.99, "|correlation| with the dominant pattern " + c);
        assertTrue(Math.abs(correlation(pc, other)) < 0.1, "second pattern suppressed");
    }

    private static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int q = 0; q < a.length; q++) {
            ma += a[q];
            mb += b[q];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int q = 0; q < a.length; q++) {
            ab += (a[q] - ma) * (b[q] - mb);
            aa += (a[q] - ma) * (a[q] - ma);
            bb += (b[q] - mb) * (b[q] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}

package org.emflow.compute.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GreyImagesTest {
    @Test
    void selectReturnsTheElementASortedCopyHasAtEveryRankIncludingTiesSignedZerosAndNaN() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(400);
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                int kind = rnd.nextInt(10);
                v[i] = switch (kind) {
                    case 0 -> Float.NaN;
                    case 1 -> -0f;
                    case 2 -> 0f;
                    case 3 -> 1.5f; // ties
                    default -> (float) rnd.nextGaussian();
                };
            }
            float[] sorted = v.clone();
            Arrays.sort(sorted);
            for (int k = 0; k < n; k++) {
                float got = GreyImages.select(v.clone(), k);
                assertEquals(Float.floatToIntBits(sorted[k]), Float.floatToIntBits(got), "n=" + n + " k=" + k);
            }
        }
    }

    @Test
    void greyLevelsIgnoreASingleHotPixel() {
        float[] v = new float[10000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 100;
        }
        v[0] = 1e9f;
        v[1] = Float.NaN;
        var img = GreyImages.grey(v, 100, 100, 0.005);
        assertEquals(255, img.getRaster().getSample(0, 0, 0), "the hot pixel saturates");
        assertEquals(0, img.getRaster().getSample(1, 0, 0), "NaN is black");
        assertEquals(129, img.getRaster().getSample(50, 1, 0), 1, "mid value mid grey: the range is 0..99, not 0..1e9");
        assertEquals(255, img.getRaster().getSample(99, 1, 0));
    }
}

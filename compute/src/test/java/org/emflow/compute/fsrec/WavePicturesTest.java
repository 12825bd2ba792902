package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WavePicturesTest {
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
                float got = WavePictures.select(v.clone(), k);
                assertEquals(Float.floatToIntBits(sorted[k]), Float.floatToIntBits(got), "n=" + n + " k=" + k);
            }
        }
    }
}

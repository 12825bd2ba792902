package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FrequencyClassesTest {
    /** Grids: square isotropic (swap symmetry), rectangular, anisotropic, odd sizes. */
    private static final double[][] GRIDS = {{64, 64, 0.04198, 0.04198}, {48, 64, 0.05, 0.05}, {64, 64, 0.04, 0.05}, {33, 33, 0.1, 0.1},
        {35, 20, 0.03, 0.07}};

    @Test
    void everyPixelHasItsRepresentativesSquaredFrequencyBitForBit() {
        for (double[] g : GRIDS) {
            int nx = (int) g[0];
            int ny = (int) g[1];
            float[] g2 = FourierConvention.frequencySquared(nx, ny, g[2], g[3]);
            boolean swap = FrequencyClasses.swapSymmetric(nx, ny, g[2], g[3]);
            int[] all = IntStream.range(0, nx * ny).toArray();
            FrequencyClasses c = FrequencyClasses.of(all, nx, ny, swap);
            for (int k = 0; k < all.length; k++) {
                assertEquals(Float.floatToIntBits(g2[k]), Float.floatToIntBits(g2[c.representative[c.groupOf[k]]]),
                        "pixel " + k + " of " + nx + "x" + ny);
            }
            int quadrant = (nx / 2 + 1) * (ny / 2 + 1);
            assertTrue(c.representative.length <= (swap ? (nx / 2 + 1) * (nx / 2 + 2) / 2 : quadrant), "groups " + c.representative.length);
        }
    }

    @Test
    void distinctValuesAreTheSortedDistinctValuesOfTheWholeGrid() {
        for (double[] g : GRIDS) {
            int nx = (int) g[0];
            int ny = (int) g[1];
            float[] g2 = FourierConvention.frequencySquared(nx, ny, g[2], g[3]);
            float[] expected = g2.clone();
            Arrays.sort(expected);
            int d = 0;
            for (int i = 0; i < expected.length; i++) {
                if (i == 0 || expected[i] != expected[i - 1]) {
                    expected[d++] = expected[i];
                }
            }
            assertArrayEquals(Arrays.copyOf(expected, d),
                    FrequencyClasses.distinctValues(g2, nx, ny, FrequencyClasses.swapSymmetric(nx, ny, g[2], g[3])), nx + "x" + ny);
        }
    }
}

package org.emflow.compute.fsc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.emflow.compute.image.Volume;
import org.emflow.compute.sim.Phantom;
import org.junit.jupiter.api.Test;

class FscTest {

    @Test
    void identicalMapsCorrelateOneAndIndependentNoiseNearZero() {
        Volume p = Phantom.create(32, 4.0);
        FscCurve same = Fsc.compute(p, p, null);
        for (int s = 0; s <= 16; s++) {
            assertEquals(1.0, same.fsc()[s], 1e-6);
        }
        Random r = new Random(1);
        Volume a = Volume.cube(32, 4.0), b = Volume.cube(32, 4.0);
        for (int i = 0; i < a.data().length; i++) {
            a.data()[i] = (float) r.nextGaussian();
            b.data()[i] = (float) r.nextGaussian();
        }
        FscCurve noise = Fsc.compute(a, b, null);
        for (int s = 4; s <= 16; s++) {
            assertTrue(Math.abs(noise.fsc()[s]) < 0.15, "shell " + s + ": " + noise.fsc()[s]);
        }
        assertEquals(16 / (32 * 4.0), noise.frequency()[16], 1e-12);
    }

    @Test
    void resolutionIsFirstShellBelowAndInterpolatedCrossing() {
        double[] f = { 0, 0.1, 0.2, 0.3 };
        FscCurve c = new FscCurve(f, new double[] { 1, 0.9, 0.5, 0.1 }, new long[4], 1.0);
        assertEquals(1 / 0.3, c.resolutionFirstBelow(0.143), 1e-12);
        // 0.143 between 0.5 at 0.2 and 0.1 at 0.3: t = 0.357/0.4
        assertEquals(1 / (0.2 + 0.1 * 0.357 / 0.4), c.resolutionInterpolated(0.143), 1e-9);
        FscCurve never = new FscCurve(f, new double[] { 1, 1, 1, 1 }, new long[4], 1.5);
        assertEquals(3.0, never.resolution0143(), 1e-12);
    }

    @Test
    void lowPassKeepsLowAndRemovesHighFrequencies() {
        int n = 32;
        double px = 2.0;
        Volume v = Volume.cube(n, px);
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    // 2 cycles per box (1/32 per A) + 12 cycles per box (3/16 per A)
                    v.set(x, y, z, (float) (Math.cos(2 * Math.PI * 2 * x / n) + Math.cos(2 * Math.PI * 12 * y / n)));
                }
            }
        }
        for (LowPassFilter.Edge e : LowPassFilter.Edge.values()) {
            Volume f = LowPassFilter.apply(v, 10.0, e); // cut-off 0.1 per A
            for (int x = 0; x < n; x++) {
                assertEquals(Math.cos(2 * Math.PI * 2 * x / n), f.get(x, 5, 7), 1e-4, e + " at x " + x);
            }
        }
    }

    @Test
    void autoMaskCoversTheDensityWithASoftEdge() {
        Volume p = Phantom.create(32, 4.0);
        Volume m = SoftMask.auto(p, p);
        float max = 0, min = 1;
        for (float f : m.data()) {
            max = Math.max(max, f);
            min = Math.min(min, f);
        }
        assertEquals(1f, max, 1e-6);
        assertEquals(0f, min, 1e-6);
        int soft = 0;
        for (float f : m.data()) {
            soft += f > 0.01 && f < 0.99 ? 1 : 0;
        }
        assertTrue(soft > 50, "soft edge voxels: " + soft);
        assertEquals(1f, m.get(16 + 4, 16 + 3, 16 + 4), 1e-6, "the dense lobe is inside");
    }

    @Test
    void percentileBySelectionEqualsTheSortedDefinition() {
        java.util.Random r = new java.util.Random(5);
        for (int n : new int[] { 1, 2, 3, 10, 1001, 20000 }) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                // half exact zeros (a masked map), some repeats, negatives
                v[i] = r.nextBoolean() ? 0f : (float) Math.round(r.nextGaussian() * 50) / 10f;
            }
            float[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            for (double q : new double[] { 0, 1, 50, 99, 99.9, 100 }) {
                double rank = q / 100.0 * (n - 1);
                int lo = (int) Math.floor(rank);
                int hi = Math.min(n - 1, lo + 1);
                double expected = sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
                org.junit.jupiter.api.Assertions.assertEquals(expected, SoftMask.percentile(v, q), 1e-12, "n " + n + " q " + q);
            }
        }
    }
}

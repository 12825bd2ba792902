package org.emflow.compute.recon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.emflow.compute.fourier.SliceGeometry;
import org.emflow.compute.geometry.Conventions;
import org.junit.jupiter.api.Test;

class FourierAccumulatorTest {

    /** One random slice of a box-n volume: positions and values as the back projector makes them. */
    private static final class Slice {
        final int count;
        final float[] px, py, pz, re, im, w, q;
        final int n;
        final double[] a;
        final SliceGeometry pts;

        Slice(SliceGeometry pts, double[] a, SplittableRandom rnd, int n) {
            this.pts = pts;
            this.a = a;
            this.n = n;
            count = pts.count;
            px = new float[count];
            py = new float[count];
            pz = new float[count];
            re = new float[count];
            im = new float[count];
            w = new float[count];
            q = new float[count];
            for (int i = 0; i < count; i++) {
                re[i] = (float) rnd.nextGaussian();
                im[i] = (float) rnd.nextGaussian();
                w[i] = (float) rnd.nextDouble(0.1, 2);
                q[i] = (float) rnd.nextDouble(0.1, 2);
            }
            int[] counts = new int[n + 1];
            FourierAccumulator.slicePositionsBySlab(a, 1.0, pts.kx, pts.ky, count, im, px, py, pz, n, 1, n, counts, new int[count]);
        }
    }

    /** Inserts through count + pack + per-slab insertion, as the back projector does. */
    private static int insertPackedBySlab(FourierAccumulator acc, Slice s, int planes, boolean noise) {
        int n = acc.size;
        int slabs = (n + planes - 1) / planes;
        int[] counts = new int[slabs + 1];
        int[] pairs = new int[s.count];
        // The positions again, from the mirrored values: mirror them back first, so both paths start alike.
        float[] im = s.im.clone();
        float[] px = new float[s.count], py = new float[s.count], pz = new float[s.count];
        for (int i = 0; i < s.count; i++) {
            if (s.pts.kx[i] * (float) s.a[0] + s.pts.ky[i] * (float) s.a[3] < 0) {
                im[i] = -im[i];
            }
        }
        int entries = FourierAccumulator.slicePositionsBySlab(s.a, 1.0, s.pts.kx, s.pts.ky, s.count, im, px, py, pz, n, planes,
                slabs, counts, pairs);
        org.junit.jupiter.api.Assertions.assertArrayEquals(s.im, im, "the same values mirrored");
        org.junit.jupiter.api.Assertions.assertArrayEquals(s.pz, pz, "the same positions");
        int[] codes = new int[entries];
        float[] packed = new float[entries * FourierAccumulator.PACKED];
        int[] start = new int[slabs + 1];
        FourierAccumulator.packBySlab(px, py, pz, s.count, s.re, im, s.w, noise ? s.q : null, n, slabs, codes, packed,
                start, counts, pairs);
        assertEquals(entries, start[slabs], "every counted entry is packed");
        // Slabs in reverse order: a voxel's sum must not depend on which slab task ran first.
        for (int sl = slabs - 1; sl >= 0; sl--) {
            acc.insertPacked(codes, packed, start[sl], start[sl + 1]);
        }
        return entries;
    }

    @Test
    void packedSlabInsertionGivesBitIdenticalSumsToDirectInsertion() {
        int n = 32;
        SliceGeometry pts = new Reconstructor(n, 1, false, true).slice;
        SplittableRandom rnd = new SplittableRandom(11);
        for (boolean noise : new boolean[] { true, false }) {
            FourierAccumulator direct = new FourierAccumulator(n, noise);
            FourierAccumulator packed2 = new FourierAccumulator(n, noise);
            FourierAccumulator packed8 = new FourierAccumulator(n, noise);
            int straddling = 0;
            // Random poses plus the axis-aligned ones, whose slices lie in one z plane or along slab edges.
            double[][] poses = new double[24][];
            for (int k = 0; k < poses.length; k++) {
                poses[k] = k < 4 ? new double[] { 90 * k, k * 30, 0 }
                        : new double[] { rnd.nextDouble(360), rnd.nextDouble(180), rnd.nextDouble(360) };
            }
            for (double[] pose : poses) {
                Slice s = new Slice(pts, Conventions.eulerMatrix(pose[0], pose[1], pose[2]), rnd, n);
                direct.insert(s.px, s.py, s.pz, s.count, s.re, s.im, s.w, s.q, 0, n);
                straddling += insertPackedBySlab(packed2, s, 2, noise) - s.count;
                insertPackedBySlab(packed8, s, 8, noise);
            }
            assertTrue(straddling > 1000, "the test exercises samples packed into two slabs: " + straddling);
            assertArrayEquals(direct.v, packed2.v, "2-plane slabs, noise " + noise);
            assertArrayEquals(direct.v, packed8.v, "8-plane slabs, noise " + noise);
            float sum = 0;
            for (int i = 2; i < direct.v.length; i += FourierAccumulator.STRIDE) {
                sum += direct.v[i];
            }
            assertTrue(sum > 1000, "weights were inserted: " + sum);
        }
    }

    @Test
    void directInsertionRestrictedToASlabTouchesOnlyThatSlab() {
        int n = 32;
        SliceGeometry pts = new Reconstructor(n, 1, false, true).slice;
        Slice s = new Slice(pts, Conventions.eulerMatrix(30, 70, 10), new SplittableRandom(3), n);
        FourierAccumulator acc = new FourierAccumulator(n, true);
        acc.insert(s.px, s.py, s.pz, s.count, s.re, s.im, s.w, s.q, 8, 12);
        int plane = n * acc.rowLen * FourierAccumulator.STRIDE;
        double inside = 0;
        for (int i = 0; i < acc.v.length; i++) {
            int z = i / plane;
            if (z < 8 || z >= 12) {
                assertEquals(0f, acc.v[i], "voxel outside the slab, z " + z);
            } else {
                inside += Math.abs(acc.v[i]);
            }
        }
        assertTrue(inside > 0, "the slab received samples");
    }
}

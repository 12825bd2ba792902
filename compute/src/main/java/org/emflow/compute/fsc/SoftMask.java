package org.emflow.compute.fsc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.emflow.compute.image.Volume;

/**
 * The automatic soft mask of the original tomoDRGN FSC (specs/tomodrgn-backproject.md §2.9): voxels
 * at or above the 99th percentile (linear interpolation between order statistics) of either half map,
 * dilated ceil(n/30) times with the 6-connected cross, then a cosine edge cos(π/2 · d/w) over the
 * Euclidean distance d ≤ w = ceil(n/30) voxels from the dilated mask. Assumes positive density.
 */
public final class SoftMask {
    private SoftMask() {
    }

    /** The automatic mask of two half maps. */
    public static Volume auto(Volume half1, Volume half2) {
        VolumeStats.checkSameGrid(half1, half2);
        int nx = half1.nx(), ny = half1.ny(), nz = half1.nz();
        int width = (int) Math.ceil(Math.max(nx, Math.max(ny, nz)) / 30.0);
        double t1 = percentile(half1.data(), 99);
        double t2 = percentile(half2.data(), 99);
        int total = nx * ny * nz;
        boolean[] m = new boolean[total];
        float[] a = half1.data(), b = half2.data();
        for (int i = 0; i < total; i++) {
            m[i] = a[i] >= t1 || b[i] >= t2;
        }
        for (int it = 0; it < width; it++) {
            m = dilate(m, nx, ny, nz);
        }
        // Squared integer distances to the nearest mask voxel within the edge width (w² + 1: farther), stamped
        // by each boundary voxel over its neighbourhood; the edge value per squared distance from a table, so
        // the 2M voxels take no square root or cosine each.
        int far = width * width + 1;
        int[] dist2 = new int[total];
        Arrays.fill(dist2, far);
        List<int[]> offs = new ArrayList<>();
        for (int dz = -width; dz <= width; dz++) {
            for (int dy = -width; dy <= width; dy++) {
                for (int dx = -width; dx <= width; dx++) {
                    if (dx * dx + dy * dy + dz * dz <= width * width) {
                        offs.add(new int[] { dx, dy, dz, dx * dx + dy * dy + dz * dz });
                    }
                }
            }
        }
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = (z * ny + y) * nx + x;
                    if (!m[i]) {
                        continue;
                    }
                    dist2[i] = 0;
                    if (!isBoundary(m, x, y, z, nx, ny, nz)) {
                        continue;
                    }
                    for (int[] o : offs) {
                        int xx = x + o[0], yy = y + o[1], zz = z + o[2];
                        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) {
                            continue;
                        }
                        int j = (zz * ny + yy) * nx + xx;
                        if (o[3] < dist2[j]) {
                            dist2[j] = o[3];
                        }
                    }
                }
            }
        }
        float[] edge = new float[far + 1];
        for (int k = 0; k <= far; k++) {
            double d = k == far ? width : Math.min((float) Math.sqrt(k), width);
            edge[k] = (float) Math.cos(Math.PI / 2 * d / width);
        }
        float[] out = new float[total];
        for (int i = 0; i < total; i++) {
            out[i] = edge[dist2[i]];
        }
        return half1.withData(out);
    }

    /**
     * numpy's default percentile: linear interpolation between the sorted values at rank q/100·(n−1). The two
     * order statistics by selection (expected linear time; sorting the box-128 maps took 0.3 s of an FSC run),
     * in {@link Float#compare}'s order as {@link Arrays#sort} would.
     */
    static double percentile(float[] v, double q) {
        float[] s = v.clone();
        double rank = q / 100.0 * (s.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = Math.min(s.length - 1, lo + 1);
        float a = select(s, lo);
        float b = a;
        if (hi > lo) { // after select, s[lo + 1 ..] hold the larger values: the next order statistic is their minimum
            b = s[hi];
            for (int i = hi + 1; i < s.length; i++) {
                if (Float.compare(s[i], b) < 0) {
                    b = s[i];
                }
            }
        }
        return a + (rank - lo) * (b - a);
    }

    /**
     * Rearranges {@code s} so that s[k] is the k-th smallest, smaller ones before it and larger ones after
     * (quickselect with a three-way partition, so that many equal values, the zeros of a masked map, stay linear).
     */
    static float select(float[] s, int k) {
        int left = 0, right = s.length - 1;
        while (right > left) {
            float pivot = median(s[left], s[(left + right) >>> 1], s[right]);
            int lt = left, i = left, gt = right; // [left, lt) < pivot, [lt, i) == pivot, (gt, right] > pivot
            while (i <= gt) {
                int c = Float.compare(s[i], pivot);
                if (c < 0) {
                    swap(s, lt++, i++);
                } else if (c > 0) {
                    swap(s, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                right = lt - 1;
            } else if (k > gt) {
                left = gt + 1;
            } else {
                return s[k];
            }
        }
        return s[k];
    }

    private static float median(float a, float b, float c) {
        if (Float.compare(a, b) > 0) {
            float t = a;
            a = b;
            b = t;
        }
        return Float.compare(b, c) <= 0 ? b : Float.compare(a, c) >= 0 ? a : c;
    }

    private static void swap(float[] s, int i, int j) {
        float t = s[i];
        s[i] = s[j];
        s[j] = t;
    }

    private static boolean[] dilate(boolean[] m, int nx, int ny, int nz) {
        boolean[] o = m.clone();
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = (z * ny + y) * nx + x;
                    if (m[i]) {
                        continue;
                    }
                    if ((x > 0 && m[i - 1]) || (x < nx - 1 && m[i + 1]) || (y > 0 && m[i - nx]) || (y < ny - 1 && m[i + nx])
                            || (z > 0 && m[i - nx * ny]) || (z < nz - 1 && m[i + nx * ny])) {
                        o[i] = true;
                    }
                }
            }
        }
        return o;
    }

    private static boolean isBoundary(boolean[] m, int x, int y, int z, int nx, int ny, int nz) {
        int i = (z * ny + y) * nx + x;
        return x == 0 || y == 0 || z == 0 || x == nx - 1 || y == ny - 1 || z == nz - 1
                || !m[i - 1] || !m[i + 1] || !m[i - nx] || !m[i + nx] || !m[i - nx * ny] || !m[i + nx * ny];
    }
}

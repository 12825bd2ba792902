package org.emflow.compute.variability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ViewNeighboursTest {
    @Test
    void sameNeighboursAsAllPairsWithAntipodesIdentified() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 3000, k = 40;
        float[] d = new float[3 * n];
        for (int i = 0; i < n; i++) {
            // clustered in a band and a cap, as tilt series are, plus isotropic ones
            double z = i % 3 == 0 ? rnd.nextDouble(-1, 1) : i % 3 == 1 ? rnd.nextDouble(-0.1, 0.1) : rnd.nextDouble(0.95, 1);
            double phi = rnd.nextDouble(0, 2 * Math.PI), s = Math.sqrt(1 - z * z);
            d[3 * i] = (float) (s * Math.cos(phi));
            d[3 * i + 1] = (float) (s * Math.sin(phi));
            d[3 * i + 2] = (float) z;
        }
        ViewNeighbours index = new ViewNeighbours(d, k);
        ViewNeighbours.Searcher s = index.searcher();
        int[] views = new int[k];
        boolean[] mirror = new boolean[k];
        double[] angle = new double[k];
        for (int q = 0; q < n; q += 37) {
            final int self = q;
            double[] dist = new double[n];
            for (int v = 0; v < n; v++) {
                dist[v] = v == self ? -1 : angle(d, q, v);
            }
            Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(v -> dist[v])).toArray(Integer[]::new);
            s.nearest(d[3 * q], d[3 * q + 1], d[3 * q + 2], k, q, views, mirror, angle);
            assertEquals(q, views[0], "the centre comes first");
            assertEquals(0, angle[0], 1e-9);
            // the k-th distance agrees (ties and float rounding may swap equal neighbours)
            assertEquals(dist[order[k - 1]], angle[k - 1], 1e-3, "query " + q);
            for (int j = 1; j < k; j++) {
                int v = views[j];
                double dot = (double) d[3 * q] * d[3 * v] + (double) d[3 * q + 1] * d[3 * v + 1] + (double) d[3 * q + 2] * d[3 * v + 2];
                assertEquals(dot < 0, mirror[j], "mirror flag of " + v);
                assertEquals(dist[v], angle[j], 1e-3);
                assertEquals(true, angle[j] >= angle[j - 1] - 1e-9, "sorted");
            }
            int[] sorted = Arrays.copyOf(views, k);
            Arrays.sort(sorted);
            for (int j = 1; j < k; j++) {
                assertEquals(true, sorted[j] != sorted[j - 1], "each view once");
            }
        }
    }

    /** Angle between ±d_v and d_q in degrees, from the chord (exact for near neighbours). */
    private static double angle(float[] d, int q, int v) {
        double best = Double.MAX_VALUE;
        for (int sign = -1; sign <= 1; sign += 2) {
            double c = 0;
            for (int i = 0; i < 3; i++) {
                double e = (double) d[3 * q + i] - sign * (double) d[3 * v + i];
                c += e * e;
            }
            best = Math.min(best, Math.sqrt(c));
        }
        return Math.toDegrees(2 * Math.asin(Math.min(1, best / 2)));
    }

    @Test
    void aSingleCellIndexStillFindsEveryView() {
        float[] d = { 0, 0, 1, 0, 0, -1, 1, 0, 0 };
        ViewNeighbours.Searcher s = new ViewNeighbours(d, 3).searcher();
        int[] v = new int[3];
        boolean[] m = new boolean[3];
        double[] a = new double[3];
        s.nearest(0, 0, 1, 3, 0, v, m, a);
        assertEquals(0, v[0]);
        assertEquals(1, v[1]); // the antipode: distance 0, mirrored
        assertEquals(true, m[1]);
        assertEquals(0, a[1], 1e-6);
        assertEquals(2, v[2]);
        assertEquals(90, a[2], 1e-4);
    }
}

package org.emflow.compute.variability;

import java.util.Arrays;

/**
 * The k nearest projection directions of a view, with a direction d and its antipode −d identified (a projection
 * along −d is the mirror image of the one along d), as SPARX's {@code nearest_proj} defines them (specs/sparx.md
 * §B.4), found through a uniform grid of cells over the unit sphere instead of all pairs: a query visits rings of
 * cells around its own until the k-th candidate is closer than the ring, so it costs O(k) distance evaluations, not
 * O(N).
 *
 * <p>Every view is stored twice, at d and at −d; the distance of view v to a direction q is the smaller of the two
 * chord lengths, and its mirror flag says that −d was the nearer one (d·q &lt; 0). Ties are broken by view index, so
 * the result is deterministic.
 */
public final class ViewNeighbours {
    private final int views;
    private final float[] xyz;
    private final int cells;
    private final double cellSize;
    /** Compressed rows: the entries of cell c are entry[cellStart[c] .. cellStart[c + 1]); an entry is 2·view (+1 for −d). */
    private final int[] cellStart;
    private final int[] entry;

    /**
     * @param unitVectors x, y, z of every view's projection direction (unit length), view after view
     * @param k           the neighbourhood size the index will be asked for (sets the cell size)
     */
    public ViewNeighbours(float[] unitVectors, int k) {
        if (unitVectors.length % 3 != 0) {
            throw new IllegalArgumentException("direction array length must be a multiple of 3: " + unitVectors.length);
        }
        this.views = unitVectors.length / 3;
        this.xyz = unitVectors.clone();
        // A cell's patch of sphere holds about max(k/4, 8) of the 2·views entries.
        double perCell = Math.max(k / 4.0, 8.0);
        double h = Math.sqrt(4 * Math.PI * perCell / Math.max(1, 2.0 * views));
        this.cells = (int) Math.max(1, Math.min(96, Math.ceil(2.0 / h)));
        this.cellSize = 2.0 / cells;
        int total = cells * cells * cells;
        int[] count = new int[total + 1];
        for (int e = 0; e < 2 * views; e++) {
            count[cellOf(e) + 1]++;
        }
        for (int c = 0; c < total; c++) {
            count[c + 1] += count[c];
        }
        this.cellStart = count.clone();
        this.entry = new int[2 * views];
        int[] fill = Arrays.copyOf(count, total);
        for (int e = 0; e < 2 * views; e++) {
            entry[fill[cellOf(e)]++] = e;
        }
    }

    public int views() {
        return views;
    }

    private int cellOf(int e) {
        int v = e >> 1;
        float s = (e & 1) == 0 ? 1f : -1f;
        return (index(s * xyz[3 * v + 2]) * cells + index(s * xyz[3 * v + 1])) * cells + index(s * xyz[3 * v]);
    }

    private int index(double c) {
        return (int) Math.max(0, Math.min(cells - 1, Math.floor((c + 1) / cellSize)));
    }

    /** A query workspace; not thread-safe, one per thread. */
    public Searcher searcher() {
        return new Searcher();
    }

    /** Finds neighbourhoods; reuses its buffers between queries. */
    public final class Searcher {
        private final int[] stamp = new int[views];
        private int round;
        private long[] found = new long[64];
        private int nFound;

        /**
         * The {@code k} views nearest to direction (qx, qy, qz), nearest first; {@code self} (a view index, or −1) is
         * put first whatever its distance, as SPARX puts the group's centre first.
         *
         * @param outViews  receives the view indices (length ≥ k)
         * @param outMirror receives true where the view's antipode was the nearer direction
         * @param outAngle  receives the angular distance in degrees (may be null)
         */
        public void nearest(double qx, double qy, double qz, int k, int self, int[] outViews, boolean[] outMirror, double[] outAngle) {
            if (k > views) {
                throw new IllegalArgumentException("asked for " + k + " neighbours among " + views + " views");
            }
            round++;
            if (round == Integer.MAX_VALUE) {
                Arrays.fill(stamp, 0);
                round = 1;
            }
            nFound = 0;
            int cx = index(qx), cy = index(qy), cz = index(qz);
            for (int ring = 0; ; ring++) {
                for (int z = cz - ring; z <= cz + ring; z++) {
                    if (z < 0 || z >= cells) {
                        continue;
                    }
                    boolean zEdge = Math.abs(z - cz) == ring;
                    for (int y = cy - ring; y <= cy + ring; y++) {
                        if (y < 0 || y >= cells) {
                            continue;
                        }
                        boolean yzEdge = zEdge || Math.abs(y - cy) == ring;
                        for (int x = cx - ring; x <= cx + ring; x++) {
                            if (x < 0 || x >= cells || (!yzEdge && Math.abs(x - cx) != ring)) {
                                continue; // inside the cube: visited by an earlier ring
                            }
                            int c = (z * cells + y) * cells + x;
                            for (int i = cellStart[c]; i < cellStart[c + 1]; i++) {
                                add(entry[i] >> 1, qx, qy, qz, self);
                            }
                        }
                    }
                }
                // Every entry within chord distance ring·cellSize of q lies in the cube just visited.
                double reach = ring * cellSize;
                if (reach >= 2 || countWithin(reach) >= k) {
                    break;
                }
            }
            Arrays.sort(found, 0, nFound);
            for (int i = 0; i < k; i++) {
                long code = found[i];
                int v = (int) (code & 0x7fffffffL) >> 1;
                outViews[i] = v;
                outMirror[i] = (code & 1) != 0;
                if (outAngle != null) {
                    long bits = code >>> 32;
                    double chord = bits == 0 ? 0 : Float.intBitsToFloat((int) (bits - 1));
                    outAngle[i] = Math.toDegrees(2 * Math.asin(Math.min(1, chord / 2)));
                }
            }
        }

        private void add(int v, double qx, double qy, double qz, int self) {
            if (stamp[v] == round) {
                return; // seen through its other entry
            }
            stamp[v] = round;
            double dx = xyz[3 * v], dy = xyz[3 * v + 1], dz = xyz[3 * v + 2];
            boolean mirror = qx * dx + qy * dy + qz * dz < 0;
            double s = mirror ? -1 : 1;
            // the chord |q ∓ d| itself, not sqrt(2 − 2|q·d|), which cancels for near neighbours
            double ex = qx - s * dx, ey = qy - s * dy, ez = qz - s * dz;
            float chord = (float) Math.sqrt(ex * ex + ey * ey + ez * ez);
            // sort key: distance (non-negative float bits order as ints; the centre first), then view, then mirror
            long bits = v == self ? 0 : Float.floatToIntBits(chord) + 1L;
            long code = (bits << 32) | ((long) v << 1) | (mirror ? 1 : 0);
            if (nFound == found.length) {
                found = Arrays.copyOf(found, 2 * found.length);
            }
            found[nFound++] = code;
        }

        private int countWithin(double reach) {
            int n = 0;
            for (int i = 0; i < nFound; i++) {
                long bits = found[i] >>> 32;
                if (bits == 0 || Float.intBitsToFloat((int) (bits - 1)) <= reach) {
                    n++;
                }
            }
            return n;
        }
    }
}

package org.emflow.compute.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.particles.ImageRecord;
import org.junit.jupiter.api.Test;

class SimulationSplitTest {

    @Test
    void boundariesCoverTheParticlesInOrderNearAnEvenSplitAndPreferStackEnds() {
        for (int particles : new int[] { 1, 2, 7, 40, 100, 1001 }) {
            for (int tilts : new int[] { 1, 3, 41 }) {
                for (int stack : new int[] { 1, 4, 41, 100, 10000 }) {
                    for (int parts : new int[] { 1, 2, 3, 8, 13, 2000 }) {
                        int[] b = SimulationSplit.boundaries(particles, tilts, stack, parts);
                        String w = particles + " x " + tilts + " / " + stack + " in " + parts;
                        assertEquals(parts + 1, b.length, w);
                        assertEquals(0, b[0], w);
                        assertEquals(particles, b[parts], w);
                        long aligned = stack / gcd(tilts, stack);
                        long tolerance = particles / (8L * parts);
                        for (int k = 1; k <= parts; k++) {
                            assertTrue(b[k] >= b[k - 1], w + ": part " + k);
                            long ideal = (long) k * particles / parts;
                            boolean stackEnd = b[k] % aligned == 0 || b[k] == particles;
                            assertTrue(b[k] == ideal || stackEnd && Math.abs(b[k] - ideal) <= tolerance, w + ": boundary " + k);
                        }
                    }
                }
            }
        }
        // 40 particles of 3 tilts in stacks of 4 (a stack ends every 4 particles), 3 parts: 13 moves to 12, 26 stays
        // (the stack ends 24 and 28 are more than 40/24 = 1 particle away).
        assertArrayEquals(new int[] { 0, 12, 26, 40 }, SimulationSplit.boundaries(40, 3, 4, 3));
        // 41 tilts in stacks of 10000: a stack ends every 10000 particles; 1,000,000 particles in 7 parts move to the
        // nearest (142857 to 140000, 285714 to 290000, ...), at most 1,000,000 / 56 = 17857 away.
        assertArrayEquals(new int[] { 0, 140000, 290000, 430000, 570000, 710000, 860000, 1000000 },
                SimulationSplit.boundaries(1_000_000, 41, 10000, 7));
        assertArrayEquals(new int[] { 0, 0, 1, 1, 2 }, SimulationSplit.boundaries(2, 41, 10000, 4));
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Test
    void aRangeOfThePlanIsThePlansRecords() {
        SimulationOptions o = SimulationOptions.defaults().withBox(16).withParticles(9).withTilts(TiltScheme.parse("-9:9:3"))
                .withStackSize(5);
        List<Path> stacks = List.of(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"), Path.of("e"), Path.of("f"),
                Path.of("g"), Path.of("h"), Path.of("i"), Path.of("j"), Path.of("k"), Path.of("l"), Path.of("m"));
        List<ImageRecord> all = TiltSeriesSimulator.plan(o, 4.0, stacks);
        assertEquals(63, all.size());
        for (int[] r : new int[][] { { 0, 9 }, { 0, 1 }, { 3, 7 }, { 8, 9 }, { 5, 5 } }) {
            assertEquals(all.subList(r[0] * 7, r[1] * 7), TiltSeriesSimulator.plan(o, 4.0, stacks, r[0], r[1]), r[0] + ".." + r[1]);
        }
    }
}

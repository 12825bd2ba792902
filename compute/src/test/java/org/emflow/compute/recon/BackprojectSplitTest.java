package org.emflow.compute.recon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ImageSource;
import org.emflow.compute.particles.InMemoryImages;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.sim.Phantom;
import org.emflow.compute.testing.SharedData;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A back projection split into parts ({@link Backprojector#runPart}, {@link PartialSums}) and merged
 * ({@link Backprojector#merge}): one part is bit-identical to {@link Backprojector#run}, more parts are within the
 * documented tolerance, particles are never split, half sets are the whole run's, and bad part files are bad input
 * naming the file.
 */
class BackprojectSplitTest {
    static final int BOX = 24;
    static final double PX = 7.0;
    static final int PARTICLES = 23;
    static InMemoryImages loader;
    static List<ImageRecord> series;

    @TempDir
    Path dir;
    private int runs;

    @BeforeAll
    static void simulate() {
        loader = new InMemoryImages("mem");
        Volume truth = Phantom.create(BOX, PX);
        List<ImageRecord> byParticle = BackprojectorTest.phantomSeries(loader, truth, PARTICLES, 6, true, 17);
        // Tilt-major order, as tilt-series tables often are: a particle's images are not contiguous in the list.
        series = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            for (int p = 0; p < PARTICLES; p++) {
                series.add(byParticle.get(p * 6 + t));
            }
        }
    }

    static BackprojectOptions options() {
        return BackprojectOptions.defaults().withSeed(5).withThreads(2);
    }

    List<Path> writeParts(List<ImageRecord> images, ImageLoader l, int box, double px, BackprojectOptions o, int parts)
            throws Exception {
        List<Path> files = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            PartialSums s = Backprojector.runPart(images, l, box, px, o, k, parts, Monitor.NONE);
            Path f = dir.resolve("run" + runs + "/part" + k + "/sums.bin");
            s.write(f, false);
            assertEquals(s.fileBytes(), Files.size(f));
            files.add(f);
        }
        runs++;
        return files;
    }

    static void assertBitIdentical(BackprojectResult a, BackprojectResult b) {
        assertArrayEquals(a.full().data(), b.full().data(), "full map");
        assertArrayEquals(a.half1().data(), b.half1().data(), "half 1");
        assertArrayEquals(a.half2().data(), b.half2().data(), "half 2");
        assertCounts(a, b);
    }

    static void assertCounts(BackprojectResult a, BackprojectResult b) {
        assertArrayEquals(new int[] { a.particles1(), a.particles2(), a.images1(), a.images2() },
                new int[] { b.particles1(), b.particles2(), b.images1(), b.images2() }, "half-set counts");
    }

    /** The largest |a − b| relative to max |a|, and the least FSC over the shells. */
    static double[] difference(Volume a, Volume b) {
        double max = 0, diff = 0;
        float[] x = a.data(), y = b.data();
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i]));
            diff = Math.max(diff, Math.abs(x[i] - y[i]));
        }
        double fsc = 1;
        for (double f : Fsc.compute(a, b, null).fsc()) {
            fsc = Math.min(fsc, f);
        }
        return new double[] { diff / max, fsc };
    }

    static boolean withinTolerance(Volume a, Volume b) {
        double[] d = difference(a, b);
        return d[0] <= Backprojector.MERGE_MAX_DIFFERENCE && d[1] >= Backprojector.MERGE_MIN_FSC;
    }

    static void assertWithinTolerance(BackprojectResult local, BackprojectResult merged, String what) {
        String[] names = { "full", "half 1", "half 2" };
        Volume[] l = { local.full(), local.half1(), local.half2() };
        Volume[] m = { merged.full(), merged.half1(), merged.half2() };
        for (int i = 0; i < 3; i++) {
            double[] d = difference(l[i], m[i]);
            assertTrue(d[0] <= Backprojector.MERGE_MAX_DIFFERENCE, what + ", " + names[i] + ": max |diff| / max |map| = " + d[0]);
            assertTrue(d[1] >= Backprojector.MERGE_MIN_FSC, what + ", " + names[i] + ": least FSC = " + d[1]);
        }
        assertCounts(local, merged);
    }

    @Test
    void onePartIsBitIdenticalToTheWholeRun() throws Exception {
        for (BackprojectOptions o : new BackprojectOptions[] { options(), options().withPadding(2).withPadImages(true).withFlipZ(true),
                BackprojectOptions.original().withThreads(1) }) {
            BackprojectResult local = Backprojector.run(series, loader, BOX, PX, o, Monitor.NONE);
            BackprojectResult merged = Backprojector.merge(series, writeParts(series, loader, BOX, PX, o, 1), BOX, PX, o, Monitor.NONE);
            assertBitIdentical(local, merged);
        }
    }

    @Test
    void severalPartsAndMorePartsThanParticlesAreWithinTheTolerance() throws Exception {
        BackprojectOptions o = options();
        BackprojectResult local = Backprojector.run(series, loader, BOX, PX, o, Monitor.NONE);
        for (int parts : new int[] { 3, PARTICLES + 4 }) {
            List<Path> files = writeParts(series, loader, BOX, PX, o, parts);
            BackprojectResult merged = Backprojector.merge(series, files, BOX, PX, o, Monitor.NONE);
            assertWithinTolerance(local, merged, parts + " parts");
            if (parts > PARTICLES) {
                assertEquals(PartialSums.HEADER_BYTES, Files.size(files.get(parts - 1)), "an empty part is its header alone");
            }
        }
    }

    /** The tolerance is tight: the maps without one part's sums, or with one part's sums twice, are far outside it. */
    @Test
    void aLostOrDoubledPartIsFarOutsideTheTolerance() throws Exception {
        BackprojectOptions o = options();
        int parts = 5;
        List<Path> files = writeParts(series, loader, BOX, PX, o, parts);
        BackprojectResult local = Backprojector.run(series, loader, BOX, PX, o, Monitor.NONE);
        PartSplit split = new PartSplit(series, o.seed(), parts);
        int[] counts = { local.particles1(), local.particles2(), local.images1(), local.images2() };
        ByteBuffer buffer = ByteBuffer.allocateDirect(PartialSums.CHUNK_BYTES);
        float[] scratch = new float[PartialSums.CHUNK_BYTES / 4];
        for (int[] order : new int[][] { { 0, 1, 3, 4 }, { 0, 1, 2, 2, 3, 4 } }) {
            Reconstructor rec = Backprojector.newReconstructor(BOX, o);
            for (int k : order) {
                PartialSums.addTo(files.get(k), PartialSums.Header.of(BOX, PX, o, split, k), rec, buffer, scratch);
            }
            BackprojectResult wrong = rec.finish(o, PX, counts, Monitor.NONE);
            assertTrue(!withinTolerance(local.full(), wrong.full()), "parts " + java.util.Arrays.toString(order) + ": "
                    + java.util.Arrays.toString(difference(local.full(), wrong.full())));
            double[] d = difference(local.full(), wrong.full());
            assertTrue(d[0] > 100 * Backprojector.MERGE_MAX_DIFFERENCE, "max |diff| / max |map| " + d[0]);
        }
    }

    @Test
    void partsAreContiguousEvenRangesOfWholeParticles() {
        for (int parts : new int[] { 1, 2, 3, 5, PARTICLES, PARTICLES + 4 }) {
            Set<Integer> seenImages = new HashSet<>();
            int next = 0;
            int[] sizes = new int[parts];
            for (int k = 0; k < parts; k++) {
                int[] range = Backprojector.particleRange(PARTICLES, k, parts);
                assertEquals(next, range[0], "contiguous: part " + k + " of " + parts);
                next = range[1];
                sizes[k] = range[1] - range[0];
                Set<Integer> particles = new HashSet<>();
                for (int i : Backprojector.partImages(series, k, parts)) {
                    assertTrue(seenImages.add(i), "image " + i + " in one part only");
                    particles.add(series.get(i).particle());
                }
                // Particles are numbered in order of first appearance here (0, 1, 2, ... in the first tilt).
                for (int p = range[0]; p < range[1]; p++) {
                    assertTrue(particles.contains(p), "particle " + p + " in part " + k);
                }
                assertEquals(range[1] - range[0], particles.size(), "part " + k + " holds its particles' images and no others");
                assertEquals(6 * particles.size(), Backprojector.partImages(series, k, parts).length,
                        "all tilt images of a particle in its part");
            }
            assertEquals(PARTICLES, next, "the parts cover all particles");
            assertEquals(series.size(), seenImages.size(), "the parts cover all images");
            int min = java.util.Arrays.stream(sizes).min().getAsInt(), max = java.util.Arrays.stream(sizes).max().getAsInt();
            assertTrue(max - min <= 1, "even ranges: " + java.util.Arrays.toString(sizes));
            for (int k = 1; k < parts; k++) {
                assertTrue(sizes[k] <= sizes[k - 1], "the larger parts first, empty ones last: " + java.util.Arrays.toString(sizes));
            }
        }
        // Particles in order of first appearance, whatever their numbers.
        List<ImageRecord> recs = new ArrayList<>();
        int[] ids = { 9, 4, 9, 7, 4, 2, 7, 2 };
        for (int i = 0; i < ids.length; i++) {
            recs.add(BackprojectorTest.record(new ImageSource(Path.of("x"), i), ids[i], 0, 0, 0, 0, 0, null));
        }
        assertArrayEquals(new int[] { 0, 1, 2, 4 }, Backprojector.partImages(recs, 0, 2), "particles 9 and 4");
        assertArrayEquals(new int[] { 3, 5, 6, 7 }, Backprojector.partImages(recs, 1, 2), "particles 7 and 2");
        assertArrayEquals(new int[0], Backprojector.partImages(recs, 5, 6), "a part beyond the particle count is empty");
        assertThrows(IllegalArgumentException.class, () -> Backprojector.particleRange(4, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Backprojector.particleRange(4, 0, 0));
    }

    /** A part's images keep the half set they have in the whole run (assigned over the whole table). */
    @Test
    void halfSetsAreTheWholeRunsInEveryPart() throws Exception {
        BackprojectOptions o = options();
        byte[] whole = HalfSets.assign(series, o.seed());
        int parts = 4;
        int[] sum = new int[4];
        for (int k = 0; k < parts; k++) {
            PartialSums s = Backprojector.runPart(series, loader, BOX, PX, o, k, parts, Monitor.NONE);
            int[] idx = Backprojector.partImages(series, k, parts);
            Set<Integer> p1 = new HashSet<>(), p2 = new HashSet<>();
            int i1 = 0, i2 = 0;
            for (int i : idx) {
                if (whole[i] == 1) {
                    p1.add(series.get(i).particle());
                    i1++;
                } else {
                    p2.add(series.get(i).particle());
                    i2++;
                }
            }
            assertArrayEquals(new int[] { p1.size(), p2.size(), i1, i2 }, new int[] { s.particles1(), s.particles2(), s.images1(), s.images2() },
                    "part " + k + " counts by the whole table's halves");
            int[] range = Backprojector.particleRange(PARTICLES, k, parts);
            assertEquals(range[0], s.particleFrom());
            assertEquals(range[1], s.particleTo());
            sum[0] += s.particles1();
            sum[1] += s.particles2();
            sum[2] += s.images1();
            sum[3] += s.images2();
            // The part's sums are those of a run over its images with the whole run's halves (same insertion order).
            List<ImageRecord> mine = new ArrayList<>();
            byte[] half = new byte[idx.length];
            for (int j = 0; j < idx.length; j++) {
                mine.add(series.get(idx[j]));
                half[j] = whole[idx[j]];
            }
            Reconstructor expected = Backprojector.newReconstructor(BOX, o);
            for (int j = 0; j < mine.size(); j++) {
                Reconstructor.PackedSlice slot = expected.newPackedSlice();
                new ImagePreparer(expected, o, new org.emflow.compute.weighting.FrequencyWeights(o.doseWeight(), o.tiltWeight()), PX)
                        .prepare(mine.get(j), half[j], loader, slot);
                for (int slab = 0; slab < expected.slabCount(); slab++) {
                    expected.insert(new Reconstructor.PackedSlice[] { slot }, 1, slab);
                }
            }
            assertArrayEquals(expected.half(1).v, s.sums.half(1).v, "part " + k + " half 1 sums");
            assertArrayEquals(expected.half(2).v, s.sums.half(2).v, "part " + k + " half 2 sums");
        }
        BackprojectResult local = Backprojector.run(series, loader, BOX, PX, o, Monitor.NONE);
        assertArrayEquals(new int[] { local.particles1(), local.particles2(), local.images1(), local.images2() }, sum,
                "the parts' counts add up to the whole run's: each particle counted once");
    }

    @Test
    void savedSumsLoadBackExactly() throws Exception {
        BackprojectOptions o = options();
        int parts = 2;
        PartSplit split = new PartSplit(series, o.seed(), parts);
        for (int k = 0; k < parts; k++) {
            PartialSums s = Backprojector.runPart(series, loader, BOX, PX, o, k, parts, Monitor.NONE);
            Path f = dir.resolve("p" + k + ".bin");
            s.write(f, false);
            assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> s.write(f, false), "kept unless overwriting");
            s.write(f, true);
            try (var listing = Files.list(dir)) {
                assertEquals(k + 1, listing.count(), "no temporary file left behind");
            }
            Reconstructor back = Backprojector.newReconstructor(BOX, o);
            PartialSums.addTo(f, PartialSums.Header.of(BOX, PX, o, split, k), back, ByteBuffer.allocateDirect(4096), new float[1024]);
            assertArrayEquals(s.sums.half(1).v, back.half(1).v, "half 1");
            assertArrayEquals(s.sums.half(2).v, back.half(2).v, "half 2");
            ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(f), 0, PartialSums.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals("EMFBPSUM", new String(Files.readAllBytes(f), 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(PartialSums.VERSION, head.getInt(8));
            assertEquals(BOX, head.getInt(16));
            assertEquals(k, head.getInt(36));
            assertEquals(parts, head.getInt(40));
            long voxels = (long) BOX * BOX * (BOX / 2 + 1);
            assertEquals(PartialSums.HEADER_BYTES + 2 * voxels * 16, Files.size(f), "header and two halves of 4 floats per voxel");
        }
    }

    @Test
    void aTruncatedFileIsBadInputNamingIt() throws Exception {
        BackprojectOptions o = options();
        List<Path> files = writeParts(series, loader, BOX, PX, o, 2);
        Path f = files.get(1);
        long size = Files.size(f);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(size - 1000);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, files, BOX, PX, o, Monitor.NONE));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("truncated")
                && e.getMessage().contains(Long.toString(size)), e.getMessage());
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(60);
        }
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, files, BOX, PX, o, Monitor.NONE));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("header"), e.getMessage());
        Files.delete(f);
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, files, BOX, PX, o, Monitor.NONE));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aFileOfAnotherBoxPaddingOrSplitIsBadInputNamingIt() throws Exception {
        BackprojectOptions o = options();
        List<Path> files = writeParts(series, loader, BOX, PX, o, 3);
        Path f = files.get(0);
        BadInputException e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, files, BOX + 2, PX, o, Monitor.NONE));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("box " + BOX + " in the file, but " + (BOX + 2)),
                e.getMessage());
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, files, BOX, PX, o.withPadding(2), Monitor.NONE));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("padding 1 in the file, but 2"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, files, BOX, PX, o.withSeed(6), Monitor.NONE));
        assertTrue(e.getMessage().contains("seed 5 in the file, but 6"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, files, BOX, PX, o.withWienerSnr(1), Monitor.NONE));
        assertTrue(e.getMessage().contains("noise weights"), e.getMessage());
        // A part lost, given twice or out of order.
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, List.of(files.get(0), files.get(2)), BOX, PX, o, Monitor.NONE));
        assertTrue(e.getMessage().contains("parts 3 in the file, but 2"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, List.of(files.get(0), files.get(1), files.get(1)),
                BOX, PX, o, Monitor.NONE));
        assertTrue(e.getMessage().contains(files.get(1).toString()) && e.getMessage().contains("part 1 in the file, but 2")
                && e.getMessage().contains("part order"), e.getMessage());
        // Another table.
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series.subList(0, series.size() - 1), files, BOX, PX, o,
                Monitor.NONE));
        assertTrue(e.getMessage().contains("images in the table"), e.getMessage());
        // Not a sums file at all, and a newer format version.
        Files.write(f, new byte[300]);
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, files, BOX, PX, o, Monitor.NONE));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("not a back-projection sums file"), e.getMessage());
        Path g = files.get(1);
        try (FileChannel ch = FileChannel.open(g, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 2), 8);
        }
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, files.subList(1, 3), BOX, PX, o, Monitor.NONE));
        assertTrue(e.getMessage().contains(g.toString()) && e.getMessage().contains("version 2"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> Backprojector.merge(series, List.of(), BOX, PX, o, Monitor.NONE));
        assertTrue(e.getMessage().contains("no part files"), e.getMessage());
    }

    /** The shared tomoDRGN data (real files, 72 particles × 8 tilts): 1 part bit-identical, 4 parts within the tolerance. */
    @Test
    void sharedDataSplitsAndMerges() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        List<ImageRecord> recs = ParticleTableReader.read(star, ReadOptions.DEFAULT.withDataDir(star.getParent())).images();
        BackprojectOptions o = BackprojectOptions.defaults().withInvertSign(false).withThreads(2);
        try (MrcImageLoader l = new MrcImageLoader()) {
            BackprojectResult local = Backprojector.run(recs, l, 32, 13.1, o, Monitor.NONE);
            assertBitIdentical(local, Backprojector.merge(recs, writeParts(recs, l, 32, 13.1, o, 1), 32, 13.1, o, Monitor.NONE));
            for (int parts : new int[] { 4 }) {
                BackprojectResult merged = Backprojector.merge(recs, writeParts(recs, l, 32, 13.1, o, parts), 32, 13.1, o, Monitor.NONE);
                assertWithinTolerance(local, merged, parts + " parts of classD");
            }
        }
    }
}

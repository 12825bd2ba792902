package org.emflow.node.simulate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcHeader;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.sim.Phantom;
import org.emflow.compute.sim.SimulationSplit;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulate node run as parts and a merge gives what one execute gives: the same stack files with the same images,
 * bit for bit, the same STAR file and the same truth volume, for 1 part, 3 parts (a stack shared by two parts, the
 * others whole in one) and more parts than particles (empty parts).
 */
class SimulateSplitTest {
    private static ForkJoinPool pool;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        pool = new ForkJoinPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** 7 particles x 3 tilts = 21 images in stacks of 4: 6 stacks, the last of one image; a stack ends every 4 particles. */
    private static NodeSettings settings(Map<String, String> more) {
        Map<String, String> v = new HashMap<>(Map.of("box", "16", "pixel-size", "5", "particles", "7", "tilts", "-6:6:6",
                "stack-size", "4", "seed", "3", "snr", "0.5"));
        v.putAll(more);
        return new NodeSettings(new SimulateNodeFactory().settings(), v, Path.of("/base"));
    }

    private static ExecutionContext context(Path folder) throws IOException {
        return org.emflow.node.NodeTestSupport.context(folder, pool);
    }

    private static List<PortObject> noVolume() {
        List<PortObject> in = new ArrayList<>();
        in.add(null);
        return in;
    }

    private List<Path> runParts(SimulateNodeModel model, List<PortObject> in, NodeSettings s, int parts, String name) throws Exception {
        List<Path> folders = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            Path f = dir.resolve(name + "-part" + k);
            model.executePart(in, s, k, parts, context(f));
            folders.add(f);
        }
        return folders;
    }

    @Test
    void partsAndMergeGiveTheFilesOfOneRun() throws Exception {
        SimulateNodeModel model = new SimulateNodeModel();
        for (Map<String, String> variant : List.of(Map.<String, String>of(), Map.of("layout", "cryosrpnt", "shift-sigma", "1.5"))) {
            NodeSettings s = settings(variant);
            String tag = variant.isEmpty() ? "relion" : "cryosrpnt";
            Path local = dir.resolve(tag + "-local");
            List<PortObject> expected = model.execute(noVolume(), s, context(local));
            for (int parts : new int[] { 1, 3, 10 }) {
                List<Path> folders = runParts(model, noVolume(), s, parts, tag + parts);
                Path merged = dir.resolve(tag + parts + "-merged");
                List<PortObject> got = model.merge(noVolume(), s, folders, context(merged));
                String what = tag + ", " + parts + " part(s)";
                assertSameFiles(local, merged, what);
                assertSamePorts(expected, got, merged, what);
                // Merge only reads the parts: they are whole, a whole stack is the same file (a hard link), and the
                // merge runs again.
                for (Path f : folders) {
                    assertTrue(Files.isRegularFile(f.resolve(SimulationSplit.MANIFEST)), what);
                }
                Path again = dir.resolve(tag + parts + "-merged-again");
                model.merge(noVolume(), s, folders, context(again));
                assertSameFiles(local, again, what + ", merged again");
                if (parts == 1) {
                    for (Path stack : stacks(merged)) {
                        assertTrue(Files.isSameFile(stack, folders.get(0).resolve(stack.getFileName())), what + ": " + stack);
                    }
                }
            }
        }
    }

    @Test
    void threePartsShareOneStackAndMoreThanTheParticlesLeaveSomeEmpty() throws Exception {
        // Boundaries 0, 2, 4, 7: particle 4 ends stack 3 (image 12), particle 2 is inside stack 2 (images 4..7).
        assertArrayEquals(new int[] { 0, 2, 4, 7 }, SimulationSplit.boundaries(7, 3, 4, 3));
        SimulateNodeModel model = new SimulateNodeModel();
        NodeSettings s = settings(Map.of());
        List<Path> folders = runParts(model, noVolume(), s, 3, "three");
        assertEquals(List.of("simulated_00001.mrcs", "simulated_00002.sections1-2.mrcs"), names(folders.get(0)));
        assertEquals(List.of("simulated_00002.sections3-4.mrcs", "simulated_00003.mrcs"), names(folders.get(1)));
        assertEquals(List.of("simulated_00004.mrcs", "simulated_00005.mrcs", "simulated_00006.mrcs"), names(folders.get(2)));
        Path merged = dir.resolve("three-merged");
        model.merge(noVolume(), s, folders, context(merged));
        assertTrue(Files.isSameFile(merged.resolve("simulated_00003.mrcs"), folders.get(1).resolve("simulated_00003.mrcs")));
        assertFalse(Files.isSameFile(merged.resolve("simulated_00002.mrcs"), folders.get(0).resolve("simulated_00001.mrcs")));

        List<Path> ten = runParts(model, noVolume(), s, 10, "ten");
        int empty = 0;
        for (Path f : ten) {
            empty += names(f).isEmpty() ? 1 : 0;
        }
        assertEquals(3, empty, "10 parts of 7 particles");
    }

    @Test
    void aGivenVolumeSplitsAsThePhantomDoes() throws Exception {
        SimulateNodeModel model = new SimulateNodeModel();
        NodeSettings s = settings(Map.of("particles", "5", "stack-size", "6", "contrast", "physical"));
        Volume map = Phantom.create(16, 5.0);
        float[] d = map.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] * 0.5f + (i % 7) * 1e-3f;
        }
        List<PortObject> in = List.of(new VolumePortObject(map.withData(d)));
        Path local = dir.resolve("vol-local");
        List<PortObject> expected = model.execute(in, s, context(local));
        List<Path> folders = runParts(model, in, s, 2, "vol");
        Path merged = dir.resolve("vol-merged");
        assertSamePorts(expected, model.merge(in, s, folders, context(merged)), merged, "given volume");
        assertSameFiles(local, merged, "given volume");
    }

    @Test
    void partsOfAnotherSplitOrSimulationAreRefused() throws Exception {
        SimulateNodeModel model = new SimulateNodeModel();
        NodeSettings s = settings(Map.of());
        List<Path> folders = runParts(model, noVolume(), s, 3, "good");
        List<Path> reversed = List.of(folders.get(2), folders.get(1), folders.get(0));
        assertThrows(BadInputException.class, () -> model.merge(noVolume(), s, reversed, context(dir.resolve("m1"))));
        assertThrows(BadInputException.class, () -> model.merge(noVolume(), s, folders.subList(0, 2), context(dir.resolve("m2"))));
        List<Path> otherSeed = runParts(model, noVolume(), settings(Map.of("seed", "4")), 3, "other");
        List<Path> mixed = List.of(folders.get(0), otherSeed.get(1), folders.get(2));
        assertThrows(BadInputException.class, () -> model.merge(noVolume(), s, mixed, context(dir.resolve("m3"))));
        Path unfinished = Files.createDirectories(dir.resolve("unfinished"));
        assertThrows(BadInputException.class, () -> model.merge(noVolume(), s, List.of(folders.get(0), unfinished, folders.get(2)),
                context(dir.resolve("m4"))));
        Files.delete(folders.get(2).resolve("simulated_00005.mrcs"));
        assertThrows(BadInputException.class, () -> model.merge(noVolume(), s, folders, context(dir.resolve("m5"))));
    }

    private static List<Path> stacks(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".mrcs")).sorted().toList();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        return stacks(folder).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** The same stacks (names, headers but the date label, every image bit for bit), STAR text and truth volume. */
    private static void assertSameFiles(Path local, Path merged, String what) throws IOException {
        assertEquals(names(local), names(merged), what);
        for (Path a : stacks(local)) {
            assertSameMrc(a, merged.resolve(a.getFileName()), what);
        }
        assertSameMrc(local.resolve("simulated_truth.mrc"), merged.resolve("simulated_truth.mrc"), what);
        assertEquals(Files.readString(local.resolve("simulated.star")), Files.readString(merged.resolve("simulated.star")), what);
    }

    private static void assertSameMrc(Path a, Path b, String what) throws IOException {
        try (MrcReader ra = MrcReader.open(a); MrcReader rb = MrcReader.open(b)) {
            MrcHeader ha = ra.header(), hb = rb.header();
            String w = what + ": " + b.getFileName();
            assertEquals(List.of(ha.nx(), ha.ny(), ha.nz(), ha.mode(), ha.ispg()), List.of(hb.nx(), hb.ny(), hb.nz(), hb.mode(), hb.ispg()), w);
            assertEquals(List.of(ha.dmin(), ha.dmax(), ha.dmean(), ha.rms(), ha.cellX()),
                    List.of(hb.dmin(), hb.dmax(), hb.dmean(), hb.rms(), hb.cellX()), w);
            float[] x = new float[(int) ha.sectionValues()], y = new float[x.length];
            for (int z = 0; z < ha.nz(); z++) {
                ra.readSection(z, x);
                rb.readSection(z, y);
                for (int i = 0; i < x.length; i++) {
                    if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                        throw new AssertionError(w + ": section " + z + " pixel " + i + ": " + x[i] + " != " + y[i]);
                    }
                }
            }
        }
        byte[] da = Files.readAllBytes(a), db = Files.readAllBytes(b);
        assertEquals(da.length, db.length, what);
        assertTrue(java.util.Arrays.equals(da, MrcHeader.HEADER_BYTES, da.length, db, MrcHeader.HEADER_BYTES, db.length), what);
    }

    /** The ports: the same image records (poses, shifts, CTF, dose, names; stacks in the merge's folder) and truth. */
    private static void assertSamePorts(List<PortObject> expected, List<PortObject> got, Path merged, String what) {
        List<ImageRecord> a = ((ParticlesPortObject) expected.get(0)).table().images();
        List<ImageRecord> b = ((ParticlesPortObject) got.get(0)).table().images();
        assertEquals(a.size(), b.size(), what);
        for (int i = 0; i < a.size(); i++) {
            ImageRecord x = a.get(i), y = b.get(i);
            String w = what + ": image " + i;
            assertEquals(List.of(x.particle(), x.particleId(), x.rot(), x.tilt(), x.psi(), x.originX(), x.originY(), x.ctf(), x.dose(),
                    x.tiltAngle(), x.source().index(), x.source().file().getFileName()),
                    List.of(y.particle(), y.particleId(), y.rot(), y.tilt(), y.psi(), y.originX(), y.originY(), y.ctf(), y.dose(),
                            y.tiltAngle(), y.source().index(), y.source().file().getFileName()), w);
            assertEquals(merged.toAbsolutePath().normalize(), y.source().file().toAbsolutePath().normalize().getParent(), w);
            assertTrue(Files.isRegularFile(y.source().file()), w);
        }
        assertArrayEquals(((VolumePortObject) expected.get(1)).volume().data(), ((VolumePortObject) got.get(1)).volume().data(), what);
    }
}

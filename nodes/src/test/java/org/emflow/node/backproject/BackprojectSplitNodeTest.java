package org.emflow.node.backproject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.recon.Backprojector;
import org.emflow.compute.recon.PartialSums;
import org.emflow.compute.sim.SimulationOptions;
import org.emflow.compute.sim.TiltScheme;
import org.emflow.compute.sim.TiltSeriesSimulator;
import org.emflow.compute.testing.SharedData;
import org.emflow.compute.util.Monitor;
import org.emflow.ports.FilePortObject;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.SplittableModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backproject node as a {@link SplittableModel}: every part executed into its own folder and the folders merged
 * give execute's outputs on the same inputs, bit-identical for one part and within the node's documented tolerance
 * ({@link Backprojector#MERGE_MAX_DIFFERENCE}, {@link Backprojector#MERGE_MIN_FSC}) for more, empty parts included;
 * the merge leaves the part folders as they were.
 */
class BackprojectSplitNodeTest {
    static final int PARTICLES = 12;
    static ForkJoinPool pool;

    @TempDir
    static Path simDir;
    static ParticlesPortObject simulated;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        pool = new ForkJoinPool(2);
        SimulationOptions o = SimulationOptions.defaults().withBox(32).withPixelSize(8.0).withParticles(PARTICLES)
                .withTilts(TiltScheme.parse("-60:60:12")).withSnr(0.5).withSeed(3).withThreads(2);
        TiltSeriesSimulator.Result sim = TiltSeriesSimulator.run(o, null, simDir.resolve("sim.star"), Monitor.NONE);
        simulated = new ParticlesPortObject(ParticleTableReader.read(sim.star(), ReadOptions.DEFAULT));
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    static SplittableModel model() {
        return (SplittableModel) new BackprojectNodeFactory().createModel();
    }

    NodeSettings settings() {
        BackprojectNodeFactory f = new BackprojectNodeFactory();
        return new NodeSettings(f.settings(), Map.of("uninvert-data", "true", "seed", "4"), dir);
    }

    /** A context whose output folder is {@code name} under the test folder (made, as the engine makes it). */
    ExecutionContext context(String name, List<String> log) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name));
        return new ExecutionContext(out, dir.resolve(name + ".checkpoints"), pool, (f, m) -> {
        }, log::add, () -> false, false, false);
    }

    record Outcome(List<PortObject> outputs, List<String> log, Path folder) {
        Volume volume(int i) {
            return ((VolumePortObject) outputs.get(i)).volume();
        }
    }

    Outcome execute(List<PortObject> in) throws Exception {
        List<String> log = new ArrayList<>();
        ExecutionContext ctx = context("execute", log);
        return new Outcome(model().execute(in, settings(), ctx), log, ctx.outputDir());
    }

    /** Every part into its own folder, then the merge of the folders in part order. */
    Outcome split(List<PortObject> in, int parts) throws Exception {
        List<Path> folders = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            List<String> log = new ArrayList<>();
            ExecutionContext ctx = context("n" + parts + "/part" + k, log);
            model().executePart(in, settings(), k, parts, ctx);
            Path sums = ctx.outputFile(BackprojectNodeModel.SUMS_FILE);
            assertTrue(Files.isRegularFile(sums), "part " + k + " wrote its sums");
            String line = Files.readString(ctx.outputFile(BackprojectNodeModel.PART_LOG)).trim();
            assertTrue(line.startsWith("part " + k + " of " + parts + ": "), line);
            assertTrue(log.contains(line), "the part's line is logged too: " + log);
            folders.add(ctx.outputDir());
        }
        Map<Path, byte[]> before = new java.util.HashMap<>();
        for (Path f : folders) {
            try (var files = Files.list(f)) {
                for (Path p : files.toList()) {
                    before.put(p, Files.readAllBytes(p));
                }
            }
        }
        List<String> log = new ArrayList<>();
        ExecutionContext ctx = context("n" + parts + "/merged", log);
        List<PortObject> out = model().merge(in, settings(), folders, ctx);
        // Merge only reads the parts: the same files with the same bytes.
        int after = 0;
        for (Path f : folders) {
            try (var files = Files.list(f)) {
                for (Path p : files.toList()) {
                    assertArrayEquals(before.get(p), Files.readAllBytes(p), p + " unchanged by the merge");
                    after++;
                }
            }
        }
        assertEquals(before.size(), after, "no file added to or taken from the part folders");
        return new Outcome(out, log, ctx.outputDir());
    }

    static void assertSameKindOfOutputs(Outcome local, Outcome merged) throws java.io.IOException {
        assertEquals(local.outputs().size(), merged.outputs().size());
        for (int i = 0; i < 3; i++) {
            assertTrue(merged.outputs().get(i) instanceof VolumePortObject, "output " + i + " is a volume");
            assertEquals(local.volume(i).pixelSize(), merged.volume(i).pixelSize());
        }
        Path png = ((FilePortObject) merged.outputs().get(3)).file();
        assertEquals(merged.folder().resolve("map_slices.png"), png, "the picture in the merge's own folder");
        assertTrue(Files.size(png) > 0);
        // The log: the same first line (with what the merge does in front) and the same half-set line.
        String halves = local.log().stream().filter(l -> l.startsWith("half sets: ")).findFirst().orElseThrow();
        assertTrue(merged.log().contains(halves), "merge logs " + halves + ": " + merged.log());
        assertTrue(merged.log().get(0).endsWith(local.log().get(0)), merged.log().get(0) + " vs " + local.log().get(0));
    }

    static void assertWithinTolerance(Outcome local, Outcome merged, String what) {
        for (int i = 0; i < 3; i++) {
            float[] a = local.volume(i).data(), b = merged.volume(i).data();
            double max = 0, diff = 0;
            for (int j = 0; j < a.length; j++) {
                max = Math.max(max, Math.abs(a[j]));
                diff = Math.max(diff, Math.abs(a[j] - b[j]));
            }
            assertTrue(diff <= Backprojector.MERGE_MAX_DIFFERENCE * max, what + ", map " + i + ": max |diff| / max |map| = " + diff / max);
            double fsc = 1;
            for (double f : Fsc.compute(local.volume(i), merged.volume(i), null).fsc()) {
                fsc = Math.min(fsc, f);
            }
            assertTrue(fsc >= Backprojector.MERGE_MIN_FSC, what + ", map " + i + ": least FSC " + fsc);
        }
    }

    @Test
    void onePartMergedIsBitIdenticalToExecute() throws Exception {
        List<PortObject> in = List.of(simulated);
        Outcome local = execute(in);
        Outcome merged = split(in, 1);
        assertSameKindOfOutputs(local, merged);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(local.volume(i).data(), merged.volume(i).data(), "map " + i);
        }
        assertArrayEquals(Files.readAllBytes(local.folder().resolve("map_slices.png")),
                Files.readAllBytes(merged.folder().resolve("map_slices.png")), "the same picture");
    }

    @Test
    void severalPartsAndEmptyPartsMergeWithinTheTolerance() throws Exception {
        List<PortObject> in = List.of(simulated);
        Outcome local = execute(in);
        for (int parts : new int[] { 3, PARTICLES + 2 }) {
            Outcome merged = split(in, parts);
            assertSameKindOfOutputs(local, merged);
            assertWithinTolerance(local, merged, parts + " parts");
        }
        // The parts beyond the particle count wrote empty sums (the header alone) and said so.
        Path last = dir.resolve("n" + (PARTICLES + 2) + "/part" + (PARTICLES + 1));
        assertEquals(PartialSums.HEADER_BYTES, Files.size(last.resolve(BackprojectNodeModel.SUMS_FILE)));
        assertTrue(Files.readString(last.resolve(BackprojectNodeModel.PART_LOG)).contains("no particles"));
    }

    /** The shared tomoDRGN classD set (skipped without ../shared/data): 1 part bit-identical, 4 within the tolerance. */
    @Test
    void sharedDataSplitsLikeExecute() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        ParticleTable t = ParticleTableReader.read(star, ReadOptions.DEFAULT.withDataDir(star.getParent()));
        List<PortObject> in = List.of(new ParticlesPortObject(t, new org.emflow.compute.weighting.FrequencyWeights(true, true)));
        Outcome local = execute(in);
        Outcome one = split(in, 1);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(local.volume(i).data(), one.volume(i).data(), "map " + i);
        }
        Outcome four = split(in, 4);
        assertSameKindOfOutputs(local, four);
        assertWithinTolerance(local, four, "4 parts of classD");
    }
}

package org.emflow.node.variance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.emflow.compute.io.mrc.MrcHeader;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.sim.SimulationOptions;
import org.emflow.compute.sim.TiltScheme;
import org.emflow.compute.sim.TiltSeriesSimulator;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.variability.VariabilitySplit;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.TablePortObject;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The variance node run as parts and a merge gives the ports and files of one execute, bit for bit. */
class VarianceSplitTest {
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

    private static NodeSettings settings(Map<String, String> more) {
        Map<String, String> v = new HashMap<>(Map.of("img_per_grp", "8", "decimate", "0.5", "fl", "0.2", "aa", "0.1",
                "ave2d", "ave2D.mrcs", "var2d", "var2D.mrcs", "bootstrap_volumes", "3"));
        v.putAll(more);
        return new NodeSettings(new VarianceNodeFactory().settings(), v, Path.of("/base"));
    }

    private static ExecutionContext context(Path folder) throws IOException {
        return org.emflow.node.NodeTestSupport.context(folder, pool);
    }

    /** 12 particles x 3 tilts of the phantom, box 16. */
    private List<PortObject> particles() throws IOException {
        SimulationOptions o = SimulationOptions.defaults().withBox(16).withPixelSize(5).withParticles(12)
                .withTilts(TiltScheme.parse("-30:30:30")).withSnr(2).withThreads(1).withSeed(7);
        Path star = Files.createDirectories(dir.resolve("sim")).resolve("sim.star");
        TiltSeriesSimulator.run(o, null, star, Monitor.NONE);
        return List.of(new ParticlesPortObject(ParticleTableReader.read(star, ReadOptions.DEFAULT)));
    }

    @Test
    void partsAndMergeGiveTheOutputsOfOneRun() throws Exception {
        List<PortObject> in = particles();
        VarianceNodeModel model = new VarianceNodeModel();
        for (Map<String, String> variant : List.of(Map.<String, String>of(), Map.of("method", "bootstrap", "ctf", "true"))) {
            NodeSettings s = settings(variant);
            String tag = variant.isEmpty() ? "groups" : "bootstrap";
            Path local = dir.resolve(tag + "-local");
            List<PortObject> expected = model.execute(in, s, context(local));
            int units = variant.isEmpty() ? 36 : 3;
            for (int parts : new int[] { 1, 3, units + 2 }) {
                List<Path> folders = new ArrayList<>();
                for (int k = 0; k < parts; k++) {
                    Path f = dir.resolve(tag + parts + "-part" + k);
                    model.executePart(in, s, k, parts, context(f));
                    folders.add(f);
                }
                Path merged = dir.resolve(tag + parts + "-merged");
                List<PortObject> got = model.merge(in, s, folders, context(merged));
                String what = tag + ", " + parts + " parts";
                for (int p = 0; p < 2; p++) {
                    assertArrayEquals(((VolumePortObject) expected.get(p)).volume().data(), ((VolumePortObject) got.get(p)).volume().data(),
                            what + ": volume port " + p);
                }
                assertEquals(((TablePortObject) expected.get(2)).rows(), ((TablePortObject) got.get(2)).rows(), what + ": groups");
                for (String file : List.of("var3D_slices.png", "ave3D_slices.png")) {
                    assertArrayEquals(Files.readAllBytes(local.resolve(file)), Files.readAllBytes(merged.resolve(file)), what + ": " + file);
                }
                if (variant.isEmpty()) {
                    for (String file : List.of("ave2D.mrcs", "var2D.mrcs")) {
                        byte[] a = Files.readAllBytes(local.resolve(file)), b = Files.readAllBytes(merged.resolve(file));
                        assertEquals(a.length, b.length, what + ": " + file);
                        assertArrayEquals(java.util.Arrays.copyOfRange(a, MrcHeader.HEADER_BYTES, a.length),
                                java.util.Arrays.copyOfRange(b, MrcHeader.HEADER_BYTES, b.length), what + ": " + file);
                    }
                }
            }
        }
    }

    @Test
    void aMergeOfPartsWithOtherSettingsIsRefused() throws Exception {
        List<PortObject> in = particles();
        VarianceNodeModel model = new VarianceNodeModel();
        List<Path> folders = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Path f = dir.resolve("part" + k);
            model.executePart(in, settings(Map.of()), k, 2, context(f));
            folders.add(f);
        }
        assertEquals(true, Files.isRegularFile(folders.get(0).resolve(VariabilitySplit.MANIFEST)));
        assertThrows(BadInputException.class, () -> model.merge(in, settings(Map.of("fl", "0.25")), folders, context(dir.resolve("m"))));
    }
}

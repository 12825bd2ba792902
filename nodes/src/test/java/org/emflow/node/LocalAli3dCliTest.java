package org.emflow.node;

import static org.emflow.node.NodeTestSupport.emflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emflow local-ali3d}, sxlocal_ali3d's command line, on the shared class-D data. */
class LocalAli3dCliTest {
    @TempDir
    Path dir;

    @Test
    void refinesTheSharedDataIntoANewOutdirWithSparxFlagSpellings() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        Path out = dir.resolve("ali");
        byte[] before = Files.readAllBytes(star);
        NodeTestSupport.Result r = emflow("local-ali3d", star.toString(), out.toString(), "--maxit=1", "--delta", "2", "--ts=1.5",
                "--CTF", "--snr=0", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("Half-map FSC (gold-standard) falls below 0.143 at"), r.out());
        for (String f : new String[] {"refined.star", "map.mrc", "half1.mrc", "half2.mrc", "fsc.csv", "fsc.png", "map_slices.png", "log.txt",
                                      "fsc_iter01.csv", "fsc_iter01.png", "angles.png"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary folders left next to OUTDIR");
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(star)), "the input is not modified");
        Volume map;
        try (MrcReader m = MrcReader.open(out.resolve("map.mrc"))) {
            map = m.readVolume();
        }
        assertEquals(13.1, map.pixelSize(), 1e-3);
        Volume truth;
        try (MrcReader m = MrcReader.open(star.resolveSibling("10076_classD_32.mrc"))) {
            truth = m.readVolume();
        }
        double rTruth = Math.abs(VolumeStats.pearson(truth, map));
        // measured 0.81 (the back projection with the file's exact poses: 0.81)
        assertTrue(rTruth > 0.78, "refined map against the truth: |r| = " + rTruth);
        ParticleTable refined = ParticleTableReader.read(out.resolve("refined.star"), ReadOptions.DEFAULT);
        assertEquals(576, refined.imageCount(), "every image, its stack found from OUTDIR");
        assertTrue(Files.exists(refined.images().get(0).source().file()));

        // OUTDIR exists now: refused without --force, as the original does
        NodeTestSupport.Result again = emflow("local-ali3d", star.toString(), out.toString(), "--maxit=0");
        assertEquals(2, again.code(), again::toString);
        assertTrue(again.err().contains("--force"), again.err());
    }

    /** An EMAN2/SPARX HDF stack (the fixture of the compute tests) is read as particles, poses converted. */
    @Test
    void hdfStacksAreParticles() throws Exception {
        Path hdf = Path.of("").toAbsolutePath().getParent()
                .resolve("compute/src/test/resources/org/emflow/compute/io/hdf/eman2-stack.hdf");
        NodeTestSupport.Result r = emflow("read-star", hdf.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("3 images"), r.out());
    }

    @Test
    void refusedAndWrongFlagsAreBadInputNamingTheFlag() {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        NodeTestSupport.Result four = emflow("local-ali3d", star.toString(), dir.resolve("a").toString(), "--fourvar");
        assertEquals(2, four.code(), four::toString);
        assertTrue(four.err().contains("--fourvar is not supported"), four.err());
        NodeTestSupport.Result sym = emflow("local-ali3d", star.toString(), dir.resolve("b").toString(), "--sym=x7");
        assertEquals(2, sym.code(), sym::toString);
        assertTrue(sym.err().contains("--sym unknown symmetry 'x7'"), sym.err());
        NodeTestSupport.Result ts = emflow("local-ali3d", star.toString(), dir.resolve("c").toString(), "--ts=-1");
        assertEquals(2, ts.code(), ts::toString);
        assertTrue(ts.err().contains("--ts"), ts.err());
        NodeTestSupport.Result bdb = emflow("local-ali3d", "bdb:stack", dir.resolve("d").toString());
        assertEquals(2, bdb.code(), bdb::toString);
        assertTrue(bdb.err().contains("BDB"), bdb.err());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("c")), "nothing written");
    }

    /**
     * The bad-input matrix of the issue: no poses, a mask of another box, a symmetry that is not a point group,
     * non-square images, a STAR naming images its stack does not have. Each is exit 2 naming the culprit, and nothing
     * is written.
     */
    @Test
    void badInputIsExitTwoNamingTheCulpritAndWritesNothing() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        Path stack = star.resolveSibling("10076_classD_32_sim.mrcs").toAbsolutePath();
        Path in = Files.createDirectories(dir.resolve("in"));
        Path noPoses = Files.writeString(in.resolve("no-poses.star"), "data_\nloop_\n_rlnImageName #1\n_rlnDetectorPixelSize #2\n"
                + "1@" + stack + " 13.1\n2@" + stack + " 13.1\n");
        Path outside = Files.writeString(in.resolve("outside.star"), "data_\nloop_\n_rlnImageName #1\n_rlnDetectorPixelSize #2\n"
                + "_rlnAngleRot #3\n_rlnAngleTilt #4\n_rlnAnglePsi #5\n1@" + stack + " 13.1 0 90 0\n600@" + stack + " 13.1 10 80 5\n");
        Path rectStack = in.resolve("rect.mrcs");
        org.emflow.compute.io.mrc.MrcWriter.writeStack(rectStack, new Volume(32, 30, 2, new float[32 * 30 * 2], 13.1),
                org.emflow.compute.io.mrc.MrcMode.FLOAT32, false);
        Path rect = Files.writeString(in.resolve("rect.star"), "data_\nloop_\n_rlnImageName #1\n_rlnDetectorPixelSize #2\n"
                + "_rlnAngleRot #3\n_rlnAngleTilt #4\n_rlnAnglePsi #5\n1@" + rectStack + " 13.1 0 90 0\n2@" + rectStack + " 13.1 10 80 5\n");
        Path mask = in.resolve("mask16.mrc");
        org.emflow.compute.io.mrc.MrcWriter.writeVolume(mask, new Volume(16, 16, 16, new float[16 * 16 * 16], 13.1),
                org.emflow.compute.io.mrc.MrcMode.FLOAT32, false);
        String[][] cases = {
            {noPoses.toString(), "", "rlnAngleRot"},
            {outside.toString(), "", "600"},
            {rect.toString(), "", "rect.mrcs: images are 32 x 30"},
            {star.toString(), mask.toString(), "the 3-D mask (MASKFILE, the mask port) is 16x16x16, the particle images are 32x32"},
            {star.toString(), "", "--sym", "--sym=c0"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("out");
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("local-ali3d", c[0], out.toString()));
            if (!c[1].isEmpty()) {
                args.add(c[1]);
            }
            args.add("--maxit=1");
            if (c.length > 3) {
                args.add(c[3]);
            }
            NodeTestSupport.Result r = emflow(args.toArray(String[]::new));
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains(c[2]), "names " + c[2] + ": " + r.err());
            try (var files = Files.list(dir)) {
                assertEquals(java.util.List.of(in), files.toList(), "nothing written for " + String.join(" ", args));
            }
        }
    }

    /**
     * Stopped by the user (SIGTERM runs the same hook as Ctrl-C) after an iteration: OUTDIR holds that iteration's
     * poses, FSC and pose-change plot, each whole, and no temporary folder is left.
     */
    @Test
    void aStoppedRunKeepsItsCompleteIterationsAndNothingHalfWritten() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        Path out = dir.resolve("ali");
        Path console = dir.resolve("console.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "org.emflow.cli.Main", "local-ali3d", star.toString(), out.toString(),
                "--maxit=10", "--converged=0", "--CTF", "--snr=0", "--threads=2")
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try {
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!firstIterationDone(dir) && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(200);
            }
            assertTrue(firstIterationDone(dir), "the first iteration finished: " + Files.readString(console));
            p.destroy();
            assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "stopped");
        } finally {
            p.destroyForcibly();
        }
        String log = Files.readString(console);
        assertTrue(log.contains("stopped early: what was finished is in " + out.toAbsolutePath()), log);
        for (String f : new String[] {"refined.star", "fsc_iter01.csv", "fsc_iter01.png", "angles.png"}) {
            assertTrue(Files.exists(out.resolve(f)), f + " kept: " + log);
        }
        assertFalse(Files.exists(out.resolve("map.mrc")), "no final map from an unfinished run");
        try (var files = Files.list(dir)) {
            assertEquals(java.util.Set.of(out, console), java.util.Set.copyOf(files.toList()), "no temporary folders left");
        }
        ParticleTable refined = ParticleTableReader.read(out.resolve("refined.star"), ReadOptions.DEFAULT);
        assertEquals(576, refined.imageCount(), "every image, its stack found from OUTDIR");
        assertTrue(Files.exists(refined.images().get(0).source().file()));
    }

    private static boolean firstIterationDone(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(d -> d.getFileName().toString().startsWith(".ali.run-")
                    && Files.exists(d.resolve("align.incomplete").resolve("refined.star")));
        }
    }
}

package org.emflow.node;

import static org.emflow.node.NodeTestSupport.emflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcHeader;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shared data set through the drop-in command and every example workflow through {@code emflow run}, as a
 * user types them, asserting the quality figures README states (measured values in the comments; the bounds
 * leave room for float summation order only). A compute-level test alone once let a broken workflow path land:
 * the particles port of a WarpTools optimisation set did not survive being stored between nodes.
 */
class SharedDataEndToEndTest {
    @TempDir
    Path dir;

    static Volume read(Path p) throws Exception {
        try (MrcReader r = MrcReader.open(p)) {
            return r.readVolume();
        }
    }

    static Path tomodrgn(String name) {
        return SharedData.require("tomodrgn/" + name);
    }

    static final String WARP_SET = "warptools_test_4-tomos_10-ptcls_box-32_angpix-12_optimisation_set.star";
    static final String WARP_REF = "warptools_test_box-32_angpix-12_reconstruct.mrc";

    /** Runs a shipped example workflow into {@code dir/run} and returns the run folder. */
    Path runExample(String name) {
        Path run = dir.resolve("run");
        NodeTestSupport.Result r = emflow("run", NodeTestSupport.examples().resolve(name).toString(), "--out", run.toString(),
                "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        return run;
    }

    // ---- drop-in commands (README "Using it" and "How it compares")

    @Test
    void backprojectVoxelOnTheWarpToolsOptimisationSetIntoAMissingFolder() throws Exception {
        Path out = dir.resolve("out/warp.mrc"); // out/ does not exist: created, as tomoDRGN does
        NodeTestSupport.Result r = emflow("backproject-voxel", tomodrgn(WARP_SET).toString(), "-o", out.toString(),
                "--uninvert-data", "--flip", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        Volume ref = read(tomodrgn(WARP_REF));
        Volume full = read(out);
        assertEquals(12.0, full.pixelSize(), 1e-4, "pixel size of the optimisation set");
        // README: 0.845 full / 0.859 filtered (tomoDRGN: 0.124 / 0.132)
        double rFull = VolumeStats.pearson(ref, full);
        double rFilt = VolumeStats.pearson(ref, read(dir.resolve("out/warp_filt.mrc")));
        assertTrue(rFull > 0.835, "full map r = " + rFull);
        assertTrue(rFilt > 0.845, "filtered map r = " + rFilt);
        // Outputs and the created folder have the modes this process's umask gives (not a temporary file's 0600).
        Path plainFile = Files.createFile(dir.resolve("plain"));
        Path plainFolder = Files.createDirectory(dir.resolve("plainFolder"));
        for (String name : new String[] {"warp.mrc", "warp_FSC.csv", "warp_slices.png"}) {
            assertEquals(Files.getPosixFilePermissions(plainFile), Files.getPosixFilePermissions(dir.resolve("out").resolve(name)), name);
        }
        assertEquals(Files.getPosixFilePermissions(plainFolder), Files.getPosixFilePermissions(dir.resolve("out")));
    }

    @Test
    void aMissingInputIsReportedFirstAndLeavesNoOutputFolder() {
        Path out = dir.resolve("new/sub/x.mrc");
        NodeTestSupport.Result r = emflow("backproject-voxel", dir.resolve("missing.star").toString(), "-o", out.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("missing.star"), r.err());
        assertTrue(!Files.exists(dir.resolve("new")), "the folders created for the outputs are taken away again");
    }

    @Test
    void backprojectVoxelOnBothClassesWithADataDirectory() throws Exception {
        Path out = dir.resolve("both.mrc");
        NodeTestSupport.Result r = emflow("backproject-voxel", tomodrgn("10076_both_32_sim.star").toString(), "--datadir",
                tomodrgn("").toString(), "-o", out.toString(), "--uninvert-data", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        Volume truth = read(tomodrgn("10076_classD_32.mrc"));
        // README: 0.81 full / 0.81 filtered against class D (tomoDRGN: 0.51 / 0.77)
        double rFull = VolumeStats.pearson(truth, read(out));
        double rFilt = VolumeStats.pearson(truth, read(dir.resolve("both_filt.mrc")));
        assertTrue(rFull > 0.80, "full map r = " + rFull);
        assertTrue(rFilt > 0.80, "filtered map r = " + rFilt);
    }

    @Test
    void backprojectVoxelOnClassDAsReadmeTypesIt() throws Exception {
        Path out = dir.resolve("classD.mrc");
        NodeTestSupport.Result r = emflow("backproject-voxel", tomodrgn("10076_classD_32_sim.star").toString(), "-o", out.toString(),
                "--uninvert-data", "--recon-dose-weight", "--recon-tilt-weight", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        Volume truth = read(tomodrgn("10076_classD_32.mrc"));
        Volume full = read(out);
        // README: 0.81 / 0.81, FSC with the truth at 0.143: 29.9 A (tomoDRGN: 0.41 / 0.70, 34.9 A)
        double rFull = VolumeStats.pearson(truth, full);
        double rFilt = VolumeStats.pearson(truth, read(dir.resolve("classD_filt.mrc")));
        double res = Fsc.compute(full, truth.withPixelSize(full.pixelSize()), null).resolutionFirstBelow(0.143);
        assertTrue(rFull > 0.80, "full map r = " + rFull);
        assertTrue(rFilt > 0.80, "filtered map r = " + rFilt);
        assertTrue(res < 31, "FSC with the truth below 0.143 at " + res + " A");
    }

    @Test
    void backprojectVoxelOnClassE() throws Exception {
        Path out = dir.resolve("classE.mrc");
        NodeTestSupport.Result r = emflow("backproject-voxel", tomodrgn("10076_classE_32_sim.star").toString(), "-o", out.toString(),
                "--uninvert-data", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        double rE = VolumeStats.pearson(read(tomodrgn("10076_classE_32.mrc")), read(out));
        double rD = VolumeStats.pearson(read(tomodrgn("10076_classD_32.mrc")), read(out));
        assertTrue(rE > 0.75, "class E map against its truth: r = " + rE);
        assertTrue(rE > rD, "class E map is closer to class E (" + rE + ") than to class D (" + rD + ")");
    }

    @Test
    void readStarCountsEveryLayoutOfTheSharedData() {
        assertCounts(emflow("read-star", tomodrgn(WARP_SET).toString()), "40 particles", "1430 images");
        assertCounts(emflow("read-star", tomodrgn("10076_classD_32_sim.star").toString()), "72 particles", "576 images");
        assertCounts(emflow("read-star", tomodrgn("10076_classE_32_sim.star").toString()), "72 particles", "720 images");
        assertCounts(emflow("read-star", tomodrgn("10076_both_32_sim.star").toString(), "--datadir", tomodrgn("").toString()),
                "144 particles", "1296 images");
    }

    private static void assertCounts(NodeTestSupport.Result r, String... parts) {
        assertEquals(0, r.code(), r::toString);
        for (String p : parts) {
            assertTrue(r.out().contains(p), p + " in\n" + r.out());
        }
    }

    // ---- example workflows through emflow run

    @Test
    void warptoolsWorkflowMatchesWarpToolsOwnReconstruction() throws Exception {
        Path run = runExample("warptools.ini");
        assertMapsCorrelate(run, read(tomodrgn(WARP_REF)), 0.835, 0.845);
        assertEquals(12.0, MrcReader.readHeader(run.resolve("filter/volume.mrc")).pixelSize(), 1e-4);
        FscCurve vsRef = FscCurve.readCsv(run.resolve("reference-fsc/fsc.csv"));
        assertTrue(vsRef.resolution0143() < 28, "FSC with WarpTools' map at 0.143: " + vsRef.resolution0143() + " A");
    }

    @Test
    void tomodrgnClassDWorkflowBeatsTheOriginal() throws Exception {
        Path run = runExample("tomodrgn-classD.ini");
        assertMapsCorrelate(run, read(tomodrgn("10076_classD_32.mrc")), 0.80, 0.80);
        FscCurve vsTruth = FscCurve.readCsv(run.resolve("truth-fsc/fsc.csv"));
        assertTrue(vsTruth.resolution0143() < 34.9, "FSC with the truth at 0.143: " + vsTruth.resolution0143() + " A (tomoDRGN 34.9 A)");
    }

    @Test
    void tomodrgnBothWorkflowBeatsTheOriginal() throws Exception {
        assertMapsCorrelate(runExample("tomodrgn-both.ini"), read(tomodrgn("10076_classD_32.mrc")), 0.80, 0.80);
    }

    /** The run's full (backproject/map) and filtered (filter/volume) maps correlate with {@code truth} at least so much. */
    private static void assertMapsCorrelate(Path run, Volume truth, double full, double filtered) throws Exception {
        double rFull = VolumeStats.pearson(truth, read(run.resolve("backproject/map.mrc")));
        double rFilt = VolumeStats.pearson(truth, read(run.resolve("filter/volume.mrc")));
        assertTrue(rFull > full, "full map r = " + rFull);
        assertTrue(rFilt > filtered, "filtered map r = " + rFilt);
    }

    @Test
    void alignWorkflowRefinesAndKeepsTheMapAsGoodAsTheExactPoses() throws Exception {
        Path run = runExample("align-classD.ini");
        Volume truth = read(tomodrgn("10076_classD_32.mrc"));
        double r = Math.abs(VolumeStats.pearson(truth, read(run.resolve("align/map.mrc"))));
        assertTrue(r > 0.78, "refined map against the truth: |r| = " + r + " (docs/align.md: 0.81)");
        FscCurve half = FscCurve.readCsv(run.resolve("align/fsc.csv"));
        assertTrue(half.resolution0143() < 50, "gold-standard half-map FSC 0.143 at " + half.resolution0143() + " A");
        assertTrue(Files.size(run.resolve("align/particles.star")) > 1000);
        assertTrue(Files.exists(run.resolve("align/fsc_iter01.csv")) && Files.exists(run.resolve("align/angles.png")), "per-iteration files");
        assertFalse(Files.exists(run.resolve("align.incomplete")), "a finished node leaves no checkpoint folder");
    }

    @Test
    void variabilityWorkflowMarksWhereTheClassesDifferByBothMethods() throws Exception {
        Path run = runExample("variability.ini");
        Volume d = read(tomodrgn("10076_classD_32.mrc")), e = read(tomodrgn("10076_classE_32.mrc"));
        double[] groups = org.emflow.compute.testing.VarianceScore.score(read(run.resolve("groups/var3D.mrc")), d, e);
        double[] boot = org.emflow.compute.testing.VarianceScore.score(read(run.resolve("bootstrap/var3D.mrc")), d, e);
        // docs/variance.md: groups r 0.33, inside/outside 2.7; bootstrap r 0.43, inside/outside 1.8
        assertTrue(groups[0] > 0.25 && groups[1] > 2.0, "groups: r " + groups[0] + ", inside/outside " + groups[1]);
        assertTrue(boot[0] > 0.33 && boot[1] > 1.5, "bootstrap: r " + boot[0] + ", inside/outside " + boot[1]);
        assertEquals(13.1, MrcReader.readHeader(run.resolve("groups/var3D.mrc")).pixelSize(), 1e-3);
        assertEquals(1296, MrcReader.readHeader(run.resolve("groups/var2D.mrcs")).nz());
    }

    @Test
    void focalSeriesWorkflowFindsTheFocusStep() throws Exception {
        SharedData.require("pyfsrec/example");
        Path run = runExample("focal-series.ini");
        Path node = run.resolve("reconstruct");
        assertEquals(512L * 512 * 8, Files.size(node.resolve("example.wav")), "raw complex64 wave");
        String log = Files.readString(node.resolve("log.txt"));
        // docs/fsrec.md: 429 foci, step 6.155 nm, r^2 0.9995 (PyFSRec: about 6.14 nm, 0.999)
        String line = log.lines().filter(l -> l.startsWith("focus step")).findFirst().orElseThrow(() -> new AssertionError(log));
        String[] f = line.split("[ (,=)]+");
        double step = Double.parseDouble(f[2]);
        double r2 = Double.parseDouble(f[f.length - 1]);
        assertEquals(6.155, step, 0.01, line);
        assertTrue(r2 > 0.999, line);
        assertTrue(Files.size(node.resolve("example_phase.png")) > 1000);
        assertTrue(!log.contains(".partial-"), "the log names the files where they end up, not the temporary folder");
    }

    @Test
    void quickstartWorkflowThroughTheCommandLine() throws Exception {
        Path run = runExample("quickstart.ini");
        FscCurve half = FscCurve.readCsv(run.resolve("fsc/fsc.csv"));
        assertTrue(half.resolution0143() < 16.5, "half-map resolution " + half.resolution0143());
        MrcHeader h = MrcReader.readHeader(run.resolve("backproject/map.mrc"));
        assertEquals(4.0, h.pixelSize(), 1e-4);
    }
}

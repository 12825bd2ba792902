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
        for (String f : new String[] {"refined.star", "map.mrc", "half1.mrc", "half2.mrc", "fsc.csv", "fsc.png", "map_slices.png", "log.txt"}) {
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
        assertTrue(sym.err().contains("unknown symmetry 'x7'"), sym.err());
        NodeTestSupport.Result ts = emflow("local-ali3d", star.toString(), dir.resolve("c").toString(), "--ts=-1");
        assertEquals(2, ts.code(), ts::toString);
        assertTrue(ts.err().contains("--ts"), ts.err());
        NodeTestSupport.Result bdb = emflow("local-ali3d", "bdb:stack", dir.resolve("d").toString());
        assertEquals(2, bdb.code(), bdb::toString);
        assertTrue(bdb.err().contains("BDB"), bdb.err());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("c")), "nothing written");
    }
}

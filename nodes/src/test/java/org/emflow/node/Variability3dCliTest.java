package org.emflow.node;

import static org.emflow.node.NodeTestSupport.emflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.io.mrc.MrcHeader;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.testing.SharedData;
import org.emflow.compute.testing.VarianceScore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emflow 3dvariability}, sx3dvariability's command line, on the shared two-class tomoDRGN data. */
class Variability3dCliTest {
    @TempDir
    Path dir;

    @Test
    void marksWhereTheClassesDifferIntoANewOutdirWithSparxFlagSpellings() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_both_32_sim.star");
        Path out = dir.resolve("var");
        byte[] before = Files.readAllBytes(star);
        NodeTestSupport.Result r = emflow("3dvariability", star.toString(), "--output_dir=" + out, "--img_per_grp=100", "--decimate", "1",
                "--fl=0.1", "--aa=0.1", "--var2D=var2D.mrcs", "--ave2D", "ave2D.mrcs", "--var3D=variability.mrc", "--symmetrize", "--MPI",
                "--radius=12", "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        for (String f : List.of("variability.mrc", "ave3D.mrc", "var2D.mrcs", "ave2D.mrcs", "groups.csv", "var3D_slices.png",
                "ave3D_slices.png", "log.txt")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary folders left next to OUTDIR");
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(star)), "the input is not modified");
        MrcHeader h = MrcReader.readHeader(out.resolve("variability.mrc"));
        assertEquals(13.1, h.pixelSize(), 1e-3, "the pixel size is kept (SPARX writes 1)");
        MrcHeader h2 = MrcReader.readHeader(out.resolve("var2D.mrcs"));
        assertEquals(1296, h2.nz(), "one 2-D variance per image");
        double[] s = VarianceScore.score(SharedDataEndToEndTest.read(out.resolve("variability.mrc")),
                SharedDataEndToEndTest.read(star.resolveSibling("10076_classD_32.mrc")),
                SharedDataEndToEndTest.read(star.resolveSibling("10076_classE_32.mrc")));
        // docs/variance.md: r 0.33, inside/outside 2.7
        assertTrue(s[0] > 0.25 && s[1] > 2.0, "var3D against |E - D|: r " + s[0] + ", inside/outside " + s[1]);
        assertEquals(1297, Files.readAllLines(out.resolve("groups.csv")).size(), "a header and one group per image");

        NodeTestSupport.Result again = emflow("3dvariability", star.toString(), out.toString());
        assertEquals(2, again.code(), again::toString);
        assertTrue(again.err().contains("--force"), again.err());
    }

    /** An EMAN2/SPARX HDF stack with xform.projection headers (the compute tests' fixture: 3 images). */
    @Test
    void readsHdfStacks() throws Exception {
        Path hdf = Path.of("").toAbsolutePath().getParent()
                .resolve("compute/src/test/resources/org/emflow/compute/io/hdf/eman2-stack.hdf");
        Path out = dir.resolve("hdf");
        NodeTestSupport.Result r = emflow("3dvariability", "--MPI", "--CTF=false", hdf.toString(), out.toString(), "--img_per_grp=3",
                "--decimate=1", "--threads=2"); // on/off flags before the positionals do not swallow them
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.exists(out.resolve("var3D.mrc")));
        assertEquals(4, Files.readAllLines(out.resolve("groups.csv")).size(), "one group per image");
    }

    @Test
    void badInputIsExitTwoNamingTheFlagAndWritesNothing() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_both_32_sim.star");
        Object[][] cases = {
            { "--img_per_grp=5000", "--img_per_grp" },
            { "--decimate=1.5", "decimate" },
            { "--decimate=0", "decimate" },
            { "--window=64", "--window" },
            { "--SND", "--method bootstrap" },
            { "--fl=0.2", "--aa" }, // with --aa=0 below
            { "--sym=x7", "unknown symmetry 'x7'" },
        };
        int k = 0;
        for (Object[] c : cases) {
            Path out = dir.resolve("o" + k++);
            NodeTestSupport.Result r = c[0].equals("--fl=0.2")
                    ? emflow("3dvariability", star.toString(), out.toString(), "--fl=0.2", "--aa=0")
                    : emflow("3dvariability", star.toString(), out.toString(), (String) c[0]);
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains((String) c[1]), c[0] + ": " + r.err());
            assertFalse(Files.exists(out), "nothing written for " + c[0]);
        }
        NodeTestSupport.Result bdb = emflow("3dvariability", "bdb:stack", dir.resolve("d").toString());
        assertEquals(2, bdb.code(), bdb::toString);
        assertTrue(bdb.err().contains("BDB"), bdb.err());
        // a STAR without poses
        Path noPoses = dir.resolve("noposes.star");
        Files.writeString(noPoses, "data_\nloop_\n_rlnImageName\n_rlnDetectorPixelSize\n1@"
                + star.resolveSibling("data/10076_classD_32_sim.mrcs") + " 13.1\n");
        NodeTestSupport.Result np = emflow("3dvariability", noPoses.toString(), dir.resolve("e").toString());
        assertEquals(2, np.code(), np::toString);
        assertTrue(np.err().contains("rlnAngleRot"), np.err());
    }
}

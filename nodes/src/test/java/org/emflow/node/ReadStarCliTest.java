package org.emflow.node;

import static org.emflow.node.NodeTestSupport.emflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadStarCliTest {
    @TempDir
    Path dir;

    private static JsonNode json(String... args) throws Exception {
        NodeTestSupport.Result r = emflow(args);
        assertEquals(0, r.code(), r::toString);
        String line = r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(() -> new AssertionError(r.toString()));
        return new ObjectMapper().readTree(line);
    }

    @Test
    void classDIsARelion30ImageSeriesOf72ParticlesAnd576Images() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        JsonNode j = json("read-star", star.toString(), "--json");
        assertEquals("relion_3_0_image_series", j.get("layout").asText());
        assertEquals(72, j.get("particles").asInt());
        assertEquals(576, j.get("images").asInt());
        assertEquals(32, j.get("box").asInt());
        assertEquals(13.1, j.get("pixel_size").asDouble(), 1e-9);
        assertTrue(j.get("ctf").asBoolean());
    }

    @Test
    void bothClassesResolveWithTheDataFolderAndSelectWithTomoDrgnPickles() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_both_32_sim.star");
        Path data = star.getParent();
        // Its image paths are data/...: the data folder resolves them.
        JsonNode all = json("read-star", star.toString(), "--datadir", data.toString(), "--json");
        assertEquals(144, all.get("particles").asInt());
        assertEquals(1296, all.get("images").asInt());
        JsonNode sel = json("read-star", star.toString(), "--datadir", data.toString(), "--ind",
                data.resolve("ind_ptcl_first10last10.pkl").toString(), "--json");
        assertEquals(20, sel.get("particles").asInt());
        JsonNode firstTilts = json("read-star", star.toString(), "--datadir", data.toString(), "--use-first-ntilts", "5",
                "--sort-ptcl-imgs", "dose_ascending", "--first", "7", "--json");
        assertEquals(7, firstTilts.get("particles").asInt());
        assertEquals(35, firstTilts.get("images").asInt());
    }

    /** The commands that write where -o says refuse to replace a file unless --force, which they accept. */
    @Test
    void simulateAndReadStarReplaceTheirOutputsOnlyWithForce() throws Exception {
        Path star = dir.resolve("s.star"), copy = dir.resolve("copy.star");
        String[] simulate = {"simulate-tilt-series", "--box", "16", "--particles", "2", "--tilts", "0", "-o", star.toString()};
        String[] read = {"read-star", star.toString(), "-o", copy.toString()};
        for (String[] cmd : new String[][] {simulate, read}) {
            assertEquals(0, emflow(cmd).code());
            NodeTestSupport.Result again = emflow(cmd);
            assertEquals(2, again.code(), again::toString);
            assertTrue(again.err().contains("use --force to overwrite"), again::toString);
            String[] forced = java.util.Arrays.copyOf(cmd, cmd.length + 1);
            forced[cmd.length] = "--force";
            NodeTestSupport.Result f = emflow(forced);
            assertEquals(0, f.code(), f::toString);
        }
    }

    /**
     * compute names a setting as "setting 'datadir'" (right in a workflow or the studio); the command line names the
     * flag the user types instead, in a single node's command and in a composite one alike.
     */
    @Test
    void messagesNameTheFlagOnTheCommandLineAndTheSettingInAWorkflow() throws Exception {
        Path star = dir.resolve("lost.star");
        Files.writeString(star, "data_\nloop_\n_rlnImageName\n_rlnAngleRot\n_rlnAngleTilt\n_rlnAnglePsi\n_rlnGroupName\n"
                + "1@nowhere.mrcs 0 0 0 a\n");
        for (String[] cmd : new String[][] {{"read-star", star.toString()}, {"backproject-voxel", star.toString(), "-o",
                dir.resolve("out.mrc").toString()}}) {
            NodeTestSupport.Result r = emflow(cmd);
            assertEquals(2, r.code(), r::toString);
            String last = r.err().lines().filter(l -> l.startsWith("emflow:")).findFirst().orElseThrow(() -> new AssertionError(r.toString()));
            assertTrue(last.contains("set --datadir to point elsewhere") && !last.contains("setting '"), last);
            assertFalse(r.out().contains("setting '"), "the node's own console line names the flag too: " + r.out());
        }
        Path wf = dir.resolve("lost.ini");
        Files.writeString(wf, "[workflow]\nname = lost\nformat = 1\n\n[read]\ntype = read-star\nfile = " + star + "\n");
        NodeTestSupport.Result r = emflow("run", wf.toString(), "--out", dir.resolve("run").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue((r.out() + r.err()).contains("set setting 'datadir' to point elsewhere"), r::toString);
    }

    @Test
    void warpToolsOptimisationSetHas1430VisibleImagesIn4Tomograms() throws Exception {
        Path set = SharedData.require("tomodrgn/warptools_test_4-tomos_10-ptcls_box-32_angpix-12_optimisation_set.star");
        JsonNode j = json("read-star", set.toString(), "--json");
        assertEquals("relion_5_optimisation_set", j.get("layout").asText());
        assertEquals(40, j.get("particles").asInt());
        assertEquals(1430, j.get("images").asInt());
        assertEquals(4, j.get("tomograms").asInt());
        assertTrue(j.get("ctf_premultiplied").asBoolean());
    }

    @Test
    void selectedTableIsWrittenBackInTheInputLayoutAndReadsAgain() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        Path out = dir.resolve("sub/selected.star");
        Files.createDirectories(out.getParent());
        NodeTestSupport.Result r = emflow("read-star", star.toString(), "--first", "5", "-o", out.toString());
        assertEquals(0, r.code(), r::toString);
        JsonNode j = json("read-star", out.toString(), "--json");
        assertEquals(5, j.get("particles").asInt());
        assertEquals(40, j.get("images").asInt());
        assertEquals("relion_3_0_image_series", j.get("layout").asText());
    }

    @Test
    void badInputExitsWithTwoAndNamesTheProblem() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        NodeTestSupport.Result r = emflow("read-star", star.toString(), "--ind", star.getParent().resolve("ptcl_ind_classE.pkl").toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("ptcl_ind_classE.pkl"), r.err());
        NodeTestSupport.Result none = emflow("read-star", dir.resolve("none.star").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("file not found"), none.err());
        NodeTestSupport.Result wrongSource = emflow("read-star", star.toString(), "--source-software", "cistem");
        assertEquals(2, wrongSource.code());
        assertTrue(wrongSource.err().contains("--source-software cistem does not write this layout"), wrongSource.err());
    }
}

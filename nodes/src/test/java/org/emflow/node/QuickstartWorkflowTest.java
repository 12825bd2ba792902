package org.emflow.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.io.mrc.MrcHeader;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.ports.FscPortObject;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.NodeRegistry;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.NodeResult;
import org.emflow.workflow.NodeState;
import org.emflow.workflow.RunListener;
import org.emflow.workflow.RunOptions;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.WorkflowCompiler;
import org.emflow.workflow.WorkflowFile;
import org.emflow.workflow.WorkflowRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's run command: the quickstart workflow as shipped, end to end. */
class QuickstartWorkflowTest {
    @TempDir
    Path dir;

    /**
     * The same workflow as a Windows editor saves it (byte-order mark, CRLF) runs through `emflow run`; garbage bytes
     * and a folder as the workflow are bad input naming the file (exit 2), not a failure.
     */
    @Test
    void byteOrderMarkAndCrlfRunAndUnreadableWorkflowsAreBadInput() throws Exception {
        String text = Files.readString(NodeTestSupport.examples().resolve("quickstart.ini")).replace("\n", "\r\n")
                .replaceAll("(?m)^particles = .*$", "particles = 10");
        Path wf = dir.resolve("windows.ini");
        Files.writeString(wf, "\uFEFF" + text);
        NodeTestSupport.Result ok = NodeTestSupport.emflow("run", wf.toString(), "--out", dir.resolve("run").toString());
        assertEquals(0, ok.code(), ok::toString);

        Path garbage = dir.resolve("garbage.ini");
        Files.write(garbage, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2});
        NodeTestSupport.Result bad = NodeTestSupport.emflow("run", garbage.toString());
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains(garbage + ": not UTF-8 text (byte 0 on)"), bad::toString);
        NodeTestSupport.Result folder = NodeTestSupport.emflow("run", dir.toString());
        assertEquals(2, folder.code(), folder::toString);
        assertTrue(folder.err().contains(dir + ": is a folder, not a workflow file"), folder::toString);
    }

    @Test
    void quickstartReconstructsThePhantomAndReusesEverythingOnTheSecondRun() throws Exception {
        Path wf = NodeTestSupport.examples().resolve("quickstart.ini");
        CompiledWorkflow cw = new WorkflowCompiler(NodeRegistry.discover()).compile(WorkflowFile.load(wf), Map.of());
        RunResult r = new WorkflowRunner().run(cw, new RunOptions(dir.resolve("run"), 2, false, false, Set.of()), RunListener.NONE);
        assertTrue(r.succeeded(), () -> String.valueOf(r.firstFailure()));

        // Half maps of 120 particles x 41 tilts at SNR 0.01 agree to about 14 A at 0.143 (Nyquist 8 A at 4 A/px).
        FscPortObject half = (FscPortObject) r.node("fsc").outputs().get(0);
        assertTrue(half.curve().resolution0143() < 16.5, "half-map resolution " + half.curve().resolution0143());
        // The filtered map resembles the phantom it was simulated from.
        var map = ((VolumePortObject) r.node("filter").outputs().get(0)).volume();
        var truth = ((VolumePortObject) r.node("simulate").outputs().get(1)).volume();
        double rTruth = VolumeStats.pearson(map, truth);
        assertTrue(rTruth > 0.9, "Pearson r of the filtered map against the phantom: " + rTruth);
        FscPortObject vsTruth = (FscPortObject) r.node("truth-fsc").outputs().get(0);
        assertTrue(vsTruth.curve().resolution05() < 18.5, "map vs truth FSC 0.5 at " + vsTruth.curve().resolution05());

        // The map on disk is an MRC with the simulation's pixel size, and the plots exist.
        MrcHeader h = MrcReader.readHeader(dir.resolve("run/backproject/map.mrc"));
        assertEquals(48, h.nx());
        assertEquals(4.0, h.pixelSize(), 1e-4);
        assertTrue(Files.size(dir.resolve("run/fsc/fsc.png")) > 1000);
        assertTrue(Files.size(dir.resolve("run/weight/weights.png")) > 1000);
        assertTrue(Files.size(dir.resolve("run/backproject/map_slices.png")) > 1000);

        RunResult again = new WorkflowRunner().run(cw, new RunOptions(dir.resolve("run"), 2, false, false, Set.of()), RunListener.NONE);
        for (NodeResult n : again.nodes()) {
            assertEquals(NodeState.REUSED, n.state(), n.node());
        }
        assertEquals(rTruth, VolumeStats.pearson(((VolumePortObject) again.node("filter").outputs().get(0)).volume(), truth), 1e-6);
    }
}

package org.emflow.node;

import static org.emflow.node.NodeTestSupport.emflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.align.PoseErrors;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * workflows-examples/local-refine.ini through {@code emflow run}: known poses, perturbed, refined; the figures
 * docs/align.md and README state.
 */
class LocalRefineWorkflowTest {
    @TempDir
    Path dir;

    @Test
    void refinementRecoversThePosesAndTheMapNearlyReachesTheExactPoses() throws Exception {
        Path run = dir.resolve("run");
        NodeTestSupport.Result r = emflow("run", NodeTestSupport.examples().resolve("local-refine.ini").toString(), "--out",
                run.toString(), "--threads", "2");
        assertEquals(0, r.code(), r::toString);
        List<ImageRecord> truth = poses(run.resolve("simulate/particles.star"));
        List<ImageRecord> start = poses(run.resolve("perturb/particles.star"));
        List<ImageRecord> refined = poses(run.resolve("align/particles.star"));
        double angle0 = PoseErrors.medianAngle(truth, start), angle1 = PoseErrors.medianAngle(truth, refined);
        double shift0 = PoseErrors.medianShift(truth, start), shift1 = PoseErrors.medianShift(truth, refined);
        // docs/align.md: median angle error 3.2 -> 2.03 deg, shift error 1.70 -> 0.14 px
        assertTrue(angle0 > 2.8 && angle1 < 0.75 * angle0, "median angle error " + angle0 + " -> " + angle1 + " deg");
        assertTrue(shift0 > 1.4 && shift1 < 0.15 * shift0, "median shift error " + shift0 + " -> " + shift1 + " px");
        double fsc0 = fsc05(run, "start-fsc"), fsc1 = fsc05(run, "refined-fsc"), exact = fsc05(run, "exact-fsc");
        // docs/align.md: FSC 0.5 with the phantom 18.1 A (perturbed) -> 8.8 A (refined); exact poses 8.4 A
        assertTrue(fsc1 < fsc0 - 6 && fsc1 < exact + 1.5, "FSC 0.5 with the truth: start " + fsc0 + ", refined " + fsc1 + ", exact " + exact);
    }

    private static List<ImageRecord> poses(Path star) throws Exception {
        return ParticleTableReader.read(star, ReadOptions.DEFAULT).images();
    }

    private static double fsc05(Path run, String node) throws Exception {
        return FscCurve.readCsv(run.resolve(node).resolve("fsc.csv")).resolution05();
    }
}

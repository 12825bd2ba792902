package org.emflow.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.emflow.ports.TablePortObject;
import org.emflow.sdk.NodeRegistry;
import org.emflow.testnodes.TestNodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowRunnerTest {
    @TempDir
    Path dir;

    private final WorkflowCompiler compiler = new WorkflowCompiler(NodeRegistry.discover());

    @BeforeEach
    void reset() {
        TestNodes.STARTED.clear();
    }

    private CompiledWorkflow compile(String text, Map<String, String> set) {
        return compiler.compile(WorkflowFile.parse(text, dir, "w.ini"), set);
    }

    private static final String DIAMOND = """
            [workflow]
            var.spin = 0
            var.barrier =
            [a]
            type = test-source
            value = 2
            barrier = ${barrier}
            spin-ms = ${spin}
            [b]
            type = test-source
            value = 3
            barrier = ${barrier}
            [sum]
            type = test-sum
            in.a = a.numbers
            in.b = b.numbers
            """;

    private RunResult run(CompiledWorkflow w, boolean force, boolean rerun) throws Exception {
        return new WorkflowRunner().run(w, new RunOptions(dir.resolve("run"), 2, force, rerun, Set.of()), RunListener.NONE);
    }

    @Test
    void nodesRunAfterTheirInputsAndOutputsLandInTheRunFolder() throws Exception {
        RunResult r = run(compile(DIAMOND, Map.of()), false, false);
        assertTrue(r.succeeded());
        assertEquals("sum", TestNodes.STARTED.get(2));
        assertArrayEquals(new double[] {5, 5, 5}, ((TablePortObject) r.node("sum").outputs().get(0)).numbers("value"));
        assertEquals("value\n5.0\n5.0\n5.0\n", Files.readString(dir.resolve("run/sum/sum.csv")));
        assertTrue(Files.exists(dir.resolve("run/a/partial.txt")), "files the node wrote are kept on success");
    }

    @Test
    void independentBranchesRunAtTheSameTime() throws Exception {
        // a and b each wait for the other at a barrier: run one after the other, they would time out.
        TestNodes.BARRIERS.put("ab", new CyclicBarrier(2));
        RunResult r = run(compile(DIAMOND, Map.of("barrier", "ab")), false, false);
        assertTrue(r.succeeded(), () -> String.valueOf(r.firstFailure()));
    }

    @Test
    void unchangedNodesAreReusedAndRerunExecutesThemAgain() throws Exception {
        run(compile(DIAMOND, Map.of()), false, false);
        RunResult second = run(compile(DIAMOND, Map.of()), false, false);
        assertEquals(List.of(NodeState.REUSED, NodeState.REUSED, NodeState.REUSED), second.nodes().stream().map(NodeResult::state).toList());
        assertArrayEquals(new double[] {5, 5, 5}, ((TablePortObject) second.node("sum").outputs().get(0)).numbers("value"));
        TestNodes.STARTED.clear();
        RunResult third = run(compile(DIAMOND, Map.of()), false, true);
        assertEquals(List.of(NodeState.DONE, NodeState.DONE, NodeState.DONE), third.nodes().stream().map(NodeResult::state).toList());
        assertEquals(3, TestNodes.STARTED.size());
    }

    @Test
    void changedSettingsNeedForceAndThenOnlyAffectedNodesRun() throws Exception {
        run(compile(DIAMOND, Map.of()), false, false);
        CompiledWorkflow changed = compile(DIAMOND, Map.of("a.value", "10"));
        WorkflowException e = assertThrows(WorkflowException.class, () -> run(changed, false, false));
        assertEquals(2, e.problems().size(), "a and sum would be replaced: " + e.getMessage());
        assertTrue(e.getMessage().contains("use --force to replace them"), e.getMessage());
        assertEquals("value\n5.0\n5.0\n5.0\n", Files.readString(dir.resolve("run/sum/sum.csv")), "nothing was touched");
        RunResult r = run(changed, true, false);
        assertEquals(NodeState.DONE, r.node("a").state());
        assertEquals(NodeState.REUSED, r.node("b").state());
        assertEquals(NodeState.DONE, r.node("sum").state());
        assertEquals("value\n13.0\n13.0\n13.0\n", Files.readString(dir.resolve("run/sum/sum.csv")));
    }

    @Test
    void failedNodeLeavesNothingAndDownstreamIsSkipped() throws Exception {
        RunResult r = run(compile(DIAMOND, Map.of("b.fail", "true")), false, false);
        assertEquals(NodeState.FAILED, r.node("b").state());
        assertEquals("failing as asked", r.node("b").error());
        assertFalse(r.node("b").badInput());
        assertEquals(NodeState.SKIPPED, r.node("sum").state());
        assertEquals(List.of("a"), listRun(), "only the finished node's folder, no partial folders");
    }

    @Test
    void cancelledRunLeavesNoPartialOutputs() throws Exception {
        WorkflowRunner runner = new WorkflowRunner();
        CompiledWorkflow w = compile(DIAMOND, Map.of("spin", "20000"));
        RunListener cancelOnProgress = new RunListener() {
            @Override
            public void progress(String node, double fraction, String message) {
                runner.cancel();
            }
        };
        long t0 = System.nanoTime();
        RunResult r = runner.run(w, new RunOptions(dir.resolve("run"), 2, false, false, Set.of()), cancelOnProgress);
        assertTrue(r.canceled());
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "cancellation is prompt");
        assertEquals(NodeState.CANCELED, r.node("a").state());
        assertEquals(NodeState.CANCELED, r.node("sum").state());
        assertFalse(listRun().contains("a"), "a was cancelled: no folder, not even its partial.txt: " + listRun());
        assertTrue(listRun().stream().noneMatch(n -> n.contains("partial")), listRun().toString());
    }

    @Test
    void runningUpToANodeRunsOnlyWhatItNeeds() throws Exception {
        RunResult r = new WorkflowRunner().run(compile(DIAMOND, Map.of()),
                new RunOptions(dir.resolve("run"), 2, false, false, Set.of("a")), RunListener.NONE);
        assertEquals(1, r.nodes().size());
        assertEquals(List.of("a"), listRun());
    }

    private List<String> listRun() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("run"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

package org.emflow.workflow.slurm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.emflow.node.NodeTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflows on a real Slurm cluster (scripts/slurm-local.sh start runs one on this machine; .ci/run does): the
 * quickstart as jobs gives the local run's files byte for byte and is reused on a second run, a refused request and
 * a killed job are reported with their reason, and cancel leaves nothing queued and no output. Skips with a message
 * where no cluster answers, except under CI (the CI variable set, or -Demflow.slurm=required), which requires it.
 */
class SlurmClusterTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void clusterAnswers() {
        boolean required = "required".equals(System.getProperty("emflow.slurm", System.getenv("CI") != null ? "required" : "auto"));
        boolean up = SlurmClient.available();
        if (required) {
            assertTrue(up, "no Slurm cluster answers (squeue); start one with: scripts/slurm-local.sh start");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(up, "no Slurm cluster answers (squeue): skipped; scripts/slurm-local.sh start runs one");
    }

    /** The quickstart, smaller: the cluster path costs a job per node, not the size of the data. */
    private static Path quickstart(String name) throws Exception {
        Path wf = dir.resolve(name + ".ini");
        Files.writeString(wf, Files.readString(NodeTestSupport.examples().resolve("quickstart.ini"))
                .replace("var.particles = 120", "var.particles = 40"));
        return wf;
    }

    @Test
    void quickstartOnSlurmIsTheLocalRunByteForByteAndIsReusedTheSecondTime() throws Exception {
        Path wf = quickstart("qs");
        NodeTestSupport.Result local = NodeTestSupport.emflow("run", wf.toString(), "--out", dir.resolve("local").toString());
        assertEquals(0, local.code(), local::toString);
        Path run = dir.resolve("cluster");
        NodeTestSupport.Result r = NodeTestSupport.emflow("run", wf.toString(), "--out", run.toString(), "--executor", "slurm",
                "--slurm", "cpus=1", "--slurm", "mem=2G");
        assertEquals(0, r.code(), r::toString);
        for (String f : List.of("simulate/simulated.star", "backproject/map.mrc", "backproject/half1.mrc", "filter/volume.mrc",
                "truth-fsc/fsc.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("local").resolve(f)), Files.readAllBytes(run.resolve(f)), f);
        }
        List<String> jobs = Files.readAllLines(run.resolve(".emflow-jobs/jobs.tsv"));
        assertEquals(7, jobs.size(), "a header and one job per node: " + jobs);
        String script = Files.readString(run.resolve(".emflow-jobs/scripts/backproject.sh"));
        assertTrue(script.contains("exec-node " + run + " backproject"), script);
        assertTrue(script.contains("EMFLOW_XMX=1638m"), "80 % of 2G as the heap: " + script);

        NodeTestSupport.Result again = NodeTestSupport.emflow("run", wf.toString(), "--out", run.toString(), "--executor", "slurm");
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("6 node(s) reused"), again::toString);
        assertEquals(jobs, Files.readAllLines(run.resolve(".emflow-jobs/jobs.tsv")), "nothing submitted the second time");

        NodeTestSupport.Result status = NodeTestSupport.emflow("status", run.toString());
        assertEquals(0, status.code(), status::toString);
        assertEquals(6, status.out().lines().filter(l -> l.matches("\\S+\\s+[0-9]+\\s+done\\s+finished .*")).count(), status::toString);
    }

    /**
     * Back projection as a job array of 3 parts and a merge job: the merged maps are the local run's within float
     * summation order (each voxel's sums added part by part instead of image by image; Backprojector's merge
     * tolerance), the simulation split in 2 gives the local run's files byte for byte, and the parts are gone after.
     */
    @Test
    void splitNodesRunAsJobArraysAndMergeToTheLocalResult() throws Exception {
        Path wf = quickstart("split");
        Path local = dir.resolve("split-local");
        NodeTestSupport.Result l = NodeTestSupport.emflow("run", wf.toString(), "--out", local.toString());
        assertEquals(0, l.code(), l::toString);
        Path run = dir.resolve("split");
        NodeTestSupport.Result r = NodeTestSupport.emflow("run", wf.toString(), "--out", run.toString(), "--executor", "slurm",
                "--slurm", "cpus=1", "--slurm", "backproject.parts=3", "--slurm", "simulate.parts=2", "--node", "backproject");
        assertEquals(0, r.code(), r::toString);
        assertArrayEquals(Files.readAllBytes(local.resolve("simulate/simulated.star")), Files.readAllBytes(run.resolve("simulate/simulated.star")));
        try (Stream<Path> s = Files.list(local.resolve("simulate"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".mrcs")).toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(run.resolve("simulate").resolve(f.getFileName())), f.toString());
            }
        }
        for (String map : List.of("map.mrc", "half1.mrc", "half2.mrc")) {
            float[] a = read(local.resolve("backproject").resolve(map));
            float[] b = read(run.resolve("backproject").resolve(map));
            double max = 0, diff = 0;
            for (int i = 0; i < a.length; i++) {
                max = Math.max(max, Math.abs(a[i]));
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
            }
            assertTrue(diff <= org.emflow.compute.recon.Backprojector.MERGE_MAX_DIFFERENCE * max,
                    map + ": largest difference " + diff + " of a largest value " + max);
        }
        List<String> jobs = Files.readAllLines(run.resolve(".emflow-jobs/jobs.tsv"));
        assertTrue(jobs.stream().anyMatch(j -> j.startsWith("backproject\tparts\t") && j.contains("\t3\t")), jobs::toString);
        assertFalse(Files.exists(run.resolve(".emflow-jobs/parts/backproject")), "the parts are removed after the merge");
        assertTrue(Files.exists(run.resolve(".emflow-jobs/logs")), "the tasks' logs stay");
    }

    private static float[] read(Path mrc) throws Exception {
        try (var r = org.emflow.compute.io.mrc.MrcReader.open(mrc)) {
            return r.readVolume().data();
        }
    }

    @Test
    void aRequestTheClusterCannotMeetIsBadInputAndNothingStaysQueued() throws Exception {
        Path wf = quickstart("big");
        Path run = dir.resolve("big");
        NodeTestSupport.Result r = NodeTestSupport.emflow("run", wf.toString(), "--out", run.toString(), "--executor", "slurm",
                "--slurm", "weight.cpus=9999");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("sbatch") && r.err().contains("--cpus-per-task=9999"), r::toString);
        assertTrue(activeJobs(run).isEmpty(), "the simulate job submitted before the refusal is cancelled");

        NodeTestSupport.Result key = NodeTestSupport.emflow("run", wf.toString(), "--out", run.toString(), "--executor", "slurm",
                "--slurm", "nodes=3");
        assertEquals(2, key.code(), key::toString);
        assertTrue(key.err().contains("[slurm] nodes: unknown key"), key::toString);
    }

    @Test
    void aJobKilledForItsMemoryFailsTheNodeWithItsLogAndSkipsWhatDependsOnIt() throws Exception {
        Path wf = quickstart("oom");
        Path run = dir.resolve("oom");
        // 1 MB: Slurm's memory watch kills the job's JVM within a second of its start
        NodeTestSupport.Result r = NodeTestSupport.emflow("run", wf.toString(), "--out", run.toString(), "--executor", "slurm",
                "--slurm", "simulate.mem=1M");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("node 'simulate' failed: job ") && r.err().contains("ended FAILED"), r::toString);
        assertTrue(r.err().contains(".emflow-jobs/logs/simulate-"), "names the job's log: " + r);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("truth-fsc") && l.contains("skipped")), r::toString);
        assertFalse(Files.exists(run.resolve("simulate")), "a killed job leaves no output");
        assertTrue(activeJobs(run).isEmpty(), "no dependent job is left pending");
    }

    @Test
    void cancelStopsEveryJobOfADetachedRunAndLeavesNoOutput() throws Exception {
        Path wf = quickstart("cancel");
        Path run = dir.resolve("cancel");
        NodeTestSupport.Result r = NodeTestSupport.emflow("run", wf.toString(), "--out", run.toString(), "--executor", "slurm", "--detach");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("emflow status " + run), r::toString);
        assertEquals(6, activeJobs(run).size(), "six jobs queued or running");
        NodeTestSupport.Result again = NodeTestSupport.emflow("run", wf.toString(), "--out", run.toString(), "--executor", "slurm");
        assertEquals(2, again.code(), "a second submission while the first one's jobs run is refused: " + again);
        assertTrue(again.err().contains("still queued or running"), again::toString);
        NodeTestSupport.Result local = NodeTestSupport.emflow("run", wf.toString(), "--out", run.toString());
        assertEquals(2, local.code(), "so is a local run into the folder the jobs write: " + local);

        NodeTestSupport.Result c = NodeTestSupport.emflow("cancel", run.toString());
        assertEquals(0, c.code(), c::toString);
        long end = System.nanoTime() + 30_000_000_000L;
        while (!activeJobs(run).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertTrue(activeJobs(run).isEmpty(), "every job cancelled");
        try (Stream<Path> s = Files.list(run)) {
            List<String> left = s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".emflow")).toList();
            assertTrue(left.stream().allMatch(n -> n.equals("simulate") && Files.exists(run.resolve("simulate/.emflow-node"))),
                    "only a node that finished before the cancel, nothing half-written: " + left);
        }
    }

    /** What Ctrl-C does in `emflow run --executor slurm` (its hook calls the runner's cancel): scancel of every job of the run. */
    @Test
    void cancellingTheWaitingRunCancelsItsJobs() throws Exception {
        Path wf = quickstart("ctrlc");
        Path run = dir.resolve("ctrlc");
        var w = org.emflow.workflow.WorkflowFile.load(wf);
        var cw = new org.emflow.workflow.WorkflowCompiler(org.emflow.sdk.NodeRegistry.discover()).compile(w, java.util.Map.of());
        var runner = new org.emflow.workflow.WorkflowRunner(SlurmExecutor.forRun(w, cw, java.util.Map.of(), java.util.Map.of(), false));
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        org.emflow.workflow.RunListener l = new org.emflow.workflow.RunListener() {
            @Override
            public void stateChanged(String node, org.emflow.workflow.NodeState state, String message) {
                if (state == org.emflow.workflow.NodeState.RUNNING) {
                    running.countDown();
                }
            }
        };
        var result = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(cw, new org.emflow.workflow.RunOptions(run, 1, false, false, java.util.Set.of()), l);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(running.await(60, java.util.concurrent.TimeUnit.SECONDS), "a job started");
        runner.cancel();
        var r = result.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(r.canceled(), "the run reports the cancel");
        assertEquals(org.emflow.workflow.NodeState.CANCELED, r.node("truth-fsc").state());
        assertTrue(activeJobs(run).isEmpty(), "no job of the run is left queued or running");
        try (Stream<Path> s = Files.list(run)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "no half-written node folder");
        }
    }

    private static List<String> activeJobs(Path run) throws Exception {
        JobTable t = JobTable.read(run);
        return new SlurmClient().states(t.ids()).values().stream().filter(s -> !s.finished()).map(SlurmClient.JobState::id).toList();
    }
}

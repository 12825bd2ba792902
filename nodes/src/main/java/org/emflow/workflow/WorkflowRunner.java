package org.emflow.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a compiled workflow through a {@link WorkflowExecutor} (this machine's threads by default, or a cluster):
 * nodes in dependency order, independent branches side by side, each node writing into a temporary folder that
 * replaces its folder in the run only when it succeeds (a failed or cancelled node leaves nothing behind). A node whose settings and inputs are unchanged
 * since the last run is reused from its folder instead of executed, unless {@code rerun}. Outputs of
 * a run with other settings are never replaced without {@code force}; that is checked for every
 * node before anything executes.
 */
public final class WorkflowRunner {
    private final WorkflowExecutor executor;
    private final java.util.concurrent.atomic.AtomicBoolean canceled = new java.util.concurrent.atomic.AtomicBoolean();

    /** A runner that executes the nodes in this process. */
    public WorkflowRunner() {
        this(new LocalExecutor());
    }

    public WorkflowRunner(WorkflowExecutor executor) {
        this.executor = executor;
    }

    /** Asks the run to stop: running nodes see it through their context; nodes not started are not started. */
    public void cancel() {
        canceled.set(true);
        executor.cancel();
    }

    public boolean isCanceled() {
        return canceled.get();
    }

    public RunResult run(CompiledWorkflow wf, RunOptions options, RunListener listener) throws IOException {
        List<CompiledNode> nodes = options.targets().isEmpty() ? wf.order() : wf.upstreamClosure(options.targets());
        Map<String, String> hashes = new LinkedHashMap<>();
        for (CompiledNode n : nodes) {
            hashes.put(n.id(), NodeHasher.hash(n, hashes));
        }
        Path runDir = options.runDir().toAbsolutePath().normalize();
        org.emflow.workflow.slurm.SlurmExecutor.refuseWhileEarlierJobsRun(runDir);
        List<Path> created = org.emflow.compute.io.AtomicFiles.createFolders(runDir);
        boolean started = false;
        // One writer per run folder; what killed runs left in it goes before this run starts.
        try (OutputLock lock = OutputLock.folder(runDir, "emflow, workflow " + wf.workflow().name(), note -> listener.log("run", note))) {
            checkExistingOutputs(wf, nodes, hashes, runDir, options);
            started = true;
            return executor.execute(new RunPlan(wf, nodes, hashes, runDir, options), listener);
        } finally {
            if (!started) {
                org.emflow.compute.io.AtomicFiles.deleteEmptyFolders(created); // refused before anything ran: no new empty folder
            }
        }
    }

    private void checkExistingOutputs(CompiledWorkflow wf, List<CompiledNode> nodes, Map<String, String> hashes, Path runDir,
                                      RunOptions options) {
        if (options.force()) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        for (CompiledNode n : nodes) {
            Path dir = runDir.resolve(n.id());
            if (!Files.exists(dir)) {
                continue;
            }
            NodeRecord rec = NodeRecord.read(dir);
            if (rec == null || !rec.hash().equals(hashes.get(n.id()))) {
                problems.add(new Problem(n.id(), null, wf.workflow().line(n.id(), null), dir + " holds outputs of a run with "
                        + (rec == null ? "unknown" : "other") + " settings or inputs; use --force to replace them, or --out for another run folder"));
            }
        }
        if (!problems.isEmpty()) {
            throw new WorkflowException(wf.workflow().file() == null ? null : wf.workflow().file().getFileName().toString(), problems);
        }
    }
}

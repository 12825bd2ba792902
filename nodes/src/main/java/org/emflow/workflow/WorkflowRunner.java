package org.emflow.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.emflow.sdk.PortObject;

/**
 * Executes a compiled workflow: nodes in dependency order, independent branches side by side, each
 * node writing into a temporary folder that replaces its folder in the run only when it succeeds (a
 * failed or cancelled node leaves nothing behind). A node whose settings and inputs are unchanged
 * since the last run is reused from its folder instead of executed, unless {@code rerun}. Outputs of
 * a run with other settings are never replaced without {@code force}; that is checked for every
 * node before anything executes.
 */
public final class WorkflowRunner {
    private final AtomicBoolean canceled = new AtomicBoolean();
    private final List<Thread> running = Collections.synchronizedList(new ArrayList<>());

    /** Asks the run to stop: running nodes see it through their context; nodes not started are not started. */
    public void cancel() {
        canceled.set(true);
        synchronized (running) {
            running.forEach(Thread::interrupt);
        }
    }

    public boolean isCanceled() {
        return canceled.get();
    }

    public RunResult run(CompiledWorkflow wf, RunOptions options, RunListener listener) throws IOException {
        List<CompiledNode> nodes = options.targets().isEmpty() ? wf.order() : wf.upstreamClosure(options.targets());
        Map<String, String> hashes = new HashMap<>();
        for (CompiledNode n : nodes) {
            hashes.put(n.id(), NodeHasher.hash(n, hashes));
        }
        Path runDir = options.runDir().toAbsolutePath().normalize();
        List<Path> created = org.emflow.compute.io.AtomicFiles.createFolders(runDir);
        boolean started = false;
        // One writer per run folder; what killed runs left in it goes before this run starts.
        try (OutputLock lock = OutputLock.folder(runDir, "emflow, workflow " + wf.workflow().name(), note -> listener.log("run", note))) {
            checkExistingOutputs(wf, nodes, hashes, runDir, options);
            started = true;
            return execute(wf, nodes, hashes, runDir, options, listener);
        } finally {
            if (!started) {
                org.emflow.compute.io.AtomicFiles.deleteEmptyFolders(created); // refused before anything ran: no new empty folder
            }
        }
    }

    private RunResult execute(CompiledWorkflow wf, List<CompiledNode> nodes, Map<String, String> hashes, Path runDir, RunOptions options,
                              RunListener listener) {
        for (CompiledNode n : nodes) {
            listener.stateChanged(n.id(), NodeState.WAITING, "");
        }

        ForkJoinPool pool = new ForkJoinPool(options.threads());
        ExecutorService nodeThreads = Executors.newFixedThreadPool(Math.max(1, Math.min(options.threads(), nodes.size())), r -> {
            Thread t = new Thread(r, "emflow-node");
            t.setDaemon(true);
            return t;
        });
        Map<String, CompletableFuture<NodeResult>> futures = new LinkedHashMap<>();
        try {
            for (CompiledNode n : nodes) {
                List<CompletableFuture<NodeResult>> deps = new ArrayList<>();
                for (Endpoint e : n.inputs()) {
                    if (e != null) {
                        deps.add(futures.get(e.node()));
                    }
                }
                CompletableFuture<NodeResult> f = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                        .thenApplyAsync(v -> runNode(wf, n, futures, hashes.get(n.id()), runDir, options, pool, listener), nodeThreads);
                futures.put(n.id(), f);
            }
            List<NodeResult> results = new ArrayList<>();
            for (CompletableFuture<NodeResult> f : futures.values()) {
                results.add(f.join());
            }
            return new RunResult(results, canceled.get());
        } finally {
            nodeThreads.shutdownNow();
            pool.shutdownNow();
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

    private NodeResult runNode(CompiledWorkflow wf, CompiledNode n, Map<String, CompletableFuture<NodeResult>> futures, String hash, Path runDir,
                               RunOptions options, ForkJoinPool pool, RunListener listener) {
        String id = n.id();
        List<PortObject> inputs = new ArrayList<>();
        for (Endpoint e : n.inputs()) {
            if (e == null) {
                inputs.add(null);
                continue;
            }
            NodeResult up = futures.get(e.node()).join();
            if (up.outputs() == null) {
                String why = canceled.get() ? "run cancelled" : "upstream node '" + e.node() + "' did not finish";
                NodeState st = canceled.get() ? NodeState.CANCELED : NodeState.SKIPPED;
                listener.stateChanged(id, st, why);
                return new NodeResult(id, n.factory().id(), st, 0, null, null, why, false, null);
            }
            inputs.add(up.outputs().get(WorkflowCompiler.portIndex(wf.node(e.node()).factory().outputs(), e.port())));
        }
        if (canceled.get()) {
            listener.stateChanged(id, NodeState.CANCELED, "run cancelled");
            return new NodeResult(id, n.factory().id(), NodeState.CANCELED, 0, null, null, "run cancelled", false, null);
        }
        Path dir = runDir.resolve(id);
        NodeRecord rec = NodeRecord.read(dir);
        if (!options.rerun() && rec != null && rec.hash().equals(hash)) {
            try {
                List<PortObject> outs = NodeExecution.loadOutputs(n.factory(), dir);
                listener.stateChanged(id, NodeState.REUSED, "settings and inputs unchanged");
                return new NodeResult(id, n.factory().id(), NodeState.REUSED, 0, dir, outs, null, false, null);
            } catch (IOException | RuntimeException e) {
                listener.log(id, "recorded outputs could not be read (" + e.getMessage() + "); executing again");
            }
        }
        return execute(n, inputs, hash, dir, runDir, options, pool, listener);
    }

    private NodeResult execute(CompiledNode n, List<PortObject> inputs, String hash, Path dir, Path runDir, RunOptions options,
                               ForkJoinPool pool, RunListener listener) {
        running.add(Thread.currentThread());
        try {
            NodeExecution exec = new NodeExecution(n.id(), n.factory(), n.settings(), inputs, canceled::get, pool, options.force(), listener, false);
            return exec.run(runDir, dir, tmp -> {
                NodeRecord.write(tmp, hash, n.factory().id());
                NodeExecution.replaceFolder(tmp, dir);
                return dir;
            });
        } finally {
            running.remove(Thread.currentThread());
            Thread.interrupted();
        }
    }


}

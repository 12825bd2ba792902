package org.emflow.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
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
 * Runs a plan in this process: nodes in dependency order, independent branches side by side on one pool of the
 * run's threads, each node writing into a temporary folder that replaces its folder only when it succeeds.
 */
public final class LocalExecutor implements WorkflowExecutor {
    private final AtomicBoolean canceled = new AtomicBoolean();
    private final List<Thread> running = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void cancel() {
        canceled.set(true);
        synchronized (running) {
            running.forEach(Thread::interrupt);
        }
    }

    @Override
    public RunResult execute(RunPlan plan, RunListener listener) {
        return execute(plan.workflow(), plan.nodes(), plan.hashes(), plan.runDir(), plan.options(), plan, listener);
    }

    private RunResult execute(CompiledWorkflow wf, List<CompiledNode> nodes, Map<String, String> hashes, Path runDir, RunOptions options,
                              RunPlan plan, RunListener listener) {
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
                        .thenApplyAsync(v -> runNode(wf, n, futures, hashes.get(n.id()), runDir, options, plan, pool, listener), nodeThreads);
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

    private NodeResult runNode(CompiledWorkflow wf, CompiledNode n, Map<String, CompletableFuture<NodeResult>> futures, String hash, Path runDir,
                               RunOptions options, RunPlan plan, ForkJoinPool pool, RunListener listener) {
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
        if (plan.reusable(n)) {
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

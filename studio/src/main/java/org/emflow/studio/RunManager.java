package org.emflow.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeRegistry;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.NodeResult;
import org.emflow.workflow.NodeState;
import org.emflow.workflow.RunListener;
import org.emflow.workflow.RunOptions;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.Workflow;
import org.emflow.workflow.WorkflowCompiler;
import org.emflow.workflow.WorkflowRunner;

/**
 * One run at a time of the workflow on the page, through the same compiler and runner as
 * {@code emflow run}; every state change, progress report and log line goes to the pages as an
 * event and into a snapshot a page that (re)connects reads first.
 *
 * <p>Studio runs replace outputs a run with other settings left behind (the CLI's {@code --force}):
 * changing a setting and running again is what an editor is for. Unchanged nodes are still reused.
 */
public final class RunManager {
    /** A second run while one goes on; the server answers 409. */
    public static final class BusyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        BusyException() {
            super("a run is already going on; wait for it or cancel it first");
        }
    }

    /** Log lines kept per node for the page. */
    static final int MAX_LOG_LINES = 2000;

    private final NodeRegistry registry;
    private final org.emflow.workflow.PathPolicy paths;
    private final EventHub events;
    private final ObjectMapper json;
    private final int threads;

    private WorkflowRunner runner;
    private Thread thread;
    private CompiledWorkflow compiled;
    private Path runDir;
    private long runId;
    /** The workflow file of the current or last run (workspace-relative; null when unsaved). */
    private String file;
    private final Map<String, ObjectNode> states = new LinkedHashMap<>();
    private final Map<String, Deque<String>> logs = new LinkedHashMap<>();
    private RunResult lastResult;

    /** @param paths the files node settings may name (the workspace's policy) */
    public RunManager(NodeRegistry registry, org.emflow.workflow.PathPolicy paths, EventHub events, ObjectMapper json, int threads) {
        this.registry = registry;
        this.paths = paths;
        this.events = events;
        this.json = json;
        this.threads = threads;
    }

    /**
     * Compiles and starts a run in the background.
     *
     * @throws org.emflow.workflow.WorkflowException when the workflow is invalid (nothing runs)
     * @throws BusyException when a run is already going on
     */
    /**
     * Starts a run of {@code w} (saved as {@code file}, workspace-relative, or null when unsaved) into {@code runDir}.
     * Every event of the run carries its number and file, so that a page shows only the runs of its own workflow.
     */
    public synchronized long start(Workflow w, String file, Path runDir, Set<String> targets) {
        return start(w, file, runDir, targets, false);
    }

    /** As {@link #start(Workflow, String, Path, Set)}; {@code onSlurm}: every node a job of the Slurm cluster (the workflow's [slurm] settings). */
    public synchronized long start(Workflow w, String file, Path runDir, Set<String> targets, boolean onSlurm) {
        if (isRunning()) {
            throw new BusyException();
        }
        CompiledWorkflow cw = new WorkflowCompiler(registry, paths).compile(w, Map.of());
        for (String t : targets) {
            if (cw.node(t) == null) {
                throw new BadInputException("no node '" + t + "' in the workflow");
            }
        }
        RunOptions options = new RunOptions(runDir, threads, true, false, targets);
        this.compiled = cw;
        this.runDir = runDir.toAbsolutePath().normalize();
        this.runId++;
        this.file = file;
        this.lastResult = null;
        states.clear();
        logs.clear();
        WorkflowRunner r = new WorkflowRunner(onSlurm ? org.emflow.workflow.slurm.SlurmExecutor.forRun(w, cw, Map.of(), Map.of(), false) : new org.emflow.workflow.LocalExecutor());
        this.runner = r;
        long id = runId;
        ObjectNode started = json.createObjectNode();
        started.put("run", id);
        started.put("file", file);
        started.put("runDir", this.runDir.toString());
        events.broadcast("run-started", started.toString());
        Thread t = new Thread(() -> execute(r, cw, options, id), "emflow-studio-run-" + id);
        t.setDaemon(true);
        this.thread = t;
        t.start();
        return id;
    }

    private void execute(WorkflowRunner r, CompiledWorkflow cw, RunOptions options, long id) {
        ObjectNode end = json.createObjectNode();
        end.put("run", id);
        end.put("file", file);
        try {
            RunResult result = r.run(cw, options, new Listener(id));
            synchronized (this) {
                lastResult = result;
            }
            end.put("succeeded", result.succeeded());
            end.put("canceled", result.canceled());
            NodeResult fail = result.firstFailure();
            if (fail != null) {
                end.put("error", "[" + fail.node() + "] " + fail.error());
            }
        } catch (Exception e) {
            end.put("succeeded", false);
            end.put("canceled", false);
            end.put("error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        synchronized (this) {
            if (thread == Thread.currentThread()) {
                thread = null;
            }
        }
        events.broadcast("run-finished", end.toString());
    }

    /**
     * Asks run {@code id} to stop (running nodes see it at their next cancellation check); false when that run is not
     * the one going on (it ended, or another page's run has started since), so a page never stops another's run.
     */
    public synchronized boolean cancel(long id) {
        if (!isRunning() || id != runId) {
            return false;
        }
        runner.cancel();
        return true;
    }

    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Waits for the current run to end (tests and shutdown). */
    public void await(long millis) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(millis);
        }
    }

    /** Counts the runs of this session (1 for the first). */
    public synchronized long runNumber() {
        return runId;
    }

    public synchronized Path runDir() {
        return runDir;
    }

    public synchronized CompiledWorkflow compiled() {
        return compiled;
    }

    public synchronized RunResult lastResult() {
        return lastResult;
    }

    /** The node's log lines of the current or last run (empty when it logged nothing). */
    public synchronized List<String> log(String node) {
        Deque<String> d = logs.get(node);
        return d == null ? List.of() : List.copyOf(d);
    }

    /** The page's starting point: whether a run goes on and every node's last state. */
    public synchronized ObjectNode snapshot() {
        ObjectNode o = json.createObjectNode();
        o.put("running", isRunning());
        o.put("run", runId);
        o.put("file", file);
        o.put("runDir", runDir == null ? null : runDir.toString());
        ObjectNode s = o.putObject("states");
        states.forEach(s::set);
        return o;
    }

    private final class Listener implements RunListener {
        private final long id;

        Listener(long id) {
            this.id = id;
        }

        private ObjectNode event(String node) {
            ObjectNode e = json.createObjectNode();
            e.put("run", id);
            e.put("node", node);
            return e; // the run's number ties the event to the page that shows that run
        }

        @Override
        public void stateChanged(String node, NodeState state, String message) {
            ObjectNode e = event(node);
            e.put("state", state.label());
            e.put("message", message == null ? "" : message);
            e.put("progress", state == NodeState.DONE || state == NodeState.REUSED ? 1.0 : 0.0);
            synchronized (RunManager.this) {
                states.put(node, e.deepCopy());
            }
            events.broadcast("state", e.toString());
        }

        private final Map<String, Long> lastProgress = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void progress(String node, double fraction, String message) {
            // At most ten progress events per node and second reach the pages.
            long now = System.nanoTime();
            Long last = lastProgress.get(node);
            if (last != null && now - last < 100_000_000L && fraction < 1) {
                return;
            }
            lastProgress.put(node, now);
            ObjectNode e = event(node);
            e.put("fraction", fraction);
            e.put("message", message == null ? "" : message);
            synchronized (RunManager.this) {
                ObjectNode s = states.get(node);
                if (s != null) {
                    s.put("progress", fraction);
                    s.put("progressMessage", message);
                }
            }
            events.broadcast("progress", e.toString());
        }

        @Override
        public void log(String node, String line) {
            synchronized (RunManager.this) {
                Deque<String> d = logs.computeIfAbsent(node, k -> new ArrayDeque<>());
                d.add(line);
                while (d.size() > MAX_LOG_LINES) {
                    d.removeFirst();
                }
            }
            ObjectNode e = event(node);
            e.put("line", line);
            events.broadcast("log", e.toString());
        }
    }
}

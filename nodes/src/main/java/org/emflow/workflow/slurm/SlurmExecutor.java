package org.emflow.workflow.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.SplittableModel;
import org.emflow.workflow.CompiledNode;
import org.emflow.workflow.Endpoint;
import org.emflow.workflow.NodeExecution;
import org.emflow.workflow.NodeResult;
import org.emflow.workflow.NodeState;
import org.emflow.workflow.RemoteNodeTask;
import org.emflow.workflow.RunListener;
import org.emflow.workflow.RunPlan;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.Submission;
import org.emflow.workflow.WorkflowExecutor;

/**
 * Runs a plan on a Slurm cluster: every node that is not reused becomes a job ({@code sbatch}, the job script from
 * the {@link JobScript} template running {@code emflow exec-node}), with {@code --dependency=afterok} on the jobs of
 * the nodes feeding it, so Slurm runs independent branches side by side; a split node ({@link SplittableModel},
 * {@code parts} &gt; 1) becomes a job array of its parts and a merge job after it. Everything is submitted at once;
 * then squeue is polled (every {@value #POLL_MS} ms) and every change is reported like a local run's. Jobs write the
 * run folder through temporary folders as local nodes do, so a job the scheduler kills leaves no result behind; the
 * run folder is the truth about what finished (a job Slurm no longer remembers counts as done only when its node's
 * folder holds the submitted computation's record).
 *
 * <p>Assumes the run folder, the workflow file, its inputs and emflow itself are on a file system that every cluster
 * node sees under the same paths.
 */
public final class SlurmExecutor implements WorkflowExecutor {
    static final long POLL_MS = 250;
    /** Polls a job may be missing from squeue and sacct before it is taken as gone (a fresh job can lag squeue). */
    private static final int MISSING_POLLS = 8;
    private static final int LOG_TAIL_LINES = 15;
    /** How {@code emflow exec-node} begins the line that reports bad input, so the run's exit code can say so too. */
    public static final String BAD_INPUT_LINE = "emflow: bad input: ";

    private final SlurmClient slurm;
    private final SlurmSettings settings;
    private final Map<String, String> sets;
    private final List<String> emflowCommand;
    private final boolean detach;
    private final AtomicBoolean canceled = new AtomicBoolean();

    /**
     * @param sets          the run's {@code --set} overrides (the jobs compile the workflow with them)
     * @param emflowCommand how a job starts emflow ({@link #launcherCommand})
     * @param detach        return once everything is submitted (states {@link NodeState#SUBMITTED})
     */
    public SlurmExecutor(SlurmClient slurm, SlurmSettings settings, Map<String, String> sets, List<String> emflowCommand, boolean detach) {
        this.slurm = slurm;
        this.settings = settings;
        this.sets = new LinkedHashMap<>(sets);
        this.emflowCommand = List.copyOf(emflowCommand);
        this.detach = detach;
    }

    /**
     * The executor for a run of {@code cw} (compiled from {@code w} with {@code sets}): the workflow's [slurm] settings
     * with {@code overrides} on top, checked, and this machine able to submit.
     *
     * @throws BadInputException naming the setting that is wrong, or saying that no Slurm answers here
     */
    public static SlurmExecutor forRun(org.emflow.workflow.Workflow w, org.emflow.workflow.CompiledWorkflow cw, Map<String, String> overrides,
                                       Map<String, String> sets, boolean detach) {
        java.util.Set<String> splittable = new java.util.HashSet<>();
        for (CompiledNode n : cw.order()) {
            if (n.factory().createModel() instanceof SplittableModel) {
                splittable.add(n.id());
            }
        }
        SlurmSettings settings = SlurmSettings.of(w, overrides, splittable);
        if (!SlurmClient.available()) {
            throw new BadInputException("Slurm's squeue does not answer here: run on a machine that submits to the cluster (sbatch "
                    + "and squeue on the PATH); scripts/slurm-local.sh start runs a one-machine cluster to try it");
        }
        return new SlurmExecutor(new SlurmClient(), settings, sets, launcherCommand(), detach);
    }

    /**
     * The command that starts this emflow on a cluster node: the launcher script when emflow was started by it
     * (system property {@code emflow.launcher}), else this JVM's java with its class path. {@code EMFLOW_XMX} in the
     * job's environment sets the heap.
     */
    public static List<String> launcherCommand() {
        String launcher = System.getProperty("emflow.launcher");
        if (launcher != null && !launcher.isBlank()) {
            return List.of(Path.of(launcher).toAbsolutePath().normalize().toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-XX:+UseSerialGC", "-Xmx${EMFLOW_XMX:-1g}", "-cp", System.getProperty("java.class.path"), "org.emflow.cli.Main");
    }

    @Override
    public void cancel() {
        canceled.set(true);
    }

    /** One node's jobs in this submission. */
    private static final class Tracked {
        final CompiledNode node;
        String jobId;         // the node's job, or its merge job
        String arrayId;       // the parts' job array, or null
        int parts = 1;
        NodeState state = NodeState.WAITING;
        boolean running;
        long startedNanos;
        double seconds;
        int missing;
        String error;
        boolean badInput;

        Tracked(CompiledNode node) {
            this.node = node;
        }

        boolean isFinal() {
            return state != NodeState.WAITING && state != NodeState.RUNNING && state != NodeState.SUBMITTED;
        }
    }

    @Override
    public RunResult execute(RunPlan plan, RunListener listener) throws IOException {
        Path run = plan.runDir();
        JobScript template = JobScript.load(settings.template());
        new Submission(plan.workflow().workflow(), sets, plan.hashes()).write(run);
        Path jobs = Submission.folder(run);
        Files.createDirectories(jobs.resolve("logs"));
        Files.createDirectories(jobs.resolve("scripts"));
        JobTable table = JobTable.empty(run);

        Map<String, Tracked> tracked = new LinkedHashMap<>();
        try {
            for (CompiledNode n : plan.nodes()) {
                Tracked t = new Tracked(n);
                tracked.put(n.id(), t);
                if (plan.reusable(n)) {
                    t.state = NodeState.REUSED;
                    listener.stateChanged(n.id(), NodeState.REUSED, "settings and inputs unchanged");
                    continue;
                }
                submit(plan, t, tracked, template, table);
                t.state = detach ? NodeState.SUBMITTED : NodeState.WAITING;
                listener.stateChanged(n.id(), t.state, "job " + t.jobId + (t.arrayId == null ? "" : " after array " + t.arrayId
                        + " of " + t.parts + " parts"));
            }
        } catch (SlurmClient.SlurmException e) {
            slurm.cancel(table.ids()); // a refused submission: nothing of this run may stay queued
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            slurm.cancel(table.ids());
            throw e;
        }
        if (!detach) {
            watch(plan, tracked, listener);
        }
        return results(plan, tracked);
    }

    /**
     * Refuses a run into a folder whose last cluster submission still has jobs queued or running (they write into
     * it, and a new run would clean up their temporary folders): checked by every run, local ones too, before the
     * run folder is locked. Without a Slurm that answers here the jobs cannot be asked about, and nothing is refused.
     */
    public static void refuseWhileEarlierJobsRun(Path run) throws IOException {
        JobTable old = JobTable.read(run);
        if (old.jobs().isEmpty() || !SlurmClient.available()) {
            return;
        }
        List<String> active = new ArrayList<>();
        for (SlurmClient.JobState s : new SlurmClient().states(old.ids()).values()) {
            if (!s.finished()) {
                active.add(s.id());
            }
        }
        if (!active.isEmpty()) {
            throw new BadInputException(run + ": jobs of an earlier submission of this run folder are still queued or running ("
                    + String.join(", ", active) + "); wait for them (emflow status " + run + ") or cancel them (emflow cancel " + run + ")");
        }
    }

    private void submit(RunPlan plan, Tracked t, Map<String, Tracked> tracked, JobScript template, JobTable table) throws IOException {
        CompiledNode n = t.node;
        String id = n.id();
        boolean splittable = n.factory().createModel() instanceof SplittableModel;
        SlurmSettings.Resources r = settings.resources(id, splittable);
        List<String> deps = new ArrayList<>();
        for (Endpoint e : n.inputs()) {
            Tracked up = e == null ? null : tracked.get(e.node());
            if (up != null && up.jobId != null && !deps.contains(up.jobId)) {
                deps.add(up.jobId);
            }
        }
        Path run = plan.runDir();
        Path jobs = Submission.folder(run);
        String name = "emflow-" + id;
        String now = Instant.now().toString();
        if (r.parts() > 1) {
            NodeExecution.deleteQuietly(RemoteNodeTask.partsFolder(run, id)); // parts of an earlier submission are not this one's
            Path script = writeScript(template, jobs, id + "-parts", r, run, id, name,
                    List.of("--part", "${SLURM_ARRAY_TASK_ID}", "--parts", Integer.toString(r.parts())));
            List<String> opts = options(r, name, jobs.resolve("logs").resolve(id + "-part-%a-%A.out"), deps);
            opts.add("--array=0-" + (r.parts() - 1));
            t.arrayId = slurm.submit(opts, script, run);
            t.parts = r.parts();
            table.add(new JobTable.Job(id, JobTable.Kind.PARTS, t.arrayId, r.parts(), now));
            Path merge = writeScript(template, jobs, id + "-merge", r, run, id, name + "-merge", List.of("--merge", Integer.toString(r.parts())));
            t.jobId = slurm.submit(options(r, name + "-merge", jobs.resolve("logs").resolve(id + "-merge-%j.out"), List.of(t.arrayId)), merge, run);
            table.add(new JobTable.Job(id, JobTable.Kind.MERGE, t.jobId, r.parts(), now));
        } else {
            Path script = writeScript(template, jobs, id, r, run, id, name, List.of());
            t.jobId = slurm.submit(options(r, name, jobs.resolve("logs").resolve(id + "-%j.out"), deps), script, run);
            table.add(new JobTable.Job(id, JobTable.Kind.NODE, t.jobId, 1, now));
        }
    }

    private static List<String> options(SlurmSettings.Resources r, String name, Path log, List<String> deps) {
        List<String> o = new ArrayList<>(List.of("--job-name=" + name, "--output=" + log, "--cpus-per-task=" + r.cpus(), "--mem=" + r.mem(),
                "--kill-on-invalid-dep=yes"));
        if (!r.time().isEmpty()) {
            o.add("--time=" + r.time());
        }
        if (!r.partition().isEmpty()) {
            o.add("--partition=" + r.partition());
        }
        if (!deps.isEmpty()) {
            o.add("--dependency=afterok:" + String.join(":", deps));
        }
        return o;
    }

    private Path writeScript(JobScript template, Path jobs, String file, SlurmSettings.Resources r, Path run, String node, String jobName,
                             List<String> pieceArgs) throws IOException {
        StringBuilder cmd = new StringBuilder("export EMFLOW_XMX=" + r.heapMegabytes() + "m\n");
        for (String w : emflowCommand) {
            cmd.append(w.contains("${") ? "\"" + w + "\"" : JobScript.quote(w)).append(' ');
        }
        cmd.append("exec-node ").append(JobScript.quote(run.toString())).append(' ').append(JobScript.quote(node));
        for (String a : pieceArgs) {
            cmd.append(' ').append(a.startsWith("${") ? "\"" + a + "\"" : JobScript.quote(a));
        }
        Map<String, String> v = new LinkedHashMap<>();
        v.put("command", cmd.toString());
        v.put("node", node);
        v.put("job_name", jobName);
        v.put("cpus", Integer.toString(r.cpus()));
        v.put("mem", r.mem());
        v.put("time", r.time());
        v.put("partition", r.partition());
        v.put("run_folder", run.toString());
        Path script = jobs.resolve("scripts").resolve(file + ".sh");
        String text = template.render(v);
        org.emflow.compute.io.AtomicFiles.write(script, true, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        return script;
    }

    /** Polls squeue until every node is final; cancels everything on {@link #cancel}. */
    private void watch(RunPlan plan, Map<String, Tracked> tracked, RunListener listener) throws IOException {
        while (true) {
            List<String> ids = new ArrayList<>();
            for (Tracked t : tracked.values()) {
                if (!t.isFinal()) {
                    ids.add(t.jobId);
                    if (t.arrayId != null) {
                        ids.add(t.arrayId);
                    }
                }
            }
            if (ids.isEmpty()) {
                return;
            }
            if (canceled.get()) {
                cancelAll(plan, tracked, ids, listener);
                return;
            }
            Map<String, SlurmClient.JobState> states = slurm.states(ids);
            for (Tracked t : tracked.values()) {
                if (!t.isFinal()) {
                    update(plan, t, states, tracked, listener);
                }
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                canceled.set(true);
            }
        }
    }

    private void update(RunPlan plan, Tracked t, Map<String, SlurmClient.JobState> states, Map<String, Tracked> tracked, RunListener listener)
            throws IOException {
        String id = t.node.id();
        SlurmClient.JobState job = states.get(t.jobId);
        List<SlurmClient.JobState> tasks = t.arrayId == null ? List.of()
                : states.values().stream().filter(s -> s.id().equals(t.arrayId) || s.id().startsWith(t.arrayId + "_")).toList();
        boolean anyRunning = (job != null && job.state().equals("RUNNING")) || tasks.stream().anyMatch(s -> s.state().equals("RUNNING"));
        if (anyRunning && !t.running) {
            t.running = true;
            t.startedNanos = System.nanoTime();
            t.state = NodeState.RUNNING;
            listener.stateChanged(id, NodeState.RUNNING, "job " + (tasks.isEmpty() ? t.jobId : t.arrayId));
        }
        String upstreamFailed = failedUpstream(t, tracked);
        if (job == null) {
            if (++t.missing < MISSING_POLLS) {
                return;
            }
            // gone from squeue (MinJobAge) and sacct: the run folder says whether it finished
            if (finishedInFolder(plan, t)) {
                done(t, listener);
            } else {
                fail(plan, t, "job " + t.jobId + " is no longer known to Slurm and left no result", listener);
            }
            return;
        }
        t.missing = 0;
        if (job.neverRuns()) { // its dependency failed; a cluster without kill_invalid_depend keeps it pending forever
            slurm.cancel(List.of(t.jobId));
        } else if (!job.finished()) {
            return;
        }
        if (job.completed()) {
            if (finishedInFolder(plan, t)) {
                done(t, listener);
            } else {
                fail(plan, t, "job " + t.jobId + " completed but " + plan.folder(id) + " holds no result of it", listener);
            }
        } else if (upstreamFailed != null && !t.running) {
            t.state = NodeState.SKIPPED;
            t.error = "upstream node '" + upstreamFailed + "' did not finish";
            listener.stateChanged(id, NodeState.SKIPPED, t.error);
        } else if (t.arrayId != null && tasks.stream().anyMatch(s -> s.finished() && !s.completed())) {
            fail(plan, t, partFailure(plan, t, tasks), listener);
        } else {
            fail(plan, t, "job " + t.jobId + " ended " + job.state() + logTail(plan.runDir(), id, t.jobId), listener);
        }
    }

    private static String failedUpstream(Tracked t, Map<String, Tracked> tracked) {
        for (Endpoint e : t.node.inputs()) {
            Tracked up = e == null ? null : tracked.get(e.node());
            if (up != null && (up.state == NodeState.FAILED || up.state == NodeState.SKIPPED || up.state == NodeState.CANCELED)) {
                return e.node();
            }
        }
        return null;
    }

    private String partFailure(RunPlan plan, Tracked t, List<SlurmClient.JobState> tasks) {
        for (SlurmClient.JobState s : tasks) {
            if (s.finished() && !s.completed()) {
                String task = s.id().contains("_") ? s.id().substring(s.id().indexOf('_') + 1) : "?";
                return "part " + task + " of " + t.parts + " (job " + s.id() + ") ended " + s.state()
                        + logTail(plan.runDir(), t.node.id() + "-part-" + task, t.arrayId);
            }
        }
        return "a part (job array " + t.arrayId + ") did not finish";
    }

    private static boolean finishedInFolder(RunPlan plan, Tracked t) {
        return plan.finished(t.node.id());
    }

    private void done(Tracked t, RunListener listener) {
        t.state = NodeState.DONE;
        t.seconds = t.running ? (System.nanoTime() - t.startedNanos) / 1e9 : 0;
        listener.stateChanged(t.node.id(), NodeState.DONE, String.format(Locale.ROOT, "%.1f s", t.seconds));
    }

    private void fail(RunPlan plan, Tracked t, String message, RunListener listener) {
        t.state = NodeState.FAILED;
        t.seconds = t.running ? (System.nanoTime() - t.startedNanos) / 1e9 : 0;
        t.error = message;
        t.badInput = message.contains(BAD_INPUT_LINE); // what exec-node prints for bad input (exit 2)
        listener.stateChanged(t.node.id(), NodeState.FAILED, message);
    }

    /**
     * The last lines of a job's log (its output file {@code .emflow-jobs/logs/PREFIX-*JOB*.out}), for the error message.
     */
    static String logTail(Path run, String prefix, String job) {
        Path logs = Submission.folder(run).resolve("logs");
        try (var s = Files.list(logs)) {
            Path log = s.filter(p -> p.getFileName().toString().startsWith(prefix + "-") && p.getFileName().toString().contains(job))
                    .findFirst().orElse(null);
            if (log == null) {
                return " (no log in " + logs + ")";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            if (lines.isEmpty()) {
                return "; its log " + log + " is empty (killed before it started?)";
            }
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "; " + log + " ends:\n  " + String.join("\n  ", tail);
        } catch (IOException | java.io.UncheckedIOException e) {
            return " (its log could not be read: " + e.getMessage() + ")";
        }
    }

    private void cancelAll(RunPlan plan, Map<String, Tracked> tracked, List<String> ids, RunListener listener) throws IOException {
        slurm.cancel(ids);
        List<String> stopped = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            if (!t.isFinal()) {
                t.state = NodeState.CANCELED;
                t.error = "run cancelled (scancel)";
                stopped.add(t.node.id());
                listener.stateChanged(t.node.id(), NodeState.CANCELED, t.error);
            }
        }
        // Wait until Slurm has stopped the jobs and their JVMs have removed their temporary folders (a job on SIGTERM
        // deletes what it was writing, within a second here); what a job killed outright left is removed here.
        long end = System.nanoTime() + CANCEL_WAIT_NANOS;
        while (System.nanoTime() < end) {
            if (slurm.states(ids).values().stream().allMatch(SlurmClient.JobState::finished) && leftovers(plan, stopped).isEmpty()) {
                return;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                break;
            }
        }
        org.emflow.workflow.Leftovers.delete(leftovers(plan, stopped));
    }

    /** How long a cancel waits for the jobs to end: Slurm's KillWait (30 s by default) and a margin. */
    private static final long CANCEL_WAIT_NANOS = 40_000_000_000L;

    private static List<Path> leftovers(RunPlan plan, List<String> nodes) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String id : nodes) {
            out.addAll(org.emflow.workflow.Leftovers.of(plan.runDir(), id));
        }
        return out;
    }

    private RunResult results(RunPlan plan, Map<String, Tracked> tracked) {
        List<NodeResult> out = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            CompiledNode n = t.node;
            List<org.emflow.sdk.PortObject> outs = null;
            NodeState st = t.state;
            String error = t.error;
            if (st == NodeState.DONE || st == NodeState.REUSED) {
                try {
                    outs = NodeExecution.loadOutputs(n.factory(), plan.folder(n.id()));
                } catch (IOException | RuntimeException e) {
                    st = NodeState.FAILED;
                    error = "the outputs in " + plan.folder(n.id()) + " could not be read: " + e.getMessage();
                }
            }
            out.add(new NodeResult(n.id(), n.factory().id(), st, t.seconds, outs == null ? null : plan.folder(n.id()), outs,
                    st == NodeState.DONE || st == NodeState.REUSED || st == NodeState.SUBMITTED ? null : error, t.badInput, null));
        }
        return new RunResult(out, canceled.get());
    }
}

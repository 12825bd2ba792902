package org.emflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeRegistry;
import org.emflow.workflow.NodeResult;
import org.emflow.workflow.NodeState;
import org.emflow.workflow.RemoteNodeTask;
import org.emflow.workflow.slurm.SlurmExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code emflow exec-node RUN_FOLDER NODE}: what a cluster job runs (the job scripts of {@code emflow run --executor
 * slurm} call it): one node of the run submitted in that folder, or one part of it, or the merge of its parts.
 */
@Command(name = "exec-node", mixinStandardHelpOptions = true, hidden = true, sortOptions = false,
        description = {"Run one node of a workflow run that was submitted to a cluster (what its jobs run; not for direct use).",
                "The node's inputs must be finished in the run folder. Exit codes as for 'emflow run'."})
final class ExecNodeCommand implements Callable<Integer> {
    private final NodeRegistry registry;

    @Parameters(index = "0", paramLabel = "RUN_FOLDER", description = "The run folder of the submitted run.")
    Path runDir;

    @Parameters(index = "1", paramLabel = "NODE", description = "The node to run.")
    String node;

    @Option(names = "--part", paramLabel = "K", description = "Run part K (0-based) of a split node (with --parts).")
    Integer part;

    @Option(names = "--parts", paramLabel = "N", description = "The number of parts the node is split into.")
    Integer parts;

    @Option(names = "--merge", paramLabel = "N", description = "Merge the node's N finished parts into its outputs.")
    Integer merge;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default: the job's CPUs, SLURM_CPUS_PER_TASK, else all cores).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ExecNodeCommand(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            RemoteNodeTask.Piece piece = piece();
            int n = threads != null ? threads : jobCpus();
            AtomicBoolean canceled = new AtomicBoolean();
            NodeResult r;
            try (CtrlC hook = CtrlC.onInterrupt(() -> canceled.set(true))) { // scancel sends SIGTERM first
                r = RemoteNodeTask.run(registry, runDir, node, piece, n, canceled::get, new ConsoleListener(out, false));
            }
            out.println(usage(node, piece));
            out.flush();
            if (r.state() == NodeState.DONE) {
                return ExitCodes.OK;
            }
            if (r.state() == NodeState.CANCELED) {
                err.println("emflow: cancelled");
                return ExitCodes.CANCELED;
            }
            err.println((r.badInput() ? SlurmExecutor.BAD_INPUT_LINE : "emflow: failed: ") + r.error());
            return r.badInput() ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
        } catch (BadInputException e) {
            err.println(SlurmExecutor.BAD_INPUT_LINE + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }

    private RemoteNodeTask.Piece piece() {
        if (merge != null && (part != null || parts != null)) {
            throw new BadInputException("--merge goes without --part and --parts");
        }
        if (merge != null) {
            if (merge < 1) {
                throw new BadInputException("--merge must be at least 1");
            }
            return new RemoteNodeTask.Merge(merge);
        }
        if ((part == null) != (parts == null)) {
            throw new BadInputException("--part and --parts go together");
        }
        if (part != null) {
            if (parts < 1 || part < 0 || part >= parts) {
                throw new BadInputException("--part must be in 0.." + (parts - 1) + " for --parts " + parts);
            }
            return new RemoteNodeTask.Part(part, parts);
        }
        return new RemoteNodeTask.Whole();
    }

    /**
     * What the job used, for its log (a cluster without accounting shows it nowhere else): wall and CPU time of this
     * process and its peak resident memory (VmHWM, Linux).
     */
    static String usage(String node, RemoteNodeTask.Piece piece) {
        double wall = (System.currentTimeMillis() - ProcessHandle.current().info().startInstant().map(java.time.Instant::toEpochMilli)
                .orElse(System.currentTimeMillis())) / 1e3;
        double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
        long peakKb = -1;
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    peakKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: no peak memory
        }
        String what = piece instanceof RemoteNodeTask.Part p ? "part " + p.index() + " of " + p.count()
                : piece instanceof RemoteNodeTask.Merge m ? "merge of " + m.count() + " parts" : "node";
        return String.format(java.util.Locale.ROOT, "[%s] job (%s): %.1f s wall, %.1f s CPU%s", node, what, wall, cpu,
                peakKb < 0 ? "" : String.format(java.util.Locale.ROOT, ", peak memory %d MB", peakKb / 1024));
    }

    /** The CPUs Slurm gave the job, else this machine's. */
    static int jobCpus() {
        String s = System.getenv("SLURM_CPUS_PER_TASK");
        try {
            return s == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}

package org.emflow.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.emflow.sdk.NodeRegistry;
import org.emflow.sdk.PortObject;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.NodeResult;
import org.emflow.workflow.NodeState;
import org.emflow.workflow.RunOptions;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.Workflow;
import org.emflow.workflow.WorkflowCompiler;
import org.emflow.workflow.WorkflowFile;
import org.emflow.workflow.WorkflowRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code emflow run WORKFLOW.ini}: validate the whole workflow, then execute it. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a workflow file headless.",
                "The whole workflow is checked and configured first; nothing executes if anything is invalid. Nodes run in "
                        + "dependency order, independent branches side by side. Nodes whose settings and inputs did not change "
                        + "since the last run are reused from the run folder."})
final class RunCommand implements Callable<Integer> {
    private final NodeRegistry registry;

    @Parameters(paramLabel = "WORKFLOW.ini", description = "The workflow file.")
    Path workflow;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Override a workflow variable (NAME=VALUE) or one node's setting "
            + "(NODE.SETTING=VALUE). Repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: WORKFLOW.out next to the workflow file); one sub-folder per node.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Threads shared by all nodes (default: all cores, ${DEFAULT-VALUE}).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--force", description = "Replace outputs that a run with other settings left in the run folder.")
    boolean force;

    @Option(names = "--rerun", description = "Execute every node even when its settings and inputs are unchanged.")
    boolean rerun;

    @Option(names = "--node", paramLabel = "ID", description = "Run only this node and what it depends on. Repeatable.")
    List<String> nodes = List.of();

    /** Where the nodes run. */
    enum Executor { local, slurm }

    @Option(names = "--executor", paramLabel = "WHERE", description = "Where the nodes run: local (this machine, the default) or slurm "
            + "(each node a job of the Slurm cluster this machine submits to, with sbatch; Slurm runs independent branches side by "
            + "side). The run folder must be on a file system all cluster nodes see.")
    Executor executor = Executor.local;

    @Option(names = "--slurm", paramLabel = "KEY=VALUE", description = "A cluster setting, over the workflow's [slurm] section: cpus, "
            + "mem, time, partition, parts (job-array tasks of a node that can split its particles), template (job script; "
            + "'emflow slurm-template' prints the built-in one); NODE.KEY for one node. Repeatable.")
    Map<String, String> slurm = new LinkedHashMap<>();

    @Option(names = "--detach", description = "With --executor slurm: return once every job is submitted; follow them with "
            + "'emflow status RUN_FOLDER', stop them with 'emflow cancel RUN_FOLDER'.")
    boolean detach;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    RunCommand(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() throws Exception {
        var outw = spec.commandLine().getOut();
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
        }
        Workflow w = WorkflowFile.load(workflow);
        CompiledWorkflow cw = new WorkflowCompiler(registry).compile(w, set);
        Path runDir = out != null ? out : RunOptions.defaultRunDir(workflow);
        outw.println("Workflow " + (w.name().isEmpty() ? workflow.getFileName() : w.name()) + ": " + cw.order().size()
                + " nodes, run folder " + runDir.toAbsolutePath().normalize()
                + (executor == Executor.slurm ? ", on Slurm" : ", " + threads + " threads"));
        outw.flush();
        WorkflowRunner runner = new WorkflowRunner(executor(w, cw));
        CtrlC ctrlC = CtrlC.onInterrupt(() -> runner.cancel());
        RunResult result;
        try {
            result = runner.run(cw, new RunOptions(runDir, threads, force, rerun, new LinkedHashSet<>(nodes)),
                    new ConsoleListener(outw, ConsoleListener.consoleIsInteractive()));
        } finally {
            ctrlC.close();
        }
        printSummary(outw, result);
        if (detach && result.firstFailure() == null) {
            outw.println("Submitted; follow the jobs with: emflow status " + runDir.toAbsolutePath().normalize());
            outw.flush();
        }
        if (result.canceled()) {
            return ExitCodes.CANCELED;
        }
        NodeResult failed = result.firstFailure();
        if (failed != null) {
            spec.commandLine().getErr().println("emflow: node '" + failed.node() + "' failed: " + failed.error());
            if (failed.cause() != null && spec.commandLine().getParseResult().hasMatchedOption("--debug")) {
                failed.cause().printStackTrace(spec.commandLine().getErr());
            }
            return failed.badInput() ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private org.emflow.workflow.WorkflowExecutor executor(Workflow w, CompiledWorkflow cw) {
        if (executor == Executor.local) {
            if (detach || !slurm.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), (detach ? "--detach" : "--slurm") + " needs --executor slurm");
            }
            return new org.emflow.workflow.LocalExecutor();
        }
        return org.emflow.workflow.slurm.SlurmExecutor.forRun(w, cw, slurm, set, detach);
    }

    static void printSummary(java.io.PrintWriter out, RunResult result) {
        out.println();
        out.printf(Locale.ROOT, "%-16s %-22s %-9s %8s  %s%n", "node", "type", "state", "time", "outputs");
        for (NodeResult n : result.nodes()) {
            String outputs = "";
            if (n.outputs() != null) {
                outputs = String.join("; ", n.outputs().stream().map(PortObject::summary).toList());
            } else if (n.error() != null) {
                outputs = n.error();
            }
            out.printf(Locale.ROOT, "%-16s %-22s %-9s %7.1fs  %s%n", n.node(), n.type(), n.state().label(), n.seconds(), outputs);
        }
        long reused = result.nodes().stream().filter(n -> n.state() == NodeState.REUSED).count();
        if (reused > 0) {
            out.println(reused + " node(s) reused from the previous run (unchanged settings and inputs; --rerun to execute them again)");
        }
        out.flush();
    }
}

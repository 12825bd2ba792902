package org.emflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emflow.workflow.slurm.RunStatus;
import org.emflow.workflow.slurm.SlurmClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code emflow status RUN_FOLDER}: the state of every node of a run, and of its cluster jobs. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the state of every node of a run: what finished in the run folder and, for a run on a Slurm cluster "
                + "(emflow run --executor slurm), each node's job as squeue (or sacct) reports it: pending and why, running, "
                + "done, failed. A split node shows how many of its parts are done."})
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_FOLDER", description = "The run folder (default of a workflow W.ini: W.out next to it).")
    Path runDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        new RunStatus(runDir, new SlurmClient()).print(spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}

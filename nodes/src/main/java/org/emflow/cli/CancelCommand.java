package org.emflow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.emflow.workflow.slurm.RunStatus;
import org.emflow.workflow.slurm.SlurmClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code emflow cancel RUN_FOLDER}: scancel every queued or running job of a cluster run. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel every job of a Slurm run that is still queued or running (scancel). Finished nodes stay in the "
                + "run folder; a cancelled job leaves no output, and running the workflow again goes on from what finished."})
final class CancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_FOLDER", description = "The run folder of the run.")
    Path runDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> ids = new RunStatus(runDir, new SlurmClient()).cancel();
        spec.commandLine().getOut().println(ids.isEmpty() ? "no job of " + runDir + " is queued or running"
                : "cancelled job(s) " + String.join(", ", ids));
        return ExitCodes.OK;
    }
}

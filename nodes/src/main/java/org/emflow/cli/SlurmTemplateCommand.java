package org.emflow.cli;

import java.util.concurrent.Callable;
import org.emflow.workflow.slurm.JobScript;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code emflow slurm-template}: prints the built-in job script template, to copy and adapt to a site. */
@Command(name = "slurm-template", mixinStandardHelpOptions = true,
        description = {"Print the built-in Slurm job script template.",
                "Save it (emflow slurm-template > cluster.sh), add your site's #SBATCH lines, modules and environment, "
                        + "and name it in the workflow ([slurm] template = cluster.sh) or with --slurm template=cluster.sh."})
final class SlurmTemplateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(JobScript.builtInText());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

package org.emflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.emflow.compute.util.BadInputException;
import org.emflow.workflow.Leftovers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code emflow clean FOLDER}: removes what killed runs left behind, never what a running one is writing. */
@Command(name = "clean", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Remove the temporary files and folders that runs which did not finish (killed, out of power) left in a folder.",
                "emflow writes every output under a hidden temporary name (.NAME.run-*, .NAME.partial-*, .NAME.old-*, .NAME.*.part) "
                        + "and renames it into place when it is complete; a killed run leaves those behind, with its lock "
                        + "file (.NAME.lock, .emflow.lock). Every run removes its own output's leftovers when it starts; this "
                        + "command removes all of them in FOLDER and its sub-folders (3 levels), except those of runs that "
                        + "are still going. Results and the checkpoints of stopped runs (NODE.incomplete) are kept."})
final class CleanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FOLDER", description = "The folder to clean (an output folder, or a workflow's run folder).")
    Path folder;

    @Option(names = {"-n", "--dry-run"}, description = "List what would be removed, and remove nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder + ": " + (Files.exists(folder) ? "not a folder" : "no such folder"));
        }
        var out = spec.commandLine().getOut();
        List<Path> stale = Leftovers.stale(folder.toAbsolutePath().normalize(), Leftovers.CLEAN_DEPTH, null);
        long bytes = 0;
        for (Path p : stale) {
            long size = Leftovers.size(p);
            bytes += size;
            out.println((dryRun ? "would remove " : "removed ") + p + " (" + Leftovers.megabytes(size) + ")");
            if (!dryRun) {
                Leftovers.delete(List.of(p));
            }
        }
        out.println(stale.isEmpty() ? "nothing to clean in " + folder
                : (dryRun ? "would free " : "freed ") + Leftovers.megabytes(bytes) + " in " + stale.size() + " leftover(s)");
        return ExitCodes.OK;
    }
}

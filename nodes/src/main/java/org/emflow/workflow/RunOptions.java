package org.emflow.workflow;

import java.nio.file.Path;
import java.util.Set;

/**
 * How to run a compiled workflow.
 *
 * @param runDir  the run folder; each node writes to its own sub-folder named after its id
 * @param threads threads shared by all nodes (independent branches run side by side)
 * @param force   replace outputs left by a run with other settings (otherwise that is an error)
 * @param rerun   execute every node even when its settings and inputs are unchanged
 * @param targets run only these nodes and what they depend on; empty means all
 */
public record RunOptions(Path runDir, int threads, boolean force, boolean rerun, Set<String> targets) {
    public RunOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        targets = Set.copyOf(targets);
    }

    /** The default run folder of a workflow file: {@code NAME.out} next to it. */
    public static Path defaultRunDir(Path workflowFile) {
        String name = workflowFile.getFileName().toString().replaceFirst("\\.ini$", "");
        return workflowFile.toAbsolutePath().getParent().resolve(name + ".out");
    }
}

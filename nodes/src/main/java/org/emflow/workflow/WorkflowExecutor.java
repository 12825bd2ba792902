package org.emflow.workflow;

import java.io.IOException;

/**
 * Where the nodes of a run execute: {@link LocalExecutor} in this process (the default), or a cluster's scheduler
 * ({@code org.emflow.workflow.slurm.SlurmExecutor}). The {@link WorkflowRunner} has computed the plan, holds the run
 * folder's lock and checked its outputs; the executor runs the plan's nodes in dependency order, reuses what
 * {@link RunPlan#reusable} allows, reports every state change to the listener, and commits each node's folder only
 * when the node succeeded, with its {@link NodeRecord}.
 */
public interface WorkflowExecutor {
    /** Runs the plan; one result per plan node, in plan order. */
    RunResult execute(RunPlan plan, RunListener listener) throws IOException;

    /** Asks the run to stop (from another thread): running nodes are stopped, nodes not started are not started. */
    void cancel();
}

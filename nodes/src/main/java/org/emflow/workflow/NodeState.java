package org.emflow.workflow;

/** Where a node is in a run; the CLI summary and the studio show it. */
public enum NodeState {
    WAITING, RUNNING, DONE, REUSED, FAILED, CANCELED, SKIPPED,
    /** Queued on a cluster by a run that does not wait for its jobs ({@code emflow run --detach}). */
    SUBMITTED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

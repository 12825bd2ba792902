package org.emflow.workflow;

/** Where a node is in a run; the CLI summary and the studio show it. */
public enum NodeState {
    WAITING, RUNNING, DONE, REUSED, FAILED, CANCELED, SKIPPED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

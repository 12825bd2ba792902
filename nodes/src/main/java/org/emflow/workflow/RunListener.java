package org.emflow.workflow;

/** Live events of a run, for progress bars in the terminal and for the studio's event stream. Called from worker threads. */
public interface RunListener {
    default void stateChanged(String node, NodeState state, String message) {
    }

    default void progress(String node, double fraction, String message) {
    }

    default void log(String node, String line) {
    }

    RunListener NONE = new RunListener() {
    };
}

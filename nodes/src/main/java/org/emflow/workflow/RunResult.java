package org.emflow.workflow;

import java.util.List;

/** The outcome of a run: one result per node that was part of it, in dependency order. */
public record RunResult(List<NodeResult> nodes, boolean canceled) {
    public boolean succeeded() {
        return !canceled && nodes.stream().allMatch(n -> n.state() == NodeState.DONE || n.state() == NodeState.REUSED);
    }

    public NodeResult node(String id) {
        return nodes.stream().filter(n -> n.node().equals(id)).findFirst().orElse(null);
    }

    /** The first failure, or null. */
    public NodeResult firstFailure() {
        return nodes.stream().filter(n -> n.state() == NodeState.FAILED).findFirst().orElse(null);
    }
}

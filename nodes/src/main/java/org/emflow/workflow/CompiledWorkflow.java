package org.emflow.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A workflow that passed validation and the configure pass: nodes in an order where inputs come first. */
public final class CompiledWorkflow {
    private final Workflow workflow;
    private final List<CompiledNode> order;
    private final Map<String, CompiledNode> byId = new LinkedHashMap<>();

    CompiledWorkflow(Workflow workflow, List<CompiledNode> order) {
        this.workflow = workflow;
        this.order = List.copyOf(order);
        for (CompiledNode n : order) {
            byId.put(n.id(), n);
        }
    }

    public Workflow workflow() { return workflow; }

    /** Nodes in dependency order (every node after the nodes feeding it). */
    public List<CompiledNode> order() { return order; }

    public CompiledNode node(String id) { return byId.get(id); }

    /** The given nodes and everything upstream of them, in dependency order ("run up to here"). */
    public List<CompiledNode> upstreamClosure(Set<String> targets) {
        Set<String> keep = new LinkedHashSet<>();
        List<String> stack = new ArrayList<>(targets);
        while (!stack.isEmpty()) {
            String id = stack.remove(stack.size() - 1);
            CompiledNode n = byId.get(id);
            if (n == null) {
                throw new org.emflow.compute.util.BadInputException("no node '" + id + "' in the workflow");
            }
            if (keep.add(id)) {
                for (Endpoint e : n.inputs()) {
                    if (e != null) {
                        stack.add(e.node());
                    }
                }
            }
        }
        return order.stream().filter(n -> keep.contains(n.id())).toList();
    }
}

package org.emflow.workflow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a {@link WorkflowExecutor} runs: the nodes of this run in dependency order, the identity hash of each
 * ({@link NodeHasher}), and the run folder, after the runner checked that nothing it would replace belongs to
 * another run.
 */
public record RunPlan(CompiledWorkflow workflow, List<CompiledNode> nodes, Map<String, String> hashes, Path runDir, RunOptions options) {
    public RunPlan {
        nodes = List.copyOf(nodes);
        hashes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hashes)); // in node order
    }

    /** The folder node {@code id} writes its outputs to. */
    public Path folder(String id) {
        return runDir.resolve(id);
    }

    /** True when the node's folder holds the finished outputs of exactly this computation. */
    public boolean finished(String id) {
        NodeRecord rec = NodeRecord.read(folder(id));
        return rec != null && rec.hash().equals(hashes.get(id));
    }

    /** True when the node's outputs are {@link #finished} and the run does not ask to compute them again. */
    public boolean reusable(CompiledNode n) {
        return !options.rerun() && finished(n.id());
    }
}

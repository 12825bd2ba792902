package org.emflow.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeRegistry;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.SplittableModel;

/**
 * One node of a submitted run, executed by a cluster job ({@code emflow exec-node}): the whole node, one part of a
 * split node, or the merge of its parts. The job recompiles the workflow of the {@link Submission}, checks that the
 * node is still the computation that was submitted, reads its inputs from the upstream nodes' folders (which must hold
 * finished outputs of exactly the submitted computation), and writes through a temporary folder as a local run does:
 * a killed job leaves nothing that a later job or run takes for a result.
 *
 * <p>Layout in the run folder: the node's outputs in {@code NODE/} (with its {@link NodeRecord}), as locally; part
 * {@code k} of {@code n} in {@code .emflow-jobs/parts/NODE/part-K/} with a record of the node's hash, deleted after
 * the merge put the node's folder in place.
 */
public final class RemoteNodeTask {
    /** Which piece of the node a job runs. */
    public sealed interface Piece permits Whole, Part, Merge {
    }

    public record Whole() implements Piece {
    }

    /** Part {@code index} (0-based) of {@code count}. */
    public record Part(int index, int count) implements Piece {
    }

    /** The merge of {@code count} parts. */
    public record Merge(int count) implements Piece {
    }

    private RemoteNodeTask() {
    }

    /** The folder of the parts of node {@code id}. */
    public static Path partsFolder(Path runDir, String id) {
        return Submission.folder(runDir).resolve("parts").resolve(id);
    }

    /** The folder part {@code index} of node {@code id} is committed to. */
    public static Path partFolder(Path runDir, String id, int index) {
        return partsFolder(runDir, id).resolve(String.format(java.util.Locale.ROOT, "part-%05d", index));
    }

    /** Runs {@code piece} of node {@code id} of the run in {@code runDir} with {@code threads} threads; never throws for a node's failure. */
    public static NodeResult run(NodeRegistry registry, Path runDir, String id, Piece piece, int threads, BooleanSupplier canceled,
                                 RunListener listener) throws IOException {
        Path run = runDir.toAbsolutePath().normalize();
        Submission sub = Submission.read(run);
        CompiledWorkflow cw = new WorkflowCompiler(registry).compile(sub.workflow(), sub.sets());
        CompiledNode n = cw.node(id);
        if (n == null) {
            throw new BadInputException("the submitted workflow has no node '" + id + "'");
        }
        Map<String, String> hashes = new HashMap<>();
        for (CompiledNode c : cw.order()) {
            hashes.put(c.id(), NodeHasher.hash(c, hashes));
        }
        String hash = hashes.get(id);
        if (!hash.equals(sub.hashes().get(id))) {
            throw new BadInputException("node '" + id + "': a file its settings name changed since the run was submitted; "
                    + "submit the run again");
        }
        List<PortObject> inputs = new ArrayList<>();
        for (Endpoint e : n.inputs()) {
            inputs.add(e == null ? null : upstreamOutput(cw, run, e, hashes.get(e.node())));
        }
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            NodeExecution exec = new NodeExecution(id, n.factory(), n.settings(), inputs, canceled, pool, false, listener, false);
            Path dir = run.resolve(id);
            if (piece instanceof Part p) {
                splittable(n);
                Path part = partFolder(run, id, p.index());
                return exec.withBody((model, ctx) -> {
                    ((SplittableModel) model).executePart(inputs, n.settings(), p.index(), p.count(), ctx);
                    return null;
                }).run(part.getParent(), part, tmp -> {
                    NodeRecord.write(tmp, hash, n.factory().id());
                    NodeExecution.replaceFolder(tmp, part);
                    return part;
                });
            }
            if (piece instanceof Merge m) {
                splittable(n);
                List<Path> parts = new ArrayList<>();
                for (int k = 0; k < m.count(); k++) {
                    Path part = partFolder(run, id, k);
                    NodeRecord rec = NodeRecord.read(part);
                    if (rec == null || !rec.hash().equals(hash)) {
                        throw new BadInputException(part + ": part " + (k + 1) + " of " + m.count() + " of node '" + id
                                + "' has not finished (or belongs to another submission)");
                    }
                    parts.add(part);
                }
                NodeResult r = exec.withBody((model, ctx) -> ((SplittableModel) model).merge(inputs, n.settings(), parts, ctx))
                        .run(run, dir, commitNode(hash, n, dir));
                if (r.state() == NodeState.DONE) {
                    NodeExecution.deleteTree(partsFolder(run, id));
                }
                return r;
            }
            return exec.run(run, dir, commitNode(hash, n, dir));
        } finally {
            pool.shutdownNow();
        }
    }

    private static NodeExecution.Commit commitNode(String hash, CompiledNode n, Path dir) {
        return tmp -> {
            NodeRecord.write(tmp, hash, n.factory().id());
            NodeExecution.replaceFolder(tmp, dir);
            return dir;
        };
    }

    private static SplittableModel splittable(CompiledNode n) {
        if (!(n.factory().createModel() instanceof SplittableModel m)) {
            throw new BadInputException("node '" + n.id() + "' (" + n.factory().id() + ") cannot run as parts");
        }
        return m;
    }

    private static PortObject upstreamOutput(CompiledWorkflow cw, Path run, Endpoint e, String hash) throws IOException {
        Path up = run.resolve(e.node());
        NodeRecord rec = NodeRecord.read(up);
        if (rec == null || !rec.hash().equals(hash)) {
            throw new BadInputException("upstream node '" + e.node() + "' has no finished outputs of this run in " + up);
        }
        CompiledNode u = cw.node(e.node());
        return NodeExecution.loadOutputs(u.factory(), up).get(WorkflowCompiler.portIndex(u.factory().outputs(), e.port()));
    }
}

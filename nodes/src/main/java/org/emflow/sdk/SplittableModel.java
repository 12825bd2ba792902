package org.emflow.sdk;

import java.nio.file.Path;
import java.util.List;

/**
 * A node whose work splits into independent parts (a data-parallel node: its particles), so that a cluster runs the
 * parts side by side as the tasks of one job array and a last job merges them. A {@link NodeModel} opts in by
 * implementing this too; the local engine keeps calling {@link NodeModel#execute}.
 *
 * <p>Contract, which the engine relies on and the node's tests pin:
 * <ul>
 *   <li>{@link #executePart} writes its partial result only as files in {@code context.outputDir()} (the engine makes
 *       that folder appear atomically when the part succeeds, so a killed part leaves nothing that counts);</li>
 *   <li>parts are numbered 0..parts-1 and cover the work between them whatever {@code parts} is (a part with nothing
 *       to do writes an empty partial result); the split depends only on the inputs, settings and {@code parts};</li>
 *   <li>{@link #merge} gets the part folders in part order and returns what {@link NodeModel#execute} would, writing
 *       its files into {@code context.outputDir()} as execute does. With one part the result is bit-identical to
 *       execute; with more it is within the tolerance the node documents (float sums in another order). Merge only
 *       reads the part folders (a file it wants to keep, such as an image stack, is hard-linked or copied into its
 *       output folder, never moved): if it fails, the parts are still whole and the merge can run again. The engine
 *       deletes the part folders after the merged outputs are in place.</li>
 * </ul>
 */
public interface SplittableModel extends NodeModel {
    /** Executes part {@code part} (0-based) of {@code parts}, writing its partial result into {@code context.outputDir()}. */
    void executePart(List<PortObject> inputs, NodeSettings settings, int part, int parts, ExecutionContext context) throws Exception;

    /** Merges the parts' folders (in part order) into the node's outputs. */
    List<PortObject> merge(List<PortObject> inputs, NodeSettings settings, List<Path> partFolders, ExecutionContext context)
            throws Exception;
}

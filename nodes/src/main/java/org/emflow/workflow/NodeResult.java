package org.emflow.workflow;

import java.nio.file.Path;
import java.util.List;
import org.emflow.sdk.PortObject;

/**
 * What one node did in a run.
 *
 * @param outputs the port objects (null where the node did not finish)
 * @param error   the failure's message, or null
 * @param badInput true when the failure was the user's input (exit code 2), false for a program failure (3)
 */
public record NodeResult(String node, String type, NodeState state, double seconds, Path folder, List<PortObject> outputs,
                         String error, boolean badInput, Throwable cause) {
}

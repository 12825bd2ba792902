package org.emflow.workflow;

import java.util.List;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObjectSpec;

/**
 * A node instance after compilation: its factory, its settings with variables substituted, the
 * upstream endpoint of each input port (null for an unconnected optional input) and the output specs
 * its configure promised.
 */
public record CompiledNode(NodeInstance instance, NodeFactory factory, NodeSettings settings, List<Endpoint> inputs,
                           List<PortObjectSpec> outputSpecs) {
    public String id() {
        return instance.id();
    }
}

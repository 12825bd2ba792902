package org.emflow.sdk;

import java.util.List;

/**
 * What a node does (KNIME's NodeModel). {@link #configure} checks everything that can be checked
 * without running and promises the output specs; {@link #execute} does the work. Models keep no
 * state between calls, so one model may serve several runs.
 */
public interface NodeModel {
    /**
     * Validates settings and input specs (one per input port, null for an unconnected optional
     * input) and returns one spec per output port.
     *
     * @throws org.emflow.compute.util.BadInputException naming the setting or port that is wrong
     */
    List<PortObjectSpec> configure(List<PortObjectSpec> inputs, NodeSettings settings);

    /** Computes the outputs (one per output port) from the inputs (null for an unconnected optional input). */
    List<PortObject> execute(List<PortObject> inputs, NodeSettings settings, ExecutionContext context) throws Exception;
}

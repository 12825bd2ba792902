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

    /**
     * The files and folders these settings make the node read or write outside its own output folder, for a
     * host that confines them (the studio allows only its workspace and the folders the user named). The
     * default is every path setting that is set; a node that finds more paths inside a file it reads (a
     * parameter file naming an image folder) adds them. The host calls this only after it allowed
     * {@link NodeSettings#paths()}, so reading those files here is safe; a file that cannot be read yet
     * contributes nothing (configure reports it).
     */
    default List<java.nio.file.Path> paths(NodeSettings settings) {
        return settings.paths();
    }

    /** Computes the outputs (one per output port) from the inputs (null for an unconnected optional input). */
    List<PortObject> execute(List<PortObject> inputs, NodeSettings settings, ExecutionContext context) throws Exception;
}

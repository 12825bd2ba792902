package org.emflow.sdk;

import java.io.PrintWriter;
import java.util.List;

/**
 * What a node type is (KNIME's NodeFactory): identity, description, ports, settings and how to make
 * its model. Implementations are found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.emflow.sdk.NodeFactory}), so a jar on the class path adds nodes
 * without touching emflow.
 */
public interface NodeFactory {
    /** Stable kebab-case identifier, used in workflow files and as the CLI subcommand (e.g. {@code backproject}). */
    String id();

    /** Display name (e.g. "Backproject"). */
    String name();

    /** Palette category (e.g. "Cryo-EM/Reconstruction"). */
    String category();

    /** One sentence: what the node does. */
    String shortDescription();

    /** The full description: method, conventions, references. Plain text, paragraphs separated by blank lines. */
    String fullDescription();

    List<Port> inputs();

    List<Port> outputs();

    SettingsSchema settings();

    NodeModel createModel();

    /** Class-path resource of the 16x16 PNG icon; the build copies {@code icons/} into the jar. */
    default String iconResource() {
        return "/icons/" + id() + ".png";
    }

    /** Other names of the node's subcommand (e.g. {@code fsrec}, the name users of the original know). */
    default List<String> cliAliases() {
        return List.of();
    }

    /** The program this node replaces, for the description (e.g. "tomoDRGN backproject_voxel"), or null. */
    default String replaces() {
        return null;
    }

    /**
     * Whether the generated subcommand writes the outputs to {@code --out-dir}; false for nodes whose
     * command only reports (e.g. {@code read-star} prints what it detected).
     */
    default boolean cliSavesOutputs() {
        return true;
    }

    /** What the generated subcommand prints after a standalone run; by default each output's summary. */
    default void printReport(List<PortObject> outputs, NodeSettings settings, PrintWriter out) {
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i) != null) {
                out.println(outputs().get(i).name() + ": " + outputs.get(i).summary());
            }
        }
    }

    /** The generated node description (one source of truth: this factory and its settings schema). */
    default NodeDescription description() {
        return new NodeDescription(this);
    }
}

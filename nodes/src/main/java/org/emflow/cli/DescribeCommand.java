package org.emflow.cli;

import java.util.concurrent.Callable;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code emflow describe NODE}: description, ports and settings with defaults. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Print a node's description, ports and settings with their defaults.")
final class DescribeCommand implements Callable<Integer> {
    private final NodeRegistry registry;

    @Parameters(paramLabel = "NODE", description = "Node type id (see 'emflow nodes').")
    String node;

    @Option(names = "--xml", description = "Print the KNIME node description XML instead of text.")
    boolean xml;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    DescribeCommand(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        NodeFactory f = registry.get(node);
        spec.commandLine().getOut().print(xml ? f.description().toXml() : f.description().toText());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

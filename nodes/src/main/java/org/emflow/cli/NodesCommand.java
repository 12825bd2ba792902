package org.emflow.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code emflow nodes}: the installed nodes by category. */
@Command(name = "nodes", mixinStandardHelpOptions = true, description = "List the installed nodes by category.")
final class NodesCommand implements Callable<Integer> {
    private final NodeRegistry registry;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    NodesCommand(NodeRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Integer call() {
        Map<String, List<NodeFactory>> byCategory = new LinkedHashMap<>();
        for (NodeFactory f : registry.all()) {
            byCategory.computeIfAbsent(f.category(), c -> new java.util.ArrayList<>()).add(f);
        }
        var out = spec.commandLine().getOut();
        for (var e : byCategory.entrySet()) {
            out.println(e.getKey() + ":");
            for (NodeFactory f : e.getValue()) {
                out.printf("  %-26s %s%n", f.id(), f.shortDescription());
            }
        }
        return ExitCodes.OK;
    }
}

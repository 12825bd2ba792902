package org.emflow.cli;

import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeRegistry;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingType;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.Endpoint;
import org.emflow.workflow.NodeInstance;
import org.emflow.workflow.NodeResult;
import org.emflow.workflow.OutputLock;
import org.emflow.workflow.RunOptions;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.Workflow;
import org.emflow.workflow.WorkflowCompiler;
import org.emflow.workflow.WorkflowRunner;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A drop-in command line for another program that chains several nodes (e.g.
 * {@code backproject-voxel} = read-star, weight-images, backproject, fsc, filter-volume). Its flags
 * are the steps' settings under their CLI names (a flag named by several steps sets all of them),
 * so nothing is declared twice; it runs as a small workflow through the same compiler and runner,
 * in a temporary run folder, and then moves the chosen files to names derived from {@code -o}.
 * Nothing is written when a target exists and {@code --force} is not given.
 */
public final class CompositeCommand implements Callable<Integer> {
    /** One node of the chain, with presets: settings the chain starts from, which flags may still change. */
    public record Step(String id, String type, Map<String, String> presets) {
        public Step(String id, String type) {
            this(id, type, Map.of());
        }
    }

    /** A file the chain produces ({@code step/file} in the run folder) and the name it gets: {@code OUT} + suffix. */
    public record Product(String step, String file, String suffix) {
    }

    /** Prints the closing lines after a successful run (e.g. the resolution). */
    @FunctionalInterface
    public interface Report {
        void print(RunResult result, PrintWriter out);
    }

    private final NodeRegistry registry;
    private final List<Step> steps;
    private final List<String[]> connections;
    private final List<Product> products;
    private final Report report;
    private final Map<String, List<String[]>> flagTargets = new LinkedHashMap<>();
    private final Map<Integer, List<String[]>> positionalTargets = new LinkedHashMap<>();
    private CommandSpec spec;

    private CompositeCommand(NodeRegistry registry, List<Step> steps, List<String[]> connections, List<Product> products, Report report) {
        this.registry = registry;
        this.steps = steps;
        this.connections = connections;
        this.products = products;
        this.report = report;
    }

    /**
     * @param connections each {@code {"to.port", "from.port"}}
     * @param outLabel    what {@code -o} names (e.g. "OUT.mrc"); products are {@code OUT} without extension + suffix
     */
    public static CommandLine create(NodeRegistry registry, String name, String[] description, List<Step> steps,
                                     List<String[]> connections, List<Product> products, String outLabel, Report report) {
        CompositeCommand cmd = new CompositeCommand(registry, steps, connections, products, report);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(cmd);
        cmd.spec = spec;
        spec.name(name);
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(HelpText.literal(description));
        spec.usageMessage().sortOptions(false);
        spec.usageMessage().footer("", "Exit codes: 0 success, 2 bad input or settings, 3 failure, 130 cancelled.");
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel(outLabel).type(Path.class).required(true)
                .description("Output file; the other outputs are named after it: " + String.join(", ",
                        products.stream().map(p -> outLabel.replaceFirst("\\.[^.]*$", "") + p.suffix()).toList()) + ".").build());
        Map<String, OptionSpec.Builder> options = new LinkedHashMap<>();
        for (Step step : steps) {
            NodeFactory f = registry.get(step.type());
            for (Setting s : f.settings().all()) {
                if (s.cliOnly()) {
                    continue; // a node's own command-line extras (--json, -o) are not the chain's
                }
                String[] target = {step.id(), s.key()};
                if (s.positional() >= 0) {
                    if (!cmd.positionalTargets.containsKey(s.positional())) {
                        spec.addPositional(PositionalParamSpec.builder().index(Integer.toString(s.positional()))
                                .paramLabel(s.key().toUpperCase(java.util.Locale.ROOT)).arity(s.required() ? "1" : "0..1")
                                .type(String.class).description(HelpText.literal(s.help())).build());
                    }
                    cmd.positionalTargets.computeIfAbsent(s.positional(), k -> new ArrayList<>()).add(target);
                    continue;
                }
                String main = s.cliNames().get(0);
                if (options.containsKey(main)) {
                    cmd.flagTargets.get(main).add(target);
                    continue;
                }
                OptionSpec.Builder b = OptionSpec.builder(s.cliNames().toArray(String[]::new)).type(String.class)
                        .paramLabel(s.type() == SettingType.BOOLEAN ? "BOOL" : s.key().toUpperCase(java.util.Locale.ROOT))
                        .description(HelpText.literal(s.help() + " (" + s.typeSummary(step.presets().getOrDefault(s.key(), s.defaultValue())) + ")"));
                if (s.type() == SettingType.BOOLEAN) {
                    b.arity("0..1").fallbackValue("true");
                }
                options.put(main, b);
                cmd.flagTargets.computeIfAbsent(main, k -> new ArrayList<>()).add(target);
            }
        }
        options.values().forEach(b -> spec.addOption(b.build()));
        spec.addOption(OptionSpec.builder("--force").arity("0").type(boolean.class).description("Replace existing output files.").build());
        spec.addOption(OptionSpec.builder("--threads").paramLabel("N").type(int.class)
                .defaultValue(Integer.toString(Runtime.getRuntime().availableProcessors()))
                .description("Threads to use (default: all cores, ${DEFAULT-VALUE}).").build());
        return new CommandLine(spec);
    }

    @Override
    public Integer call() throws Exception {
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        PrintWriter out = spec.commandLine().getOut();
        Path output = pr.matchedOptionValue("-o", null);
        Path outAbs = output.toAbsolutePath().normalize();
        String stem = outAbs.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        boolean force = pr.matchedOptionValue("--force", false);
        int threads = pr.matchedOptionValue("--threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1");
        }
        Map<Path, Product> targets = new LinkedHashMap<>();
        for (Product p : products) {
            targets.put(outAbs.resolveSibling(stem + p.suffix()), p);
        }
        refuseExisting(targets.keySet(), force);
        Path parent = outAbs.getParent();

        Workflow w = new Workflow(Path.of("").toAbsolutePath());
        w.setName(spec.name());
        for (Step s : steps) {
            NodeInstance n = w.addNode(s.id(), s.type());
            n.settings().putAll(s.presets());
        }
        for (var e : flagTargets.entrySet()) {
            if (pr.hasMatchedOption(e.getKey())) {
                Object v = pr.matchedOption(e.getKey()).getValue();
                for (String[] t : e.getValue()) {
                    w.nodes().get(t[0]).settings().put(t[1], String.valueOf(v));
                }
            }
        }
        for (PositionalParamSpec p : pr.matchedPositionals()) {
            for (String[] t : positionalTargets.getOrDefault(p.index().min(), List.of())) {
                w.nodes().get(t[0]).settings().put(t[1], String.valueOf(p.<Object>getValue()));
            }
        }
        for (String[] c : connections) {
            Endpoint to = Endpoint.parse(c[0], spec.name());
            w.nodes().get(to.node()).inputs().put(to.port(), Endpoint.parse(c[1], spec.name()));
        }
        CompiledWorkflow cw;
        try {
            cw = new WorkflowCompiler(registry).compile(w, Map.of());
        } catch (org.emflow.workflow.WorkflowException e) {
            throw new BadInputException(String.join("\n  ", e.problems().stream().map(p -> flagNames().in(p.message())).toList()));
        }
        // A missing output folder is created, as tomoDRGN and RELION do; if the run fails (a bad input is
        // only found when the read node runs), the folders created here are taken away again.
        List<Path> createdFolders = AtomicFiles.createFolders(parent);
        List<Path> related = new ArrayList<>(targets.keySet());
        related.add(parent.resolve(stem)); // the .STEM.run-* folder
        // Ctrl-C cancels the run (runChain's hook); this one holds the JVM until the clean-up below is over.
        boolean succeeded = false;
        try (CtrlC cleanUp = CtrlC.onInterrupt(() -> { })) {
            try (OutputLock lock = OutputLock.target(outAbs, "emflow " + spec.name(), out::println, related.toArray(Path[]::new))) {
                refuseExisting(targets.keySet(), force); // again, holding the lock: a writer that just finished made them
                Path runDir = AtomicFiles.temporaryFolder(parent, "." + stem + ".run-");
                try {
                    RunResult result = runChain(cw, runDir, threads, out, flagNames());
                    if (result == null) {
                        return ExitCodes.CANCELED;
                    }
                    for (var e : targets.entrySet()) {
                        Path src = runDir.resolve(e.getValue().step()).resolve(e.getValue().file());
                        move(src, e.getKey());
                        out.println("wrote " + e.getKey());
                    }
                    report.print(result, out);
                    out.flush();
                    succeeded = true;
                    return ExitCodes.OK;
                } finally {
                    org.emflow.workflow.NodeExecution.deleteQuietly(runDir);
                }
            }
        } finally {
            if (!succeeded) {
                AtomicFiles.deleteEmptyFolders(createdFolders); // after the lock is gone: a folder created here ends empty
            }
        }
    }

    private static void refuseExisting(java.util.Collection<Path> targets, boolean force) throws FileAlreadyExistsException {
        for (Path t : targets) {
            if (Files.isDirectory(t)) { // --force failed with exit 3 ("Is a directory") after the whole run
                throw new BadInputException(t + ": a folder, not a file: the output cannot replace it");
            }
        }
        List<String> existing = targets.stream().filter(Files::exists).map(Path::toString).toList();
        if (!existing.isEmpty() && !force) {
            throw new FileAlreadyExistsException(String.join(", ", existing), null, "outputs exist; use --force to replace them");
        }
    }

    /**
     * Runs a drop-in command's workflow into {@code runDir} with the console's progress and Ctrl-C cancelling it;
     * returns the result, or null when cancelled. Bad-input messages name settings by {@code names}' flags.
     *
     * @throws BadInputException when a node failed on bad input; the node's own exception when it failed otherwise
     */
    static RunResult runChain(CompiledWorkflow cw, Path runDir, int threads, PrintWriter out, FlagNames names) throws Exception {
        WorkflowRunner runner = new WorkflowRunner();
        try (CtrlC ctrlC = CtrlC.onInterrupt(() -> runner.cancel())) {
            RunResult result = runner.run(cw, new RunOptions(runDir, threads, true, true, Set.of()),
                    new ConsoleListener(out, ConsoleListener.consoleIsInteractive(), names));
            if (result.canceled()) {
                return null;
            }
            NodeResult failed = result.firstFailure();
            if (failed != null) {
                if (failed.badInput() || failed.cause() == null) {
                    throw new BadInputException(names.in(failed.error()));
                }
                throw failed.cause() instanceof Exception ex ? ex : new IllegalStateException(failed.error(), failed.cause());
            }
            return result;
        }
    }

    /** The flag the user types for each setting of the chain (a positional's label: its key in capitals). */
    private FlagNames flagNames() {
        FlagNames names = new FlagNames();
        for (var e : positionalTargets.entrySet()) {
            for (String[] t : e.getValue()) {
                names.put(t[1], t[1].toUpperCase(java.util.Locale.ROOT));
            }
        }
        for (var e : flagTargets.entrySet()) {
            for (String[] t : e.getValue()) {
                names.put(t[1], e.getKey());
                for (String alias : spec.findOption(e.getKey()).names()) { // --lowpass of --resolution: the one typed is named
                    names.put(t[1], alias);
                }
            }
        }
        return names.typed(spec.commandLine().getParseResult().originalArgs());
    }

    private static void move(Path src, Path dst) throws java.io.IOException {
        try {
            Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

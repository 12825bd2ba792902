package org.emflow.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.Port;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingType;
import org.emflow.workflow.NodeExecution;
import org.emflow.workflow.NodeResult;
import org.emflow.workflow.NodeState;
import org.emflow.workflow.OutputLock;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The subcommand of one node, generated from its settings schema: every setting is a flag under its
 * CLI names (or a positional parameter), every input port a {@code --PORT FILE} option read with the
 * port type's codec, and the outputs are written with their codecs into {@code --out-dir}. One node,
 * one subcommand, no option handling written twice.
 */
public final class NodeCommand implements Callable<Integer> {
    private final NodeFactory factory;
    private final Map<String, String> inputOptionNames = new LinkedHashMap<>();
    private CommandSpec spec;

    private NodeCommand(NodeFactory factory) {
        this.factory = factory;
    }

    /** The picocli command of {@code factory}. */
    public static CommandLine create(NodeFactory factory) {
        NodeCommand cmd = new NodeCommand(factory);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(cmd);
        cmd.spec = spec;
        spec.name(factory.id());
        spec.aliases(factory.cliAliases().toArray(String[]::new));
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description(HelpText.literal(factory.shortDescription()), "",
                HelpText.literal(factory.fullDescription().strip()));
        spec.usageMessage().sortOptions(false);
        if (factory.replaces() != null) {
            spec.usageMessage().header("Replaces: " + factory.replaces());
        }
        spec.usageMessage().footer("", "Exit codes: 0 success, 2 bad input or settings, 3 failure, 130 cancelled.");
        Set<String> used = new HashSet<>(List.of("--help", "-h", "--version", "-V", "--debug", "--force", "--threads", "--out-dir"));
        for (Setting s : factory.settings().all()) {
            if (s.positional() >= 0) {
                spec.addPositional(PositionalParamSpec.builder().index(Integer.toString(s.positional())).paramLabel(label(s))
                        .arity(s.required() ? "1" : "0..1").type(String.class).description(HelpText.literal(describe(s))).build());
            } else {
                OptionSpec.Builder b = OptionSpec.builder(s.cliNames().toArray(String[]::new)).paramLabel(label(s))
                        .type(String.class).description(HelpText.literal(describe(s)));
                if (s.type() == SettingType.BOOLEAN) {
                    b.arity("0..1").fallbackValue("true");
                }
                spec.addOption(b.build());
                used.addAll(s.cliNames());
            }
        }
        for (Port p : factory.inputs()) {
            String name = used.contains("--" + p.name()) ? "--in-" + p.name() : "--" + p.name();
            cmd.inputOptionNames.put(p.name(), name);
            spec.addOption(OptionSpec.builder(name).paramLabel("FILE").type(Path.class).required(!p.optional())
                    .description("Input port '" + p.name() + "' (" + p.type().id() + "): " + p.description() + " A ."
                            + p.type().codec().extension() + " file.").build());
        }
        if (factory.cliSavesOutputs()) {
            spec.addOption(OptionSpec.builder("--out-dir").paramLabel("DIR").type(Path.class).defaultValue(factory.id() + "-out")
                    .description("Folder for the outputs (default: ${DEFAULT-VALUE}); created if needed.").build());
        }
        // every command that writes files takes it (read-star and simulate write where their output setting says),
        // unless the node declares it as a setting of its own (fsrec)
        if (spec.findOption("--force") == null) {
            spec.addOption(OptionSpec.builder("--force").arity("0").type(boolean.class)
                    .description("Replace existing output files.").build());
        }
        spec.addOption(OptionSpec.builder("--threads").paramLabel("N").type(int.class)
                .defaultValue(Integer.toString(Runtime.getRuntime().availableProcessors()))
                .description("Threads to use (default: all cores, ${DEFAULT-VALUE}).").build());
        return new CommandLine(spec);
    }

    private static String label(Setting s) {
        return switch (s.type()) {
            case INT -> "N";
            case DOUBLE -> "X";
            case BOOLEAN -> "BOOL";
            case ENUM -> String.join("|", s.choices());
            case PATH -> "PATH";
            case LIST -> "A,B,...";
            default -> s.key().toUpperCase(Locale.ROOT);
        };
    }

    private static String describe(Setting s) {
        return s.help() + " (" + s.typeSummary() + ")";
    }

    @Override
    public Integer call() throws Exception {
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting s : factory.settings().all()) {
            Object v = null;
            if (s.positional() >= 0) {
                for (PositionalParamSpec p : pr.matchedPositionals()) {
                    if (p.index().min() == s.positional()) {
                        v = p.getValue();
                    }
                }
            } else if (pr.hasMatchedOption(s.cliNames().get(0))) {
                v = pr.matchedOption(s.cliNames().get(0)).getValue();
            }
            if (v != null) {
                values.put(s.key(), v.toString());
            }
        }
        Path cwd = Path.of("").toAbsolutePath();
        NodeSettings settings = new NodeSettings(factory.settings(), values, cwd);
        FlagNames names = flagNames().typed(pr.originalArgs());
        List<String> problems = new ArrayList<>();
        for (String p : settings.problems()) {
            problems.add(names.in(p));
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("\n  ", problems));
        }
        List<PortObject> inputs = new ArrayList<>();
        List<PortObjectSpec> inSpecs = new ArrayList<>();
        for (Port p : factory.inputs()) {
            Path file = pr.matchedOptionValue(inputOptionNames.get(p.name()), null);
            if (file == null) {
                inputs.add(null);
                inSpecs.add(null);
                continue;
            }
            if (!Files.exists(file)) {
                throw new BadInputException(inputOptionNames.get(p.name()) + ": file not found: " + file);
            }
            PortObject o = p.type().codec().load(file);
            inputs.add(o);
            inSpecs.add(o.spec().with("file", file.toString()));
        }
        try {
            factory.createModel().configure(inSpecs, settings);
        } catch (BadInputException e) {
            throw names.in(e); // "setting 'datadir'" is --datadir on the command line
        }

        int threads = pr.matchedOptionValue("--threads", Runtime.getRuntime().availableProcessors());
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1");
        }
        // A node may declare --force[=BOOL] as its own setting (fsrec), whose value is text: reading it as the
        // command's boolean failed with exit 3 (ClassCastException) whenever --force was given.
        boolean force = factory.settings().has("force") ? settings.getBoolean("force") : pr.matchedOptionValue("--force", false);
        Path outDir = factory.cliSavesOutputs() ? pr.matchedOptionValue("--out-dir", Path.of(factory.id() + "-out")) : null;
        AtomicBoolean canceled = new AtomicBoolean();
        CtrlC ctrlC = CtrlC.onInterrupt(() -> canceled.set(true));
        ForkJoinPool pool = new ForkJoinPool(threads);
        Path scratch = null;
        List<Path> createdFolders = List.of();
        boolean succeeded = false;
        try {
            ConsoleListener listener = new ConsoleListener(out, ConsoleListener.consoleIsInteractive(), names);
            NodeExecution exec = new NodeExecution(factory.id(), factory, settings, inputs, canceled::get, pool, force, listener, true);
            NodeResult r;
            if (outDir != null) {
                Path target = outDir.toAbsolutePath().normalize();
                createdFolders = AtomicFiles.createFolders(target);
                try (OutputLock lock = OutputLock.folder(target, "emflow " + factory.id(), out::println)) {
                    r = exec.run(target, target, tmp -> {
                        Files.deleteIfExists(tmp.resolve("log.txt"));
                        NodeExecution.moveFilesInto(tmp, target, force);
                        return target;
                    });
                }
            } else {
                scratch = Files.createTempDirectory("emflow-" + factory.id());
                r = exec.run(scratch, scratch, tmp -> tmp, false);
            }
            if (r.state() == NodeState.CANCELED) {
                return ExitCodes.CANCELED;
            }
            if (r.state() == NodeState.FAILED) {
                if (r.cause() instanceof Exception e && !(r.cause() instanceof BadInputException) && !r.badInput()) {
                    throw e;
                }
                throw r.cause() instanceof BadInputException e ? names.in(e)
                        : r.cause() instanceof Exception e ? e
                        : r.cause() != null ? new IllegalStateException(r.error(), r.cause()) // an Error (out of memory): a failure
                        : new BadInputException(names.in(r.error()));
            }
            factory.printReport(r.outputs(), settings, out);
            out.flush();
            succeeded = true;
            return ExitCodes.OK;
        } finally {
            pool.shutdownNow();
            ctrlC.close();
            if (!succeeded) {
                AtomicFiles.deleteEmptyFolders(createdFolders); // a failed run leaves no new, empty --out-dir behind
            }
            if (scratch != null) {
                org.emflow.workflow.NodeExecution.deleteQuietly(scratch);
            }
        }
    }

    /** The flag (or positional label) of each of the node's settings, for messages. */
    private FlagNames flagNames() {
        FlagNames names = new FlagNames();
        for (Setting s : factory.settings().all()) {
            if (s.positional() >= 0) {
                names.put(s.key(), label(s));
            } else {
                s.cliNames().forEach(flag -> names.put(s.key(), flag));
            }
        }
        return names;
    }
}

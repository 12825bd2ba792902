package org.emflow.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code emflow} command: {@code run}, {@code nodes}, {@code describe}, one subcommand per node
 * (generated from its settings schema) and any further commands that plugins register as
 * {@link CliCommand} services (the studio, drop-in replacements such as {@code backproject-voxel}).
 */
@Command(name = "emflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Electron-microscopy workflows: chain nodes in a workflow file and run it, or run one node alone.", ""},
        footer = {"", "Exit codes: 0 success, 2 bad input or settings, 3 failure, 130 cancelled.",
                "Run 'emflow nodes' for the installed nodes and 'emflow describe NODE' for one node's settings."})
public final class Main implements Runnable {
    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (never calls System.exit; used by tests). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        String first = args.length > 0 && !args[0].startsWith("-") ? args[0] : null;
        try {
            return commandLine(NodeRegistry.discover(), out, err, first).execute(args);
        } catch (Error e) { // picocli's handler sees Exceptions only: an OutOfMemoryError would end in a stack trace
            PrintWriter w = new PrintWriter(err, true);
            if (java.util.Arrays.asList(args).contains("--debug")) {
                e.printStackTrace(w);
            }
            w.println("emflow: failed: " + (e instanceof OutOfMemoryError oom ? org.emflow.workflow.NodeExecution.outOfMemory(oom)
                    : message(e)) + " (run with --debug for details)");
            return ExitCodes.FAILURE;
        }
    }

    /** The full command tree. */
    public static CommandLine commandLine(NodeRegistry registry, PrintStream out, PrintStream err) {
        return commandLine(registry, out, err, null);
    }

    /** A subcommand by its names, built only when asked for. */
    private record Sub(List<String> names, Supplier<CommandLine> build) {
    }

    /**
     * The command tree; when {@code only} names a subcommand (or an alias), just that one is built: a
     * single-node run then starts without building the models of all the others, which is a tenth of a
     * second of a short run. When nothing has that name every subcommand is built, so that the usage and
     * picocli's "did you mean" suggestions are complete.
     */
    static CommandLine commandLine(NodeRegistry registry, PrintStream out, PrintStream err, String only) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        List<Sub> subs = new ArrayList<>();
        subs.add(new Sub(List.of(nameOf(RunCommand.class)), () -> new CommandLine(new RunCommand(registry))));
        subs.add(new Sub(List.of(nameOf(NodesCommand.class)), () -> new CommandLine(new NodesCommand(registry))));
        subs.add(new Sub(List.of(nameOf(DescribeCommand.class)), () -> new CommandLine(new DescribeCommand(registry))));
        subs.add(new Sub(List.of(nameOf(CleanCommand.class)), () -> new CommandLine(new CleanCommand())));
        subs.add(new Sub(List.of(nameOf(StatusCommand.class)), () -> new CommandLine(new StatusCommand())));
        subs.add(new Sub(List.of(nameOf(CancelCommand.class)), () -> new CommandLine(new CancelCommand())));
        subs.add(new Sub(List.of(nameOf(SlurmTemplateCommand.class)), () -> new CommandLine(new SlurmTemplateCommand())));
        subs.add(new Sub(List.of(nameOf(ExecNodeCommand.class)), () -> new CommandLine(new ExecNodeCommand(registry))));
        for (CliCommand c : ServiceLoader.load(CliCommand.class, Main.class.getClassLoader())) {
            subs.add(new Sub(List.of(c.name()), () -> c.create(registry)));
        }
        Set<String> taken = new HashSet<>();
        subs.forEach(s -> taken.addAll(s.names()));
        for (NodeFactory f : registry.all()) {
            if (taken.add(f.id())) {
                List<String> names = new ArrayList<>(List.of(f.id()));
                names.addAll(f.cliAliases());
                subs.add(new Sub(names, () -> NodeCommand.create(f)));
            }
        }
        List<Sub> wanted = only == null ? List.of() : subs.stream().filter(s -> s.names().contains(only)).toList();
        for (Sub s : wanted.isEmpty() ? subs : wanted) {
            cl.addSubcommand(s.names().get(0), s.build().get());
        }
        // --debug (stack traces) on every subcommand, unless the command has a --debug of its own (fsrec: PyFSRec's
        // debug outputs), which then also turns on stack traces.
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().optionsMap().containsKey("--debug")) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("--debug").arity("0").type(boolean.class)
                        .description("Print stack traces of errors.").build());
            }
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("emflow: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> report(ex, c.getErr(), main.debug || isDebug(parsed)));
        cl.setExecutionStrategy(parsed -> {
            checkThreads(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    /** The most threads a pool holds (ForkJoinPool's limit). */
    static final int MAX_THREADS = 32767;

    /** More --threads than a pool holds is refused as bad input before anything runs (it failed with exit 3). */
    private static void checkThreads(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--threads") && p.matchedOption("--threads").getValue() instanceof Integer t && t > MAX_THREADS) {
                throw new CommandLine.ParameterException(p.commandSpec().commandLine(), "--threads must be at most " + MAX_THREADS + ", not " + t);
            }
        }
    }

    /** The name in a command class's {@code @Command} annotation. */
    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    private static boolean isDebug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** One readable line per error, the exit code by its kind; stack trace only with --debug. */
    static int report(Throwable ex, PrintWriter err, boolean debug) {
        if (debug) {
            ex.printStackTrace(err);
        }
        if (ex instanceof BadInputException || ex instanceof FileAlreadyExistsException) {
            err.println("emflow: " + message(ex));
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof CancellationException) {
            err.println("emflow: cancelled");
            return ExitCodes.CANCELED;
        }
        err.println("emflow: failed: " + message(ex) + (debug ? "" : " (run with --debug for details)"));
        return ExitCodes.FAILURE;
    }

    static String message(Throwable ex) {
        if (ex instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "exists (use --force to overwrite)" : f.getReason());
        }
        if (ex instanceof java.io.UncheckedIOException && ex.getCause() != null) {
            return message(ex.getCause()); // its own message is the cause's class and message
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"emflow " + (v == null ? "development build" : v), "Java " + System.getProperty("java.version")};
        }
    }
}

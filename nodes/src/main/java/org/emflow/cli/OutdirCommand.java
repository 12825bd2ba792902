package org.emflow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeRegistry;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingType;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.NodeExecution;
import org.emflow.workflow.OutputLock;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.Workflow;
import org.emflow.workflow.WorkflowCompiler;
import org.emflow.workflow.WorkflowException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The machinery of drop-in commands that write one OUTDIR, as SPARX's programs do (local-ali3d, 3dvariability):
 * a node's settings become flags under the original's spellings ({@code --ou=3} and {@code --ou 3}), the
 * command runs as a chain of nodes in a temporary folder, and OUTDIR appears whole when the run succeeds (must not
 * exist unless --force; replaced only then). The input is never modified.
 */
public final class OutdirCommand {
    /** First CLI name of each flag made from a setting, to the setting's key. */
    private final Map<String, String> flags = new LinkedHashMap<>();
    /** What the user typed, so that messages name the alias used. */
    private List<String> typedArgs = List.of();
    /** Settings of the particle-reading node (key to the argument or flag that sets it), for messages. */
    private final Map<String, String> readNames = new LinkedHashMap<>();
    /** The original's flags that emflow refuses, to the message saying why and what replaced them. */
    private final Map<String, String> refused = new LinkedHashMap<>();

    /**
     * What every OUTDIR command does when it runs: refuse the refused flags, then {@link #run}; its positionals,
     * --force and --threads are read here, once.
     */
    public abstract static class Run implements Callable<Integer> {
        protected final NodeRegistry registry;
        protected final OutdirCommand outdir = new OutdirCommand();
        private CommandSpec spec;

        protected Run(NodeRegistry registry) {
            this.registry = registry;
        }

        /** The flags of this command (declared while its spec is built). */
        public OutdirCommand outdir() {
            return outdir;
        }

        /** The spec this run belongs to (set once, after {@link #newSpec}). */
        public void attach(CommandSpec spec) {
            this.spec = spec;
        }

        @Override
        public final Integer call() throws Exception {
            CommandLine.ParseResult pr = spec.commandLine().getParseResult();
            outdir.checkRefused(pr);
            // the read node's settings, as this command's user gives them (its first argument, --datadir)
            if (!spec.positionalParameters().isEmpty()) {
                outdir.readNames.put("file", spec.positionalParameters().get(0).paramLabel());
            }
            if (spec.findOption("--datadir") != null) {
                outdir.readNames.put("datadir", "--datadir");
            }
            return run(pr, spec.commandLine().getOut());
        }

        /** The command itself; returns the exit code. */
        protected abstract int run(CommandLine.ParseResult pr, PrintWriter out) throws Exception;

        /** Positional {@code index} as the user gave it, or null when absent. */
        protected static Path positional(CommandLine.ParseResult pr, int index) {
            List<PositionalParamSpec> pos = pr.matchedPositionals();
            return pos.size() > index ? pos.get(index).getValue() : null;
        }

        /** {@link OutdirCommand#runInto} with the user's --force and --threads. */
        protected RunResult runInto(CompiledWorkflow cw, String nodeName, Path outDir, CommandLine.ParseResult pr,
                                    PrintWriter out, Extras extras) throws Exception {
            return OutdirCommand.runInto(cw, nodeName, outDir, pr.matchedOptionValue("--force", false),
                    pr.matchedOptionValue("--threads", Runtime.getRuntime().availableProcessors()), out, outdir.flagNames(), extras);
        }
    }

    /** A command's spec around {@code run}: standard help options, options in declaration order, the exit codes. */
    public static CommandSpec newSpec(Run run, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(run);
        run.attach(spec);
        spec.name(name);
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().sortOptions(false);
        spec.usageMessage().description(HelpText.literal(description));
        spec.usageMessage().footer("", "Exit codes: 0 success, 2 bad input or settings, 3 failure, 130 cancelled.");
        return spec;
    }

    /** The --datadir option of commands that read a particle file. */
    public static void addDatadirOption(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--datadir").paramLabel("DIR").type(String.class)
                .description("Folder holding the image stacks, when the STAR file's paths do not resolve from its own folder.").build());
    }

    /** A workflow named {@code name} whose node "read" reads the particles of {@code stack} (and --datadir). */
    public static Workflow readParticles(String name, Path stack, CommandLine.ParseResult pr) {
        refuseBdb(stack);
        Workflow w = new Workflow(Path.of("").toAbsolutePath());
        w.setName(name);
        w.addNode("read", "read-star").settings().put("file", stack.toString());
        if (pr.hasMatchedOption("--datadir")) {
            w.nodes().get("read").settings().put("datadir", pr.matchedOptionValue("--datadir", ""));
        }
        return w;
    }

    /** Adds one option per setting of node {@code nodeId} that has CLI names (the original's spellings). */
    public void addSettingFlags(CommandSpec spec, NodeRegistry registry, String nodeId) {
        for (Setting s : registry.get(nodeId).settings().all()) {
            if (s.cliNames().isEmpty()) {
                continue;
            }
            OptionSpec.Builder b = s.type() == SettingType.BOOLEAN ? switchOption(s.cliNames().toArray(String[]::new))
                    : OptionSpec.builder(s.cliNames().toArray(String[]::new)).type(String.class).paramLabel(s.key().toUpperCase(Locale.ROOT));
            spec.addOption(b.description(HelpText.literal(s.help() + " (" + s.typeSummary() + ")")).build());
            s.cliNames().forEach(name -> flags.put(name, s.key()));
        }
    }

    /**
     * An original's flag that emflow accepts without effect (it takes an optional value, as the original's does);
     * {@code description} says why, in --help.
     */
    public static void acceptLegacy(CommandSpec spec, String flag, boolean takesValue, String description) {
        OptionSpec.Builder b = takesValue ? OptionSpec.builder(flag).paramLabel("VALUE").type(String.class) : switchOption(flag);
        spec.addOption(b.description(description).build());
    }

    /**
     * An on/off flag: {@code --CTF} or {@code --CTF=false}. Boolean-typed, so that a following argument other than true
     * or false stays a positional ({@code --CTF stack.star OUT}), as with the originals' store_true flags.
     */
    private static OptionSpec.Builder switchOption(String... names) {
        return OptionSpec.builder(names).type(boolean.class).arity("0..1").fallbackValue("true").paramLabel("BOOL");
    }

    /** An original's on/off flag that emflow refuses with {@code message} ("FLAG is not supported: why; what instead"). */
    public void refuse(CommandSpec spec, String flag, String message) {
        spec.addOption(switchOption(flag).description("Refused: " + message.substring(message.indexOf(':') + 1).trim() + ".").build());
        refused.put(flag, message);
    }

    /** Bad input when the user gave a refused flag. */
    public void checkRefused(CommandLine.ParseResult pr) {
        for (var e : refused.entrySet()) {
            if (pr.hasMatchedOption(e.getKey())) {
                throw new BadInputException(e.getValue());
            }
        }
    }

    /** The standard --force and --threads options. */
    public static void addRunOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--force").arity("0").type(boolean.class).description("Replace an existing OUTDIR.").build());
        spec.addOption(OptionSpec.builder("--threads").paramLabel("N").type(int.class)
                .defaultValue(Integer.toString(Runtime.getRuntime().availableProcessors()))
                .description("Threads to use (default: all cores, ${DEFAULT-VALUE}).").build());
    }

    /** Copies the flags the user gave into the settings of workflow node {@code nodeName}. */
    public void applyFlags(CommandLine.ParseResult pr, Workflow w, String nodeName) {
        typedArgs = pr.originalArgs();
        for (var e : flags.entrySet()) {
            if (pr.hasMatchedOption(e.getKey())) {
                w.nodes().get(nodeName).settings().put(e.getValue(), String.valueOf(pr.matchedOption(e.getKey()).<Object>getValue()));
            }
        }
    }

    /** Compiles the chain; problems with a setting are reported under its flag ("setting 'ts' ..." becomes "--ts ..."). */
    public CompiledWorkflow compile(NodeRegistry registry, Workflow w) {
        try {
            return new WorkflowCompiler(registry).compile(w, Map.of());
        } catch (WorkflowException e) {
            throw new BadInputException(String.join("\n  ", e.problems().stream().map(p -> flagNames().in(p.message())).toList()));
        }
    }

    /** The flags of this command's settings, for messages. */
    private FlagNames flagNames() {
        FlagNames names = new FlagNames();
        flags.forEach((flag, key) -> names.put(key, flag));
        readNames.forEach(names::put);
        return names.typed(typedArgs);
    }

    /** Refuses an EMAN2 BDB database with the way out. */
    public static void refuseBdb(Path stack) {
        if (stack.toString().toLowerCase(Locale.ROOT).startsWith("bdb:")) {
            throw new BadInputException(stack + ": EMAN2 BDB databases are not read; export the stack to a RELION STAR "
                    + "file with MRCS images (e2proc2d.py, then relion_star_handler)");
        }
    }

    /** What a command adds to OUTDIR from the finished run, besides the files of its main node. */
    @FunctionalInterface
    public interface Extras {
        /** Writes more files into {@code staging} (the OUTDIR to be) from {@code result}. */
        void write(RunResult result, Path staging) throws IOException;
    }

    /**
     * Runs the chain in a temporary folder next to OUTDIR and publishes node {@code nodeName}'s files (its run records
     * and .star files excepted: {@code extras} writes what the command wants instead) as OUTDIR.
     *
     * @return the run's result, or null when it was cancelled (nothing is left behind either way on failure)
     */
    static RunResult runInto(CompiledWorkflow cw, String nodeName, Path outDir, boolean force, int threads, PrintWriter out, FlagNames names,
                                    Extras extras) throws Exception {
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1");
        }
        Path target = outDir.toAbsolutePath().normalize();
        refuseExisting(target, force);
        Path parent = target.getParent();
        List<Path> created = AtomicFiles.createFolders(parent);
        boolean succeeded = false;
        // Ctrl-C cancels the run (runChain's hook); this one holds the JVM until the clean-up below is over.
        try (CtrlC cleanUp = CtrlC.onInterrupt(() -> { })) {
            try (OutputLock lock = OutputLock.target(target, "emflow " + cw.workflow().name(), out::println)) {
                refuseExisting(target, force); // again, holding the lock: a writer that just finished made it
                Path runDir = AtomicFiles.temporaryFolder(parent, "." + target.getFileName() + ".run-");
                try {
                    RunResult result;
                    try {
                        result = CompositeCommand.runChain(cw, runDir, threads, out, names);
                    } catch (Exception e) {
                        keepFinishedPart(runDir, nodeName, target, out);
                        throw e;
                    }
                    if (result == null) {
                        keepFinishedPart(runDir, nodeName, target, out);
                        return null;
                    }
                    publish(runDir.resolve(nodeName), result, target, force, extras);
                    succeeded = true;
                    return result;
                } finally {
                    NodeExecution.deleteQuietly(runDir);
                }
            }
        } finally {
            if (!succeeded) {
                AtomicFiles.deleteEmptyFolders(created); // after the lock is gone: a folder created here ends empty
            }
        }
    }

    private static void refuseExisting(Path target, boolean force) throws FileAlreadyExistsException {
        if (Files.exists(target) && !force) {
            throw new FileAlreadyExistsException(target.toString(), null, "OUTDIR exists (the original refuses too); use --force to replace it");
        }
    }

    /**
     * After a cancelled or failed run, the node's checkpoints (files it finished, each whole, such as the last complete
     * iteration's poses) become OUTDIR, or OUTDIR.incomplete when OUTDIR exists: nothing finished is lost and nothing
     * half-written appears. STAR files are written anew so that their image names resolve from the new folder.
     */
    private static void keepFinishedPart(Path runDir, String nodeName, Path target, PrintWriter out) {
        Path done = NodeExecution.checkpointFolder(runDir, nodeName);
        if (!Files.isDirectory(done)) {
            return;
        }
        Path dest = Files.exists(target) ? target.resolveSibling(target.getFileName() + ".incomplete") : target;
        Path staging = null;
        try {
            staging = AtomicFiles.temporaryFolder(target.getParent(), "." + target.getFileName() + ".partial-");
            try (Stream<Path> files = Files.list(done)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".")) {
                        continue; // a temporary file of a write that did not finish
                    }
                    if (name.endsWith(".star")) {
                        org.emflow.compute.particles.ParticleTableWriter.write(org.emflow.compute.particles.ParticleTableReader.read(f,
                                org.emflow.compute.particles.ReadOptions.DEFAULT), staging.resolve(name), false);
                    } else {
                        Files.move(f, staging.resolve(name));
                    }
                }
            }
            NodeExecution.deleteQuietly(dest);
            Files.move(staging, dest);
            staging = null;
            out.println("stopped early: what was finished is in " + dest);
            out.flush();
        } catch (IOException | RuntimeException e) {
            out.println("stopped early; the finished files could not be kept: " + e.getMessage());
            out.flush();
        } finally {
            if (staging != null) {
                NodeExecution.deleteQuietly(staging);
            }
        }
    }

    /** The files assembled in a temporary sibling of OUTDIR and renamed into place: OUTDIR appears whole or not at all. */
    private static void publish(Path nodeDir, RunResult result, Path target, boolean force, Extras extras) throws IOException {
        Path staging = AtomicFiles.temporaryFolder(target.getParent(), "." + target.getFileName() + ".partial-");
        Path old = null;
        try {
            try (Stream<Path> files = Files.list(nodeDir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(".") || name.endsWith(".path") || name.endsWith(".star")) {
                        continue; // the run's records and file references; stars are written anew by the extras
                    }
                    Files.move(f, staging.resolve(name));
                }
            }
            extras.write(result, staging);
            if (Files.exists(target) && force) {
                old = AtomicFiles.temporaryFolder(target.getParent(), "." + target.getFileName() + ".old-");
                Files.delete(old);
                Files.move(target, old);
            }
            Files.move(staging, target);
            staging = null;
        } finally {
            if (staging != null) {
                NodeExecution.deleteQuietly(staging);
            }
            if (old != null) {
                NodeExecution.deleteQuietly(old);
            }
        }
    }
}

package org.emflow.node.align;

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
import org.emflow.cli.CliCommand;
import org.emflow.cli.CompositeCommand;
import org.emflow.cli.ExitCodes;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.FscPortObject;
import org.emflow.sdk.NodeRegistry;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingType;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.Endpoint;
import org.emflow.workflow.NodeExecution;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.Workflow;
import org.emflow.workflow.WorkflowCompiler;
import org.emflow.workflow.WorkflowException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code emflow local-ali3d STACK OUTDIR [MASKFILE]}: drop-in for SPARX's sxlocal_ali3d.py, as the chain read-star
 * (read-volume for the mask), align. Its flags are the align node's settings under SPARX's spellings
 * ({@code --ou=3} and {@code --ou 3} both work); OUTDIR must not exist (as in the original) unless --force, and
 * appears whole when the run succeeds: the refined particles, the map, the half maps, their FSC (CSV and plot),
 * the map's slices and the log. The input is never modified.
 */
public final class LocalAli3dCommand implements CliCommand {
    /** SPARX flags that emflow refuses, with the reason. */
    private static final Map<String, String> REFUSED = Map.of(
            "--fourvar", "--fourvar is not supported: the original routes it to a function that does not exist (it crashes)",
            "--scipy_minimization", "--scipy_minimization is not supported: emflow's simplex refines the angles and the inner search "
                    + "the shift, which is the original's default path");

    @Override
    public String name() {
        return "local-ali3d";
    }

    @Override
    public CommandLine create(NodeRegistry registry) {
        Run run = new Run(registry);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(run);
        run.spec = spec;
        spec.name(name());
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().sortOptions(false);
        spec.usageMessage().description(
                "Local refinement of 3-D projection alignment (drop-in for SPARX sxlocal_ali3d.py).",
                "",
                "Refines every image's Euler angles and shift against gold-standard half-set references (see `emflow describe align`). "
                        + "STACK is a particle STAR file (RELION conventions; one row per image) or an EMAN2/SPARX HDF stack with "
                        + "xform.projection headers (SPARX's conventions, converted). Differences from the original: "
                        + "independent half sets, a normalised criterion, the images' astigmatic CTF, the refined poses written to "
                        + "OUTDIR/refined.star (the serial original keeps them nowhere); --MPI selects the original's MPI simplex "
                        + "tolerances, and all cores are used either way; --npad is accepted and ignored, as by the original; "
                        + "--function accepts ref_ali3d only; --fourvar and --scipy_minimization are refused.");
        spec.usageMessage().footer("", "Exit codes: 0 success, 2 bad input or settings, 3 failure, 130 cancelled.");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("STACK").type(Path.class)
                .description("Particle STAR file, or EMAN2/SPARX HDF stack, with the starting poses.").build());
        spec.addPositional(PositionalParamSpec.builder().index("1").paramLabel("OUTDIR").type(Path.class)
                .description("Output folder; must not exist (unless --force).").build());
        spec.addPositional(PositionalParamSpec.builder().index("2").paramLabel("MASKFILE").arity("0..1").type(Path.class)
                .description("Optional 3-D mask (MRC) for the references and the FSC; default a ball of radius --ou.").build());
        for (Setting s : registry.get("align").settings().all()) {
            OptionSpec.Builder b = OptionSpec.builder(s.cliNames().toArray(String[]::new)).type(String.class)
                    .paramLabel(s.type() == SettingType.BOOLEAN ? "BOOL" : s.key().toUpperCase(Locale.ROOT))
                    .description(s.help() + " (" + s.typeSummary() + ")");
            if (s.type() == SettingType.BOOLEAN) {
                b.arity("0..1").fallbackValue("true");
            }
            spec.addOption(b.build());
            run.flags.put(s.cliNames().get(0), s.key());
        }
        spec.addOption(OptionSpec.builder("--datadir").paramLabel("DIR").type(String.class)
                .description("Folder holding the image stacks, when the STAR file's paths do not resolve from its own folder.").build());
        spec.addOption(OptionSpec.builder("--npad").paramLabel("N").type(String.class)
                .description("Accepted and ignored, as by the original (it overwrites npad with 2).").build());
        for (String refused : REFUSED.keySet()) {
            spec.addOption(OptionSpec.builder(refused).arity("0..1").fallbackValue("true").type(String.class)
                    .description("Refused: " + REFUSED.get(refused).substring(refused.length() + 1) + ".").build());
        }
        spec.addOption(OptionSpec.builder("--force").arity("0").type(boolean.class).description("Replace an existing OUTDIR.").build());
        spec.addOption(OptionSpec.builder("--threads").paramLabel("N").type(int.class)
                .defaultValue(Integer.toString(Runtime.getRuntime().availableProcessors()))
                .description("Threads to use (default: all cores, ${DEFAULT-VALUE}).").build());
        return new CommandLine(spec);
    }

    private static final class Run implements Callable<Integer> {
        private final NodeRegistry registry;
        private final Map<String, String> flags = new LinkedHashMap<>();
        private CommandSpec spec;

        Run(NodeRegistry registry) {
            this.registry = registry;
        }

        @Override
        public Integer call() throws Exception {
            CommandLine.ParseResult pr = spec.commandLine().getParseResult();
            PrintWriter out = spec.commandLine().getOut();
            for (String refused : REFUSED.keySet()) {
                if (pr.hasMatchedOption(refused)) {
                    throw new BadInputException(REFUSED.get(refused));
                }
            }
            List<PositionalParamSpec> pos = pr.matchedPositionals();
            Path stack = pos.size() > 0 ? pos.get(0).getValue() : null;
            Path outDir = pos.size() > 1 ? pos.get(1).getValue() : null;
            Path mask = pos.size() > 2 ? pos.get(2).getValue() : null;
            if (stack == null || outDir == null) {
                throw new BadInputException("usage: local-ali3d STACK OUTDIR [MASKFILE] (see --help)");
            }
            if (stack.toString().toLowerCase(Locale.ROOT).startsWith("bdb:")) {
                throw new BadInputException(stack + ": EMAN2 BDB databases are not read; export the stack to a RELION STAR "
                        + "file with MRCS images (e2proc2d.py, then relion_star_handler)");
            }
            boolean force = pr.matchedOptionValue("--force", false);
            int threads = pr.matchedOptionValue("--threads", Runtime.getRuntime().availableProcessors());
            if (threads < 1) {
                throw new BadInputException("--threads must be at least 1");
            }
            Path target = outDir.toAbsolutePath().normalize();
            if (Files.exists(target) && !force) {
                throw new FileAlreadyExistsException(target.toString(), null, "OUTDIR exists (the original refuses too); use --force to replace it");
            }

            Workflow w = new Workflow(Path.of("").toAbsolutePath());
            w.setName("local-ali3d");
            w.addNode("read", "read-star").settings().put("file", stack.toString());
            if (pr.hasMatchedOption("--datadir")) {
                w.nodes().get("read").settings().put("datadir", pr.matchedOptionValue("--datadir", ""));
            }
            w.addNode("align", "align").inputs().put("particles", new Endpoint("read", "particles"));
            if (mask != null) {
                w.addNode("mask", "read-volume").settings().put("file", mask.toString());
                w.nodes().get("align").inputs().put("mask", new Endpoint("mask", "volume"));
            }
            for (var e : flags.entrySet()) {
                if (pr.hasMatchedOption(e.getKey())) {
                    w.nodes().get("align").settings().put(e.getValue(), String.valueOf(pr.matchedOption(e.getKey()).<Object>getValue()));
                }
            }
            CompiledWorkflow cw;
            try {
                cw = new WorkflowCompiler(registry).compile(w, Map.of());
            } catch (WorkflowException e) {
                throw new BadInputException(String.join("\n  ", e.problems().stream().map(p -> asFlag(p.message())).toList()));
            }
            Path parent = target.getParent();
            List<Path> created = AtomicFiles.createFolders(parent);
            Path runDir = AtomicFiles.temporaryFolder(parent, "." + target.getFileName() + ".run-");
            boolean succeeded = false;
            try {
                RunResult result = CompositeCommand.runChain(cw, runDir, threads, out);
                if (result == null) {
                    return ExitCodes.CANCELED;
                }
                publish(runDir.resolve("align"), ((org.emflow.ports.ParticlesPortObject) result.node("align").outputs().get(0)).table(),
                        target, force);
                FscCurve c = ((FscPortObject) result.node("align").outputs().get(4)).curve();
                out.printf(Locale.ROOT, "wrote %s%nHalf-map FSC (gold-standard) falls below 0.143 at %.2f A, below 0.5 at %.2f A%n", target,
                        c.resolution0143(), c.resolution05());
                out.flush();
                succeeded = true;
                return ExitCodes.OK;
            } finally {
                NodeExecution.deleteQuietly(runDir);
                if (!succeeded) {
                    AtomicFiles.deleteEmptyFolders(created);
                }
            }
        }

        /** "setting 'ts' ..." becomes "--ts ...". */
        private String asFlag(String message) {
            for (var e : flags.entrySet()) {
                String quoted = "setting '" + e.getValue() + "'";
                if (message.startsWith(quoted)) {
                    return e.getKey() + message.substring(quoted.length());
                }
            }
            return message;
        }

        /**
         * The align node's files (and an FSC plot) assembled in a temporary sibling of OUTDIR and renamed into place, so
         * OUTDIR appears whole or not at all; with --force an existing OUTDIR is replaced only then.
         */
        private static void publish(Path nodeDir, org.emflow.compute.particles.ParticleTable refined, Path target, boolean force)
                throws IOException {
            Path staging = AtomicFiles.temporaryFolder(target.getParent(), "." + target.getFileName() + ".partial-");
            Path old = null;
            try {
                try (Stream<Path> files = Files.list(nodeDir)) {
                    for (Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        if (name.startsWith(".") || name.endsWith(".path") || name.endsWith(".star")) {
                            continue; // the run's records and file references; the star is written anew below
                        }
                        Files.move(f, staging.resolve(name));
                    }
                }
                // image names relative to OUTDIR, not to the run folder the node wrote in
                org.emflow.compute.particles.ParticleTableWriter.write(refined, staging.resolve("refined.star"), false);
                org.emflow.compute.plot.FscPlot.writePng(staging.resolve("fsc.png"), FscCurve.readCsv(staging.resolve("fsc.csv")), false);
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
}

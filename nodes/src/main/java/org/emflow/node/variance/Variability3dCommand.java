package org.emflow.node.variance;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.emflow.cli.CliCommand;
import org.emflow.cli.ExitCodes;
import org.emflow.cli.OutdirCommand;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeRegistry;
import org.emflow.sdk.SettingsRecord;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.Endpoint;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.Workflow;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code emflow 3dvariability PRJ_STACK OUTDIR}: drop-in for SPARX's sx3dvariability.py, as the chain read-star,
 * variance. The variance node's settings are its flags under SPARX's spellings; the seed's legacy flags are accepted
 * with their meaning or refused with what replaced them. OUTDIR appears whole when the run succeeds: var3D and ave3D
 * (names from --var3D/--ave3D), the 2-D stacks when named, the groups table, slice pictures and the log.
 */
public final class Variability3dCommand implements CliCommand {
    /** The variance settings this command edits before they are validated (raw values). */
    private static final String AVE2D = SettingsRecord.key(VarianceSettings.class, "ave2d");
    private static final String VAR2D = SettingsRecord.key(VarianceSettings.class, "var2d");
    private static final String VAR = SettingsRecord.key(VarianceSettings.class, "varInput");

    /** Legacy flags accepted without effect, with the reason shown in --help. */
    private static final Map<String, String> ACCEPTED = new LinkedHashMap<>();

    static {
        ACCEPTED.put("--symmetrize", "Accepted, not needed: SPARX's separate preparation of a symmetrised stack; emflow applies --sym directly.");
        ACCEPTED.put("--force_symmetrize", "Accepted, not needed (see --symmetrize).");
        ACCEPTED.put("--MPI", "Accepted: emflow always uses all local cores (--threads), without MPI.");
        ACCEPTED.put("--VERBOSE", "Accepted: emflow always logs every step.");
        ACCEPTED.put("--radius", "Accepted and ignored: SPARX removed it in 2017 (\"radius is not used anymore\").");
    }

    @Override
    public String name() {
        return "3dvariability";
    }

    @Override
    public CommandLine create(NodeRegistry registry) {
        Run run = new Run(registry);
        CommandSpec spec = OutdirCommand.newSpec(run, name(),
                "3-D variability from aligned projections (drop-in for SPARX sx3dvariability.py; no MPI needed).",
                "",
                "PRJ_STACK is a particle STAR file (RELION conventions, one row per image) or an EMAN2/SPARX HDF stack with "
                        + "xform.projection headers. See `emflow describe variance` for the methods. Differences from the original: the "
                        + "exact in-plane rotation within a group; 2-D maps are variances with the same scale with and without --CTF "
                        + "(SPARX writes standard deviations, and its CTF variance is that of the mean); the pixel size is kept in every "
                        + "output (SPARX writes 1); ave3D and var3D are always written (default names ave3D.mrc, var3D.mrc); the image "
                        + "size after --decimate is not rounded to a product of 2, 3 and 5; --method bootstrap adds Penczek's bootstrap "
                        + "variance.");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("PRJ_STACK").type(Path.class)
                .description("Particle STAR file, or EMAN2/SPARX HDF stack, with the aligned poses.").build());
        spec.addPositional(PositionalParamSpec.builder().index("1").paramLabel("OUTDIR").arity("0..1").type(Path.class)
                .description("Output folder; must not exist (unless --force). Or give it as --output_dir.").build());
        run.outdir().addSettingFlags(spec, registry, "variance");
        spec.addOption(OptionSpec.builder("--output_dir").paramLabel("DIR").type(Path.class)
                .description("SPARX's spelling of OUTDIR.").build());
        spec.addOption(OptionSpec.builder("--ave3D").paramLabel("FILE").type(String.class).defaultValue("ave3D.mrc")
                .description("File name of the average map in OUTDIR (default ${DEFAULT-VALUE}).").build());
        spec.addOption(OptionSpec.builder("--var3D").paramLabel("FILE").type(String.class).defaultValue("var3D.mrc")
                .description("File name of the variability map in OUTDIR (default ${DEFAULT-VALUE}).").build());
        spec.addOption(OptionSpec.builder("--no_ave2D_save").arity("0").type(boolean.class)
                .description("Do not write the 2-D averages, even when --ave2D names a file.").build());
        spec.addOption(OptionSpec.builder("--no_var2D_save").arity("0").type(boolean.class)
                .description("Do not write the 2-D variances, even when --var2D names a file.").build());
        for (var e : ACCEPTED.entrySet()) {
            OutdirCommand.acceptLegacy(spec, e.getKey(), e.getKey().equals("--radius"), e.getValue());
        }
        run.outdir().refuse(spec, "--SND", "--SND is not supported: SPARX dropped the SND mode in 2013; use --method bootstrap for a 3-D "
                + "variance estimated from reconstructions");
        OutdirCommand.addDatadirOption(spec);
        OutdirCommand.addRunOptions(spec);
        return new CommandLine(spec);
    }

    private static final class Run extends OutdirCommand.Run {
        Run(NodeRegistry registry) {
            super(registry);
        }

        @Override
        protected int run(CommandLine.ParseResult pr, PrintWriter out) throws Exception {
            Path stack = positional(pr, 0);
            Path outDir = positional(pr, 1);
            if (pr.hasMatchedOption("--output_dir")) {
                if (outDir != null) {
                    throw new BadInputException("give OUTDIR or --output_dir, not both");
                }
                outDir = pr.matchedOptionValue("--output_dir", (Path) null);
            }
            if (stack == null || outDir == null) {
                throw new BadInputException("usage: 3dvariability PRJ_STACK OUTDIR (see --help)");
            }
            String ave3D = fileName("--ave3D", pr.matchedOptionValue("--ave3D", "ave3D.mrc"));
            String var3D = fileName("--var3D", pr.matchedOptionValue("--var3D", "var3D.mrc"));
            if (ave3D.equals(var3D)) {
                throw new BadInputException("--ave3D and --var3D name the same file: " + ave3D);
            }
            Workflow w = OutdirCommand.readParticles("3dvariability", stack, pr);
            w.addNode("variance", "variance").inputs().put("particles", new Endpoint("read", "particles"));
            outdir.applyFlags(pr, w, "variance");
            Map<String, String> settings = w.nodes().get("variance").settings();
            for (String[] no : new String[][] { { "--no_ave2D_save", AVE2D }, { "--no_var2D_save", VAR2D } }) {
                if (pr.matchedOptionValue(no[0], false)) {
                    settings.put(no[1], "");
                }
            }
            boolean varianceInput = Boolean.parseBoolean(settings.getOrDefault(VAR, "false"));
            if (varianceInput && (!settings.getOrDefault(AVE2D, "").isEmpty()
                    || !settings.getOrDefault(VAR2D, "").isEmpty())) {
                throw new BadInputException("--VAR reconstructs given 2-D variances: it cannot be combined with --ave2D or --var2D");
            }
            for (String k : new String[] { AVE2D, VAR2D }) {
                String name = settings.getOrDefault(k, "");
                if (name.equals(ave3D) || name.equals(var3D)) {
                    throw new BadInputException("the 2-D stack name " + name + " is also a 3-D map's name");
                }
            }
            CompiledWorkflow cw = outdir.compile(registry, w);
            RunResult result = runInto(cw, "variance", outDir, pr, out, (res, staging) -> {
                Files.move(staging.resolve("var3D.mrc"), staging.resolve(var3D + ".tmp"));
                if (varianceInput) {
                    Files.deleteIfExists(staging.resolve("ave3D.mrc"));
                    Files.deleteIfExists(staging.resolve("groups.csv"));
                } else {
                    Files.move(staging.resolve("ave3D.mrc"), staging.resolve(ave3D + ".tmp"));
                    Files.move(staging.resolve(ave3D + ".tmp"), staging.resolve(ave3D));
                }
                Files.move(staging.resolve(var3D + ".tmp"), staging.resolve(var3D));
            });
            if (result == null) {
                return ExitCodes.CANCELED;
            }
            out.printf(Locale.ROOT, "wrote %s (%s%s)%n", outDir.toAbsolutePath().normalize(), var3D, varianceInput ? "" : ", " + ave3D);
            out.flush();
            return ExitCodes.OK;
        }

        private static String fileName(String flag, String name) {
            if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
                throw new BadInputException(flag + " must be a file name in OUTDIR, without folders: '" + name + "'");
            }
            return name;
        }
    }
}

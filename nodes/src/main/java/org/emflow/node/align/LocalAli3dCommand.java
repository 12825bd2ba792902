package org.emflow.node.align;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.emflow.cli.CliCommand;
import org.emflow.cli.ExitCodes;
import org.emflow.cli.OutdirCommand;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.particles.ParticleTableWriter;
import org.emflow.compute.plot.FscPlot;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.FscPortObject;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.sdk.NodeRegistry;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.Endpoint;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.Workflow;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
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
        CommandSpec spec = OutdirCommand.newSpec(run, name(),
                "Local refinement of 3-D projection alignment (drop-in for SPARX sxlocal_ali3d.py).",
                "",
                "Refines every image's Euler angles and shift against gold-standard half-set references (see `emflow describe align`). "
                        + "STACK is a particle STAR file (RELION conventions; one row per image) or an EMAN2/SPARX HDF stack with "
                        + "xform.projection headers (SPARX's conventions, converted). Differences from the original: "
                        + "independent half sets, a normalised criterion, the images' astigmatic CTF, the refined poses written to "
                        + "OUTDIR/refined.star (the serial original keeps them nowhere); --MPI selects the original's MPI simplex "
                        + "tolerances, and all cores are used either way; --npad is honoured (the original overwrites it with 2); "
                        + "iterations stop when 95 % of the images move less than 1 px (--converged); --function accepts ref_ali3d only; --fourvar and --scipy_minimization are refused.");
        spec.addPositional(PositionalParamSpec.builder().index("0").paramLabel("STACK").type(Path.class)
                .description("Particle STAR file, or EMAN2/SPARX HDF stack, with the starting poses.").build());
        spec.addPositional(PositionalParamSpec.builder().index("1").paramLabel("OUTDIR").type(Path.class)
                .description("Output folder; must not exist (unless --force).").build());
        spec.addPositional(PositionalParamSpec.builder().index("2").paramLabel("MASKFILE").arity("0..1").type(Path.class)
                .description("Optional 3-D mask (MRC) for the references and the FSC; default a ball of radius --ou.").build());
        run.outdir().addSettingFlags(spec, registry, "align");
        OutdirCommand.addDatadirOption(spec);
        for (var e : REFUSED.entrySet()) {
            run.outdir().refuse(spec, e.getKey(), e.getValue());
        }
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
            Path mask = positional(pr, 2);
            if (stack == null || outDir == null) {
                throw new BadInputException("usage: local-ali3d STACK OUTDIR [MASKFILE] (see --help)");
            }

            Workflow w = OutdirCommand.readParticles("local-ali3d", stack, pr);
            w.addNode("align", "align").inputs().put("particles", new Endpoint("read", "particles"));
            if (mask != null) {
                w.addNode("mask", "read-volume").settings().put("file", mask.toString());
                w.nodes().get("align").inputs().put("mask", new Endpoint("mask", "volume"));
            }
            outdir.applyFlags(pr, w, "align");
            CompiledWorkflow cw = outdir.compile(registry, w);
            RunResult result = runInto(cw, "align", outDir, pr, out, (res, staging) -> {
                // image names relative to OUTDIR, not to the run folder the node wrote in
                ParticleTableWriter.write(((ParticlesPortObject) res.node("align").outputs().get(0)).table(),
                        staging.resolve("refined.star"), false);
                FscPlot.writePng(staging.resolve("fsc.png"), FscCurve.readCsv(staging.resolve("fsc.csv")), false);
            });
            if (result == null) {
                return ExitCodes.CANCELED;
            }
            FscCurve c = ((FscPortObject) result.node("align").outputs().get(4)).curve();
            out.printf(Locale.ROOT, "wrote %s%nHalf-map FSC (gold-standard) falls below 0.143 at %.2f A, below 0.5 at %.2f A%n",
                    outDir.toAbsolutePath().normalize(), c.resolution0143(), c.resolution05());
            out.flush();
            return ExitCodes.OK;
        }
    }
}

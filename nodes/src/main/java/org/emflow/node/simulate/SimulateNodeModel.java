package org.emflow.node.simulate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.sim.Phantom;
import org.emflow.compute.sim.SimulationOptions;
import org.emflow.compute.sim.SimulationSplit;
import org.emflow.compute.particles.StarLayout;
import org.emflow.compute.sim.TiltScheme;
import org.emflow.compute.sim.TiltSeriesSimulator;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.SplittableModel;

final class SimulateNodeModel implements SplittableModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings settings) {
        settings.validate("simulate-tilt-series");
        SimulateSettings s = settings.bind(SimulateSettings.class);
        TiltScheme.parse(s.tilts());
        if (s.defocusMin() > s.defocusMax()) {
            throw new BadInputException("setting 'defocus-min' is larger than 'defocus-max'");
        }
        int box = s.box();
        if (in.get(0) != null && in.get(0).property("box") != null && !in.get(0).property("box").equals(box)) {
            throw new BadInputException("the input volume has box " + in.get(0).property("box") + ", setting 'box' is " + box);
        }
        double px = s.pixelSize();
        return List.of(ParticlesPortObject.spec(box, px, true, new org.emflow.compute.weighting.FrequencyWeights(false, false)),
                VolumePortObject.spec(box, px));
    }

    static SimulationOptions options(NodeSettings settings, int threads, boolean overwrite) {
        SimulateSettings s = settings.bind(SimulateSettings.class);
        boolean relion = s.layout() != SimulateSettings.Layout.CRYOSRPNT;
        boolean whiteParticles = s.contrast() == SimulateSettings.Contrast.RELION || s.contrast() == SimulateSettings.Contrast.AUTO && relion;
        return new SimulationOptions(s.box(), s.pixelSize(), s.particles(), TiltScheme.parse(s.tilts()), s.dosePerTilt(),
                s.defocusMin(), s.defocusMax(), s.defocusSpread(), s.astigmatism(), s.voltage(), s.cs(), s.ampContrast(), s.snr(),
                s.shiftSigma(), s.seed(), relion ? StarLayout.RELION_3_1_OPTICS : StarLayout.RELION_3_0_IMAGE_SERIES,
                s.stackSize(), threads, overwrite, whiteParticles);
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
        SimulationOptions o = options(s, ctx.threads(), ctx.overwrite());
        Path star = starFile(s, ctx);
        ctx.info(String.format(Locale.ROOT, "simulating %d particles x %d tilts = %d images, box %d, %.4g A/px, SNR %.3g, seed %d",
                o.particles(), o.tilts().size(), (long) o.particles() * o.tilts().size(), o.box(), o.pixelSize(), o.snr(), o.seed()));
        return outputs(TiltSeriesSimulator.run(o, volume(in, o), star, ctx), ctx);
    }

    /**
     * Simulates the particles of part {@code part} ({@link SimulationSplit#boundaries}: contiguous, balanced, moved to
     * stack ends where that costs little), every image as {@link #execute} makes it, into the part's folder: its
     * stacks (or pieces of the stacks it shares with the next or previous part) and the manifest.
     */
    @Override
    public void executePart(List<PortObject> in, NodeSettings s, int part, int parts, ExecutionContext ctx) throws Exception {
        SimulationOptions o = options(s, ctx.threads(), ctx.overwrite());
        String name = starName(s, ctx).getFileName().toString(); // the stem of the merged files; parts write only in their folder
        SimulationSplit.PartResult r = SimulationSplit.runPart(o, volume(in, o), ctx.outputDir(),
                name.substring(0, name.length() - ".star".length()), part, parts, ctx);
        ctx.info("part " + (part + 1) + " of " + parts + ": particles " + r.firstParticle() + " to " + r.endParticle() + ", "
                + r.pieces().size() + " stack(s) or piece(s)");
    }

    /**
     * The files and ports {@link #execute} makes, from the parts: whole stacks hard-linked from the part folders,
     * shared ones assembled from their pieces, the STAR file and the truth volume written here. Bit-identical to
     * execute whatever the number of parts (the same images, stacks and table).
     */
    @Override
    public List<PortObject> merge(List<PortObject> in, NodeSettings s, List<Path> partFolders, ExecutionContext ctx) throws Exception {
        SimulationOptions o = options(s, ctx.threads(), ctx.overwrite());
        return outputs(SimulationSplit.merge(o, volume(in, o), partFolders, starFile(s, ctx), ctx), ctx);
    }

    private static Volume volume(List<PortObject> in, SimulationOptions o) {
        return in.get(0) != null ? ((VolumePortObject) in.get(0)).volume() : Phantom.create(o.box(), o.pixelSize());
    }

    /** The STAR file to write: the node folder's {@code simulated.star}, or -o on the command line. */
    private static Path starName(NodeSettings s, ExecutionContext ctx) {
        Path star = ctx.standalone() ? s.bind(SimulateSettings.class).output() : ctx.outputFile("simulated.star");
        if (!star.toString().endsWith(".star")) {
            throw new BadInputException("-o must name a .star file: " + star);
        }
        return star;
    }

    /** {@link #starName}, its folder made. */
    private static Path starFile(NodeSettings s, ExecutionContext ctx) throws java.io.IOException {
        Path star = starName(s, ctx);
        Files.createDirectories(star.toAbsolutePath().getParent());
        return star;
    }

    private static List<PortObject> outputs(TiltSeriesSimulator.Result r, ExecutionContext ctx) throws java.io.IOException {
        ctx.info("wrote " + r.star() + ", " + r.stacks().size() + " stack(s) and the truth volume " + r.truth().getFileName());
        Volume truth;
        try (MrcReader reader = MrcReader.open(r.truth())) {
            truth = reader.readVolume();
        }
        return List.of(new ParticlesPortObject(ParticleTableReader.read(r.star(), ReadOptions.DEFAULT)), new VolumePortObject(truth));
    }
}

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
import org.emflow.compute.particles.StarLayout;
import org.emflow.compute.sim.TiltScheme;
import org.emflow.compute.sim.TiltSeriesSimulator;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;

final class SimulateNodeModel implements NodeModel {
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
        Volume map = in.get(0) != null ? ((VolumePortObject) in.get(0)).volume() : Phantom.create(o.box(), o.pixelSize());
        Path star = ctx.standalone() ? s.bind(SimulateSettings.class).output() : ctx.outputFile("simulated.star");
        if (!star.toString().endsWith(".star")) {
            throw new BadInputException("-o must name a .star file: " + star);
        }
        Files.createDirectories(star.toAbsolutePath().getParent());
        ctx.info(String.format(Locale.ROOT, "simulating %d particles x %d tilts = %d images, box %d, %.4g A/px, SNR %.3g, seed %d",
                o.particles(), o.tilts().size(), (long) o.particles() * o.tilts().size(), o.box(), o.pixelSize(), o.snr(), o.seed()));
        TiltSeriesSimulator.Result r = TiltSeriesSimulator.run(o, map, star, ctx);
        ctx.info("wrote " + r.star() + ", " + r.stacks().size() + " stack(s) and the truth volume " + r.truth().getFileName());
        Volume truth;
        try (MrcReader reader = MrcReader.open(r.truth())) {
            truth = reader.readVolume();
        }
        return List.of(new ParticlesPortObject(ParticleTableReader.read(r.star(), ReadOptions.DEFAULT)), new VolumePortObject(truth));
    }
}

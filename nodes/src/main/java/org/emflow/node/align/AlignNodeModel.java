package org.emflow.node.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.align.LocalRefinement;
import org.emflow.compute.align.RefinementOptions;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.StarLayout;
import org.emflow.compute.plot.VolumeSlices;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.FilePortObject;
import org.emflow.ports.FscPortObject;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.ports.VolumePortObject;
import org.emflow.node.SymmetrySetting;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;

final class AlignNodeModel implements NodeModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings settings) {
        settings.validate("align");
        AlignSettings s = settings.bind(AlignSettings.class);
        SymmetrySetting.check(s.sym()); // names a wrong symmetry now
        PortObjectSpec p = in.get(0);
        Object maskBox = in.size() > 1 && in.get(1) != null ? in.get(1).property("box") : null;
        if (p != null && maskBox != null && p.property("box") != null && !maskBox.equals(p.property("box"))) {
            throw maskMismatch(maskBox, p.property("box"));
        }
        if (p != null && s.ctf() && Boolean.FALSE.equals(p.property("ctf"))) {
            throw new BadInputException("--CTF needs CTF columns, and the particles have none");
        }
        Object box = p == null ? null : p.property("box");
        Object px = p == null ? null : p.property("pixel_size");
        PortObjectSpec v = box == null ? PortObjectSpec.of(PortTypes.VOLUME)
                : new PortObjectSpec(PortTypes.VOLUME, Map.of("box", box, "pixel_size", px));
        return List.of(p == null ? PortObjectSpec.of(PortTypes.PARTICLES) : p, v, v, v, PortObjectSpec.of(PortTypes.FSC),
                PortObjectSpec.of(PortTypes.FILE));
    }

    static RefinementOptions options(NodeSettings settings, int threads) {
        AlignSettings s = settings.bind(AlignSettings.class);
        return RefinementOptions.defaults()
                .withOuterRadius(s.ou())
                .withDelta(s.delta())
                .withTs(s.ts())
                .withMaxit(s.maxit())
                .withChunk(s.chunk())
                .withCenter(s.center().value)
                .withCtf(s.ctf())
                .withSnr(s.snr())
                .withSymmetry(s.sym())
                .withSeed(s.seed())
                .withCoarse(s.mpiTolerances())
                .withNpad(s.npad())
                .withConverged(s.converged())
                .withThreads(threads);
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
        ParticleTable t = ((ParticlesPortObject) in.get(0)).table();
        if (t.layout() == StarLayout.RELION_5_OPTIMISATION_SET) {
            throw new BadInputException("align refines one pose per image; a RELION 5 / WarpTools optimisation set has one pose per particle");
        }
        VolumePortObject mask = (VolumePortObject) in.get(1);
        if (mask != null && (!mask.volume().isCube() || mask.volume().nx() != t.boxSize())) {
            throw maskMismatch(mask.volume().nx() + "x" + mask.volume().ny() + "x" + mask.volume().nz(), t.boxSize());
        }
        RefinementOptions o = options(s, ctx.threads());
        ctx.info(String.format(Locale.ROOT, "refining %d images of %d particles, box %d, %.4g A/px: delta %.3g deg, ts %.3g px, "
                        + "up to %d iterations (stop when %.0f %% move < 1 px), %d chunk(s), center %d, CTF %s, symmetry %s, npad %d, mask %s",
                t.imageCount(), t.particleCount(), t.boxSize(), t.pixelSize(), o.delta(), o.ts(), o.maxit(), 100 * o.converged(),
                o.chunks(), o.center(), o.ctf(), o.symmetry(), o.npad(),
                mask == null ? "ball of radius " + o.radius(t.boxSize()) + " px" : "given"));
        LocalRefinement.Result r;
        List<LocalRefinement.Iteration> soFar = new ArrayList<>();
        try (MrcImageLoader loader = new MrcImageLoader()) {
            r = LocalRefinement.run(t.images(), loader, t.boxSize(), t.pixelSize(), mask == null ? null : mask.volume(), o, (it, poses) -> {
                soFar.add(it);
                IterationFiles.checkpoint(ctx::checkpointFile, t, soFar, poses);
            }, ctx);
        }
        ctx.info(r.converged() ? String.format(Locale.ROOT, "converged after %d of %d iterations", r.iterations().size(), o.maxit())
                : String.format(Locale.ROOT, "ran all %d iterations", r.iterations().size()));
        IterationFiles.finish(ctx::outputFile, r.iterations());
        java.nio.file.Path slices = ctx.outputFile("map_slices.png");
        VolumeSlices.writePng(slices, r.full(), ctx.overwrite());
        return List.of(new ParticlesPortObject(t.withRefinedPoses(r.images())), new VolumePortObject(r.full()),
                new VolumePortObject(r.half1()), new VolumePortObject(r.half2()), new FscPortObject(r.fsc()), new FilePortObject(slices));
    }

    private static BadInputException maskMismatch(Object maskBox, Object imageBox) {
        return new BadInputException("the 3-D mask (MASKFILE, the mask port) is " + maskBox + ", the particle images are " + imageBox + "x"
                + imageBox + " pixels");
    }
}

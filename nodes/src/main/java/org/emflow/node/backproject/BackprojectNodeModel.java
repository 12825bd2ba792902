package org.emflow.node.backproject;

import java.util.List;
import java.util.Map;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.plot.VolumeSlices;
import org.emflow.compute.recon.BackprojectOptions;
import org.emflow.compute.recon.BackprojectResult;
import org.emflow.compute.recon.Backprojector;
import org.emflow.compute.recon.CtfMode;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.weighting.FrequencyWeights;
import org.emflow.ports.FilePortObject;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.SettingsRecord;

final class BackprojectNodeModel implements NodeModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
        s.validate("backproject");
        PortObjectSpec p = in.get(0);
        CtfMode ctf = s.bind(BackprojectSettings.class).ctf();
        if (p != null && Boolean.FALSE.equals(p.property("ctf")) && ctf != CtfMode.NONE) {
            throw new BadInputException("ctf = " + SettingsRecord.choice(ctf) + " needs CTF columns, and the particles have none; set ctf = none");
        }
        Object box = p == null ? null : p.property("box");
        Object px = p == null ? null : p.property("pixel_size");
        PortObjectSpec v = box == null ? PortObjectSpec.of(PortTypes.VOLUME)
                : new PortObjectSpec(PortTypes.VOLUME, Map.of("box", box, "pixel_size", px));
        return List.of(v, v, v, PortObjectSpec.of(PortTypes.FILE));
    }

    static BackprojectOptions options(NodeSettings settings, FrequencyWeights w, int threads) {
        BackprojectSettings s = settings.bind(BackprojectSettings.class);
        return BackprojectOptions.defaults()
                .withCtfMode(s.ctf())
                .withWienerSnr(s.wienerSnr())
                .withSnrScale(s.snrScale())
                .withWeighting(s.weighting())
                .withDoseWeight(w.doseWeighting())
                .withTiltWeight(w.tiltWeighting())
                .withInvertSign(!s.uninvertData())
                .withFlipZ(s.flip())
                .withPadding(s.padding())
                .withGriddingCorrection(s.griddingCorrection())
                .withPadImages(s.padImages())
                .withMinWeight(s.minWeight())
                .withSeed(s.seed())
                .withThreads(threads);
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
        ParticlesPortObject p = (ParticlesPortObject) in.get(0);
        ParticleTable t = p.table();
        BackprojectOptions o = options(s, p.weighting(), ctx.threads());
        ctx.info(String.format(java.util.Locale.ROOT, "back-projecting %d images of %d particles, box %d, %.4g A/px; CTF %s, %s, padding %d",
                t.imageCount(), t.particleCount(), t.boxSize(), t.pixelSize(), SettingsRecord.choice(o.ctfMode()),
                ParticlesPortObject.describe(p.weighting()), o.padding()));
        BackprojectResult r;
        try (MrcImageLoader loader = new MrcImageLoader()) {
            r = Backprojector.run(t.images(), loader, t.boxSize(), t.pixelSize(), o, ctx);
        }
        ctx.info("half sets: " + r.particles1() + " / " + r.particles2() + " particles, " + r.images1() + " / " + r.images2() + " images");
        java.nio.file.Path slices = ctx.outputFile("map_slices.png");
        VolumeSlices.writePng(slices, r.full(), ctx.overwrite());
        return List.of(new VolumePortObject(r.full()), new VolumePortObject(r.half1()), new VolumePortObject(r.half2()),
                new FilePortObject(slices));
    }
}

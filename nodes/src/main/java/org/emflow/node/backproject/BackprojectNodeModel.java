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
import org.emflow.compute.recon.WeightingMode;
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

final class BackprojectNodeModel implements NodeModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
        s.validate("backproject");
        PortObjectSpec p = in.get(0);
        if (p != null && Boolean.FALSE.equals(p.property("ctf")) && !s.getString(BackprojectNodeFactory.CTF).equals("none")) {
            throw new BadInputException("ctf = " + s.getString(BackprojectNodeFactory.CTF)
                    + " needs CTF columns, and the particles have none; set ctf = none");
        }
        Object box = p == null ? null : p.property("box");
        Object px = p == null ? null : p.property("pixel_size");
        PortObjectSpec v = box == null ? PortObjectSpec.of(PortTypes.VOLUME)
                : new PortObjectSpec(PortTypes.VOLUME, Map.of("box", box, "pixel_size", px));
        return List.of(v, v, v, PortObjectSpec.of(PortTypes.FILE));
    }

    static BackprojectOptions options(NodeSettings s, FrequencyWeights w, int threads) {
        return BackprojectOptions.defaults()
                .withCtfMode(s.getEnum(BackprojectNodeFactory.CTF, CtfMode.class))
                .withWienerSnr(s.getDouble(BackprojectNodeFactory.WIENER_SNR))
                .withSnrScale(s.getDouble(BackprojectNodeFactory.SNR_SCALE))
                .withWeighting(s.getString(BackprojectNodeFactory.WEIGHTING).equals("weighted-mean")
                        ? WeightingMode.WEIGHTED_MEAN : WeightingMode.ORIGINAL_ATTENUATION)
                .withDoseWeight(w.doseWeighting())
                .withTiltWeight(w.tiltWeighting())
                .withInvertSign(!s.getBoolean(BackprojectNodeFactory.UNINVERT))
                .withFlipZ(s.getBoolean(BackprojectNodeFactory.FLIP))
                .withPadding(s.getInt(BackprojectNodeFactory.PADDING))
                .withGriddingCorrection(s.getBoolean(BackprojectNodeFactory.GRIDDING))
                .withPadImages(s.getBoolean(BackprojectNodeFactory.PAD_IMAGES))
                .withMinWeight(s.getDouble(BackprojectNodeFactory.MIN_WEIGHT))
                .withSeed(s.getLong(BackprojectNodeFactory.SEED))
                .withThreads(threads);
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
        ParticlesPortObject p = (ParticlesPortObject) in.get(0);
        ParticleTable t = p.table();
        BackprojectOptions o = options(s, p.weighting(), ctx.threads());
        ctx.info(String.format(java.util.Locale.ROOT, "back-projecting %d images of %d particles, box %d, %.4g A/px; CTF %s, %s, padding %d",
                t.imageCount(), t.particleCount(), t.boxSize(), t.pixelSize(), s.getString(BackprojectNodeFactory.CTF),
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

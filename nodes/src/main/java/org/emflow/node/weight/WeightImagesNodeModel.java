package org.emflow.node.weight;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.plot.WeightPlot;
import org.emflow.compute.weighting.FrequencyWeights;
import org.emflow.compute.weighting.WeightedImages;
import org.emflow.ports.FilePortObject;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;

final class WeightImagesNodeModel implements NodeModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
        s.validate("weight-images");
        Map<String, Object> p = new LinkedHashMap<>(in.get(0) == null ? Map.of() : in.get(0).properties());
        WeightImagesSettings w = s.bind(WeightImagesSettings.class);
        p.put("dose_weight", w.dose());
        p.put("tilt_weight", w.tilt());
        return List.of(new PortObjectSpec(PortTypes.PARTICLES, p), PortObjectSpec.of(PortTypes.FILE));
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings settings, ExecutionContext ctx) throws Exception {
        WeightImagesSettings s = settings.bind(WeightImagesSettings.class);
        ParticleTable t = ((ParticlesPortObject) in.get(0)).table();
        FrequencyWeights w = new FrequencyWeights(s.dose(), s.tilt());
        w.validate(t.images());
        ctx.info(ParticlesPortObject.describe(w) + " (" + t.imageCount() + " images)");
        // One curve per tilt of the first particle shows the weights a person would check.
        List<ImageRecord> first = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (ImageRecord r : t.images()) {
            if (r.particle() == t.images().get(0).particle()) {
                first.add(r);
                labels.add(String.format(Locale.ROOT, "tilt %.0f, dose %.0f", FrequencyWeights.tiltOf(r), r.dose()));
            }
        }
        Path plot = ctx.outputFile("weights.png");
        WeightPlot.writePng(plot, first, labels, w, t.boxSize(), t.pixelSize(), ctx.overwrite());
        if (s.writeImages()) {
            Path stack = ctx.outputFile("weighted.mrcs");
            WeightedImages.write(t.images(), w, t.boxSize(), t.pixelSize(), stack, ctx.overwrite(), ctx);
            ctx.info("wrote " + t.imageCount() + " weighted images to " + stack.getFileName());
        }
        return List.of(new ParticlesPortObject(t, w), new FilePortObject(plot));
    }
}

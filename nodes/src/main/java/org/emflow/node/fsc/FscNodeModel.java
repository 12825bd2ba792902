package org.emflow.node.fsc;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.SoftMask;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.plot.FscPlot;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.FilePortObject;
import org.emflow.ports.FscPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.SettingsRecord;

final class FscNodeModel implements NodeModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
        s.validate("fsc");
        String[] ports = {"a", "b", "mask"};
        for (int i = 0; i < 3; i++) {
            VolumePortObject.requireCubic(in.get(i), ports[i], "the FSC");
        }
        checkSameBox(in.get(0), in.get(1), "a", "b");
        if (in.get(2) != null) {
            checkSameBox(in.get(0), in.get(2), "a", "mask");
        }
        Object px = in.get(0) == null ? null : in.get(0).property("pixel_size");
        return List.of(new PortObjectSpec(PortTypes.FSC, px == null ? java.util.Map.of() : java.util.Map.of("pixel_size", px)),
                PortObjectSpec.of(PortTypes.FILE));
    }

    /** Box sizes promised at configure time must agree. */
    static void checkSameBox(PortObjectSpec a, PortObjectSpec b, String na, String nb) {
        if (a == null || b == null) {
            return;
        }
        Object ba = a.property("box");
        Object bb = b.property("box");
        if (ba != null && bb != null && !Objects.equals(ba, bb)) {
            throw new BadInputException("inputs " + na + " (box " + ba + ") and " + nb + " (box " + bb + ") differ in size");
        }
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
        Volume a = ((VolumePortObject) in.get(0)).volume();
        Volume b = ((VolumePortObject) in.get(1)).volume();
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz()) {
            throw new BadInputException("maps a (" + a + ") and b (" + b + ") are not on the same grid");
        }
        if (a.nx() != a.ny() || a.ny() != a.nz()) {
            throw new BadInputException("maps a and b (" + a + ") are not cubic: the FSC needs equal sides");
        }
        FscSettings.MaskMode mode = s.bind(FscSettings.class).mask();
        Volume mask = in.get(2) != null ? ((VolumePortObject) in.get(2)).volume()
                : mode == FscSettings.MaskMode.AUTO ? SoftMask.auto(a, b) : null;
        ctx.info(in.get(2) != null ? "mask: input" : "mask: " + SettingsRecord.choice(mode));
        ctx.progress(0.3, "FSC");
        FscCurve c = Fsc.compute(a, b, mask);
        ctx.info(String.format(Locale.ROOT, "FSC = 0.5 at %.2f A (first shell below: %.2f A)", c.resolution05(),
                c.resolutionFirstBelow(0.5)));
        ctx.info(String.format(Locale.ROOT, "FSC = 0.143 at %.2f A (first shell below: %.2f A)", c.resolution0143(),
                c.resolutionFirstBelow(0.143)));
        ctx.info(String.format(Locale.ROOT, "real-space correlation (Pearson r) of the maps: %.4f", VolumeStats.pearson(a, b)));
        var png = ctx.outputFile("fsc.png");
        FscPlot.writePng(png, c, ctx.overwrite());
        return List.of(new FscPortObject(c), new FilePortObject(png));
    }
}

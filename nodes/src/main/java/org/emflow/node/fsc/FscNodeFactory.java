package org.emflow.node.fsc;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.SettingsSchema;

/** FSC: two volumes (and an optional mask) to an FSC curve, its resolutions and a plot. */
public final class FscNodeFactory implements NodeFactory {
    @Override public String id() { return "fsc"; }
    @Override public String name() { return "FSC"; }
    @Override public String category() { return "Cryo-EM/Validation"; }

    @Override
    public String shortDescription() {
        return "Fourier shell correlation of two maps: curve, resolution at 0.5 and 0.143, and a plot.";
    }

    @Override
    public String fullDescription() {
        return """
                Correlates the two maps shell by shell in Fourier space: FSC(s) = sum Re(F1 F2*) / sqrt(sum |F1|^2 sum |F2|^2) \
                over the voxels of shell s (radius rounded up, as tomoDRGN does), for s = 0 ... box/2.

                Both maps are multiplied by a mask first: the mask input when connected, otherwise tomoDRGN's automatic soft \
                mask (99th-percentile threshold of either map, dilated by ceil(box/30) voxels, cosine edge of the same width), \
                or no mask. The resolutions are reported where the curve first drops below 0.5 and 0.143 (the gold-standard \
                criterion of Rosenthal & Henderson 2003 for half maps), both as the first shell below (tomoDRGN's rule) and \
                interpolated between the bracketing shells. Writes fsc.csv and the plot fsc.png with both thresholds drawn.""";
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("a", PortTypes.VOLUME, "First map (e.g. half map 1)."),
                Port.of("b", PortTypes.VOLUME, "Second map (e.g. half map 2), on the same grid."),
                Port.optional("mask", PortTypes.VOLUME, "Mask (0..1) applied to both maps; replaces the automatic mask."));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("fsc", PortTypes.FSC, "The FSC curve with its resolutions."),
                Port.of("plot", PortTypes.FILE, "PNG plot of the curve with the 0.5 and 0.143 lines."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(FscSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new FscNodeModel();
    }
}

package org.emflow.node.filter;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.SettingsSchema;

/** Filter volume: low-pass a map at a resolution, given or taken from an FSC curve. */
public final class FilterVolumeNodeFactory implements NodeFactory {
    @Override public String id() { return "filter-volume"; }
    @Override public String name() { return "Filter volume"; }
    @Override public String category() { return "Cryo-EM/Volumes"; }

    @Override
    public String shortDescription() {
        return "Low-pass filters a map at a resolution (given, or the FSC's 0.143 resolution).";
    }

    @Override
    public String fullDescription() {
        return """
                Removes spatial frequencies above 1/resolution. A hard edge keeps exactly the Fourier voxels with |s| <= \
                1/resolution (tomoDRGN's filter); a soft edge multiplies by a raised cosine two Fourier shells wide centred \
                on the cut-off, which avoids the ringing of a hard edge. The resolution is the setting when given, otherwise \
                the 0.143 resolution of the connected FSC curve (first shell below, as tomoDRGN uses).""";
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("volume", PortTypes.VOLUME, "The map to filter."),
                Port.optional("fsc", PortTypes.FSC, "FSC curve whose 0.143 resolution is used when no resolution is set."));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("volume", PortTypes.VOLUME, "The filtered map."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(FilterVolumeSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new FilterVolumeNodeModel();
    }
}

package org.emflow.node.filter;

import java.util.List;
import java.util.Locale;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.LowPassFilter;
import org.emflow.compute.image.Volume;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.FscPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;

final class FilterVolumeNodeModel implements NodeModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
        s.validate("filter-volume");
        Double resolution = s.bind(FilterVolumeSettings.class).resolution();
        if (resolution == null && in.get(1) == null) {
            throw new BadInputException("set 'resolution' (Angstrom) or connect an FSC curve to the 'fsc' input");
        }
        if (resolution != null && !(resolution > 0)) {
            throw new BadInputException("setting 'resolution' must be positive (Angstrom)");
        }
        return List.of(in.get(0) == null ? PortObjectSpec.of(PortTypes.VOLUME) : in.get(0));
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings settings, ExecutionContext ctx) {
        FilterVolumeSettings s = settings.bind(FilterVolumeSettings.class);
        Volume v = ((VolumePortObject) in.get(0)).volume();
        double res;
        if (s.resolution() != null) {
            res = s.resolution();
        } else {
            FscCurve c = ((FscPortObject) in.get(1)).curve();
            res = c.resolutionFirstBelow(0.143);
        }
        if (res < 2 * v.pixelSize()) {
            ctx.info(String.format(Locale.ROOT, "%.2f A is beyond Nyquist (%.2f A): nothing to remove", res, 2 * v.pixelSize()));
        }
        LowPassFilter.Edge edge = s.edge();
        ctx.info(String.format(Locale.ROOT, "low-pass at %.2f A, %s edge", res, edge.name().toLowerCase(Locale.ROOT)));
        return List.of(new VolumePortObject(LowPassFilter.apply(v, res, edge)));
    }
}

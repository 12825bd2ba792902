package org.emflow.node.perturb;

import java.util.List;
import java.util.Locale;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.StarLayout;
import org.emflow.compute.sim.PosePerturbation;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;

final class PerturbPosesNodeModel implements NodeModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
        s.validate("perturb-poses");
        return List.of(in.get(0) == null ? PortObjectSpec.of(PortTypes.PARTICLES) : in.get(0));
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings settings, ExecutionContext ctx) {
        ParticleTable t = ((ParticlesPortObject) in.get(0)).table();
        if (t.layout() == StarLayout.RELION_5_OPTIMISATION_SET || t.layout() == StarLayout.CISTEM) {
            throw new BadInputException("perturb-poses changes one pose per image; the " + t.layout() + " keeps its poses per particle "
                    + "or in other columns");
        }
        PerturbPosesSettings s = settings.bind(PerturbPosesSettings.class);
        double angle = s.angle(), shift = s.shift();
        ctx.info(String.format(Locale.ROOT, "perturbing %d images: rotations of sigma %.3g deg, shifts of sigma %.3g px per axis",
                t.imageCount(), angle, shift));
        return List.of(new ParticlesPortObject(t.withRefinedPoses(
                PosePerturbation.apply(t.images(), angle, shift, s.seed()))));
    }
}

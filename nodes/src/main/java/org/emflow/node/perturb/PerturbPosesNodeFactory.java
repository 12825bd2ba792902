package org.emflow.node.perturb;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.SettingsSchema;

/** Perturb poses: known, seeded errors added to particle poses, to measure what a refinement recovers. */
public final class PerturbPosesNodeFactory implements NodeFactory {

    @Override public String id() { return "perturb-poses"; }
    @Override public String name() { return "Perturb poses"; }
    @Override public String category() { return "Cryo-EM/Validation"; }

    @Override
    public String shortDescription() {
        return "Adds known random errors to every image's Euler angles and origin offsets (a refinement's test).";
    }

    @Override
    public String fullDescription() {
        return """
                Each image's view is turned by an angle drawn from a normal distribution of standard deviation 'angle' about \
                an axis drawn uniformly on the sphere, so the angle between the true and the perturbed view has that \
                distribution whatever the Euler angles (near the poles too); each origin offset gets a normal error of \
                standard deviation 'shift' pixels per axis. The same particles and seed give the same poses. Connect the \
                simulator's particles (known poses), perturb them, refine them with align, and compare the refined map with \
                the truth.""";
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "Particles with poses (one row per image)."));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "The same particles with perturbed poses."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(PerturbPosesSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new PerturbPosesNodeModel();
    }
}

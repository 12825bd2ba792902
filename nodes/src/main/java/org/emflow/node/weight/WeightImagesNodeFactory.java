package org.emflow.node.weight;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.SettingsSchema;

/** Weight images: attaches dose and tilt weights to a particle table for the reconstruction. */
public final class WeightImagesNodeFactory implements NodeFactory {

    @Override public String id() { return "weight-images"; }
    @Override public String name() { return "Weight images"; }
    @Override public String category() { return "Cryo-EM/Preprocessing"; }
    @Override public String replaces() { return "tomoDRGN --recon-dose-weight / --recon-tilt-weight"; }

    @Override
    public String shortDescription() {
        return "Dose and tilt weighting of tilt-series images, per image and spatial frequency.";
    }

    @Override
    public String fullDescription() {
        return """
                Dose weight: exp(-N / (2 Ne(s))) with N the image's cumulative dose (e/A^2, from the star file) and Ne(s) = \
                0.245 s^-1.665 + 2.81 the critical exposure of Grant & Grigorieff (2015), scaled for voltages other than \
                300 kV. Tilt weight: cos(tilt) (tomoDRGN's is a no-op, spec section 5.1). Each image is weighted by its own \
                dose and tilt, paired by identity.

                The weights are attached to the particle table and applied by the reconstruction in both the data and \
                the normalisation (a weighted mean). Optionally writes a plot of weight against frequency for each tilt \
                of the first particle, and the weighted images themselves as an MRC stack.""";
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "Particles with cumulative dose and tilt per image."));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "The same particles with the weighting attached."),
                Port.of("plot", PortTypes.FILE, "PNG of weight against spatial frequency, one curve per tilt of the first particle."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(WeightImagesSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new WeightImagesNodeModel();
    }
}

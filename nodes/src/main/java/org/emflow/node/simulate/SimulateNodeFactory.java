package org.emflow.node.simulate;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.SettingsSchema;

/** Simulate tilt series: particle images with known poses from a volume or the built-in phantom. */
public final class SimulateNodeFactory implements NodeFactory {
    @Override public String id() { return "simulate-tilt-series"; }
    @Override public String name() { return "Simulate tilt series"; }
    @Override public String category() { return "Cryo-EM/Input"; }

    @Override
    public String shortDescription() {
        return "Simulates tilt-series particle images with known poses, CTF, dose and noise, from a volume or a built-in phantom.";
    }

    @Override
    public String fullDescription() {
        return """
                Each particle gets a uniformly random orientation and is imaged over the tilt scheme (dose-symmetric \
                min:max:step, or an explicit list in acquisition order): the stage tilt is composed with the particle's \
                pose, the image is the central slice of the map's transform (Fourier slice theorem), multiplied by the CTF \
                (per-particle defocus with a per-image spread, astigmatism, 300 kV by default) and by the dose attenuation \
                of its cumulative exposure, shifted by a random origin offset, and Gaussian noise is added at the chosen \
                SNR (variance of the clean image / variance of the noise). The same seed gives the same files. The \
                images of the RELION layout follow RELION's sign (white particles), those of the cryoSRPNT layout \
                tomoDRGN's (physical contrast), unless contrast says otherwise.

                Writes a STAR file (RELION 3.1+ optics + particles, which relion_reconstruct reads, or tomoDRGN's cryoSRPNT \
                layout), MRCS stacks, and the ground-truth volume. Without an input volume, a built-in asymmetric phantom \
                of the chosen box is used, so nothing external is needed.""";
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.optional("volume", PortTypes.VOLUME, "The map to image; the built-in phantom when unconnected."));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "The simulated particle images (STAR + MRCS)."),
                Port.of("truth", PortTypes.VOLUME, "The ground-truth volume the images were made from."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(SimulateSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new SimulateNodeModel();
    }

    @Override
    public boolean cliSavesOutputs() {
        return false;
    }
}

package org.emflow.node.simulate;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingsSchema;

/** Simulate tilt series: particle images with known poses from a volume or the built-in phantom. */
public final class SimulateNodeFactory implements NodeFactory {
    static final String BOX = "box";
    static final String PIXEL_SIZE = "pixel-size";
    static final String PARTICLES = "particles";
    static final String TILTS = "tilts";
    static final String DOSE = "dose-per-tilt";
    static final String DEFOCUS_MIN = "defocus-min";
    static final String DEFOCUS_MAX = "defocus-max";
    static final String DEFOCUS_SPREAD = "defocus-spread";
    static final String ASTIGMATISM = "astigmatism";
    static final String VOLTAGE = "voltage";
    static final String CS = "cs";
    static final String AMP = "amp-contrast";
    static final String SNR = "snr";
    static final String SHIFT = "shift-sigma";
    static final String SEED = "seed";
    static final String LAYOUT = "layout";
    static final String STACK_SIZE = "stack-size";
    static final String CONTRAST = "contrast";
    static final String OUTPUT = "output";

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
        return SettingsSchema.of(
                Setting.integer(BOX).def(32).range(8, 1024).cli("--box").help("Image and map size in pixels (the input volume must have it)."),
                Setting.real(PIXEL_SIZE).def(4.0).min(0.01).cli("--pixel-size", "--angpix")
                        .help("Angstrom per pixel, when the input volume has none, and for the phantom."),
                Setting.integer(PARTICLES).def(100).range(1, 10_000_000).cli("--particles").help("Number of particles (one tilt series each)."),
                Setting.string(TILTS).def("-60:60:3").cli("--tilts")
                        .help("Tilt scheme: min:max:step (dose-symmetric order) or a comma-separated list of angles in acquisition order."),
                Setting.real(DOSE).def(3.0).min(0).cli("--dose-per-tilt").help("Exposure per tilt image, e/A^2."),
                Setting.real(DEFOCUS_MIN).def(20000).min(0).cli("--defocus-min").help("Smallest mean defocus of a particle, Angstrom."),
                Setting.real(DEFOCUS_MAX).def(40000).min(0).cli("--defocus-max").help("Largest mean defocus of a particle, Angstrom."),
                Setting.real(DEFOCUS_SPREAD).def(500).min(0).cli("--defocus-spread")
                        .help("Standard deviation of each image's defocus around its particle's, Angstrom."),
                Setting.real(ASTIGMATISM).def(200).min(0).cli("--astigmatism").help("Defocus U - V, Angstrom (random azimuth per particle)."),
                Setting.real(VOLTAGE).def(300).min(1).cli("--voltage").help("Acceleration voltage, kV."),
                Setting.real(CS).def(2.7).min(0).cli("--cs").help("Spherical aberration, mm."),
                Setting.real(AMP).def(0.1).range(0, 1).cli("--amp-contrast").help("Amplitude contrast fraction."),
                Setting.real(SNR).def(0.1).min(0).cli("--snr").help("Signal-to-noise ratio of the images (variance ratio); 0 = no noise."),
                Setting.real(SHIFT).def(2.0).min(0).cli("--shift-sigma").help("Standard deviation of the random in-plane shifts, pixels."),
                Setting.integer(SEED).def(1).cli("--seed").help("Random seed: the same seed gives the same files."),
                Setting.choice(LAYOUT, "relion31", "cryosrpnt").def("relion31").cli("--layout")
                        .help("STAR layout: relion31 (optics + particles, relion_reconstruct reads it) or cryosrpnt (tomoDRGN's simulator)."),
                Setting.choice(CONTRAST, "auto", "relion", "physical").def("auto").cli("--contrast")
                        .help("Image sign: relion = white particles, -(projection x CTF), as RELION extracts them (emflow's default "
                                + "inversion and relion_reconstruct give positive density); physical = projection x CTF, as tomoDRGN's "
                                + "simulator (reconstruct with --uninvert-data); auto = relion for the relion31 layout, physical for cryosrpnt."),
                Setting.integer(STACK_SIZE).def(10000).range(1, 10_000_000).cli("--stack-size").help("Images per MRCS file."),
                Setting.path(OUTPUT).def("simulated.star").cli("-o", "--output").cliOnly()
                        .help("The STAR file to write; stacks and the truth volume go next to it."));
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

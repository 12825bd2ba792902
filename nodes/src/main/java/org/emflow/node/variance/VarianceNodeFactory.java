package org.emflow.node.variance;

import java.util.List;
import org.emflow.compute.variability.VariabilityOptions;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingsSchema;

/** Variance: 3-D variability from aligned projections (SPARX sx3dvariability), or a bootstrap variance. */
public final class VarianceNodeFactory implements NodeFactory {
    static final String METHOD = "method";
    static final String IMG_PER_GRP = "img_per_grp";
    static final String SYM = "sym";
    static final String CTF = "ctf";
    static final String FL = "fl";
    static final String AA = "aa";
    static final String DECIMATE = "decimate";
    static final String WINDOW = "window";
    static final String NPAD = "npad";
    static final String NO_NORM = "no_norm";
    static final String VAR = "var_input";
    static final String AVE2D = "ave2d";
    static final String VAR2D = "var2d";
    static final String BOOTSTRAP_VOLUMES = "bootstrap_volumes";
    static final String SEED = "seed";
    static final String OVERHEAD = "overhead";

    private static final VariabilityOptions DEFAULTS = VariabilityOptions.defaults();

    @Override public String id() { return "variance"; }
    @Override public String name() { return "Variance"; }
    @Override public String category() { return "Cryo-EM/Heterogeneity"; }
    @Override public String replaces() { return "SPARX sx3dvariability (3-D variability from aligned projections)"; }

    @Override
    public String shortDescription() {
        return "Where the particles differ: a 3-D variance map (and the average map) from aligned projections.";
    }

    @Override
    public String fullDescription() {
        return """
                Method groups (SPARX's): around every image, the img_per_grp nearest projection directions (a direction and its \
                opposite identified, symmetry mates included) are brought into the centre's frame by the exact in-plane rotation, \
                and the group's 2-D average and variance (CTF-aware with ctf: Wiener average, variance of the data about it) are \
                reconstructed at the centre's pose into ave3D and var3D. Images are first windowed, decimated by Fourier \
                truncation (decimate), normalised by their background (unless no_norm) and tanh low-pass filtered (fl, aa in \
                cycles per decimated pixel). var3D marks conformational or compositional heterogeneity, but also alignment \
                error; on noisy data a low-pass (fl 0.1 to 0.2) is what makes it readable.

                Method bootstrap (Penczek 2006): bootstrap_volumes reconstructions from the particles resampled with replacement \
                (tilt images of a particle stay together), their voxel mean and variance: the variance of the reconstruction \
                itself, free of the group method's alignment artefacts, at the cost of one reconstruction per volume.

                Maps come back at the original box and pixel size. Fixed against the original: the exact in-plane rotation, the \
                same variance scale with and without CTF, 2-D maps that are variances (SPARX writes standard deviations), the \
                pixel size kept (SPARX writes 1).""";
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "Aligned particle images with their poses (one row per image)."));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("ave3D", PortTypes.VOLUME, "The average map (with var_input: the variance map again)."),
                Port.of("var3D", PortTypes.VOLUME, "The 3-D variability map, at the original box and pixel size."),
                Port.of("groups", PortTypes.TABLE, "Per group: centre image, its angles, members, angular radius (empty for bootstrap)."),
                Port.of("slices", PortTypes.FILE, "PNG of var3D's central XY, XZ and YZ slices."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(
                Setting.choice(METHOD, "groups", "bootstrap").def("groups").cli("--method")
                        .help("groups: SPARX's angular-neighbourhood variance; bootstrap: variance of reconstructions from resampled particles."),
                Setting.integer(IMG_PER_GRP).def(DEFAULTS.imagesPerGroup()).range(2, 1_000_000).cli("--img_per_grp")
                        .help("Images per group, the centre included (groups method)."),
                Setting.string(SYM).def(DEFAULTS.symmetry()).cli("--sym").help("Point group in SPARX's names: c1, cn, dn, tet, oct, icos."),
                Setting.bool(CTF).cli("--CTF").help("CTF-aware: Wiener group averages and residual variances; Wiener bootstrap reconstructions."),
                Setting.real(FL).def(DEFAULTS.lowPass()).range(0, 0.5).cli("--fl")
                        .help("tanh low-pass cut-off in cycles per decimated pixel; 0 = none."),
                Setting.real(AA).def(DEFAULTS.falloff()).min(0).cli("--aa").help("tanh low-pass fall-off (must be > 0 when fl > 0)."),
                Setting.real(DECIMATE).def(DEFAULTS.decimate()).range(1e-6, 1).cli("--decimate")
                        .help("Fourier-truncation factor of the images, in (0, 1]; shifts and pixel size follow."),
                Setting.integer(WINDOW).def(DEFAULTS.window()).min(0).cli("--window")
                        .help("Central crop of the images in pixels before decimation; 0 = none."),
                Setting.integer(NPAD).def(DEFAULTS.padding()).range(1, 4).cli("--npad").help("Oversampling of the reconstructions."),
                Setting.bool(NO_NORM).cli("--no_norm").help("Do not normalise the images by their background (mean 0, sd 1 outside radius nx/2 - 2)."),
                Setting.bool(VAR).cli("--VAR").help("The input images are 2-D variance maps: only reconstruct them into var3D."),
                Setting.string(AVE2D).def("").cli("--ave2D").help("File name for the stack of 2-D group averages (MRCS, decimated size); empty = none."),
                Setting.string(VAR2D).def("").cli("--var2D").help("File name for the stack of 2-D group variances (MRCS, decimated size); empty = none."),
                Setting.integer(BOOTSTRAP_VOLUMES).def(DEFAULTS.bootstrapVolumes()).range(2, 10_000).cli("--bootstrap_volumes")
                        .help("Reconstructions of the bootstrap method."),
                Setting.integer(SEED).def(DEFAULTS.seed()).cli("--seed").help("Seed of the bootstrap resampling."),
                Setting.real(OVERHEAD).def(0.5).min(0).cli("--overhead")
                        .help("GB per CPU added to the logged memory estimate (as SPARX; changes nothing else)."));
    }

    @Override
    public NodeModel createModel() {
        return new VarianceNodeModel();
    }
}

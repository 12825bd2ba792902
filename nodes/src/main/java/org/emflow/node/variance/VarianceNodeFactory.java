package org.emflow.node.variance;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.SettingsSchema;

/** Variance: 3-D variability from aligned projections (SPARX sx3dvariability), or a bootstrap variance. */
public final class VarianceNodeFactory implements NodeFactory {
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
        return SettingsSchema.of(VarianceSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new VarianceNodeModel();
    }
}

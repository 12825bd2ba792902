package org.emflow.node.align;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.SettingsSchema;

/** Align: gold-standard local refinement of 3-D projection alignment (SPARX sxlocal_ali3d). */
public final class AlignNodeFactory implements NodeFactory {
    @Override public String id() { return "align"; }
    @Override public String name() { return "Align"; }
    @Override public String category() { return "Cryo-EM/Refinement"; }
    @Override public String replaces() { return "SPARX sxlocal_ali3d (local refinement of 3-D projection alignment)"; }

    @Override
    public String shortDescription() {
        return "Local refinement of every projection's Euler angles and shift against gold-standard half-set references.";
    }

    @Override
    public String fullDescription() {
        return """
                For maxit iterations, the particles are reconstructed in two half sets split by particle (seeded), each half \
                map is normalised by its background, masked (the 3-D mask, or a ball of radius ou) and low-passed by the tanh \
                filter fitted to the half-map FSC, and every image is refined against the reference of its own half: a simplex \
                over the three Euler angles (steps delta, wider in rot and psi away from the equator) whose criterion projects \
                the reference with SPARX's Kaiser-Bessel gridding and searches the shift within ts pixels on a 2x-oversampled \
                cross-correlation. A final reconstruction gives the map, the half maps and their FSC, which is gold-standard.

                As sxlocal_ali3d: chunk rebuilds the references after each fraction of the images, center -1 fits the particles' \
                common 3-D offset to the shifts, center 1 centres the references by their phase centre of gravity, ctf makes \
                the references CTF-modulated and the reconstructions Wiener-corrected (snr), sym inserts every image once per \
                symmetry operator (SPARX's axis settings). Fixed against the original: independent half sets, a normalised \
                criterion, the images' astigmatic CTF, refined poses written out. Images are taken in RELION's sign (white particles) \
                and, with ctf, with RELION's CTF, so the maps have the sign of the density, as relion_reconstruct's.""";
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "Particle images with the poses to start from (one row per image)."),
                Port.optional("mask", PortTypes.VOLUME, "3-D mask of the references and the FSC (default: a ball of radius ou)."));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "The particles with refined angles and origin offsets."),
                Port.of("map", PortTypes.VOLUME, "Reconstruction from all particles with the refined poses."),
                Port.of("half1", PortTypes.VOLUME, "Half map of the first half set."),
                Port.of("half2", PortTypes.VOLUME, "Half map of the second half set."),
                Port.of("fsc", PortTypes.FSC, "FSC of the half maps inside the mask (gold-standard)."),
                Port.of("slices", PortTypes.FILE, "PNG of the map's central XY, XZ and YZ slices."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(AlignSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new AlignNodeModel();
    }
}

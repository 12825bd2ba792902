package org.emflow.node.backproject;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.SettingsSchema;

/** Backproject: direct Fourier insertion of pre-aligned particle images into a full map and two half maps. */
public final class BackprojectNodeFactory implements NodeFactory {
    @Override public String id() { return "backproject"; }
    @Override public String name() { return "Backproject"; }
    @Override public String category() { return "Cryo-EM/Reconstruction"; }
    @Override public String replaces() { return "tomoDRGN backproject_voxel (reconstruction step)"; }

    @Override
    public String shortDescription() {
        return "Weighted Fourier back projection of pre-aligned particle images into a map and two gold-standard half maps.";
    }

    @Override
    public String fullDescription() {
        return """
                Each image is shifted by minus its origin offset, transformed, CTF-corrected and inserted as a central slice, \
                rotated by its RELION Euler angles, into a padded Fourier volume with trilinear weights; nothing is dropped. \
                The dose and tilt weights attached by weight-images multiply both the data and the normalisation, so the \
                map is a weighted mean of the observations (the original's attenuation is kept as an option).

                CTF correction: none; phase flip (the original); or Wiener, data x CTF over sum CTF^2 + 1/SNR, with the SNR \
                estimated per shell from the half sets' FSC (or a constant). CTF-premultiplied images are not multiplied \
                again. Images are sign-inverted first, as the original does by default (uninvert-data turns it off).

                Half maps are split by particle (all images of a particle go to the same half), with a seed: the same \
                inputs give bit-identical maps. Any box size works. flip mirrors the maps in z (hand flip). Maps are \
                written as MRC with the star file's pixel size and the real-space origin at box/2, with a picture of the full \
                map's central slices.""";
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "Pre-aligned particle images (poses, shifts, CTF), optionally weighted."));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("map", PortTypes.VOLUME, "Full map from all images."),
                Port.of("half1", PortTypes.VOLUME, "Half map from the first half of the particles."),
                Port.of("half2", PortTypes.VOLUME, "Half map from the second half of the particles."),
                Port.of("slices", PortTypes.FILE, "PNG of the full map's central XY, XZ and YZ slices."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(BackprojectSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new BackprojectNodeModel();
    }
}

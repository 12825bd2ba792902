package org.emflow.node.backproject;

import org.emflow.compute.recon.BackprojectOptions;
import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingsSchema;

/** Backproject: direct Fourier insertion of pre-aligned particle images into a full map and two half maps. */
public final class BackprojectNodeFactory implements NodeFactory {
    static final String CTF = "ctf";
    static final String WIENER_SNR = "wiener-snr";
    static final String SNR_SCALE = "snr-scale";
    static final String WEIGHTING = "weighting";
    static final String UNINVERT = "uninvert-data";
    static final String FLIP = "flip";
    static final String PADDING = "padding";
    static final String GRIDDING = "gridding-correction";
    static final String PAD_IMAGES = "pad-images";
    static final String MIN_WEIGHT = "min-weight";
    static final String SEED = "seed";

    /** The compute library's defaults are the node's. */
    private static final BackprojectOptions DEFAULTS = BackprojectOptions.defaults();

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
        return SettingsSchema.of(
                Setting.choice(CTF, "none", "phase-flip", "wiener").def("wiener").cli("--ctf")
                        .help("CTF correction: none, phase-flip (the original), or wiener (CTF-weighted with an SNR term)."),
                Setting.real(WIENER_SNR).def(DEFAULTS.wienerSnr()).min(0).cli("--wiener-snr")
                        .help("Constant SNR of the Wiener term; 0 = estimate it per shell from the half sets' FSC."),
                Setting.real(SNR_SCALE).def(DEFAULTS.snrScale()).min(1e-6).cli("--snr-scale")
                        .help("Multiplies the estimated SNR of the automatic Wiener term (RELION's tau2_fudge)."),
                Setting.choice(WEIGHTING, "weighted-mean", "original-attenuation").def("weighted-mean").cli("--weighting")
                        .help("How dose/tilt weights enter: weighted mean (data and normalisation) or the original's attenuation (data only)."),
                Setting.bool(UNINVERT).cli("--uninvert-data")
                        .help("Do not invert the image sign (the original inverts by default; tomoDRGN's test data need this flag)."),
                Setting.bool(FLIP).cli("--flip").help("Mirror the maps in z (flip the hand)."),
                Setting.integer(PADDING).def(DEFAULTS.padding()).range(1, 4).cli("--padding")
                        .help("Oversampling of the Fourier volume (1 = none as the original, 2 = RELION's; 2 gives a higher "
                                + "correlation on large, strong data sets, 1 a better FSC on small ones)."),
                Setting.bool(PAD_IMAGES).def(DEFAULTS.padImages()).cli("--pad-images")
                        .help("With padding > 1, zero-pad each image to the padded size before its transform (else its spectrum is interpolated)."),
                Setting.bool(GRIDDING).cli("--gridding-correction")
                        .help("Divide the maps by the transform of the trilinear interpolation kernel."),
                Setting.real(MIN_WEIGHT).def(DEFAULTS.minWeight()).min(0).cli("--min-weight")
                        .help("Floor of the normalisation weight in the none and phase-flip modes (RELION divides by max(W, 1))."),
                Setting.integer(SEED).def(DEFAULTS.seed()).cli("--seed").help("Seed of the split of the particles into half sets."));
    }

    @Override
    public NodeModel createModel() {
        return new BackprojectNodeModel();
    }
}

package org.emflow.node.fsrec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.sdk.Setting;

/**
 * The .fsr parameter keys as node settings: {@code section.key} in lower case ({@code io} for
 * PyFSRec's INPUT/OUTPUT section), so a workflow can carry the whole parameter file. Values are
 * written as in the .fsr file (lists as {@code [a, b]}) and validated together by the compute
 * library's parameter reader, which names section and key.
 */
final class FsrKeys {
    /** Setting key to the .fsr "SECTION.Key", in the file's order. */
    static final Map<String, String> TO_FSR = new LinkedHashMap<>();
    private static final List<Setting.Builder> SETTINGS = new ArrayList<>();

    private FsrKeys() {
    }

    private static void key(String section, String key, String help) {
        String settingKey = (section.equals("INPUT/OUTPUT") ? "io" : section.toLowerCase(Locale.ROOT)) + "." + key.toLowerCase(Locale.ROOT);
        TO_FSR.put(settingKey, section + "." + key);
        SETTINGS.add(Setting.string(settingKey).cli("--" + settingKey).help(help + " (.fsr [" + section + "] " + key + ")"));
    }

    static {
        key("INPUT/OUTPUT", "INPUTPATH", "Folder of the input images.");
        key("INPUT/OUTPUT", "INPUTFILENAME", "Image file prefix: image i is PREFIX + 3-digit i + .raw (float32, little-endian).");
        key("INPUT/OUTPUT", "NImages", "Number of images in the whole series.");
        key("INPUT/OUTPUT", "OUTPUTPATH", "Folder of the outputs (command line; a workflow writes to the node's folder).");
        key("INPUT/OUTPUT", "OUTPUTFILENAME", "Base name of every output file.");
        key("IMAGEDATA", "Dimensions", "Image size [rows, columns]; rectangular images are supported.");
        key("IMAGEDATA", "Sampling", "Pixel size [y, x] in nm; anisotropic sampling is supported.");
        key("IMAGEDATA", "AREA", "Size [rows, columns] of the reference frame used for alignment (default half the image).");
        key("IMAGEDATA", "Offset", "Offset [rows, columns] of the reference frame from the centre, pixels.");
        key("IMAGEDATA", "Range", "Images to use: ranges [a,b] (inclusive) and single indices, e.g. [[5,10],13]; default all.");
        key("IMAGEDATA", "Fixhotpix", "Replace hot pixels by the 3x3 median before normalisation (yes/no).");
        key("OPTICS", "Voltage", "Acceleration voltage, kV.");
        key("OPTICS", "C3", "Spherical aberration, nm (2.7E6 = 2.7 mm).");
        key("OPTICS", "C5", "Fifth-order spherical aberration, nm (used, unlike the original).");
        key("OPTICS", "Semiconvergence", "Illumination semi-convergence, mrad (spatial-coherence envelope).");
        key("OPTICS", "Focusspread", "Focus spread, nm (temporal-coherence envelope).");
        key("OPTICS", "Imagespread", "Image spread, pm (Gaussian envelope).");
        key("OPTICS", "Foci", "Defocus per image in nm: one value per image, or [first, last] of a linear ramp.");
        key("RECONSTRUCTION", "Limit", "Objective aperture: transfer set to 0 above this spatial frequency, 1/nm.");
        key("RECONSTRUCTION", "Filtercutoff", "Absolute threshold on the back-projection filter's denominator (guards its inverse).");
        key("RECONSTRUCTION", "Prealignment", "Pre-align the images before the reconstruction (on/off).");
        key("RECONSTRUCTION", "Envelopes", "Include the coherence envelopes in back-projection and simulation (on/off).");
        key("RECONSTRUCTION", "Alignmentfilter", "Gaussian band-pass [low, high] in 1/nm for every correlation.");
        key("RECONSTRUCTION", "Alignmentprecision", "Convergence threshold of the sub-pixel registration, pixels.");
        key("RECONSTRUCTION", "LinearIterations", "Number of linear reconstruction iterations.");
        key("RECONSTRUCTION", "Savealigned", "Write the aligned images as _ali_float32_<idx>.raw (yes/no).");
        key("RECONSTRUCTION", "Saveintermediaterec", "Write the wave after every iteration as _<iii>.wav (yes/no).");
        key("RECONSTRUCTION", "Outputfilter", "Band [low, high] in 1/nm of the top-hat filter for _filt.wav; unset = no filtered wave.");
        key("ALIGNMENT", "Comkernel", "Radius of the centre-of-mass window of the peak finder, pixels.");
        key("ALIGNMENT", "Maxprealign", "Maximum number of pre-alignment rounds.");
        key("ALIGNMENT", "Methprealign", "Pre-alignment method: sequential-com (sub-pixel), sequential (integer) or sequential-pca.");
        key("ALIGNMENT", "Raverage", "Block length for the common-frame pre-alignment.");
        key("ALIGNMENT", "Commonframe", "Experimental low-dose common-frame pre-alignment (yes/no).");
        key("ALIGNMENT", "Invertprealign", "Flip the sign of alternate images for the pre-alignment correlation (on/off).");
        key("STEPREFINEMENT", "Rangemultiplicator", "Step analysis: search range as a multiple of the focal range.");
        key("STEPREFINEMENT", "Stepmultiplicator", "Step analysis: search step as a multiple of the pi/4 step.");
        key("STEPREFINEMENT", "Refinementfilter", "Step analysis: Gaussian band-pass [low, high] in 1/nm.");
        key("AUTOCORRECTION", "Autofocusrange", "Autofocus: search from -R to +R nm.");
        key("AUTOCORRECTION", "Autofocusfilter", "Autofocus: Gaussian band-pass [low, high] in 1/nm.");
        key("AUTOCORRECTION", "AutofocusC3", "Autofocus: include C3 when propagating the wave (yes/no).");
    }

    static List<Setting.Builder> settings() {
        return SETTINGS;
    }
}

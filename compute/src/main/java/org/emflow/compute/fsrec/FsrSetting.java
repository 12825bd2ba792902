package org.emflow.compute.fsrec;

import java.util.List;

/**
 * One parameter of a PyFSRec parameter file, for building node settings and help text: its section, key
 * (as the original spells it), default ("" = none, required or optional as {@code required} says) and a
 * one-line description. {@link FsrParameters#fromMap} accepts exactly these as "SECTION.Key".
 *
 * <p>{@link #all()} is the one list of the keys: the reader's known keys ({@code FsrParameters.KNOWN}, which
 * warns about any other) and the focal-series node's settings are made from it.
 */
public record FsrSetting(String section, String key, boolean required, String defaultValue, String description) {

    /** "SECTION.Key", the form {@link FsrParameters#fromMap} takes. */
    public String name() {
        return section + "." + key;
    }

    /** All settings in file order. */
    public static List<FsrSetting> all() {
        return ALL;
    }

    private static FsrSetting req(String s, String k, String d) {
        return new FsrSetting(s, k, true, "", d);
    }

    private static FsrSetting opt(String s, String k, String def, String d) {
        return new FsrSetting(s, k, false, def, d);
    }

    private static final List<FsrSetting> ALL = List.of(
            req("INPUT/OUTPUT", "INPUTPATH", "folder of the input images (relative to the .fsr file's folder)"),
            req("INPUT/OUTPUT", "INPUTFILENAME", "image file prefix; files are prefix + 3-digit number + .raw (float32, little-endian)"),
            req("INPUT/OUTPUT", "NImages", "number of images in the whole series (numbers 0 .. NImages-1)"),
            opt("INPUT/OUTPUT", "OUTPUTPATH", "INPUTPATH", "output folder"),
            req("INPUT/OUTPUT", "OUTPUTFILENAME", "base name <out> of all output files"),
            req("IMAGEDATA", "Dimensions", "[rows, columns] of each image"),
            req("IMAGEDATA", "Sampling", "[along rows, along columns] in nm per pixel (one value = isotropic)"),
            opt("IMAGEDATA", "Offset", "[0, 0]", "[rows, columns] offset of the reference frame from the image centre, pixels"),
            opt("IMAGEDATA", "AREA", "[rows/2, columns/2]", "[rows, columns] size of the reference frame used for correlations"),
            opt("IMAGEDATA", "Range", "all images", "selected images: [first,last] ranges and single numbers, e.g. [[5,10],13,[15,20]]"),
            opt("IMAGEDATA", "Fixhotpix", "No", "replace outliers (> 10 std from the 3x3 median) and NaN pixels by the local median"),
            req("OPTICS", "Voltage", "acceleration voltage, kV"),
            req("OPTICS", "C3", "spherical aberration, nm (2.7E6 = 2.7 mm)"),
            opt("OPTICS", "C5", "0", "fifth-order spherical aberration, nm"),
            req("OPTICS", "Semiconvergence", "illumination semi-convergence angle, mrad"),
            req("OPTICS", "Focusspread", "focus spread, nm"),
            req("OPTICS", "Imagespread", "image spread, pm"),
            req("OPTICS", "Foci", "defocus in nm: [first, last] of a linear ramp over all NImages, or one value per image, or one per selected image"),
            req("RECONSTRUCTION", "Limit", "reconstruction limit (objective aperture), 1/nm"),
            opt("RECONSTRUCTION", "Filtercutoff", "0.1", "frequencies whose filter denominator D (0..N) is at most this are excluded"),
            opt("RECONSTRUCTION", "Prealignment", "On", "pre-align the images before the reconstruction"),
            opt("RECONSTRUCTION", "Envelopes", "On", "correct for the partial-coherence envelopes"),
            req("RECONSTRUCTION", "Alignmentfilter", "[low, high] Gaussian band-pass for all correlations, 1/nm"),
            opt("RECONSTRUCTION", "Alignmentprecision", "0.1", "stop the centre-of-mass refinement below this step, pixels"),
            opt("RECONSTRUCTION", "LinearIterations", "20", "number of linear iterations"),
            opt("RECONSTRUCTION", "Savealigned", "No", "write the aligned images <out>_ali_float32_<idx>.raw"),
            opt("RECONSTRUCTION", "Saveintermediaterec", "No", "write the wave after each iteration <out>_<iii>.wav"),
            opt("RECONSTRUCTION", "Outputfilter", "", "[low, high] top-hat for <out>_filt.wav, 1/nm (none = no filtered wave)"),
            opt("ALIGNMENT", "Comkernel", "3", "radius of the centre-of-mass window, pixels"),
            opt("ALIGNMENT", "Maxprealign", "10", "maximum number of pre-alignment rounds"),
            opt("ALIGNMENT", "Methprealign", "sequential", "sequential-com (sub-pixel), sequential (integer) or sequential-pca (each image to the first principal component)"),
            opt("ALIGNMENT", "Raverage", "0", "images per block for Commonframe"),
            opt("ALIGNMENT", "Commonframe", "No", "experimental low-dose pre-alignment to block means"),
            opt("ALIGNMENT", "Invertprealign", "No", "flip the contrast of images whose band-passed transfer is negative during pre-alignment"),
            opt("STEPREFINEMENT", "Rangemultiplicator", "2 (3 without the section)", "focus search range in units of the series' focus range"),
            opt("STEPREFINEMENT", "Stepmultiplicator", "0.5", "focus search step in units of the pi/4 step 1/(4 lambda Limit^2)"),
            opt("STEPREFINEMENT", "Refinementfilter", "[2, 6]", "[low, high] Gaussian band-pass for the step analysis, 1/nm"),
            opt("AUTOCORRECTION", "Autofocusrange", "50", "autofocus searches -range .. +range, nm"),
            opt("AUTOCORRECTION", "Autofocusfilter", "", "[low, high] Gaussian band-pass for the autofocus, 1/nm (required by --autofocus)"),
            opt("AUTOCORRECTION", "AutofocusC3", "No", "propagate with C3 during the autofocus, as the original (default: pure defocus)"));
}

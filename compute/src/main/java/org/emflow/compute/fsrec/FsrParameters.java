package org.emflow.compute.fsrec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.emflow.compute.util.BadInputException;

/**
 * All settings of a PyFSRec focal-series reconstruction, resolved and validated (spec pyfsrec.md
 * section 2.1). Built by {@link #fromMap} from "SECTION.Key" strings, which is what both the .fsr file
 * reader ({@link FsrParameterFile}) and the workflow node use. Every problem is collected and reported
 * at once in one {@link BadInputException} naming section and key.
 *
 * <p>Conventions: images are {@code ny} rows by {@code nx} columns; the file's {@code Dimensions},
 * {@code Sampling}, {@code AREA} and {@code Offset} are [rows, columns] = [y, x]. {@code images} are
 * the selected image numbers (from {@code Range}, default all) and {@code foci} the defocus in nm of
 * each selected image, in the same order.
 */
public record FsrParameters(
        Path inputDir, String inputPrefix, int nImages, Path outputDir, String outputName,
        int nx, int ny, double samplingX, double samplingY, int areaX, int areaY, int offsetX, int offsetY,
        int[] images, boolean fixHotPixels,
        double voltageKv, double c3Nm, double c5Nm, double semiconvergenceMrad, double focusSpreadNm, double imageSpreadPm,
        double[] foci,
        double limit, double filterCutoff, boolean prealignment, boolean envelopes, double[] alignmentFilter,
        double alignmentPrecision, int linearIterations, boolean saveAligned, boolean saveIntermediate, double[] outputFilter,
        int comKernel, int maxPrealign, PrealignMethod prealignMethod, int raverage, boolean commonFrame, boolean invertPrealign,
        double rangeMultiplier, double stepMultiplier, double[] refinementFilter,
        double autofocusRange, double[] autofocusFilter, boolean autofocusWithC3,
        List<String> warnings) {

    /** Keys known per section (lower case), from the one list {@link FsrSetting#all()}; aliases map documentation spellings onto the code's. */
    static final Map<String, Set<String>> KNOWN = new LinkedHashMap<>();
    /** Image files are numbered with three digits (prefix000.raw .. prefix999.raw). */
    static final int MAX_IMAGES = 1000;
    /** Iteration counts beyond this would run for days, not improve the result. */
    static final int MAX_ITERATIONS = 10_000;

    static final Map<String, String> ALIASES = Map.of(
            "STEPREFINEMENT.rangemultiplier", "STEPREFINEMENT.rangemultiplicator",
            "STEPREFINEMENT.stepmultiplier", "STEPREFINEMENT.stepmultiplicator");

    static {
        for (FsrSetting f : FsrSetting.all()) {
            KNOWN.computeIfAbsent(f.section(), s -> new LinkedHashSet<>()).add(f.key().toLowerCase(Locale.ROOT));
        }
    }

    /** Path of input image number {@code index}: prefix + three-digit number + ".raw". */
    public Path imageFile(int index) {
        return inputDir.resolve(String.format(Locale.ROOT, "%s%03d.raw", inputPrefix, index));
    }

    /** First column of the reference frame (AREA at Offset from the image centre). */
    public int areaX0() {
        return (nx - areaX) / 2 + offsetX;
    }

    /** First row of the reference frame. */
    public int areaY0() {
        return (ny - areaY) / 2 + offsetY;
    }

    /** Number of selected images. */
    public int count() {
        return images.length;
    }

    /** Reads and validates a .fsr file (relative paths resolve against its folder). */
    public static FsrParameters read(Path fsrFile) {
        Map<String, String> map = FsrParameterFile.readMap(fsrFile);
        Path base = fsrFile.toAbsolutePath().getParent();
        return fromMap(map, base, fsrFile.toString());
    }

    /**
     * Builds validated parameters from "SECTION.Key" entries (section names and keys case-insensitive,
     * values without comments). Relative paths resolve against {@code baseDir}.
     *
     * @throws BadInputException listing every problem, each naming section and key
     */
    public static FsrParameters fromMap(Map<String, String> sectionDotKey, Path baseDir) {
        return fromMap(sectionDotKey, baseDir, "settings");
    }

    /** Whether {@code name} (null counts as valid: a missing key is reported elsewhere) can be a path. */
    private static boolean validFileName(String name) {
        if (name == null) {
            return true;
        }
        try {
            Path.of(name);
            return true;
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    static FsrParameters fromMap(Map<String, String> raw, Path baseDir, String source) {
        SettingsReader r = new SettingsReader(raw, source);
        List<String> warnings = r.unknownKeys();

        String inPath = r.str("INPUT/OUTPUT", "INPUTPATH", null);
        String inPrefix = r.str("INPUT/OUTPUT", "INPUTFILENAME", null);
        Integer nImages = r.integer("INPUT/OUTPUT", "NImages", null, 1, MAX_IMAGES);
        String outPath = r.str("INPUT/OUTPUT", "OUTPUTPATH", inPath);
        String outName = r.str("INPUT/OUTPUT", "OUTPUTFILENAME", null);
        Path inputDir = r.path("INPUT/OUTPUT", "INPUTPATH", inPath, baseDir);
        Path outputDir = r.path("INPUT/OUTPUT", "OUTPUTPATH", outPath, baseDir);
        if (outName != null && (outName.contains("/") || outName.contains("\\"))) {
            r.error("INPUT/OUTPUT", "OUTPUTFILENAME", "must be a file base name without folders: '" + outName + "'");
        }
        // Both names become parts of file paths; a character the file system cannot name (NUL) is the
        // settings' error here rather than an InvalidPathException when the files are looked up or written.
        if (inPrefix != null && !validFileName(inPrefix + "000.raw")) {
            r.error("INPUT/OUTPUT", "INPUTFILENAME", "not a valid file name prefix: '" + inPrefix + "'");
            inPrefix = null;
        }
        if (!validFileName(outName)) {
            r.error("INPUT/OUTPUT", "OUTPUTFILENAME", "not a valid file name: '" + outName + "'");
        }

        double[] dims = r.list("IMAGEDATA", "Dimensions", null, 2, 2);
        double[] sampling = r.list("IMAGEDATA", "Sampling", null, 1, 2);
        int ny = 0;
        int nx = 0;
        if (dims != null) {
            ny = r.positiveInt("IMAGEDATA", "Dimensions", dims[0]);
            nx = r.positiveInt("IMAGEDATA", "Dimensions", dims[1]);
        }
        double sy = Double.NaN;
        double sx = Double.NaN;
        if (sampling != null) {
            sy = sampling[0];
            sx = sampling.length > 1 ? sampling[1] : sampling[0];
            if (!(sy > 0) || !(sx > 0) || Double.isInfinite(sx) || Double.isInfinite(sy)) {
                r.error("IMAGEDATA", "Sampling", "must be positive nm per pixel: " + raw(r, "IMAGEDATA", "Sampling"));
            }
        }
        double[] area = r.list("IMAGEDATA", "AREA", new double[] {ny / 2, nx / 2}, 2, 2);
        double[] offset = r.list("IMAGEDATA", "Offset", new double[] {0, 0}, 2, 2);
        int areaY = 0;
        int areaX = 0;
        int offY = 0;
        int offX = 0;
        Boolean fixHot = r.bool("IMAGEDATA", "Fixhotpix", false);

        Double voltage = r.real("OPTICS", "Voltage", null);
        Double c3 = r.real("OPTICS", "C3", null);
        Double c5 = r.real("OPTICS", "C5", 0.0);
        Double alpha = r.real("OPTICS", "Semiconvergence", null);
        Double focusSpread = r.real("OPTICS", "Focusspread", null);
        Double imageSpread = r.real("OPTICS", "Imagespread", null);
        double[] fociList = r.list("OPTICS", "Foci", null, 1, Integer.MAX_VALUE);
        if (voltage != null && !(voltage > 0)) {
            r.error("OPTICS", "Voltage", "must be positive (kV): " + voltage);
        }
        for (String k : new String[] {"Semiconvergence", "Focusspread", "Imagespread"}) {
            Double v = switch (k) {
                case "Semiconvergence" -> alpha;
                case "Focusspread" -> focusSpread;
                default -> imageSpread;
            };
            if (v != null && !(v >= 0)) {
                r.error("OPTICS", k, "must be >= 0: " + v);
            }
        }

        Double limit = r.real("RECONSTRUCTION", "Limit", null);
        Double cutoff = r.real("RECONSTRUCTION", "Filtercutoff", 0.1);
        Boolean prealign = r.bool("RECONSTRUCTION", "Prealignment", true);
        Boolean env = r.bool("RECONSTRUCTION", "Envelopes", true);
        double[] alignFilter = r.filter("RECONSTRUCTION", "Alignmentfilter", null, true);
        Double precision = r.real("RECONSTRUCTION", "Alignmentprecision", 0.1);
        Integer linIter = r.integer("RECONSTRUCTION", "LinearIterations", 20, 1, MAX_ITERATIONS);
        Boolean saveAli = r.bool("RECONSTRUCTION", "Savealigned", false);
        Boolean saveInter = r.bool("RECONSTRUCTION", "Saveintermediaterec", false);
        double[] outFilter = r.filter("RECONSTRUCTION", "Outputfilter", null, false);
        if (limit != null && !(limit > 0)) {
            r.error("RECONSTRUCTION", "Limit", "must be positive (1/nm): " + limit);
        }
        if (cutoff != null && !(cutoff >= 0)) {
            r.error("RECONSTRUCTION", "Filtercutoff", "must be >= 0: " + cutoff);
        }
        if (precision != null && !(precision > 0)) {
            r.error("RECONSTRUCTION", "Alignmentprecision", "must be positive (pixels): " + precision);
        }

        Integer comKernel = r.integer("ALIGNMENT", "Comkernel", 3, 1, 999);
        Integer maxPre = r.integer("ALIGNMENT", "Maxprealign", 10, 1, MAX_ITERATIONS);
        String meth = r.str("ALIGNMENT", "Methprealign", "sequential");
        Integer ravg = r.integer("ALIGNMENT", "Raverage", 0, 0, MAX_IMAGES);
        Boolean common = r.bool("ALIGNMENT", "Commonframe", false);
        Boolean invert = r.bool("ALIGNMENT", "Invertprealign", false);
        PrealignMethod method = null;
        if (meth != null) {
            for (PrealignMethod m : PrealignMethod.values()) {
                if (m.key().equalsIgnoreCase(meth.trim())) {
                    method = m;
                }
            }
            if (method == null) {
                r.error("ALIGNMENT", "Methprealign", "'" + meth + "' is not supported; use sequential-com, sequential or sequential-pca");
            }
        }
        if (Boolean.TRUE.equals(common) && ravg != null && ravg < 2) {
            r.error("ALIGNMENT", "Commonframe", "Commonframe=Yes needs [ALIGNMENT] Raverage >= 2 (images per block), found " + ravg);
        }

        boolean stepSection = r.hasSection("STEPREFINEMENT");
        Double rangeMult = r.real("STEPREFINEMENT", "Rangemultiplicator", stepSection ? 2.0 : 3.0);
        Double stepMult = r.real("STEPREFINEMENT", "Stepmultiplicator", 0.5);
        double[] refFilter = r.filter("STEPREFINEMENT", "Refinementfilter", new double[] {2, 6}, true);
        if (rangeMult != null && !(rangeMult > 0)) {
            r.error("STEPREFINEMENT", "Rangemultiplicator", "must be positive: " + rangeMult);
        }
        if (stepMult != null && !(stepMult > 0)) {
            r.error("STEPREFINEMENT", "Stepmultiplicator", "must be positive: " + stepMult);
        }
        Double afRange = r.real("AUTOCORRECTION", "Autofocusrange", 50.0);
        double[] afFilter = r.filter("AUTOCORRECTION", "Autofocusfilter", null, false);
        Boolean afC3 = r.bool("AUTOCORRECTION", "AutofocusC3", false);
        if (afRange != null && !(afRange > 0)) {
            r.error("AUTOCORRECTION", "Autofocusrange", "must be positive (nm): " + afRange);
        }

        // Geometry: AREA and Offset must keep the reference frame inside the image.
        // Not with bad Dimensions: their problem is reported already, and AREA would only repeat it.
        if (dims != null && area != null && offset != null && ny > 0 && nx > 0) {
            areaY = r.positiveInt("IMAGEDATA", "AREA", area[0]);
            areaX = r.positiveInt("IMAGEDATA", "AREA", area[1]);
            offY = r.anyInt("IMAGEDATA", "Offset", offset[0]);
            offX = r.anyInt("IMAGEDATA", "Offset", offset[1]);
            int k = comKernel == null ? 3 : comKernel;
            if (areaY > 0 && areaX > 0) {
                if (areaY < 2 * k + 2 || areaX < 2 * k + 2) {
                    r.error("IMAGEDATA", "AREA", "[" + areaY + ", " + areaX + "] is too small for Comkernel=" + k
                            + " (each side needs at least " + (2 * k + 2) + " pixels)");
                }
                int y0 = (ny - areaY) / 2 + offY;
                int x0 = (nx - areaX) / 2 + offX;
                if (areaY > ny || areaX > nx || y0 < 0 || x0 < 0 || y0 + areaY > ny || x0 + areaX > nx) {
                    r.error("IMAGEDATA", "AREA", "AREA=[" + areaY + ", " + areaX + "] at Offset=[" + offY + ", " + offX
                            + "] covers rows " + y0 + ".." + (y0 + areaY - 1) + " and columns " + x0 + ".." + (x0 + areaX - 1)
                            + ", outside the " + ny + " x " + nx + " image (also check [IMAGEDATA] Offset)");
                }
            }
        }

        // Selection and foci.
        int[] images = null;
        double[] foci = null;
        if (nImages != null) {
            images = r.range(nImages);
            if (images != null && images.length < 2) {
                r.error("IMAGEDATA", "Range", "selects " + images.length + " image(s); a focal series needs at least 2");
                images = null;
            }
            if (images != null && fociList != null) {
                foci = resolveFoci(r, fociList, nImages, images);
            }
        }

        // Input files (only when the rest of the input section is usable).
        if (inputDir != null && inPrefix != null && images != null && nx > 0 && ny > 0) {
            List<String> missing = new ArrayList<>();
            List<String> wrongSize = new ArrayList<>();
            long expected = 4L * nx * ny;
            for (int idx : images) {
                Path f = inputDir.resolve(String.format(Locale.ROOT, "%s%03d.raw", inPrefix, idx));
                if (!Files.isRegularFile(f)) {
                    missing.add(f.toString());
                } else {
                    try {
                        long size = Files.size(f);
                        if (size != expected) {
                            wrongSize.add(f + " (" + size + " bytes)");
                        }
                    } catch (IOException e) {
                        missing.add(f + " (" + e.getMessage() + ")");
                    }
                }
            }
            if (!missing.isEmpty()) {
                r.error("INPUT/OUTPUT", "INPUTPATH", missing.size() + " image file(s) not found: " + abbreviate(missing));
            }
            if (!wrongSize.isEmpty()) {
                r.error("IMAGEDATA", "Dimensions", wrongSize.size() + " image file(s) are not " + ny + " x " + nx
                        + " float32 (" + expected + " bytes): " + abbreviate(wrongSize));
            }
        }

        r.throwIfErrors();
        return new FsrParameters(inputDir, inPrefix, nImages, outputDir, outName,
                nx, ny, sx, sy, areaX, areaY, offX, offY, images, fixHot,
                voltage, c3, c5, alpha, focusSpread, imageSpread, foci,
                limit, cutoff, prealign, env, alignFilter, precision, linIter, saveAli, saveInter, outFilter,
                comKernel, maxPre, method, ravg, common, invert,
                rangeMult, stepMult, refFilter, afRange, afFilter, afC3, List.copyOf(warnings));
    }

    private static String raw(SettingsReader r, String section, String key) {
        return r.rawValue(section, key);
    }

    private static String abbreviate(List<String> items) {
        if (items.size() <= 10) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, 10)) + ", ... (" + (items.size() - 10) + " more)";
    }

    /**
     * Foci: 2 values = first and last of a linear ramp over all NImages; NImages values = one per image
     * number; as many values as selected images = one per selected image (what the documentation says).
     */
    private static double[] resolveFoci(SettingsReader r, double[] list, int nImages, int[] images) {
        double[] out = new double[images.length];
        if (list.length == 2 && nImages >= 2) {
            double step = (list[1] - list[0]) / (nImages - 1);
            for (int i = 0; i < images.length; i++) {
                out[i] = list[0] + images[i] * step;
            }
        } else if (list.length == nImages) {
            for (int i = 0; i < images.length; i++) {
                out[i] = list[images[i]];
            }
        } else if (list.length == images.length) {
            System.arraycopy(list, 0, out, 0, out.length);
        } else {
            r.error("OPTICS", "Foci", "has " + list.length + " values; give 2 (first and last focus of the series), "
                    + nImages + " (one per image, NImages) or " + images.length + " (one per image selected by Range)");
            return null;
        }
        return out;
    }

    @Override
    public String toString() {
        return "FsrParameters[" + outputName + ", " + images.length + " images " + Arrays.toString(images) + "]";
    }
}

package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsrParametersTest {
    @TempDir
    Path dir;

    /** Writes n small 16 x 16 images img_000.raw ... and returns the .fsr text header for them. */
    private void images(int n, int size) throws IOException {
        for (int i = 0; i < n; i++) {
            Files.write(dir.resolve(String.format("img_%03d.raw", i)), new byte[4 * size * size]);
        }
    }

    private String fsr(String imagedataExtra, String optics) {
        return "# comment line\n"
                + "[INPUT/OUTPUT]\n"
                + "INPUTPATH=" + dir + "/ # on Windows: C:\\the\\path\\\n"
                + "INPUTFILENAME=img_   ; prefix\n"
                + "NImages=6 # number of images\n"
                + "OUTPUTFILENAME=rec # base name\n"
                + "[IMAGEDATA]\t\n"
                + "Dimensions=[16, 16] # rows, columns\n"
                + "Sampling=[0.05,0.05]\n"
                + imagedataExtra
                + "[OPTICS]\n"
                + "Voltage=300 # kV\n"
                + "c3=2.7E6\n"
                + "Semiconvergence=0.05\n"
                + "Focusspread=6\n"
                + "Imagespread=20.\n"
                + optics
                + "[RECONSTRUCTION]\n"
                + "Limit=5.5 # 1/nm\n"
                + "Prealignment=On # toggle\n"
                + "Alignmentfilter=[1.,4.]\n";
    }

    private FsrParameters parse(String text) throws IOException {
        Path f = dir.resolve("p.fsr");
        Files.writeString(f, text);
        return FsrParameters.read(f);
    }

    @Test
    void inlineCommentsAreStrippedForNumbersBooleansStringsAndPaths() throws IOException {
        images(6, 16);
        FsrParameters p = parse(fsr("AREA=[8,10] # frame\n", "Foci=[-270,-90] # ramp\n"));
        assertEquals(dir.normalize(), p.inputDir());
        assertEquals("img_", p.inputPrefix());
        assertEquals(6, p.nImages());
        assertEquals("rec", p.outputName());
        assertEquals(p.inputDir(), p.outputDir(), "OUTPUTPATH defaults to INPUTPATH");
        assertEquals(2.7e6, p.c3Nm());
        assertTrue(p.prealignment());
        assertEquals(10, p.areaX());
        assertEquals(8, p.areaY());
        assertEquals(3, p.areaX0());
        assertEquals(4, p.areaY0());
    }

    @Test
    void aRepeatedKeyIsRefusedWithBothLinesAndIterationCountsAreBounded() {
        String text = "[OPTICS]\nVoltage=300\nC3=1000\nvoltage: 200\n";
        BadInputException e = assertThrows(BadInputException.class, () -> FsrParameterFile.parse(text, "x.fsr"));
        assertEquals("x.fsr: 1 problem(s) in the parameter file:\n  line 4: [OPTICS] voltage is already set on line 2: keep one",
                e.getMessage());
        assertEquals(2, FsrParameterFile.parse("[A]\nk=1\n[B]\nk=2\n", "y.fsr").size(), "same key, two sections");
        BadInputException it = assertThrows(BadInputException.class,
                () -> parse(fsr("", "Foci=[-270,-90]\n").replace("[RECONSTRUCTION]", "[RECONSTRUCTION]\nLinearIterations=1000000000")));
        assertTrue(it.getMessage().contains("[RECONSTRUCTION] LinearIterations: must be between 1 and 10000: 1000000000"),
                it.getMessage());
    }

    @Test
    void missingRangeSelectsEveryImageAndTheFociRampRunsOverAllImages() throws IOException {
        images(6, 16);
        FsrParameters p = parse(fsr("", "Foci=[-270,-90]\n"));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, p.images());
        assertArrayEquals(new double[] {-270, -234, -198, -162, -126, -90}, p.foci(), 1e-9);
    }

    @Test
    void rangeTakesRangesAndSingleImagesAndFociAreIndexedByImageNumber() throws IOException {
        images(6, 16);
        FsrParameters p = parse(fsr("Range=[[0,1],3, [4,5]]\n", "Foci=[-270,-90]\n"));
        assertArrayEquals(new int[] {0, 1, 3, 4, 5}, p.images());
        assertArrayEquals(new double[] {-270, -234, -162, -126, -90}, p.foci(), 1e-9);
        FsrParameters full = parse(fsr("Range=[2,4]\n", "Foci=[0,1,2,3,4,5]\n"));
        assertArrayEquals(new double[] {2, 4}, full.foci(), 0);
        FsrParameters subset = parse(fsr("Range=[[2,4]]\n", "Foci=[-10,-20,-30]\n"));
        assertArrayEquals(new double[] {-10, -20, -30}, subset.foci(), 0, "a list as long as the selection is one value per selected image");
    }

    @Test
    void defaultsAreThoseTheOriginalCodeUses() throws IOException {
        images(6, 16);
        FsrParameters p = parse(fsr("", "Foci=[-270,-90]\n"));
        assertEquals(3, p.comKernel());
        assertEquals(10, p.maxPrealign());
        assertEquals(PrealignMethod.SEQUENTIAL, p.prealignMethod());
        assertEquals(0, p.raverage());
        assertEquals(3.0, p.rangeMultiplier(), "no [STEPREFINEMENT] section: 3.0");
        assertEquals(0.5, p.stepMultiplier());
        assertArrayEquals(new double[] {2, 6}, p.refinementFilter());
        assertEquals(50, p.autofocusRange());
        assertFalse(p.autofocusWithC3());
        assertEquals(8, p.areaX(), "AREA defaults to half the dimensions");
        FsrParameters q = parse(fsr("", "Foci=[-270,-90]\n") + "[STEPREFINEMENT]\nRefinementfilter=[1,5]\n");
        assertEquals(2.0, q.rangeMultiplier(), "[STEPREFINEMENT] present without the key: 2.0");
        FsrParameters r = parse(fsr("", "Foci=[-270,-90]\n") + "[steprefinement]\nRANGEMULTIPLIER=1.5\n");
        assertEquals(1.5, r.rangeMultiplier(), "sections and keys are case-insensitive; the documented spelling is an alias");
    }

    @Test
    void everyProblemIsReportedAtOnceNamingSectionAndKey() throws IOException {
        images(3, 16);
        String text = fsr("AREA=[16,16]\nOffset=[4,0]\nFixhotpix=maybe\n", "Foci=[1,2,3,4]\n")
                .replace("OUTPUTFILENAME=rec # base name\n", "")
                .replace("Voltage=300 # kV", "Voltage=300kV");
        BadInputException e = assertThrows(BadInputException.class, () -> parse(text));
        String m = e.getMessage();
        assertTrue(m.contains("p.fsr"), m);
        assertTrue(m.contains("[INPUT/OUTPUT] OUTPUTFILENAME: missing"), m);
        assertTrue(m.contains("[OPTICS] Voltage: expected a number but found '300kV'"), m);
        assertTrue(m.contains("[IMAGEDATA] Fixhotpix"), m);
        assertTrue(m.contains("[IMAGEDATA] AREA"), m);
        assertTrue(m.contains("[OPTICS] Foci: has 4 values"), m);
        assertTrue(m.contains("3 image file(s) not found") && m.contains("img_005.raw"), m);
    }

    @Test
    void rangeOutsideTheSeriesIsReported() throws IOException {
        images(6, 16);
        BadInputException e = assertThrows(BadInputException.class, () -> parse(fsr("Range=[[0,7]]\n", "Foci=[-270,-90]\n")));
        assertTrue(e.getMessage().contains("[IMAGEDATA] Range: [0, 7] is outside the images 0..5"), e.getMessage());
    }

    @Test
    void wrongImageFileSizeIsReportedWithTheFile() throws IOException {
        images(6, 16);
        Files.write(dir.resolve("img_002.raw"), new byte[10]);
        BadInputException e = assertThrows(BadInputException.class, () -> parse(fsr("", "Foci=[-270,-90]\n")));
        assertTrue(e.getMessage().contains("[IMAGEDATA] Dimensions") && e.getMessage().contains("img_002.raw (10 bytes)"), e.getMessage());
    }

    @Test
    void settingsWithoutAFileUseTheSameRules() throws IOException {
        images(6, 16);
        Map<String, String> map = FsrParameterFile.parse(fsr("", "Foci=[-270,-90]\n"), "text");
        map.put("ALIGNMENT.Comkernel", "2");
        FsrParameters p = FsrParameters.fromMap(map, dir);
        assertEquals(2, p.comKernel());
        map.put("ALIGNMENT.Comkernel", "two");
        BadInputException e = assertThrows(BadInputException.class, () -> FsrParameters.fromMap(map, dir));
        assertTrue(e.getMessage().contains("[ALIGNMENT] Comkernel"), e.getMessage());
    }

    @Test
    void settingListNamesEveryKeyTheReaderKnows() {
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (FsrSetting s : FsrSetting.all()) {
            listed.add(s.section() + "." + s.key().toLowerCase(java.util.Locale.ROOT));
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        FsrParameters.KNOWN.forEach((section, keys) -> keys.forEach(k -> known.add(section + "." + k)));
        assertEquals(known, listed);
    }

    @Test
    void malformedLinesAreAllReportedWithTheirLineNumbers() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> FsrParameterFile.parse("Voltage=300\n[OPTICS\n[OPTICS]\nC3 2.7E6\n", "bad.fsr"));
        String m = e.getMessage();
        assertTrue(m.startsWith("bad.fsr: 3 problem(s)"), m);
        assertTrue(m.contains("line 1: 'Voltage=300' comes before any [SECTION] header"), m);
        assertTrue(m.contains("line 2: malformed section header"), m);
        assertTrue(m.contains("line 4: expected key=value"), m);
    }

    @Test
    void badDimensionsAreOneProblemInTheNumbersAsWritten() throws IOException {
        images(6, 16);
        BadInputException e = assertThrows(BadInputException.class,
                () -> parse(fsr("AREA=[8,10]\n", "Foci=[-270,-90]\n").replace("Dimensions=[16, 16]", "Dimensions=[16, 0]")));
        assertTrue(e.getMessage().contains("1 problem(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("[IMAGEDATA] Dimensions: expected positive whole numbers but found 0\n")
                || e.getMessage().endsWith("[IMAGEDATA] Dimensions: expected positive whole numbers but found 0"), e.getMessage());
        BadInputException half = assertThrows(BadInputException.class,
                () -> parse(fsr("", "Foci=[-270,-90]\n").replace("Dimensions=[16, 16]", "Dimensions=[16, 2.5]")));
        assertTrue(half.getMessage().contains("but found 2.5"), half.getMessage());
    }
}

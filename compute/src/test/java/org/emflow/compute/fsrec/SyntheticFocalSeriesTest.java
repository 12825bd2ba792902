package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.util.Monitor;
import org.jtransforms.fft.DoubleFFT_2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weak-phase object is imaged through known foci with an independent double-precision forward
 * model (written here, not shared with the implementation), then reconstructed end to end.
 */
class SyntheticFocalSeriesTest {
    static final int NX = 128;
    static final int NY = 96;
    static final double SX = 0.042;
    static final double SY = 0.045;
    static final int N = 12;
    static final double LAMBDA = 1.2264263 / Math.sqrt(300 * (1000 + 0.97847538 * 300));
    static final double C3 = 2.7e6;
    static final double LIMIT = 5.5;

    @TempDir
    Path dir;

    /** Focus range of the synthetic series (nm from the first image to the last). */
    static double span = 180;

    static double focus(int i) {
        return -270 + i * span / (N - 1);
    }

    /** psi = exp(i 0.1 phi), phi smooth zero-mean random; returned as its spectrum (double, interleaved). */
    static double[] objectSpectrum() {
        Random rnd = new Random(42);
        double[] z = new double[2 * NX * NY];
        for (int i = 0; i < NX * NY; i++) {
            z[2 * i] = rnd.nextGaussian();
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(NY, NX);
        fft.complexForward(z);
        for (int y = 0; y < NY; y++) {
            for (int x = 0; x < NX; x++) {
                double g2 = sq(freq(x, NX) / (NX * SX)) + sq(freq(y, NY) / (NY * SY));
                double f = Math.exp(-g2 / (2 * 2.5 * 2.5)) * (1 - Math.exp(-g2 / (2 * 0.8 * 0.8)));
                z[2 * (y * NX + x)] *= f;
                z[2 * (y * NX + x) + 1] *= f;
            }
        }
        fft.complexInverse(z, true);
        double s2 = 0;
        for (int i = 0; i < NX * NY; i++) {
            s2 += z[2 * i] * z[2 * i];
        }
        double norm = 0.1 / Math.sqrt(s2 / (NX * NY));
        for (int i = 0; i < NX * NY; i++) {
            double phase = z[2 * i] * norm;
            z[2 * i] = Math.cos(phase);
            z[2 * i + 1] = Math.sin(phase);
        }
        fft.complexForward(z);
        return z;
    }

    static int freq(int i, int n) {
        return i < (n + 1) / 2 ? i : i - n;
    }

    static double sq(double v) {
        return v * v;
    }

    /** Image intensity |IFFT(Psi exp(-i chi))|^2 (aperture at LIMIT), content shifted by (dx, dy) px. */
    static float[] image(double[] psi, double focus, double dx, double dy) {
        double[] z = new double[psi.length];
        for (int y = 0; y < NY; y++) {
            for (int x = 0; x < NX; x++) {
                double gx = freq(x, NX) / (NX * SX);
                double gy = freq(y, NY) / (NY * SY);
                double g2 = gx * gx + gy * gy;
                int i = 2 * (y * NX + x);
                if (g2 > LIMIT * LIMIT) {
                    continue;
                }
                double chi = Math.PI * LAMBDA * focus * g2 + 0.5 * Math.PI * C3 * Math.pow(LAMBDA, 3) * g2 * g2;
                double c = Math.cos(-chi);
                double s = Math.sin(-chi);
                z[i] = psi[i] * c - psi[i + 1] * s;
                z[i + 1] = psi[i] * s + psi[i + 1] * c;
            }
        }
        DoubleFFT_2D fft = new DoubleFFT_2D(NY, NX);
        fft.complexInverse(z, true);
        for (int i = 0; i < NX * NY; i++) {
            z[2 * i] = z[2 * i] * z[2 * i] + z[2 * i + 1] * z[2 * i + 1];
            z[2 * i + 1] = 0;
        }
        if (dx != 0 || dy != 0) {
            fft.complexForward(z);
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    double ph = -2 * Math.PI * (freq(x, NX) * dx / NX + freq(y, NY) * dy / NY);
                    int i = 2 * (y * NX + x);
                    double re = z[i];
                    double im = z[i + 1];
                    z[i] = re * Math.cos(ph) - im * Math.sin(ph);
                    z[i + 1] = re * Math.sin(ph) + im * Math.cos(ph);
                }
            }
            fft.complexInverse(z, true);
        }
        float[] out = new float[NX * NY];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) z[2 * i];
        }
        return out;
    }

    private FsrParameters write(double[] psi, double[] dx, double[] dy, boolean prealign, String... extra) throws IOException {
        for (int i = 0; i < N; i++) {
            FsrecFiles.writeFloats(dir.resolve(String.format("syn_%03d.raw", i)), image(psi, focus(i), dx[i], dy[i]));
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("INPUT/OUTPUT.INPUTPATH", dir.toString());
        m.put("INPUT/OUTPUT.INPUTFILENAME", "syn_");
        m.put("INPUT/OUTPUT.NImages", "" + N);
        m.put("INPUT/OUTPUT.OUTPUTFILENAME", "rec");
        m.put("IMAGEDATA.Dimensions", "[" + NY + ", " + NX + "]");
        m.put("IMAGEDATA.Sampling", "[" + SY + ", " + SX + "]");
        m.put("IMAGEDATA.AREA", "[64, 80]");
        m.put("OPTICS.Voltage", "300");
        m.put("OPTICS.C3", "2.7E6");
        m.put("OPTICS.Semiconvergence", "0");
        m.put("OPTICS.Focusspread", "0");
        m.put("OPTICS.Imagespread", "0");
        m.put("OPTICS.Foci", "[-270, " + (-270 + span) + "]");
        m.put("RECONSTRUCTION.Limit", "" + LIMIT);
        m.put("RECONSTRUCTION.Envelopes", "Off");
        m.put("RECONSTRUCTION.Prealignment", prealign ? "On" : "Off");
        m.put("RECONSTRUCTION.Alignmentfilter", "[0.5, 4]");
        m.put("RECONSTRUCTION.Alignmentprecision", "0.01");
        m.put("ALIGNMENT.Methprealign", "sequential-com");
        for (int i = 0; i < extra.length; i += 2) {
            m.put(extra[i], extra[i + 1]);
        }
        return FsrParameters.fromMap(m, dir);
    }

    /** |<a, b>| / (|a| |b|) over the frequencies the linear filter can reconstruct. */
    static double correlation(ComplexImage wave, double[] truth, double cutoff) {
        float[] w = wave.data().clone();
        FourierConvention.forward(w, NX, NY);
        double ab = 0;
        double abi = 0;
        double aa = 0;
        double bb = 0;
        for (int y = 0; y < NY; y++) {
            for (int x = 0; x < NX; x++) {
                double g2 = sq(freq(x, NX) / (NX * SX)) + sq(freq(y, NY) / (NY * SY));
                if (g2 > LIMIT * LIMIT) {
                    continue;
                }
                double sr = 0;
                double si = 0;
                for (int i = 0; i < N; i++) {
                    double chi = Math.PI * LAMBDA * focus(i) * g2 + 0.5 * Math.PI * C3 * Math.pow(LAMBDA, 3) * g2 * g2;
                    sr += Math.cos(2 * chi);
                    si += Math.sin(2 * chi);
                }
                if (N - (sr * sr + si * si) / N <= cutoff) {
                    continue;
                }
                int k = 2 * (y * NX + x);
                ab += w[k] * truth[k] + w[k + 1] * truth[k + 1];
                abi += w[k + 1] * truth[k] - w[k] * truth[k + 1];
                aa += (double) w[k] * w[k] + (double) w[k + 1] * w[k + 1];
                bb += truth[k] * truth[k] + truth[k + 1] * truth[k + 1];
            }
        }
        return Math.hypot(ab, abi) / Math.sqrt(aa * bb);
    }

    private static double mean(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        return m;
    }

    /** The displacements found equal the true ones up to a common offset (each side's mean is removed). */
    private static void assertShiftsUpToACommonOffset(double[] dx, double[] dy, FsrecResult r, double tolerance, String what) {
        double mx = mean(dx);
        double my = mean(dy);
        double rx = mean(r.dx());
        double ry = mean(r.dy());
        for (int i = 0; i < N; i++) {
            assertEquals(dx[i] - mx, r.dx()[i] - rx, tolerance, what + "dx of image " + i);
            assertEquals(dy[i] - my, r.dy()[i] - ry, tolerance, what + "dy of image " + i);
        }
    }

    @Test
    void weakPhaseObjectThroughKnownFociIsRecoveredWithoutNoise() throws IOException {
        double[] psi = objectSpectrum();
        FsrParameters p = write(psi, new double[N], new double[N], false);
        FsrecResult r = FsrecRunner.run(p, FsrecOptions.defaults().withLinIter(2), dir.resolve("out"), Monitor.NONE);
        assertEquals(1.0, r.wave().meanIntensity(), 1e-5);
        double c = correlation(r.wave(), psi, p.filterCutoff());
        assertTrue(c > 0.99, "wave correlation " + c);
        // The phase of the reconstructed wave follows the object's: Im(psi) correlates with 0.1 phi.
        assertTrue(r.iterations().get(1).residual() < 0.01, "noise-free images are simulated almost exactly: " + r.iterations().get(1).residual());
    }

    @Test
    void knownShiftsAreRecoveredTo005PixelAndTheWaveStillMatches() throws IOException {
        double[] psi = objectSpectrum();
        Random rnd = new Random(9);
        double[] dx = new double[N];
        double[] dy = new double[N];
        for (int i = 0; i < N; i++) {
            dx[i] = 4 * (rnd.nextDouble() - 0.5);
            dy[i] = 4 * (rnd.nextDouble() - 0.5);
        }
        FsrParameters p = write(psi, dx, dy, true);
        FsrecResult r = FsrecRunner.run(p, FsrecOptions.defaults().withLinIter(8), dir.resolve("out"), Monitor.NONE);
        assertShiftsUpToACommonOffset(dx, dy, r, 0.05, "");
        double mx = mean(dx);
        double my = mean(dy);
        double rx = mean(r.dx());
        double ry = mean(r.dy());
        // The wave is reconstructed in the frame of the mean displacement: undo it before comparing.
        float[] w = r.wave().data();
        FourierConvention.forward(w, NX, NY);
        FourierConvention.shiftSpectrum(w, w, NX, NY, -mx + rx, -my + ry, new float[2 * NX], new float[2 * NY]);
        FourierConvention.inverse(w, NX, NY);
        double c = correlation(r.wave(), psi, p.filterCutoff());
        assertTrue(c > 0.99, "wave correlation " + c);
    }

    @Test
    void nonlinearRefinementLowersTheMisfitAndKeepsTheImages() throws IOException {
        double[] psi = objectSpectrum();
        FsrParameters p = write(psi, new double[N], new double[N], false);
        FsrecResult r = FsrecRunner.run(p, FsrecOptions.defaults().withLinIter(1).withNonlinear(true), dir.resolve("out"), Monitor.NONE);
        double[] res = r.nonlinearResiduals();
        assertEquals(FsrecRunner.NONLINEAR_PASSES + 1, res.length);
        assertTrue(res[0] > 0, "the linear solution of a weak phase object is not exact");
        assertTrue(res[res.length - 1] < res[0], "relaxed difference back-projection reduces the misfit: " + java.util.Arrays.toString(res));
        for (int i = 1; i < res.length; i++) {
            assertTrue(res[i] <= res[i - 1] * 1.0001, "the misfit is measured against the unchanged images: " + java.util.Arrays.toString(res));
        }
    }

    @Test
    void boxcarIntermediateWavesAlignedImagesAndShowAreaWriteTheirFiles() throws IOException {
        double[] psi = objectSpectrum();
        FsrParameters p = write(psi, new double[N], new double[N], false, "RECONSTRUCTION.Saveintermediaterec", "Yes",
                "RECONSTRUCTION.Savealigned", "Yes", "RECONSTRUCTION.Outputfilter", "[0.5, 5]");
        Path out = dir.resolve("out");
        FsrecResult box = FsrecRunner.run(p, FsrecOptions.defaults().withBoxcar(5), out, Monitor.NONE);
        assertEquals(2, box.written().size(), "floor(12 / 5) boxcar sums");
        assertTrue(Files.exists(out.resolve("rec_boxcar5_float32_001.raw")));
        assertEquals(4L * NX * NY, Files.size(out.resolve("rec_boxcar5_float32_000.raw")));
        FsrecResult area = FsrecRunner.run(p, FsrecOptions.defaults().withShowArea(true), out, Monitor.NONE);
        assertEquals(List.of(out.resolve("rec_referenceframe.png").toAbsolutePath()), area.written());
        FsrecRunner.run(p, FsrecOptions.defaults().withLinIter(2), out, Monitor.NONE);
        for (String name : new String[] {"rec_001.wav", "rec_002.wav", "rec.wav", "rec_filt.wav", "rec_ali_float32_011.raw"}) {
            assertTrue(Files.exists(out.resolve(name)), name);
        }
        assertEquals(8L * NX * NY, Files.size(out.resolve("rec_002.wav")));
        assertArrayEquals(Files.readAllBytes(out.resolve("rec_002.wav")), Files.readAllBytes(out.resolve("rec.wav")));
    }

    @Test
    void showAlignmentPlotsTheDisplacementsBeforeAndAfter() throws IOException {
        double[] psi = objectSpectrum();
        double[] dx = new double[N];
        double[] dy = new double[N];
        for (int i = 0; i < N; i++) {
            dx[i] = 0.3 * i - 1.5;
            dy[i] = 1 - 0.2 * i;
        }
        FsrParameters p = write(psi, dx, dy, true);
        Path out = dir.resolve("out");
        FsrecOptions show = new FsrecOptions(false, true, false, false, 0, 2, false, false, false, false, 0);
        FsrecResult r = FsrecRunner.run(p, show, out, Monitor.NONE);
        Path plot = out.resolve("rec_alignment.png").toAbsolutePath();
        assertTrue(r.written().contains(plot), r.written().toString());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(plot.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        Files.delete(plot);
        FsrecRunner.run(p, show.withPrealignOnly(true), out, Monitor.NONE);
        assertTrue(Files.exists(plot), "pre-alignment alone plots too");
        FsrecRunner.run(p, FsrecOptions.defaults().withPrealignOnly(true), dir.resolve("quiet"), Monitor.NONE);
        assertTrue(Files.notExists(dir.resolve("quiet/rec_alignment.png")), "only with --showalignment");
    }

    @Test
    void usePreviousWithoutDisplacementsIsBadInputNamingTheFile() throws IOException {
        double[] psi = objectSpectrum();
        FsrParameters p = write(psi, new double[N], new double[N], true);
        org.emflow.compute.util.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.emflow.compute.util.BadInputException.class,
                () -> FsrecRunner.run(p, FsrecOptions.defaults().withUsePrevious(true), dir.resolve("empty"), Monitor.NONE));
        assertTrue(e.getMessage().contains("rec_dxy.csv"), e.getMessage());
    }

    @Test
    void principalComponentPreAlignmentRecoversKnownShifts() throws IOException {
        double[] psi = objectSpectrum();
        Random rnd = new Random(23);
        double[] dx = new double[N];
        double[] dy = new double[N];
        for (int i = 0; i < N; i++) {
            dx[i] = 8 * (rnd.nextDouble() - 0.5);
            dy[i] = 8 * (rnd.nextDouble() - 0.5);
        }
        // One reference for every image suits a short focus range (images that look alike): 12 nm here. Over
        // this synthetic series' full 180 nm the images change too much for it (errors of pixels), while on the
        // shipped example the linear iterations still end at the displacements of sequential-com.
        span = 12;
        FsrecResult r;
        try {
            FsrParameters p = write(psi, dx, dy, true, "ALIGNMENT.Methprealign", "sequential-pca");
            assertEquals(PrealignMethod.SEQUENTIAL_PCA, p.prealignMethod());
            r = FsrecRunner.run(p, FsrecOptions.defaults().withPrealignOnly(true), dir.resolve("out"), Monitor.NONE);
        } finally {
            span = 180;
        }
        assertShiftsUpToACommonOffset(dx, dy, r, 0.02, "pre-aligned ");
    }

    @Test
    void commonFramePreAlignmentAlsoRecoversKnownShifts() throws IOException {
        double[] psi = objectSpectrum();
        Random rnd = new Random(17);
        double[] dx = new double[N];
        double[] dy = new double[N];
        for (int i = 0; i < N; i++) {
            dx[i] = 3 * (rnd.nextDouble() - 0.5);
            dy[i] = 3 * (rnd.nextDouble() - 0.5);
        }
        // Block means mix foci; with a short focus range (a low-dose series of nearly equal images) they correlate well.
        span = 12;
        FsrParameters p = write(psi, dx, dy, true, "ALIGNMENT.Commonframe", "Yes", "ALIGNMENT.Raverage", "3");
        FsrecResult r;
        try {
            r = FsrecRunner.run(p, FsrecOptions.defaults().withPrealignOnly(true), dir.resolve("out"), Monitor.NONE);
        } finally {
            span = 180;
        }
        assertShiftsUpToACommonOffset(dx, dy, r, 0.1, "pre-aligned ");
    }

    @Test
    void stepAnalysisWithUsePreviousContinuesAndRecoversTheKnownStep() throws IOException {
        double[] psi = objectSpectrum();
        FsrParameters p = write(psi, new double[N], new double[N], false);
        Path out = dir.resolve("out");
        FsrecRunner.run(p, FsrecOptions.defaults().withLinIter(2).withDebug(true), out, Monitor.NONE);
        assertTrue(Files.exists(out.resolve("rec_fninvdenom_float32.raw")));
        assertTrue(Files.exists(out.resolve("rec_simim_float32_011.raw")));
        FsrecResult r = FsrecRunner.run(p, FsrecOptions.defaults().withUsePrevious(true).withStepAnalysis(true).withLinIter(1), out,
                Monitor.NONE);
        assertEquals(1, r.iterations().size(), "the continued reconstruction ran its iterations");
        assertEquals(180.0 / (N - 1), r.stepAnalysis().step(), 0.5, "focus step of the synthetic series");
        assertTrue(r.stepAnalysis().r2() > 0.999, "r^2 " + r.stepAnalysis().r2());
        assertEquals(N + 1, Files.readAllLines(out.resolve("rec_foci.csv")).size());
    }
}

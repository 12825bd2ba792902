package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emflow.compute.testing.SharedData;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped PyFSRec example (30 images, 512 x 512), against the original's figures in spec
 * pyfsrec.md sections 2.3, 2.5, 2.8 and 2.9 (original with the accumulator zeroed). Four linear
 * iterations instead of twenty keep the test short.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FsrecExampleTest {
    static final int ITERATIONS = 4;

    @TempDir
    static Path out;

    FsrecResult rec;

    static FsrParameters example(Path outDir, String... overrides) {
        Path dir = SharedData.require("pyfsrec/example");
        Map<String, String> map = FsrParameterFile.readMap(dir.resolve("config-example.fsr"));
        map.put("INPUT/OUTPUT.INPUTPATH", dir.toString());
        map.put("INPUT/OUTPUT.OUTPUTPATH", outDir.toString());
        for (int i = 0; i < overrides.length; i += 2) {
            map.put(overrides[i], overrides[i + 1]);
        }
        return FsrParameters.fromMap(map, dir);
    }

    @BeforeAll
    void reconstruct() throws IOException {
        rec = FsrecRunner.run(example(out), FsrecOptions.defaults().withLinIter(ITERATIONS), null, Monitor.NONE);
    }

    @Test
    void waveIsNormalisedAndWrittenAsHeaderlessComplex64() throws IOException {
        assertEquals(1.0, rec.wave().meanIntensity(), 1e-5);
        Path wav = out.resolve("Rec-bin2-av10.wav");
        assertEquals(8L * 512 * 512, Files.size(wav));
        assertEquals(8L * 512 * 512, Files.size(out.resolve("Rec-bin2-av10_filt.wav")));
        float[] back = FsrecFiles.readWave(wav, 512, 512, 0.04198, 0.04198).data();
        assertArrayEquals(rec.wave().data(), back, 0f);
        assertTrue(Files.size(out.resolve("Rec-bin2-av10_amplitude.png")) > 10_000);
        assertTrue(Files.size(out.resolve("Rec-bin2-av10_phase.png")) > 10_000);
        List<String> dxy = Files.readAllLines(out.resolve("Rec-bin2-av10_dxy.csv"));
        assertEquals("# Image displacements", dxy.get(0));
        assertEquals(31, dxy.size());
        assertTrue(dxy.get(1).startsWith("0.000000,"), dxy.get(1));
        assertEquals(ITERATIONS + 1, Files.readAllLines(out.resolve("Rec-bin2-av10_convergence.csv")).size());
    }

    @Test
    void iterationFiguresFollowTheOriginalsRun() {
        List<IterationFigures> it = rec.iterations();
        // Original: scattered 3.011, 3.040, 3.074, 3.094 %; RMS dx of iteration 2: 0.627 px; max 1.016, 0.954, 0.389.
        assertEquals(3.011, it.get(0).scatteredPercent(), 0.01);
        assertEquals(3.040, it.get(1).scatteredPercent(), 0.01);
        assertEquals(3.094, it.get(3).scatteredPercent(), 0.01);
        assertEquals(0.0, it.get(0).maxShift(), 0);
        assertEquals(0.627, it.get(1).rmsDx(), 0.03);
        assertEquals(0.120, it.get(1).rmsDy(), 0.03);
        assertEquals(1.016, it.get(1).maxShift(), 0.1);
        assertEquals(0.389, it.get(3).maxShift(), 0.05);
        // Wave change falls from ~30 % at iteration 2; the residual is the noise-dominated misfit (~0.81).
        assertEquals(0.30, it.get(1).waveChange(), 0.03);
        assertTrue(it.get(3).waveChange() < it.get(2).waveChange());
        assertEquals(0.81, it.get(3).residual(), 0.02);
        assertEquals(2, rec.prealignRounds(), "coarse step, then two refinement rounds");
    }

    @Test
    void displacementsStayCentredAndTheDriftIsRemoved() {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < 30; i++) {
            mx += rec.dx()[i] / 30;
            my += rec.dy()[i] / 30;
        }
        assertEquals(0, mx, 1e-9, "increments are re-centred: no common-mode creep");
        assertEquals(0, my, 1e-9);
        double early = 0;
        double late = 0;
        for (int i = 0; i < 10; i++) {
            early += rec.dx()[i] / 10;
            late += rec.dx()[20 + i] / 10;
        }
        assertTrue(Math.abs(late - early) < 3.9, "the main loop reduces the pre-alignment's relative x drift: " + (late - early));
    }

    @Test
    void stepAnalysisRecoversTheFocusStep() throws IOException {
        FsrecResult r = FsrecRunner.run(example(out), FsrecOptions.defaults().withStepAnalysis(true), null, Monitor.NONE);
        StepAnalysis.Result s = r.stepAnalysis();
        assertEquals(429, s.grid().length);
        assertEquals(-360.0, s.grid()[0], 1e-9);
        assertEquals(6.14, s.step(), 0.1);
        assertTrue(s.r2() > 0.998, "r^2 " + s.r2());
        assertEquals(31, Files.readAllLines(out.resolve("Rec-bin2-av10_foci.csv")).size());
        assertNull(r.wave(), "the step analysis alone does not touch the wave");
    }

    @Test
    void autofocusFindsTheMinimumContrastFocusWithAndWithoutC3() throws IOException {
        FsrecResult pure = FsrecRunner.run(example(out), FsrecOptions.defaults().withAutofocus(true), null, Monitor.NONE);
        assertEquals(86, pure.autofocus().foci().length);
        assertEquals(71.87, pure.autofocus().best(), 0.01, "pure defocus propagation (the default)");
        FsrecResult c3 = FsrecRunner.run(example(out, "AUTOCORRECTION.AutofocusC3", "Yes"), FsrecOptions.defaults().withAutofocus(true),
                null, Monitor.NONE);
        assertEquals(84.46, c3.autofocus().best(), 0.01, "the original's propagation with C3");
        assertEquals(1.0, pure.wave().meanIntensity(), 1e-4);
        assertTrue(Files.exists(out.resolve("Rec-bin2-av10_autofocused.wav")));
        assertEquals(87, Files.readAllLines(out.resolve("Rec-bin2-av10_autofocus.csv")).size());
    }

    @Test
    void prealignOnlyWritesDisplacementsWithoutTouchingAnExistingWave(@TempDir Path other) throws IOException {
        byte[] marker = {1, 2, 3};
        Files.write(other.resolve("Rec-bin2-av10.wav"), marker);
        FsrecResult r = FsrecRunner.run(example(out), FsrecOptions.defaults().withPrealignOnly(true), other, Monitor.NONE);
        assertEquals("prealignment", r.mode());
        assertArrayEquals(marker, Files.readAllBytes(other.resolve("Rec-bin2-av10.wav")));
        assertEquals(31, Files.readAllLines(other.resolve("Rec-bin2-av10_dxy.csv")).size());
        assertFalse(Files.exists(other.resolve("Rec-bin2-av10_filt.wav")));
    }

    @Test
    void usePreviousContinuesWithTheLoadedFociDisplacementsAndWave(@TempDir Path other) throws IOException {
        for (String suffix : new String[] {".wav", "_dxy.csv"}) {
            Files.copy(out.resolve("Rec-bin2-av10" + suffix), other.resolve("Rec-bin2-av10" + suffix));
        }
        StringBuilder foci = new StringBuilder("# Refined defocus values\n");
        for (int i = 0; i < 30; i++) {
            foci.append(i).append(".000000,").append(-268 + 6.1 * i).append('\n');
        }
        Files.writeString(other.resolve("Rec-bin2-av10_foci.csv"), foci);
        FsrecResult r = FsrecRunner.run(example(out), FsrecOptions.defaults().withUsePrevious(true).withLinIter(1), other, Monitor.NONE);
        assertEquals(-268 + 6.1 * 29, r.foci()[29], 1e-9, "the loaded foci are used");
        assertTrue(r.iterations().get(0).maxShift() < 0.5, "continuing from a converging state: " + r.iterations().get(0).maxShift());
        assertEquals(1.0, r.wave().meanIntensity(), 1e-5);
    }
}

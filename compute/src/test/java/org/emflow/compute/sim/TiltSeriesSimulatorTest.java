package org.emflow.compute.sim;

import org.emflow.compute.particles.StarLayout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.SoftMask;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarReader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.recon.BackprojectOptions;
import org.emflow.compute.recon.BackprojectResult;
import org.emflow.compute.recon.Backprojector;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiltSeriesSimulatorTest {

    @Test
    void doseSymmetricSchemeAlternatesSidesInPairs() {
        TiltScheme s = TiltScheme.parse("-9:9:3");
        double[] expected = { 0, 3, -3, -6, 6, 9, -9 };
        assertEquals(expected.length, s.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s.angle(i), 1e-12);
        }
        assertEquals(41, TiltScheme.parse("-60:60:3").size());
        assertEquals(-20, TiltScheme.parse("0, 20,-20").angle(2), 1e-12);
        assertThrows(BadInputException.class, () -> TiltScheme.parse("a:b:c"));
    }

    @Test
    void eulerAnglesRoundTripThroughTheMatrix() {
        double[][] cases = { { 30, 50, -20 }, { -170, 120, 75 }, { 10, 0, 20 }, { 0, 180, 45 } };
        for (double[] c : cases) {
            double[] m = Conventions.eulerMatrix(c[0], c[1], c[2]);
            double[] e = Conventions.eulerAngles(m);
            assertArrayEquals(m, Conventions.eulerMatrix(e[0], e[1], e[2]), 1e-9);
        }
        // A stage tilt of 0 leaves the view alone.
        double[] a0 = Conventions.eulerMatrix(30, 50, -20);
        assertArrayEquals(a0, Conventions.stageTilt(a0, 0), 1e-12);
    }

    @Test
    void simulatedTiltSeriesReconstructsToThePhantomAndIsReproducible(@TempDir Path dir) throws Exception {
        SimulationOptions o = SimulationOptions.defaults().withBox(32).withPixelSize(6.0).withParticles(60)
                .withTilts(TiltScheme.parse("-60:60:6")).withSnr(0.5).withLayout(StarLayout.RELION_3_0_IMAGE_SERIES).withStackSize(500)
                .withThreads(2).withSeed(4);
        TiltSeriesSimulator.Result r = TiltSeriesSimulator.run(o, null, dir.resolve("sim.star"), Monitor.NONE);
        assertEquals(60 * 21, r.images().size());
        assertEquals(3, r.stacks().size());
        // The star file reads back to the same metadata.
        List<ImageRecord> back = ParticleTableReader.read(r.star(), ReadOptions.DEFAULT).images();
        assertEquals(r.images().size(), back.size());
        ImageRecord a = r.images().get(100), b = back.get(100);
        assertEquals(a.source().index(), b.source().index());
        assertEquals(a.rot(), b.rot(), 1e-5);
        assertEquals(a.originX(), b.originX(), 1e-5);
        assertEquals(a.dose(), b.dose(), 1e-5);
        assertEquals(a.particle(), b.particle());
        try (MrcImageLoader loader = new MrcImageLoader()) {
            BackprojectResult res = Backprojector.run(back, loader, 32, 6.0,
                    BackprojectOptions.defaults().withInvertSign(false).withThreads(2), Monitor.NONE);
            double rr = VolumeStats.pearson(Phantom.create(32, 6.0), res.full());
            assertTrue(rr > 0.85, "r vs phantom " + rr);
            FscCurve half = Fsc.compute(res.half1(), res.half2(), SoftMask.auto(res.half1(), res.half2()));
            assertTrue(half.resolution0143() < 20, "half-map resolution " + half.resolution0143());
        }
        // Same seed, same bytes.
        Path dir2 = Files.createDirectory(dir.resolve("again"));
        TiltSeriesSimulator.Result r2 = TiltSeriesSimulator.run(o.withThreads(1), null, dir2.resolve("sim.star"), Monitor.NONE);
        assertArrayEquals(Files.readAllBytes(r.stacks().get(1)), Files.readAllBytes(r2.stacks().get(1)));
        // RELION's contrast convention is the negative image; emflow's default sign inversion undoes it.
        Path dir3 = Files.createDirectory(dir.resolve("relion"));
        TiltSeriesSimulator.Result r3 = TiltSeriesSimulator.run(o.withInvertContrast(true), null, dir3.resolve("sim.star"), Monitor.NONE);
        try (MrcImageLoader loader = new MrcImageLoader()) {
            BackprojectResult res = Backprojector.run(r3.images(), loader, 32, 6.0, BackprojectOptions.defaults().withThreads(2), Monitor.NONE);
            double rr = VolumeStats.pearson(Phantom.create(32, 6.0), res.full());
            assertTrue(rr > 0.85, "r vs phantom with inverted contrast and the default sign inversion " + rr);
        }
        // Existing outputs are kept without overwrite.
        assertThrows(BadInputException.class, () -> TiltSeriesSimulator.run(o, null, dir.resolve("sim.star"), Monitor.NONE));
    }

    @Test
    void relionLayoutHasOpticsAndParticlesWithOriginsInAngstrom(@TempDir Path dir) throws Exception {
        SimulationOptions o = SimulationOptions.defaults().withBox(16).withPixelSize(5.0).withParticles(3)
                .withTilts(TiltScheme.parse("-6:6:6")).withThreads(1);
        TiltSeriesSimulator.Result r = TiltSeriesSimulator.run(o, null, dir.resolve("rel.star"), Monitor.NONE);
        StarFile f = StarReader.read(r.star());
        assertEquals("16", f.requireBlock("optics").requireLoop().get(0, "rlnImageSize"));
        var particles = f.requireBlock("particles").requireLoop();
        assertEquals(9, particles.rowCount());
        assertEquals(r.images().get(4).originX() * 5.0, particles.doubles("rlnOriginXAngst")[4], 1e-5);
        assertEquals("5@rel_00001.mrcs", particles.get(4, "rlnImageName"));
    }
}

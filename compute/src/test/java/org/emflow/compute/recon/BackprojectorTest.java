package org.emflow.compute.recon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ImageSource;
import org.emflow.compute.sim.Phantom;
import org.emflow.compute.testing.Blobs;
import org.emflow.compute.particles.InMemoryImages;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;

class BackprojectorTest {

    static ImageRecord record(ImageSource src, int particle, double rot, double tilt, double psi, double ox, double oy,
                              CtfParams ctf) {
        return new ImageRecord(src, particle, "p" + particle, "", 1.0, rot, tilt, psi, ox, oy, ctf, Double.NaN, Double.NaN, false);
    }

    /** Random views of a blob from analytic projections (no projector involved), with shifts. */
    @Test
    void analyticBlobProjectionsReconstructWhereTheBlobWas() throws Exception {
        int n = 24;
        double cx = 4, cy = -3, cz = 5, sigma = 1.6;
        InMemoryImages loader = new InMemoryImages("mem");
        List<ImageRecord> recs = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            double rot = rnd.nextDouble(-180, 180), tilt = Math.toDegrees(Math.acos(rnd.nextDouble(-1, 1))), psi = rnd.nextDouble(-180, 180);
            double ox = rnd.nextDouble(-2, 2), oy = rnd.nextDouble(-2, 2);
            ImageSource s = loader.add(Blobs.projection(n, cx, cy, cz, sigma, rot, tilt, psi, ox, oy));
            recs.add(record(s, i, rot, tilt, psi, ox, oy, null));
        }
        BackprojectOptions o = BackprojectOptions.defaults().withCtfMode(CtfMode.NONE).withDoseWeight(false)
                .withTiltWeight(false).withInvertSign(false).withGriddingCorrection(true).withPadding(2).withThreads(2);
        BackprojectResult r = Backprojector.run(recs, loader, n, 1.0, o, Monitor.NONE);
        double[] c = Blobs.centroid(r.full());
        assertEquals(cx, c[0], 0.1);
        assertEquals(cy, c[1], 0.1);
        assertEquals(cz, c[2], 0.1);
        Volume truth = Blobs.blob3(n, cx, cy, cz, sigma);
        assertTrue(VolumeStats.pearson(truth, r.full()) > 0.97, "r = " + VolumeStats.pearson(truth, r.full()));
        // The flipped map has the blob at -z.
        BackprojectResult f = Backprojector.run(recs, loader, n, 1.0, o.withFlipZ(true), Monitor.NONE);
        assertEquals(-cz, Blobs.centroid(f.full())[2], 0.1);
        // Default sign inversion gives the negative map.
        BackprojectResult inv = Backprojector.run(recs, loader, n, 1.0, o.withInvertSign(true), Monitor.NONE);
        assertEquals(-1.0, VolumeStats.pearson(inv.full(), r.full()), 1e-6);
    }

    static List<ImageRecord> phantomSeries(InMemoryImages loader, Volume map, int particles, int tilts, boolean ctf,
                                           long seed) {
        int n = map.nx();
        Projector p = new Projector(map);
        Projector.Slicer s = p.newSlicer();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ImageRecord> recs = new ArrayList<>();
        float[] img = new float[n * n];
        for (int k = 0; k < particles; k++) {
            double rot = rnd.nextDouble(-180, 180), tilt = Math.toDegrees(Math.acos(rnd.nextDouble(-1, 1))), psi = rnd.nextDouble(-180, 180);
            for (int t = 0; t < tilts; t++) {
                double stage = -60 + 120.0 * t / Math.max(1, tilts - 1);
                // A stage tilt about the image y axis after the particle's pose: compose via a second view.
                double r2 = rot, t2 = tilt, p2 = psi + 0; // keep simple: vary psi and tilt as a stand-in for stage tilt
                t2 = Math.max(0, Math.min(180, tilt + stage / 4));
                double df = 15000 + 3000 * rnd.nextDouble();
                CtfParams c = ctf ? new CtfParams(df, df - 500, 30, 300, 2.7, 0.1, 0, 0, 1) : null;
                double ox = rnd.nextDouble(-2, 2), oy = rnd.nextDouble(-2, 2);
                s.project(r2, t2, p2, ox, oy, c == null ? null : new Ctf(c), map.pixelSize(), null, img);
                for (int i = 0; i < img.length; i++) {
                    img[i] = -img[i]; // recorded with inverted contrast, like the shared data
                }
                ImageSource src = loader.add(img);
                recs.add(new ImageRecord(src, k, "p" + k, "", map.pixelSize(), r2, t2, p2, ox, oy, c, 3.0 * t, stage, false));
            }
        }
        return recs;
    }

    @Test
    void noiseFreePhantomWithCtfIsRecoveredByWienerAndBeatsPhaseFlip() throws Exception {
        Volume truth = Phantom.create(32, 6.0);
        InMemoryImages loader = new InMemoryImages("mem");
        List<ImageRecord> recs = phantomSeries(loader, truth, 60, 8, true, 11);
        BackprojectOptions o = BackprojectOptions.defaults().withDoseWeight(false).withTiltWeight(false).withThreads(2);
        Volume wiener = Backprojector.run(recs, loader, 32, 6.0, o.withWienerSnr(100), Monitor.NONE).full();
        Volume flip = Backprojector.run(recs, loader, 32, 6.0, o.withCtfMode(CtfMode.PHASE_FLIP), Monitor.NONE).full();
        double rw = VolumeStats.pearson(truth, wiener);
        double rf = VolumeStats.pearson(truth, flip);
        assertTrue(rw > 0.95, "Wiener r = " + rw);
        assertTrue(rw > rf + 0.02, "Wiener r = " + rw + " vs phase flip " + rf);
    }

    @Test
    void identicalInputsGiveBitIdenticalMapsWhateverTheThreadCount() throws Exception {
        Volume truth = Phantom.create(16, 8.0);
        InMemoryImages loader = new InMemoryImages("mem");
        List<ImageRecord> recs = phantomSeries(loader, truth, 20, 5, true, 3);
        BackprojectOptions o = BackprojectOptions.defaults().withSeed(7);
        BackprojectResult a = Backprojector.run(recs, loader, 16, 8.0, o.withThreads(1), Monitor.NONE);
        BackprojectResult b = Backprojector.run(recs, loader, 16, 8.0, o.withThreads(3), Monitor.NONE);
        assertArrayEquals(a.full().data(), b.full().data());
        assertArrayEquals(a.half1().data(), b.half1().data());
        assertArrayEquals(a.half2().data(), b.half2().data());
        // With a constant Wiener SNR the full map is the same for any split (the automatic SNR comes from the halves).
        BackprojectResult c = Backprojector.run(recs, loader, 16, 8.0, o.withSeed(8).withWienerSnr(1), Monitor.NONE);
        a = Backprojector.run(recs, loader, 16, 8.0, o.withWienerSnr(1), Monitor.NONE);
        float[] fa = a.full().data(), fc = c.full().data();
        for (int i = 0; i < fa.length; i++) {
            assertEquals(fa[i], fc[i], 1e-4 * Math.abs(fa[i]) + 1e-7, "the full map does not depend on the split (voxel " + i + ")");
        }
        assertTrue(!java.util.Arrays.equals(a.half1().data(), c.half1().data()), "another seed, another split");
    }

    /**
     * A workflow's nodes share one pool (its thread budget): the back projector runs on the caller's pool when the
     * monitor offers one, creates no threads of its own, leaves the pool running and gives the same maps.
     */
    @Test
    void theCallersSharedPoolIsUsedAndLeftRunning() throws Exception {
        Volume truth = Phantom.create(16, 8.0);
        InMemoryImages loader = new InMemoryImages("mem");
        List<ImageRecord> recs = phantomSeries(loader, truth, 20, 5, true, 3);
        BackprojectOptions o = BackprojectOptions.defaults().withSeed(7).withThreads(4);
        java.util.concurrent.ForkJoinPool shared = new java.util.concurrent.ForkJoinPool(1);
        int threadsBefore = Thread.activeCount();
        Monitor withPool = new Monitor() {
            @Override
            public void progress(double fraction, String message) {
            }

            @Override
            public boolean isCanceled() {
                return false;
            }

            @Override
            public java.util.concurrent.ForkJoinPool pool() {
                return shared;
            }
        };
        try {
            BackprojectResult a = Backprojector.run(recs, loader, 16, 8.0, o, withPool);
            assertTrue(!shared.isShutdown(), "the shared pool stays up for the run's other nodes");
            assertTrue(Thread.activeCount() <= threadsBefore + 1, "no threads beyond the shared pool's one");
            assertEquals(1, shared.getPoolSize(), "the work ran on the shared pool's thread");
            BackprojectResult b = Backprojector.run(recs, loader, 16, 8.0, o, Monitor.NONE);
            assertArrayEquals(b.full().data(), a.full().data());
            assertArrayEquals(b.half1().data(), a.half1().data());
        } finally {
            shared.shutdownNow();
        }
    }

    @Test
    void anyBoxSizeWorksIncludingTheOriginalsCrashSizesAndOddBoxes() throws Exception {
        for (int n : new int[] { 48, 15 }) {
            int cx = 3, cy = -2, cz = 2;
            InMemoryImages loader = new InMemoryImages("mem");
            List<ImageRecord> recs = new ArrayList<>();
            SplittableRandom rnd = new SplittableRandom(9);
            for (int i = 0; i < 200; i++) {
                double rot = rnd.nextDouble(-180, 180), tilt = Math.toDegrees(Math.acos(rnd.nextDouble(-1, 1))), psi = rnd.nextDouble(-180, 180);
                recs.add(record(loader.add(Blobs.projection(n, cx, cy, cz, 1.5, rot, tilt, psi, 0, 0)), i, rot, tilt, psi, 0, 0, null));
            }
            BackprojectOptions o = BackprojectOptions.defaults().withCtfMode(CtfMode.NONE).withDoseWeight(false)
                    .withTiltWeight(false).withInvertSign(false).withGriddingCorrection(true).withPadding(2).withThreads(2);
            double[] c = Blobs.centroid(Backprojector.run(recs, loader, n, 1.0, o, Monitor.NONE).full());
            assertEquals(cx, c[0], 0.15, "box " + n);
            assertEquals(cy, c[1], 0.15, "box " + n);
            assertEquals(cz, c[2], 0.15, "box " + n);
        }
    }

    @Test
    void doseWeightsAverageInsteadOfAttenuatingUnlessAskedTo() throws Exception {
        // Noise-free projections of one blob with a high cumulative dose: a weighted mean of identical
        // signals is the signal, whatever the weights; the original's attenuation low-passes it.
        int n = 24;
        InMemoryImages loader = new InMemoryImages("mem");
        List<ImageRecord> recs = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(21);
        for (int i = 0; i < 300; i++) {
            double rot = rnd.nextDouble(-180, 180), tilt = Math.toDegrees(Math.acos(rnd.nextDouble(-1, 1))), psi = rnd.nextDouble(-180, 180);
            ImageSource s = loader.add(Blobs.projection(n, 2, -1, 3, 1.2, rot, tilt, psi, 0, 0));
            CtfParams voltageOnly = new CtfParams(20000, 20000, 0, 300, 2.7, 0.1, 0, 0, 1); // CTF mode NONE: only the voltage is used
            recs.add(new ImageRecord(s, i, "p" + i, "", 4.0, rot, tilt, psi, 0, 0, voltageOnly, 20.0 + (i % 10) * 10, 0, false));
        }
        BackprojectOptions o = BackprojectOptions.defaults().withCtfMode(CtfMode.NONE).withTiltWeight(false)
                .withInvertSign(false).withThreads(2);
        Volume plain = Backprojector.run(recs, loader, n, 4.0, o.withDoseWeight(false), Monitor.NONE).full();
        Volume mean = Backprojector.run(recs, loader, n, 4.0, o, Monitor.NONE).full();
        Volume atten = Backprojector.run(recs, loader, n, 4.0, o.withWeighting(WeightingMode.ORIGINAL_ATTENUATION), Monitor.NONE).full();
        assertTrue(VolumeStats.pearson(plain, mean) > 0.999, "weighted mean vs unweighted r = " + VolumeStats.pearson(plain, mean));
        double peakPlain = max(plain), peakMean = max(mean), peakAtten = max(atten);
        assertEquals(peakPlain, peakMean, 0.02 * peakPlain, "the weighted mean keeps the blob's height");
        assertTrue(peakAtten < 0.8 * peakPlain, "attenuation lowers the peak: " + peakAtten + " vs " + peakPlain);
    }

    private static double max(Volume v) {
        double m = Double.NEGATIVE_INFINITY;
        for (float f : v.data()) {
            m = Math.max(m, f);
        }
        return m;
    }

    @Test
    void halfMapsSplitByParticleNotByImage() {
        List<ImageRecord> recs = new ArrayList<>();
        for (int p = 0; p < 11; p++) {
            for (int t = 0; t < 4; t++) {
                recs.add(record(new ImageSource(java.nio.file.Path.of("x"), p * 4 + t), p, 0, 0, 0, 0, 0, null));
            }
        }
        byte[] h = HalfSets.assign(recs, 42);
        int ones = 0;
        for (int p = 0; p < 11; p++) {
            for (int t = 1; t < 4; t++) {
                assertEquals(h[p * 4], h[p * 4 + t], "all images of particle " + p + " in one half");
            }
            ones += h[p * 4] == 1 ? 1 : 0;
        }
        assertEquals(6, ones, "11 particles split 6 / 5");
        assertArrayEquals(h, HalfSets.assign(recs, 42));
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        InMemoryImages loader = new InMemoryImages("mem");
        BadInputException none = assertThrows(BadInputException.class,
                () -> Backprojector.run(List.of(), loader, 16, 1.0, BackprojectOptions.defaults(), Monitor.NONE));
        assertTrue(none.getMessage().contains("zero images"));
        ImageRecord noCtf = record(loader.add(new float[256]), 0, 0, 0, 0, 0, 0, null);
        BadInputException ctf = assertThrows(BadInputException.class, () -> Backprojector.run(List.of(noCtf), loader, 16, 1.0,
                BackprojectOptions.defaults().withDoseWeight(false).withTiltWeight(false), Monitor.NONE));
        assertTrue(ctf.getMessage().contains("1@mem") && ctf.getMessage().contains("rlnDefocusU"), ctf.getMessage());
        BadInputException dose = assertThrows(BadInputException.class, () -> Backprojector.run(List.of(noCtf), loader, 16, 1.0,
                BackprojectOptions.defaults().withCtfMode(CtfMode.NONE).withTiltWeight(false), Monitor.NONE));
        assertTrue(dose.getMessage().contains("dose"), dose.getMessage());
    }
}

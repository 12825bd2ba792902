package org.emflow.compute.recon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.LowPassFilter;
import org.emflow.compute.fsc.SoftMask;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.testing.SharedData;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;

/**
 * The default reconstruction against the ground truths of the shared tomoDRGN data
 * (--uninvert-data), with the original program's anchors from specs/tomodrgn-backproject.md §3:
 * classD r = 0.41 full / 0.70 filtered, FSC(truth) 0.143 at 34.9 Å first below / 37.0 Å interpolated;
 * both classes r = 0.51 / 0.77 against class D.
 */
class QualityOnSharedDataTest {

    record Quality(double r, double rFiltered, double fscTruth0143, double halfRes) {
    }

    static Quality measure(String star, String truthFile, BackprojectOptions o) throws Exception {
        Path starPath = SharedData.require("tomodrgn/" + star);
        Path dir = starPath.getParent();
        List<ImageRecord> recs = ParticleTableReader.read(starPath, ReadOptions.DEFAULT.withDataDir(dir)).images();
        Volume truth;
        try (MrcReader r = MrcReader.open(SharedData.require("tomodrgn/" + truthFile))) {
            truth = r.readVolume();
        }
        try (MrcImageLoader loader = new MrcImageLoader()) {
            BackprojectResult res = Backprojector.run(recs, loader, 32, 13.1, o, Monitor.NONE);
            FscCurve half = Fsc.compute(res.half1(), res.half2(), SoftMask.auto(res.half1(), res.half2()));
            Volume filt = LowPassFilter.apply(res.full(), half.resolution0143(), LowPassFilter.Edge.SOFT);
            FscCurve vsTruth = Fsc.compute(res.full(), truth, null);
            return new Quality(VolumeStats.pearson(truth, res.full()), VolumeStats.pearson(truth, filt),
                    vsTruth.resolution0143(), half.resolution0143());
        }
    }

    @Test
    void defaultReconstructionOfClassDBeatsTheOriginalOnCorrelationAndFsc() throws Exception {
        Quality q = measure("10076_classD_32_sim.star", "10076_classD_32.mrc",
                BackprojectOptions.defaults().withInvertSign(false).withThreads(2));
        // measured: r 0.81, filtered 0.81, FSC(truth) 0.143 at 30.7 A (interpolated)
        assertTrue(q.r() > 0.76, "r = " + q.r() + " (original 0.41)");
        assertTrue(q.rFiltered() > 0.76, "filtered r = " + q.rFiltered() + " (original 0.70)");
        assertTrue(q.fscTruth0143() < 33.0, "FSC vs truth 0.143 at " + q.fscTruth0143() + " A (original 37.0 A interpolated)");
        // Gold-standard half maps carry no Wiener term: their masked FSC must not run to Nyquist (26.2 A);
        // measured 36.4 A (the original: 38.1 A), consistent with the FSC against the truth.
        assertTrue(q.halfRes() > 30 && q.halfRes() < 42, "half-map FSC 0.143 at " + q.halfRes() + " A");
    }

    @Test
    void defaultReconstructionOfBothClassesBeatsTheOriginal() throws Exception {
        Quality q = measure("10076_both_32_sim.star", "10076_classD_32.mrc",
                BackprojectOptions.defaults().withInvertSign(false).withThreads(2));
        // measured: r 0.81, filtered 0.81, FSC(truth) 0.143 at 29.9 A
        assertTrue(q.r() > 0.76, "r = " + q.r() + " (original 0.51)");
        assertTrue(q.rFiltered() > 0.79, "filtered r = " + q.rFiltered() + " (original 0.77)");
        assertTrue(q.fscTruth0143() < 33.0, "FSC vs truth 0.143 at " + q.fscTruth0143() + " A");
    }

    @Test
    void originalChoicesStillWorkAndWienerBeatsThem() throws Exception {
        Quality orig = measure("10076_classD_32_sim.star", "10076_classD_32.mrc",
                BackprojectOptions.original().withInvertSign(false).withThreads(2));
        Quality def = measure("10076_classD_32_sim.star", "10076_classD_32.mrc",
                BackprojectOptions.defaults().withInvertSign(false).withThreads(2));
        // Without the sample loss the original's own choices already give r ≈ 0.57 (original program: 0.41).
        assertTrue(orig.r() > 0.45, "original-choices r = " + orig.r());
        assertTrue(def.r() > orig.r() + 0.1, "default r " + def.r() + " vs original choices " + orig.r());
    }

    @Test
    void warpToolsOptimisationSetBeatsTheOriginalAgainstItsReference() throws Exception {
        Path set = SharedData.require("tomodrgn/warptools_test_4-tomos_10-ptcls_box-32_angpix-12_optimisation_set.star");
        org.emflow.compute.particles.ParticleTable t = ParticleTableReader.read(set, ReadOptions.DEFAULT);
        Volume ref;
        try (MrcReader r = MrcReader.open(SharedData.require("tomodrgn/warptools_test_box-32_angpix-12_reconstruct.mrc"))) {
            ref = r.readVolume();
        }
        // --uninvert-data --flip, as tomoDRGN's tests run it; CTF-premultiplied data.
        BackprojectOptions o = BackprojectOptions.defaults().withInvertSign(false).withFlipZ(true).withThreads(2);
        try (MrcImageLoader loader = new MrcImageLoader()) {
            BackprojectResult res = Backprojector.run(t.images(), loader, t.boxSize(), t.pixelSize(), o, Monitor.NONE);
            FscCurve half = Fsc.compute(res.half1(), res.half2(), SoftMask.auto(res.half1(), res.half2()));
            Volume filt = LowPassFilter.apply(res.full(), half.resolution0143(), LowPassFilter.Edge.SOFT);
            double r = VolumeStats.pearson(ref, res.full());
            double rf = VolumeStats.pearson(ref, filt);
            // measured: 0.845 / 0.859; the original: 0.124 / 0.132
            assertTrue(r > 0.6, "r = " + r + " (original 0.124)");
            assertTrue(rf > 0.6, "filtered r = " + rf + " (original 0.132)");
            // The hand matters: without --flip the agreement drops.
            o = o.withFlipZ(false);
            double unflipped = VolumeStats.pearson(ref, Backprojector.run(t.images(), loader, t.boxSize(), t.pixelSize(), o, Monitor.NONE).full());
            assertTrue(unflipped < r - 0.1, "unflipped r = " + unflipped + " vs flipped " + r);
        }
    }
}

package org.emflow.compute.recon;

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
import org.emflow.compute.util.Monitor;

/** Manual exploration: prints quality per option on the shared data (not a test). */
public final class QualityExplore {
    public static void main(String[] args) throws Exception {
        Path d = Path.of("/work/shared/data/tomodrgn");
        String star = args.length > 0 ? args[0] : "10076_classD_32_sim.star";
        List<ImageRecord> recs = ParticleTableReader.read(d.resolve(star), ReadOptions.DEFAULT.withDataDir(d)).images();
        Volume truth;
        try (MrcReader r = MrcReader.open(d.resolve("10076_classD_32.mrc"))) {
            truth = r.readVolume();
        }
        BackprojectOptions base = BackprojectOptions.defaults().withInvertSign(false).withThreads(2);
        Object[][] variants = {
            { "original choices", BackprojectOptions.original().withInvertSign(false).withThreads(2) },
            { "none", base.withCtfMode(CtfMode.NONE).withDoseWeight(false).withTiltWeight(false) },
            { "flip", base.withCtfMode(CtfMode.PHASE_FLIP).withDoseWeight(false).withTiltWeight(false) },
            { "flip+dose+tilt", base.withCtfMode(CtfMode.PHASE_FLIP) },
            { "wiener snr0.1+dose+tilt", base.withWienerSnr(0.1) },
            { "wienerAuto", base.withDoseWeight(false).withTiltWeight(false) },
            { "wienerAuto+dose", base.withTiltWeight(false) },
            { "DEFAULT wienerAuto+dose+tilt", base },
            { "default, attenuation", base.withWeighting(WeightingMode.ORIGINAL_ATTENUATION) },
            { "default, pad2", base.withPadding(2) },
            { "default, pad2 dense", base.withPadding(2).withPadImages(true) },
            { "default, pad2 dense grid", base.withPadding(2).withPadImages(true).withGriddingCorrection(true) },
            { "default, snrScale3", base.withSnrScale(3) },
            { "default, snrScale30", base.withSnrScale(30) },
            { "default, gridding", base.withGriddingCorrection(true) },
            { "default, snrScale1", base.withSnrScale(1) },
        };
        try (MrcImageLoader loader = new MrcImageLoader()) {
            for (Object[] v : variants) {
                long t0 = System.nanoTime();
                BackprojectResult res = Backprojector.run(recs, loader, 32, 13.1, (BackprojectOptions) v[1], Monitor.NONE);
                long t1 = System.nanoTime();
                FscCurve half = Fsc.compute(res.half1(), res.half2(), SoftMask.auto(res.half1(), res.half2()));
                double resHalf = half.resolution0143();
                Volume filt = LowPassFilter.apply(res.full(), resHalf, LowPassFilter.Edge.SOFT);
                Volume filtH = LowPassFilter.apply(res.full(), half.resolutionFirstBelow(0.143), LowPassFilter.Edge.HARD);
                FscCurve vsTruth = Fsc.compute(res.full(), truth, null);
                System.out.printf("%-20s r=%.4f filt(soft %.1f)=%.4f filt(hard)=%.4f  truthFSC0.143=%.1f/%.1f 0.5=%.1f  halfFSC0.143=%.1f  %d ms%n",
                        v[0], VolumeStats.pearson(truth, res.full()), resHalf, VolumeStats.pearson(truth, filt),
                        VolumeStats.pearson(truth, filtH), vsTruth.resolutionFirstBelow(0.143), vsTruth.resolution0143(),
                        vsTruth.resolution05(), resHalf, (t1 - t0) / 1000000);
            }
        }
    }
}

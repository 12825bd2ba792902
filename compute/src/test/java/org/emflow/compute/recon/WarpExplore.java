package org.emflow.compute.recon;

import java.nio.file.Path;

import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.LowPassFilter;
import org.emflow.compute.fsc.SoftMask;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.util.Monitor;

/** Manual exploration on the WarpTools optimisation set (not a test). */
public final class WarpExplore {
    public static void main(String[] args) throws Exception {
        Path d = Path.of("/work/shared/data/tomodrgn");
        ParticleTable t = ParticleTableReader.read(d.resolve("warptools_test_4-tomos_10-ptcls_box-32_angpix-12_optimisation_set.star"), ReadOptions.DEFAULT);
        System.out.println(t + " premultiplied " + t.ctfPremultiplied() + " hasCtf " + t.hasCtf());
        Volume ref;
        try (MrcReader r = MrcReader.open(d.resolve("warptools_test_box-32_angpix-12_reconstruct.mrc"))) {
            ref = r.readVolume();
        }
        BackprojectOptions base = BackprojectOptions.defaults().withInvertSign(false).withFlipZ(true).withThreads(2);
        Object[][] variants = {
            { "original choices", BackprojectOptions.original().withInvertSign(false).withFlipZ(true).withThreads(2) },
            { "none", base.withCtfMode(CtfMode.NONE).withDoseWeight(false).withTiltWeight(false) },
            { "none+dose+tilt", base.withCtfMode(CtfMode.NONE) },
            { "flip+dose+tilt", base.withCtfMode(CtfMode.PHASE_FLIP) },
            { "wienerAuto", base.withDoseWeight(false).withTiltWeight(false) },
            { "DEFAULT", base },
            { "default noflip", base.withFlipZ(false) },
            { "default pad2", base.withPadding(2) },
            { "pad2 snr1", base.withPadding(2).withWienerSnr(1) },
            { "pad2 none", base.withPadding(2).withCtfMode(CtfMode.NONE) },
            { "pad2 none grid", base.withPadding(2).withCtfMode(CtfMode.NONE).withGriddingCorrection(true) },
        };
        try (MrcImageLoader loader = new MrcImageLoader()) {
            for (Object[] v : variants) {
                BackprojectResult res = Backprojector.run(t.images(), loader, t.boxSize(), t.pixelSize(), (BackprojectOptions) v[1], Monitor.NONE);
                FscCurve half = Fsc.compute(res.half1(), res.half2(), SoftMask.auto(res.half1(), res.half2()));
                Volume filt = LowPassFilter.apply(res.full(), half.resolution0143(), LowPassFilter.Edge.SOFT);
                FscCurve vs = Fsc.compute(res.full(), ref.withPixelSize(res.full().pixelSize()), null);
                System.out.printf("%-18s r=%.4f filt=%.4f  refFSC0.143=%.1f/%.1f 0.5=%.1f half0.143=%.1f%n", v[0],
                        VolumeStats.pearson(ref, res.full()), VolumeStats.pearson(ref, filt), vs.resolutionFirstBelow(0.143),
                        vs.resolution0143(), vs.resolution05(), half.resolution0143());
            }
        }
    }
}

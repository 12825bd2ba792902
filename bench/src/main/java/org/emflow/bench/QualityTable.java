package org.emflow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.LowPassFilter;
import org.emflow.compute.fsc.SoftMask;
import org.emflow.compute.fsc.VolumeStats;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.recon.BackprojectOptions;
import org.emflow.compute.recon.BackprojectResult;
import org.emflow.compute.recon.Backprojector;
import org.emflow.compute.recon.CtfMode;
import org.emflow.compute.recon.WeightingMode;
import org.emflow.compute.util.Monitor;

/**
 * Prints the reconstruction quality per option on the shared tomoDRGN data (the table of
 * docs/reconstruction.md): {@code java -cp bench/target/benchmarks.jar org.emflow.bench.QualityTable ../shared/data/tomodrgn}.
 * r = Pearson over the box against the truth (or the WarpTools reference), filtered = soft low-pass at the
 * half-map FSC 0.143, FSC against the truth unmasked (first shell below / interpolated).
 */
public final class QualityTable {
    public static void main(String[] args) throws Exception {
        Path d = Path.of(args.length > 0 ? args[0] : "../shared/data/tomodrgn");
        Volume classD = read(d.resolve("10076_classD_32.mrc"));
        BackprojectOptions base = BackprojectOptions.defaults().withInvertSign(false).withThreads(2);
        Object[][] variants = {
            { "original's choices", BackprojectOptions.original().withInvertSign(false).withThreads(2) },
            { "none", base.withCtfMode(CtfMode.NONE).withDoseWeight(false).withTiltWeight(false) },
            { "phase flip", base.withCtfMode(CtfMode.PHASE_FLIP).withDoseWeight(false).withTiltWeight(false) },
            { "phase flip + dose + tilt", base.withCtfMode(CtfMode.PHASE_FLIP) },
            { "Wiener SNR 0.1 + dose + tilt", base.withWienerSnr(0.1) },
            { "Wiener auto", base.withDoseWeight(false).withTiltWeight(false) },
            { "Wiener auto + dose", base.withTiltWeight(false) },
            { "DEFAULT (Wiener auto + dose + tilt)", base },
            { "default, original attenuation", base.withWeighting(WeightingMode.ORIGINAL_ATTENUATION) },
            { "default, padding 2", base.withPadding(2) },
            { "default, padding 2, padded images", base.withPadding(2).withPadImages(true) },
            { "default, gridding correction", base.withGriddingCorrection(true) },
            { "default, SNR scale 3", base.withSnrScale(3) },
        };
        for (String star : new String[] { "10076_classD_32_sim.star", "10076_both_32_sim.star" }) {
            List<ImageRecord> recs = ParticleTableReader.read(d.resolve(star), ReadOptions.DEFAULT.withDataDir(d)).images();
            System.out.println("== " + star + " (--uninvert-data) vs 10076_classD_32.mrc");
            for (Object[] v : variants) {
                row((String) v[0], recs, 32, 13.1, (BackprojectOptions) v[1], classD);
            }
        }
        ParticleTable warp = ParticleTableReader.read(d.resolve("warptools_test_4-tomos_10-ptcls_box-32_angpix-12_optimisation_set.star"),
                ReadOptions.DEFAULT);
        Volume ref = read(d.resolve("warptools_test_box-32_angpix-12_reconstruct.mrc"));
        System.out.println("== WarpTools optimisation set (--uninvert-data --flip) vs its reference");
        BackprojectOptions wb = base.withFlipZ(true);
        row("original's choices", warp.images(), warp.boxSize(), warp.pixelSize(),
                BackprojectOptions.original().withInvertSign(false).withFlipZ(true).withThreads(2), ref);
        row("none + dose + tilt", warp.images(), warp.boxSize(), warp.pixelSize(), wb.withCtfMode(CtfMode.NONE), ref);
        row("Wiener auto", warp.images(), warp.boxSize(), warp.pixelSize(), wb.withDoseWeight(false).withTiltWeight(false), ref);
        row("DEFAULT", warp.images(), warp.boxSize(), warp.pixelSize(), wb, ref);
        row("default without --flip", warp.images(), warp.boxSize(), warp.pixelSize(), wb.withFlipZ(false), ref);
        row("default, padding 2", warp.images(), warp.boxSize(), warp.pixelSize(), wb.withPadding(2), ref);
    }

    private static void row(String name, List<ImageRecord> recs, int box, double px, BackprojectOptions o, Volume truth)
            throws Exception {
        try (MrcImageLoader loader = new MrcImageLoader()) {
            BackprojectResult res = Backprojector.run(recs, loader, box, px, o, Monitor.NONE);
            FscCurve half = Fsc.compute(res.half1(), res.half2(), SoftMask.auto(res.half1(), res.half2()));
            Volume filt = LowPassFilter.apply(res.full(), half.resolution0143(), LowPassFilter.Edge.SOFT);
            FscCurve vs = Fsc.compute(res.full(), truth.withPixelSize(res.full().pixelSize()), null);
            System.out.printf(Locale.ROOT, "%-38s r %.3f  filtered %.3f  FSC(truth) 0.5 %.1f A  0.143 %.1f / %.1f A  half-map 0.143 %.1f A%n",
                    name, VolumeStats.pearson(truth, res.full()), VolumeStats.pearson(truth, filt), vs.resolution05(),
                    vs.resolutionFirstBelow(0.143), vs.resolution0143(), half.resolution0143());
        }
    }

    private static Volume read(Path p) throws Exception {
        try (MrcReader r = MrcReader.open(p)) {
            return r.readVolume();
        }
    }
}

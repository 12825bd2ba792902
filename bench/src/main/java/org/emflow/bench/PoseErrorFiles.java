package org.emflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.emflow.compute.align.PoseErrors;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;

/**
 * Benchmark driver: how far the poses of one or more STAR files are from the truth. {@code PoseErrorFiles TRUTH.star
 * A.star [B.star ...]} prints, per file, the median and 90th percentile of the geodesic angle (degrees) and of the origin
 * distance (pixels) to the truth. Images are paired by stack file name and section, not by row, because relion_refine writes its particles in
 * its own order and its STAR may sit in another folder than the stacks (looked up in the truth's folder then).
 */
public final class PoseErrorFiles {
    public static void main(String[] args) throws Exception {
        ParticleTable truth = ParticleTableReader.read(Path.of(args[0]), ReadOptions.DEFAULT);
        Map<String, ImageRecord> byImage = new HashMap<>();
        for (ImageRecord r : truth.images()) {
            byImage.put(key(r), r);
        }
        for (int f = 1; f < args.length; f++) {
            // relion_refine's STAR names the stacks as its input did, relative to the folder it ran in: the truth's.
            ParticleTable t = ParticleTableReader.read(Path.of(args[f]), ReadOptions.DEFAULT.withDataDir(truth.source().toAbsolutePath().getParent()));
            List<ImageRecord> a = new ArrayList<>();
            List<ImageRecord> b = new ArrayList<>();
            for (ImageRecord r : t.images()) {
                ImageRecord match = byImage.get(key(r));
                if (match == null) {
                    throw new IllegalArgumentException(args[f] + ": image " + r.source() + " is not in " + args[0]);
                }
                a.add(match);
                b.add(r);
            }
            double[] angles = PoseErrors.angles(a, b), shifts = PoseErrors.shifts(a, b);
            System.out.printf(Locale.ROOT, "%s: %d images, angle error median %.2f deg (90th percentile %.2f), shift error median "
                            + "%.2f px (90th percentile %.2f)%n", args[f], a.size(), PoseErrors.median(angles),
                    PoseErrors.percentile(angles, 90), PoseErrors.median(shifts), PoseErrors.percentile(shifts, 90));
        }
    }

    private static String key(ImageRecord r) {
        return r.source().file().getFileName() + "#" + r.source().index();
    }
}

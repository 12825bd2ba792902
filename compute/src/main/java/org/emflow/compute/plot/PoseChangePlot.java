package org.emflow.compute.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * PNG of how far a refinement moved the poses: per iteration, the histogram of the images' angle changes (degrees),
 * as a fraction of the images per bin, with the share that moved less than a pixel in the legend. A person sees at
 * a glance whether later iterations still move the poses.
 */
public final class PoseChangePlot {
    private static final int BINS = 20;

    private PoseChangePlot() {
    }

    /** One iteration's changes: its number, every image's angle change (degrees), the fraction under 1 px. */
    public record Iteration(int number, double[] angleChanges, double fractionUnderOnePixel) {
    }

    public static void writePng(Path path, List<Iteration> iterations, boolean overwrite) throws IOException {
        double hi = 0;
        for (Iteration it : iterations) {
            for (double a : it.angleChanges()) {
                hi = Math.max(hi, a);
            }
        }
        hi = hi > 0 ? hi : 1;
        double width = hi / BINS;
        double[] centres = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            centres[b] = (b + 0.5) * width;
        }
        double top = 0;
        double[][] fractions = new double[iterations.size()][BINS];
        for (int k = 0; k < iterations.size(); k++) {
            double[] a = iterations.get(k).angleChanges();
            for (double v : a) {
                fractions[k][Math.min(BINS - 1, (int) (v / width))] += 1.0 / a.length;
            }
            for (double f : fractions[k]) {
                top = Math.max(top, f);
            }
        }
        LinePlot p = new LinePlot("Pose changes per iteration", "angle change (deg)", "fraction of images", 0, hi, 0,
                Math.min(1, top * 1.1 + 1e-3));
        for (int k = 0; k < iterations.size(); k++) {
            Iteration it = iterations.get(k);
            p.series(String.format(Locale.ROOT, "iteration %d (%.0f %% < 1 px)", it.number(), 100 * it.fractionUnderOnePixel()),
                    centres, fractions[k]);
        }
        p.write(path, overwrite);
    }
}

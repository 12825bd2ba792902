package org.emflow.compute.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** PNG of per-image displacements (pixels) against image number, several named series (e.g. dx and dy before and after). */
public final class DisplacementPlot {
    private DisplacementPlot() {
    }

    /** One curve: its legend name and one value per image. */
    public record Series(String name, double[] values) {
    }

    public static void writePng(Path path, String title, int[] images, List<Series> series, boolean overwrite) throws IOException {
        double[] x = new double[images.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = images[i];
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.values()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        // At least 1 px of range, and a margin so the curves do not run along the frame.
        double mid = 0.5 * (lo + hi);
        double half = Math.max(0.5, 0.55 * (hi - lo));
        double x0 = x.length > 0 ? x[0] : 0;
        double x1 = x.length > 1 ? x[x.length - 1] : x0 + 1;
        LinePlot p = new LinePlot(title, "image", "displacement (px)", x0, x1, mid - half, mid + half);
        p.hline("0", 0);
        for (Series s : series) {
            p.series(s.name(), x, s.values());
        }
        p.write(path, overwrite);
    }
}

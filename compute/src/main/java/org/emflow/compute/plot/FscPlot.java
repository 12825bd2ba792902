package org.emflow.compute.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.emflow.compute.fsc.FscCurve;

/** PNG of an FSC curve against spatial frequency, with the 0.5 and 0.143 thresholds and the 0.143 resolution in the title. */
public final class FscPlot {
    private FscPlot() {
    }

    public static void writePng(Path path, FscCurve curve, boolean overwrite) throws IOException {
        double[] f = curve.frequency();
        LinePlot p = new LinePlot(String.format(Locale.ROOT, "FSC: 0.143 at %.1f A, 0.5 at %.1f A", curve.resolution0143(),
                curve.resolution05()), "spatial frequency (1/A)", "FSC", 0, f[f.length - 1], Math.min(0, min(curve.fsc())), 1.0);
        p.hline("0.5", 0.5);
        p.hline("0.143", 0.143);
        p.series("FSC", f, curve.fsc());
        p.write(path, overwrite);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return Math.max(-1, m);
    }
}

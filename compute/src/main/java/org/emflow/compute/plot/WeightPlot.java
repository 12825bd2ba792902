package org.emflow.compute.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.weighting.FrequencyWeights;

/** PNG of the frequency weight against spatial frequency, one curve per given image (e.g. one per tilt). */
public final class WeightPlot {
    private WeightPlot() {
    }

    /** {@code box} and {@code pixelSize} set the frequency axis (0 … Nyquist). */
    public static void writePng(Path path, List<ImageRecord> images, List<String> labels, FrequencyWeights weights,
                                int box, double pixelSize, boolean overwrite) throws IOException {
        int n = box / 2 + 1;
        double ds = 1.0 / (box * pixelSize);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * ds;
        }
        LinePlot p = new LinePlot("Dose and tilt weights", "spatial frequency (1/A)", "weight", 0, x[n - 1], 0, 1);
        float[] w = new float[n];
        for (int k = 0; k < images.size(); k++) {
            weights.radialProfile(images.get(k), ds, w);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = w[i];
            }
            p.series(labels.get(k), x, y);
        }
        p.write(path, overwrite);
    }
}

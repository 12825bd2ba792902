package org.emflow.compute.weighting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcStackWriter;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.util.Monitor;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * Writes each image multiplied, frequency by frequency, by its own dose and tilt weights
 * ({@link FrequencyWeights#radialProfile}), streamed from the source stacks to one float32 MRC stack
 * in table order. The weights are radial and real, so they are applied to the plain (uncentred) 2-D
 * FFT with wrapped frequencies and the image stays real; the mean (DC) is scaled by the
 * frequency-independent factor only.
 */
public final class WeightedImages {
    private WeightedImages() {
    }

    public static void write(List<ImageRecord> images, FrequencyWeights weights, int box, double pixelSize, Path target,
                             boolean overwrite, Monitor monitor) throws IOException {
        int n = box;
        double ds = 1.0 / (n * pixelSize);
        int radii = (int) Math.ceil(Math.sqrt(2) * (n / 2.0)) + 2;
        float[] radial = new float[radii];
        float[] image = new float[n * n];
        float[] spectrum = new float[2 * n * n];
        FloatFFT_2D fft = new FloatFFT_2D(n, n);
        try (MrcImageLoader loader = new MrcImageLoader()) {
            MrcStackWriter out = MrcStackWriter.stack(target, n, n, pixelSize, MrcMode.FLOAT32, overwrite);
            boolean ok = false;
            try {
                for (int k = 0; k < images.size(); k++) {
                    monitor.checkCanceled();
                    ImageRecord r = images.get(k);
                    loader.read(r.source(), image);
                    weights.radialProfile(r, ds, radial);
                    java.util.Arrays.fill(spectrum, 0f);
                    System.arraycopy(image, 0, spectrum, 0, image.length);
                    fft.realForwardFull(spectrum);
                    for (int y = 0; y < n; y++) {
                        int fy = y <= n / 2 ? y : y - n;
                        for (int x = 0; x < n; x++) {
                            int fx = x <= n / 2 ? x : x - n;
                            double rad = Math.sqrt((double) fx * fx + (double) fy * fy);
                            int i0 = (int) rad;
                            double t = rad - i0;
                            float w = (float) ((1 - t) * radial[i0] + t * radial[i0 + 1]);
                            int idx = 2 * (y * n + x);
                            spectrum[idx] *= w;
                            spectrum[idx + 1] *= w;
                        }
                    }
                    fft.complexInverse(spectrum, true);
                    for (int i = 0; i < image.length; i++) {
                        image[i] = spectrum[2 * i];
                    }
                    out.append(image);
                    if ((k & 63) == 0) {
                        monitor.progress((double) k / images.size(), "weighting images");
                    }
                }
                ok = true;
            } finally {
                if (ok) {
                    out.close();
                } else {
                    out.abort();
                }
            }
        }
    }
}

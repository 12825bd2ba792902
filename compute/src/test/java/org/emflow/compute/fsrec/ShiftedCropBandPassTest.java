package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShiftedCropBandPassTest {
    @TempDir
    Path dir;

    @Test
    void localCropsOfShiftedImagesEqualTheWholeSpectrumComputation() throws IOException {
        FsrParameters p = NoiseSeries.write(dir, 21, "[5, -9]");
        int nx = p.nx();
        int ny = p.ny();
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            FocalSeries s = FocalSeries.load(p, pool, Monitor.NONE);
            s.setDisplacements(new double[] {2.37, -3, 7.81}, new double[] {-3.62, 2, 0.49});
            GaussianFilter g = GaussianFilter.on(s.g2, 1, 4);
            int a = 48 * 64;
            float[][] local = {new float[a], new float[a], new float[a]};
            FocalSeries.run(pool, 1, k -> {
                s.alignedCrops(0, 1, g, 1, -1, local[0], local[1]);
                s.alignedCrops(2, -1, g, 1, 1, local[2], null);
            });
            double[] signs = {1, -1, 1};
            for (int i = 0; i < 3; i++) {
                float[] full = s.spectrum(i).clone();
                FourierConvention.shiftSpectrum(full, full, nx, ny, -s.dx[i], -s.dy[i], new float[2 * nx], new float[2 * ny]);
                BandPass.apply(full, g.values());
                FourierConvention.inverse(full, nx, ny);
                float[] expected = new float[a];
                FourierConvention.crop(full, nx, s.x0, s.y0, 64, 48, false, expected);
                double err = 0;
                double ref = 0;
                double mean = 0;
                for (float v : expected) {
                    mean += v / a;
                }
                for (int q = 0; q < a; q++) {
                    err += Math.pow(signs[i] * expected[q] - local[i][q], 2);
                    ref += Math.pow(expected[q] - mean, 2);
                }
                double relative = Math.sqrt(err / ref);
                // White noise is the worst case: the periodic sub-pixel shift puts a step at Nyquist, whose slowly
                // decaying kernel tail is truncated. An integer shift (image 1) leaves only the Gaussian's tail.
                assertTrue(relative < (i == 1 ? 1e-3 : 5e-3), "image " + i + ": relative rms difference " + relative);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

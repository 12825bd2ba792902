package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aligned crops cache each image's region spectrum per integer offset; a moved region must be re-read. */
class ShiftedCropBandPassCacheTest {
    @TempDir
    Path dir;

    private FsrParameters parameters() throws IOException {
        return NoiseSeries.write(dir, 5, null);
    }

    private static float[][] crops(FocalSeries s, GaussianFilter g, ForkJoinPool pool) {
        int a = 48 * 64;
        float[][] out = {new float[a], new float[a], new float[a]};
        FocalSeries.run(pool, 1, k -> {
            s.alignedCrops(0, 1, g, 1, -1, out[0], out[1]);
            s.alignedCrops(2, -1, g, 1, 1, out[2], null);
        });
        return out;
    }

    @Test
    void cropsAfterTheIntegerDisplacementChangedEqualThoseOfAFreshSeries() throws IOException {
        FsrParameters p = parameters();
        ForkJoinPool pool = new ForkJoinPool(1);
        try {
            double[] dx = {2.37, -3, 7.81};
            double[] dy = {-3.62, 2, 0.49};
            FocalSeries used = FocalSeries.load(p, pool, Monitor.NONE);
            GaussianFilter g = GaussianFilter.on(used.g2, 1, 4);
            // First at other displacements: image 0 moves by whole pixels, 1 only in its fraction, 2 by both.
            used.setDisplacements(new double[] {-1.63, -2.9, 5.2}, new double[] {-3.62, 2.3, 3.1});
            crops(used, g, pool);
            used.setDisplacements(dx, dy);
            float[][] again = crops(used, g, pool);

            FocalSeries fresh = FocalSeries.load(p, pool, Monitor.NONE);
            fresh.setDisplacements(dx, dy);
            float[][] expected = crops(fresh, GaussianFilter.on(fresh.g2, 1, 4), pool);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected[i], again[i], "image " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

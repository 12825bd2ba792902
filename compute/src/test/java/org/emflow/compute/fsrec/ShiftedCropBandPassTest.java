package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShiftedCropBandPassTest {
    @TempDir
    Path dir;

    @Test
    void localCropsOfShiftedImagesEqualTheWholeSpectrumComputation() throws IOException {
        int nx = 256;
        int ny = 192;
        Random rnd = new Random(21);
        for (int i = 0; i < 3; i++) {
            float[] img = new float[nx * ny];
            for (int k = 0; k < img.length; k++) {
                img[k] = 1 + 0.3f * (float) rnd.nextGaussian();
            }
            FsrecFiles.writeFloats(dir.resolve(String.format("t_%03d.raw", i)), img);
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("INPUT/OUTPUT.INPUTPATH", dir.toString());
        m.put("INPUT/OUTPUT.INPUTFILENAME", "t_");
        m.put("INPUT/OUTPUT.NImages", "3");
        m.put("INPUT/OUTPUT.OUTPUTFILENAME", "o");
        m.put("IMAGEDATA.Dimensions", "[" + ny + ", " + nx + "]");
        m.put("IMAGEDATA.Sampling", "[0.045, 0.042]");
        m.put("IMAGEDATA.AREA", "[48, 64]");
        m.put("IMAGEDATA.Offset", "[5, -9]");
        m.put("OPTICS.Voltage", "300");
        m.put("OPTICS.C3", "2.7E6");
        m.put("OPTICS.Semiconvergence", "0.05");
        m.put("OPTICS.Focusspread", "6");
        m.put("OPTICS.Imagespread", "20");
        m.put("OPTICS.Foci", "[-100, -90]");
        m.put("RECONSTRUCTION.Limit", "5.5");
        m.put("RECONSTRUCTION.Alignmentfilter", "[1, 4]");
        FsrParameters p = FsrParameters.fromMap(m, dir);
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
                float[] full = s.spectra[i].clone();
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

package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CropBandPassTest {
    @Test
    void frameFromTheMarginRegionEqualsTheFullImageBandPass() {
        int nx = 256;
        int ny = 192;
        int ax = 64;
        int ay = 48;
        int x0 = (nx - ax) / 2 + 10;
        int y0 = (ny - ay) / 2 - 7;
        float[] g2 = FourierConvention.frequencySquared(nx, ny, 0.042, 0.045);
        float[] filter = BandPass.gaussian(g2, 1.0, 4.0);
        CropBandPass local = new CropBandPass(nx, ny, x0, y0, ax, ay, filter);
        assertTrue(local.isLocal());
        Random rnd = new Random(7);
        float[] img = new float[2 * nx * ny];
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < nx * ny; i++) {
            img[2 * i] = 1 + (float) rnd.nextGaussian();
            img[2 * i + 1] = 2 + (float) rnd.nextGaussian();
            meanA += img[2 * i] / (nx * ny);
            meanB += img[2 * i + 1] / (nx * ny);
        }
        float[] a = new float[ax * ay];
        float[] b = new float[ax * ay];
        local.apply(img, nx, local.newBuffer(), meanA, meanB, a, b);
        float[] full = img.clone();
        FourierConvention.forward(full, nx, ny);
        BandPass.apply(full, filter);
        FourierConvention.inverse(full, nx, ny);
        float[] ea = new float[ax * ay];
        float[] eb = new float[ax * ay];
        FourierConvention.crop(full, nx, x0, y0, ax, ay, false, ea);
        FourierConvention.crop(full, nx, x0, y0, ax, ay, true, eb);
        double err = 0;
        double ref = 0;
        for (int i = 0; i < ea.length; i++) {
            err += sq(ea[i] - a[i]) + sq(eb[i] - b[i]);
            ref += sq(ea[i] - meanA) + sq(eb[i] - meanB);
        }
        double relative = Math.sqrt(err / ref);
        assertTrue(relative < 1e-3, "relative rms difference " + relative);
    }

    static double sq(double v) {
        return v * v;
    }

    @Test
    void aFilterWiderThanTheImageFallsBackToTheFullPath() {
        int n = 64;
        float[] g2 = FourierConvention.frequencySquared(n, n, 0.042, 0.042);
        CropBandPass wide = new CropBandPass(n, n, 16, 16, 32, 32, BandPass.gaussian(g2, 0.05, 4.0));
        assertFalse(wide.isLocal());
    }
}

package org.emflow.compute.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emflow.compute.image.Volume;
import org.emflow.compute.testing.Blobs;
import org.junit.jupiter.api.Test;

class ProjectorTest {

    @Test
    void offCentreBlobProjectsToEulerMatrixTimesPositionMinusOrigin() {
        int n = 32;
        double cx = 5, cy = -3, cz = 4, sigma = 1.5;
        Volume blob = Blobs.blob3(n, cx, cy, cz, sigma);
        Projector p = new Projector(blob);
        float[] img = new float[n * n];
        double[][] views = { { 0, 0, 0 }, { 30, 50, -20 }, { -100, 120, 75 }, { 45, 90, 0 } };
        for (double[] v : views) {
            p.newSlicer().project(v[0], v[1], v[2], 1.5, -2.0, null, 1.0, null, img);
            float[] exact = Blobs.projection(n, cx, cy, cz, sigma, v[0], v[1], v[2], 1.5, -2.0);
            double[] c = Blobs.centroid2(img, n);
            double[] e = Blobs.centroid2(exact, n);
            assertEquals(e[0], c[0], 0.1, "x of view " + java.util.Arrays.toString(v));
            assertEquals(e[1], c[1], 0.1, "y of view " + java.util.Arrays.toString(v));
            double maxErr = 0, peak = 0;
            for (int i = 0; i < img.length; i++) {
                maxErr = Math.max(maxErr, Math.abs(img[i] - exact[i]));
                peak = Math.max(peak, exact[i]);
            }
            assertTrue(maxErr < 0.06 * peak, "projection differs from the analytic one by " + maxErr + " of " + peak);
        }
    }

    @Test
    void oddBoxesProjectAboutTheirOriginToo() {
        int n = 25;
        Volume blob = Blobs.blob3(n, 3, -2, 4, 1.5);
        float[] img = new float[n * n];
        new Projector(blob).newSlicer().project(30, 50, -20, 1.0, 0.5, null, 1.0, null, img);
        double[] c = Blobs.centroid2(img, n);
        double[] e = Blobs.centroid2(Blobs.projection(n, 3, -2, 4, 1.5, 30, 50, -20, 1.0, 0.5), n);
        assertEquals(e[0], c[0], 0.1);
        assertEquals(e[1], c[1], 0.1);
    }

    @Test
    void phantomIsAsymmetric() {
        Volume v = Phantom.create(32, 5.0);
        Volume mirrored = v.withData(new float[v.data().length]);
        for (int z = 0; z < 32; z++) {
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    mirrored.set(x, y, (32 - z) % 32, v.get(x, y, z));
                }
            }
        }
        double r = org.emflow.compute.fsc.VolumeStats.pearson(v, mirrored);
        assertTrue(r < 0.8, "phantom correlates with its mirror image at r = " + r);
    }
}

package org.emflow.compute.recon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emflow.compute.fourier.GriddingKernel;
import org.emflow.compute.fourier.KaiserBesselKernel;
import org.emflow.compute.fourier.TrilinearKernel;
import org.emflow.compute.image.Volume;
import org.emflow.compute.sim.Phantom;
import org.emflow.compute.testing.Blobs;
import org.junit.jupiter.api.Test;

class ProjectorTest {

    @Test
    void offCentreBlobProjectsToEulerMatrixTimesPositionMinusOrigin() {
        for (GriddingKernel k : new GriddingKernel[] {TrilinearKernel.INSTANCE, new KaiserBesselKernel(32)}) {
            assertBlobProjections(new Projector(Blobs.blob3(32, 5, -3, 4, 1.5), k), 0.06);
        }
    }

    /** SPARX's Kaiser-Bessel gridding is the more accurate extraction: closer to the analytic line integral than trilinear. */
    @Test
    void kaiserBesselProjectionsAreCloserToTheAnalyticOnesThanTrilinear() {
        int n = 32;
        Volume blob = Blobs.blob3(n, 5, -3, 4, 1.2);
        double tri = maxError(new Projector(blob), n);
        double kb = maxError(new Projector(blob, new KaiserBesselKernel(n)), n);
        assertTrue(kb < 0.5 * tri, "KB error " + kb + " vs trilinear " + tri);
        assertTrue(kb < 0.01, "KB error relative to the peak: " + kb);
    }

    /** --npad: a finer padded grid projects at least as accurately with the same kernel. */
    @Test
    void kaiserBesselProjectionsWithMorePaddingAreNoWorse() {
        int n = 32;
        Volume blob = Blobs.blob3(n, 5, -3, 4, 1.2);
        KaiserBesselKernel kb = new KaiserBesselKernel(n);
        double pad2 = maxError(new Projector(blob, kb), n);
        for (int pad = 3; pad <= 4; pad++) {
            double e = maxError(new Projector(blob, kb, pad), n);
            assertTrue(e <= pad2 * 1.05, "pad " + pad + ": error " + e + " vs " + pad2 + " at pad 2");
        }
        assertThrows(IllegalArgumentException.class, () -> new Projector(blob, kb, 0));
    }

    private static double maxError(Projector p, int n) {
        float[] img = new float[n * n];
        double worst = 0;
        for (double[] v : new double[][] {{30, 50, -20}, {-100, 120, 75}, {12, 77, 140}}) {
            p.newSlicer().project(v[0], v[1], v[2], 0.7, -1.3, null, 1.0, null, img);
            float[] exact = Blobs.projection(n, 5, -3, 4, 1.2, v[0], v[1], v[2], 0.7, -1.3);
            double err = 0, peak = 0;
            for (int i = 0; i < img.length; i++) {
                err = Math.max(err, Math.abs(img[i] - exact[i]));
                peak = Math.max(peak, exact[i]);
            }
            worst = Math.max(worst, err / peak);
        }
        return worst;
    }

    private static void assertBlobProjections(Projector p, double tolerance) {
        int n = p.box();
        double cx = 5, cy = -3, cz = 4, sigma = 1.5;
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
            assertTrue(maxErr < tolerance * peak, p.kernel() + ": projection differs from the analytic one by " + maxErr + " of " + peak);
        }
    }

    /**
     * A band-limited slicer skips the coefficients beyond its radius: on a map low-passed below it, the projections
     * are those of the full slicer up to the filter's negligible gain, and they have nothing beyond the band.
     */
    @Test
    void bandLimitedSlicerProjectsALowPassedMapAsTheFullOne() {
        int n = 32;
        double fl = 0.15, aa = 0.3;
        Volume map = org.emflow.compute.fsc.LowPassFilter.tanh(Phantom.create(n, 4.0), fl, aa);
        double beyond = org.emflow.compute.fsc.LowPassFilter.tanhBeyond(1e-3, fl, aa);
        assertTrue(beyond > fl && beyond < 0.35, "negligible beyond " + beyond);
        Projector p = new Projector(map, new KaiserBesselKernel(n));
        float[] full = new float[n * n], band = new float[n * n];
        for (double[] v : new double[][] {{30, 50, -20}, {-100, 120, 75}}) {
            p.newSlicer().project(v[0], v[1], v[2], 0.7, -1.3, null, 4.0, null, full);
            p.newSlicer(beyond * n).project(v[0], v[1], v[2], 0.7, -1.3, null, 4.0, null, band);
            double diff = 0, energy = 0;
            for (int i = 0; i < full.length; i++) {
                diff += (full[i] - band[i]) * (double) (full[i] - band[i]);
                energy += full[i] * (double) full[i];
            }
            // rms difference under 0.3 % of the projection's (the full one also carries the kernel's interpolation error there)
            assertTrue(diff < 1e-5 * energy, "relative difference (energy) " + diff / energy);
            float[] spectrum = new float[2 * n * n];
            for (int i = 0; i < band.length; i++) {
                spectrum[2 * i] = band[i];
            }
            new org.jtransforms.fft.FloatFFT_2D(n, n).complexForward(spectrum);
            double outside = 0, all = 0;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int kx = x < n / 2 ? x : x - n, ky = y < n / 2 ? y : y - n;
                    double a = Math.hypot(spectrum[2 * (y * n + x)], spectrum[2 * (y * n + x) + 1]);
                    all += a * a;
                    if (Math.hypot(kx, ky) > beyond * n + 1e-9) {
                        outside += a * a;
                    }
                }
            }
            assertTrue(outside < 1e-10 * all, "energy beyond the band " + outside / all);
        }
        assertThrows(IllegalArgumentException.class, () -> p.newSlicer(0));
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

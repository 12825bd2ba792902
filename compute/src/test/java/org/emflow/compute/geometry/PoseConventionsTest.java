package org.emflow.compute.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.emflow.compute.image.Volume;
import org.emflow.compute.recon.Projector;
import org.junit.jupiter.api.Test;

/** SPIDER/SPARX and EMAN2 poses against RELION's (specs/sparx.md §A.2, §C.1). */
class PoseConventionsTest {
    @Test
    void spiderAnglesBuildRelionsMatrixAndEmansDiffersBy90Degrees() {
        // the explicit SPIDER matrix of §C.1 at (30, 60, -20), evaluated by hand: the RELION test vector
        double[] expected = {0.57790891, -0.06127498, -0.81379768, -0.32174724, 0.89930272, -0.29619813, 0.75, 0.4330127, 0.5};
        assertArrayEquals(expected, PoseConventions.spiderMatrix(30, 60, -20), 1e-8);
        Random rnd = new Random(7);
        for (int i = 0; i < 500; i++) {
            double phi = rnd.nextDouble() * 360 - 180, theta = rnd.nextDouble() * 180, psi = rnd.nextDouble() * 360 - 180;
            double[] r = PoseConventions.relionFromSpider(phi, theta, psi);
            assertArrayEquals(PoseConventions.spiderMatrix(phi, theta, psi), Conventions.eulerMatrix(r[0], r[1], r[2]), 1e-12);
            double[] e = PoseConventions.emanFromSpider(phi, theta, psi);
            assertArrayEquals(PoseConventions.spiderMatrix(phi, theta, psi), PoseConventions.emanMatrix(e[0], e[1], e[2]), 1e-12);
            assertArrayEquals(new double[] {phi, theta, psi}, PoseConventions.spiderFromEman(e[0], e[1], e[2]), 1e-12);
        }
        // the projection direction is the third row: (sinθ cosφ, sinθ sinφ, cosθ)
        double[] m = PoseConventions.spiderMatrix(40, 70, 10);
        double t = Math.toRadians(70), f = Math.toRadians(40);
        assertArrayEquals(new double[] {Math.sin(t) * Math.cos(f), Math.sin(t) * Math.sin(f), Math.cos(t)}, new double[] {m[6], m[7], m[8]}, 1e-12);
    }

    /**
     * A point at the map's origin, projected with RELION's origin offset o, lands at centre − o; SPARX's raw image is
     * the projection moved by +t, so its t for the same image is −o.
     */
    @Test
    void sparxTranslationIsMinusRelionsOriginThroughTheProjector() {
        int n = 32;
        float[] v = new float[n * n * n];
        v[(n / 2 * n + n / 2) * n + n / 2] = 1;
        Projector.Slicer slicer = new Projector(new Volume(n, n, n, v, 1.0)).newSlicer();
        float[] img = new float[n * n];
        double ox = 3, oy = -2;
        slicer.project(0, 0, 0, ox, oy, null, 1.0, null, img);
        int best = 0;
        for (int i = 1; i < img.length; i++) {
            best = img[i] > img[best] ? i : best;
        }
        int x = best % n, y = best / n;
        double[] t = PoseConventions.sparxShiftFromRelionOrigin(ox, oy);
        assertEquals(n / 2 + t[0], x, 0, "peak x");
        assertEquals(n / 2 + t[1], y, 0, "peak y");
        assertArrayEquals(new double[] {ox, oy}, PoseConventions.relionOriginFromSparxShift(t[0], t[1]), 0);
    }
}

package org.emflow.compute.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emflow.compute.fourier.KaiserBesselKernel;
import org.emflow.compute.image.Volume;
import org.emflow.compute.recon.Projector;
import org.emflow.compute.sim.Phantom;
import org.junit.jupiter.api.Test;

/** The cascaded criterion (specs/sparx.md §A.4 and the tests §A.13 suggests). */
class CascadedCccTest {
    static final int N = 48;
    static final Volume MAP = Phantom.create(N, 4.0);
    static final Projector PROJECTOR = new Projector(MAP, new KaiserBesselKernel(N));

    static float[] image(double rot, double tilt, double psi, double ox, double oy) {
        float[] img = new float[N * N];
        PROJECTOR.newSlicer().project(rot, tilt, psi, ox, oy, null, 4.0, null, img);
        return img;
    }

    @Test
    void withoutAShiftBracketTheCriterionIsTheMaskedPearsonCorrelation() {
        float[] g = image(20, 70, -30, 0, 0);
        CascadedCcc c = new CascadedCcc(PROJECTOR, N / 2 - 2);
        c.setImage(g, 0, 0, 0, null, 4.0);
        double[] angles = {23, 68, -30};
        CascadedCcc.Score s = c.evaluate(angles);
        float[] p = image(23, 68, -30, 0, 0);
        // independent masked Pearson over the disc of radius N/2 - 2 about (N/2, N/2)
        double sa = 0, sb = 0, n = 0;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                if ((x - N / 2) * (x - N / 2) + (y - N / 2) * (y - N / 2) <= (N / 2 - 2) * (N / 2 - 2)) {
                    sa += g[y * N + x];
                    sb += p[y * N + x];
                    n++;
                }
            }
        }
        double ma = sa / n, mb = sb / n, ab = 0, aa = 0, bb = 0;
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                if ((x - N / 2) * (x - N / 2) + (y - N / 2) * (y - N / 2) <= (N / 2 - 2) * (N / 2 - 2)) {
                    double da = g[y * N + x] - ma, db = p[y * N + x] - mb;
                    ab += da * db;
                    aa += da * da;
                    bb += db * db;
                }
            }
        }
        assertEquals(ab / Math.sqrt(aa * bb), s.value(), 1e-6);
        assertEquals(0, s.originX(), 0);
        assertTrue(s.value() < c.evaluate(new double[] {20, 70, -30}).value(), "the true angles score best");
    }

    /** §A.13 test 2: the shift is recovered with the right sign within the bracket, and refused beyond it. */
    @Test
    void theShiftIsRecoveredWithItsSignAndRefusedBeyondTheBracket() {
        double[] angles = {20, 70, -30};
        CascadedCcc c = new CascadedCcc(PROJECTOR, N / 2 - 2);
        c.setImage(image(20, 70, -30, 1.5, -0.7), 0, 0, 2, null, 4.0);
        CascadedCcc.Score s = c.evaluate(angles);
        assertEquals(1.5, s.originX(), 0.1, "origin x");
        assertEquals(-0.7, s.originY(), 0.1, "origin y");
        // from a start near the truth the same shift is found
        c.setImage(image(20, 70, -30, 1.5, -0.7), 1.0, 0.0, 2, null, 4.0);
        s = c.evaluate(angles);
        assertEquals(1.5, s.originX(), 0.1);
        assertEquals(-0.7, s.originY(), 0.1);
        // a shift of 3.5 px with a bracket of 2 px is not taken
        c.setImage(image(20, 70, -30, 3.5, 0), 0, 0, 2, null, 4.0);
        s = c.evaluate(angles);
        assertEquals(0, s.originX(), 0, "rejected: the shift stays");
        assertEquals(0, s.originY(), 0);
    }
}

package org.emflow.compute.fourier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The gridding kernels pinned to specs/sparx.md §C.3 and to the formula the back projector has always used. */
class GriddingKernelTest {
    @Test
    void kaiserBesselMatchesSparxConstantsAndExampleValues() {
        KaiserBesselKernel kb = new KaiserBesselKernel(64);
        assertEquals(8.24668, kb.beta(), 1e-5);
        assertEquals(538.647, KaiserBesselKernel.besselI0(kb.beta()), 1e-3);
        double[][] wx = {{0, 1}, {0.5, 0.8976}, {1, 0.6433}, {1.5, 0.3569}, {2, 0.1427}, {2.5, 0.0342}, {3, 0}, {4, 0}};
        for (double[] p : wx) {
            assertEquals(p[1], kb.weight(p[0]), 1e-4, "w(" + p[0] + ")");
            assertEquals(p[1], kb.weight(-p[0]), 1e-4, "w(-" + p[0] + ")");
            assertEquals(p[1], kb.tabulatedWeight(p[0]), 1e-3, "table w(" + p[0] + ")");
        }
        // sinhwin for M = 64 at 8, 16, 32 pixels from the centre
        assertEquals(1, kb.apodisation(0, 128), 1e-12);
        assertEquals(0.9284, kb.apodisation(8, 128), 1e-4);
        assertEquals(0.7399, kb.apodisation(16, 128), 1e-4);
        assertEquals(0.2777, kb.apodisation(32, 128), 1e-4);
    }

    /**
     * KB's apodisation is what interpolating with it does to a map: the normalised DFT of its integer samples, for
     * SPARX's padding 2 and the others --npad asks for (the same kernel, its transform scaled by the padded size).
     */
    @Test
    void apodisationIsTheNormalisedTransformOfTheKernelSamples() {
        int m = 64;
        for (int pad = 2; pad <= 4; pad++) {
            KaiserBesselKernel k = new KaiserBesselKernel(m);
            int padded = pad * m;
            double sum0 = 0;
            for (int j = -3; j <= 3; j++) {
                sum0 += k.weight(j);
            }
            for (int d = 0; d <= m / 2; d += 4) {
                double s = 0;
                for (int j = -3; j <= 3; j++) {
                    s += k.weight(j) * Math.cos(2 * Math.PI * j * d / padded);
                }
                // The samples' transform adds the aliases of the kernel's continuous transform: small inside the box.
                assertEquals(k.apodisation(d, padded), s / sum0, 5e-3, "pad " + pad + " at " + d);
            }
        }
    }

    @Test
    void trilinearCorrectionIsTheBackProjectorsInverseSincSquaredBitForBit() {
        for (int box : new int[] {32, 48, 128, 129}) {
            int big = 2 * box;
            double[] g = GriddingCorrection.factors(TrilinearKernel.INSTANCE, box, big);
            int off = big / 2 - box / 2;
            for (int i = 0; i < box; i++) {
                double d = (i + off - big / 2) / (double) big;
                double sinc = d == 0 ? 1 : Math.sin(Math.PI * d) / (Math.PI * d);
                assertEquals(1.0 / (sinc * sinc), g[i], 0.0, "box " + box + " index " + i);
            }
            assertEquals(1.0, g[box / 2], 0.0, "no correction at the centre");
        }
        assertEquals(0.5, TrilinearKernel.INSTANCE.weight(0.5), 0);
        assertEquals(0, TrilinearKernel.INSTANCE.weight(1), 0);
    }
}

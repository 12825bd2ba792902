package org.emflow.compute.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.image.Volume;
import org.emflow.compute.testing.Blobs;
import org.junit.jupiter.api.Test;

class ReferencePreparerTest {
    @Test
    void phaseCentreFindsAnOffCentreBlobAndTheShiftRecentresIt() {
        Volume blob = Blobs.blob3(32, 3, -2, 1, 2.0);
        double[] c = ReferencePreparer.phaseCentre(blob);
        assertArrayEquals(new double[] {3, -2, 1}, c, 0.05);
        Volume centred = ReferencePreparer.shifted(blob, -c[0], -c[1], -c[2]);
        assertArrayEquals(new double[] {0, 0, 0}, Blobs.centroid(centred), 0.05);
    }

    @Test
    void theReferenceHasUnitBackgroundNoiseIsMaskedAndFiltered() {
        int n = 32;
        SplittableRandom rnd = new SplittableRandom(3);
        Volume blob = Blobs.blob3(n, 0, 0, 0, 3.0);
        float[] d = blob.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (5 * d[i] + 7 + 2 * rnd.nextGaussian()); // offset 7, background sigma 2
        }
        Volume mask = ReferencePreparer.ball(n, n / 2 - 2, 1.0);
        double[] freq = new double[n / 2 + 1], fsc = new double[n / 2 + 1];
        for (int i = 0; i < freq.length; i++) {
            freq[i] = i / (double) n;
            fsc[i] = 0.99;
        }
        ReferencePreparer.Prepared p = ReferencePreparer.prepare(blob.withData(d), mask, new FscCurve(freq, fsc, new long[freq.length], 1.0), null);
        assertEquals(TanhFit.NO_CROSSING, p.filter());
        // inside the mask: (v - 7) / 2 (the filter at fl = 0.4 keeps almost everything)
        double peak = p.reference().get(n / 2, n / 2, n / 2);
        assertEquals(5.0 / 2, peak, 0.8, "centre voxel, noise included");
        assertTrue(Math.abs(p.reference().get(0, 0, 0)) < 0.5, "outside the mask the reference is (nearly) zero");
    }
}

package org.emflow.compute.align;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.LowPassFilter;
import org.junit.jupiter.api.Test;

class TanhFitTest {
    /** A half-map FSC whose full-set curve is exactly a tanh filter is fitted back to its parameters. */
    @Test
    void recoversTheFilterThatMadeTheCurve() {
        int n = 33;
        double px = 2.0;
        double[] freq = new double[n], fsc = new double[n];
        for (int i = 0; i < n; i++) {
            double f = i / 64.0; // cycles per pixel of a 64 box
            freq[i] = f / px;
            double full = LowPassFilter.tanhGain(f, 0.22, 0.15);
            full = full < 0.1 ? 0.09 : full;
            fsc[i] = full / (2 - full); // the half-set value whose 2r/(1+r) is full
        }
        TanhFit.Filter t = TanhFit.fit(new FscCurve(freq, fsc, new long[n], px));
        assertEquals(0.22, t.fl(), 0.01);
        assertEquals(0.15, t.aa(), 0.04);
        assertEquals(0.5, LowPassFilter.tanhGain(0.22, 0.22, 0.15), 0.01, "H(fl) is about one half");
    }

    /** The band limit of the refinement's projections: the gain there is the negligible one, and only smaller beyond. */
    @Test
    void negligibleBeyondIsWhereTheGainFallsToOneThousandth() {
        TanhFit.Filter f = new TanhFit.Filter(0.1355, 0.2768); // an iteration-1 fit of local-refine.ini's kind
        double b = f.negligibleBeyond();
        assertEquals(TanhFit.Filter.NEGLIGIBLE_GAIN, LowPassFilter.tanhGain(b, f.fl(), f.aa()), 1e-9);
        for (double x = b; x < 0.9; x += 0.01) {
            org.junit.jupiter.api.Assertions.assertTrue(LowPassFilter.tanhGain(x, f.fl(), f.aa()) <= TanhFit.Filter.NEGLIGIBLE_GAIN);
        }
        // analytic: H(f) ~ exp(-2a(f - fl)) for f well above fl, a = pi / (2 aa fl)
        double a = Math.PI / (2 * f.aa() * f.fl());
        assertEquals(f.fl() + Math.log(1 / TanhFit.Filter.NEGLIGIBLE_GAIN) / (2 * a), b, 2e-3);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> LowPassFilter.tanhBeyond(0.7, 0.1, 0.1));
    }

    @Test
    void aCurveThatNeverFallsBelowOneHalfGivesSparxsDefault() {
        double[] freq = {0, 0.1, 0.2}, fsc = {1, 0.9, 0.8};
        assertEquals(TanhFit.NO_CROSSING, TanhFit.fit(new FscCurve(freq, fsc, new long[3], 1.0)));
    }
}

package org.emflow.compute.align;

import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.fsc.LowPassFilter;
import org.emflow.compute.optim.Amoeba;

/**
 * SPARX's {@code fit_tanh} (specs/sparx.md §C.7): the tanh low-pass (fl, aa) that best matches a half-map FSC,
 * converted to the full-set FSC 2r/(1 + r) and cut to zero from the first shell below 0.1 on; the simplex starts
 * at fl = the frequency of the shell before the first one below 0.5, aa = 0.1. Frequencies in cycles per pixel.
 */
public final class TanhFit {
    /** The fitted cut-off (cycles per pixel) and relative fall-off. */
    public record Filter(double fl, double aa) {
        /**
         * The gain below which a filtered reference's coefficients are negligible for the refinement: leaving them out
         * changes a projection by about 0.1 % rms (ProjectorTest), while it saves most of the projection's work in
         * early iterations (a cut-off of a quarter of Nyquist leaves a fifth of the coefficients).
         */
        public static final double NEGLIGIBLE_GAIN = 1e-3;

        /** The frequency (cycles per pixel) beyond which this filter's gain is below {@link #NEGLIGIBLE_GAIN}. */
        public double negligibleBeyond() {
            return LowPassFilter.tanhBeyond(NEGLIGIBLE_GAIN, fl, aa);
        }
    }

    /** SPARX's answer when the FSC never drops below 0.5. */
    public static final Filter NO_CROSSING = new Filter(0.4, 0.2);

    private TanhFit() {
    }

    public static Filter fit(FscCurve halfMapFsc) {
        int n = halfMapFsc.fsc().length;
        double[] f = new double[n];
        double[] full = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = halfMapFsc.frequency()[i] * halfMapFsc.pixelSize();
            double r = halfMapFsc.fsc()[i];
            full[i] = 2 * r / (1 + r);
        }
        full[0] = Math.abs(full[0]);
        for (int i = 1; i < n; i++) {
            if (full[i] < 0.1) {
                for (int k = i; k < n; k++) {
                    full[k] = 0;
                }
                break;
            }
        }
        int below = -1;
        for (int i = 1; i < n; i++) {
            if (full[i] < 0.5) {
                below = i;
                break;
            }
        }
        if (below < 0) {
            return NO_CROSSING;
        }
        // Below 0.5 from the first shell on, SPARX starts at fl = 0, which no tanh low-pass has: the simplex could stay
        // there and the reference filter then failed (exit 3); start half-way to the first shell instead.
        double fl0 = below > 1 ? f[below - 1] : f[1] / 2;
        Amoeba<Void> simplex = new Amoeba<>(1e-4, 1e-4, 500);
        Amoeba.Result<Void> r = simplex.maximise(new double[] {fl0, 0.1}, new double[] {0.05, 0.05}, x -> {
            if (!(x[0] > 0) || !(x[1] > 0)) {
                return new Amoeba.Value<>(-1e30, null);
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double d = full[i] - LowPassFilter.tanhGain(f[i], x[0], x[1]);
                sum += d * d;
            }
            return new Amoeba.Value<>(-sum, null);
        });
        return new Filter(r.x()[0], r.x()[1]);
    }
}

package org.emflow.compute.weighting;

/**
 * Exposure (dose) weights from the critical exposure of Grant &amp; Grigorieff 2015 (eLife 4:e06980,
 * eq. 3 and the fitted constants a = 0.245, b = −1.665, c = 2.81): a spatial frequency s (1/Angstrom)
 * keeps the fraction exp(−N / (2·Nc(s))) of its signal after a cumulative exposure N (e/Angstrom^2), with
 * Nc(s) = a·s^b + c at 300 kV, scaled by 0.8 at 200 kV (their 200 kV correction; applied below 300 kV).
 */
public final class DoseWeights {
    static final double A = 0.245;
    static final double B = -1.665;
    static final double C = 2.81;

    private DoseWeights() {
    }

    /** Critical exposure Nc (e/Angstrom^2) at spatial frequency s (1/Angstrom) and voltage kV. */
    public static double criticalExposure(double s, double voltageKv) {
        double nc = A * Math.pow(s, B) + C;
        return voltageKv < 250 ? 0.8 * nc : nc;
    }

    /** The weight exp(−dose / (2·Nc(s))); 1 at s = 0 or dose ≤ 0. */
    public static double weight(double dose, double s, double voltageKv) {
        if (s <= 0 || dose <= 0) {
            return 1.0;
        }
        return Math.exp(-dose / (2 * criticalExposure(s, voltageKv)));
    }
}

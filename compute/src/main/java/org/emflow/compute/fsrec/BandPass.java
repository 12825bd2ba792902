package org.emflow.compute.fsrec;

/**
 * Frequency filters of the focal-series reconstruction (spec pyfsrec.md sections 2.1, 2.6):
 * the Gaussian band-pass A(g) = exp(-g^2 / 2 hi^2) (1 - exp(-g^2 / 2 lo^2)) with A(0) = 1, used for all
 * correlations, the step analysis and the autofocus (the documentation calls it "tophat"; the original
 * builds it shifted by one row on half the array, we build it symmetric), and the sharp top-hat
 * T(g) = 1 for lo &lt; |g| &lt;= hi of the output filter.
 */
public final class BandPass {
    private BandPass() {
    }

    /** The Gaussian band-pass on the grid of squared frequencies {@code g2}. */
    public static float[] gaussian(float[] g2, double lo, double hi) {
        float[] a = new float[g2.length];
        for (int i = 0; i < g2.length; i++) {
            double q = g2[i];
            a[i] = q == 0 ? 1f : (float) (Math.exp(-q / (2 * hi * hi)) * (1 - Math.exp(-q / (2 * lo * lo))));
        }
        return a;
    }

    /** The sharp top-hat: 1 for lo &lt; |g| &lt;= hi, else 0. */
    public static float[] topHat(float[] g2, double lo, double hi) {
        float[] a = new float[g2.length];
        double lo2 = lo * lo;
        double hi2 = hi * hi;
        for (int i = 0; i < g2.length; i++) {
            a[i] = g2[i] > lo2 && g2[i] <= hi2 ? 1f : 0f;
        }
        return a;
    }

    /** Multiplies an interleaved spectrum by a real filter in place. */
    public static void apply(float[] spectrum, float[] filter) {
        for (int i = 0; i < filter.length; i++) {
            spectrum[2 * i] *= filter[i];
            spectrum[2 * i + 1] *= filter[i];
        }
    }
}

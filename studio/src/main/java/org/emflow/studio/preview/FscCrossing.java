package org.emflow.studio.preview;

/**
 * Where an FSC curve first falls below a threshold, for curves that arrive as plain tables without
 * their resolutions. Linear interpolation in spatial frequency between the last shell at or above
 * the threshold and the first shell below it; the resolution is 1/frequency in A. Display only:
 * nodes that compute an FSC report their own figures, which the FSC port's previewer passes on.
 */
public final class FscCrossing {
    private FscCrossing() {
    }

    /**
     * @param frequency shells in 1/A, increasing
     * @param fsc       correlation per shell
     * @return the resolution in A, or null when the curve never falls below {@code threshold}
     */
    public static Double resolution(double[] frequency, double[] fsc, double threshold) {
        for (int i = 1; i < fsc.length; i++) {
            if (fsc[i] < threshold && fsc[i - 1] >= threshold) {
                double t = (fsc[i - 1] - threshold) / (fsc[i - 1] - fsc[i]);
                double k = frequency[i - 1] + t * (frequency[i] - frequency[i - 1]);
                return k > 0 ? 1 / k : null;
            }
            if (fsc[i - 1] < threshold) {
                break;
            }
        }
        if (fsc.length > 0 && fsc[0] < threshold && frequency[0] > 0) {
            return 1 / frequency[0];
        }
        return null;
    }
}

package org.emflow.compute.io.mrc;

/**
 * Running minimum, maximum, mean and RMS deviation from the mean of map densities, for the MRC
 * header (dmin, dmax, dmean, rms). Accumulated in double with Welford's update (Welford 1962,
 * Technometrics 4:419) so a stack of 10^9 pixels keeps full float precision.
 */
public final class DensityStats {
    private long n;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /** Adds {@code data[from..to)}. NaN values are counted in neither the extremes nor the moments. */
    public void add(float[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            double v = data[i];
            if (Double.isNaN(v)) {
                continue;
            }
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
            n++;
            double d = v - mean;
            mean += d / n;
            m2 += d * (v - mean);
        }
    }

    /** The statistics of {@code data}. */
    public static DensityStats of(float[] data) {
        DensityStats s = new DensityStats();
        s.add(data, 0, data.length);
        return s;
    }

    public long count() { return n; }
    public double min() { return n == 0 ? 0 : min; }
    public double max() { return n == 0 ? 0 : max; }
    public double mean() { return mean; }
    /** Population standard deviation (the MRC "rms deviation from mean"). */
    public double rms() { return n == 0 ? 0 : Math.sqrt(m2 / n); }
}

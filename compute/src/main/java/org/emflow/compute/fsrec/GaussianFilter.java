package org.emflow.compute.fsrec;

/**
 * A Gaussian band-pass of {@link BandPass#gaussian}: its parameters (1/nm) and its values on a series'
 * frequency grid. The parameters let the reference-frame crops be computed locally
 * ({@link ShiftedCropBandPass}) because the filter is a difference of two separable Gaussians.
 */
public record GaussianFilter(double lo, double hi, float[] values) {
    public static GaussianFilter on(float[] g2, double lo, double hi) {
        return new GaussianFilter(lo, hi, BandPass.gaussian(g2, lo, hi));
    }
}

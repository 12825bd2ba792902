package org.emflow.compute.recon;

/** How the frequency (dose/tilt) weights enter the reconstruction. */
public enum WeightingMode {
    /** Weights multiply both the data and the normalisation: a weighted mean of the observations. */
    WEIGHTED_MEAN,
    /**
     * Weights multiply the data only, the normalisation sums interpolation weights: the original
     * tomoDRGN program's behaviour, which attenuates weighted frequencies (kept for comparison).
     */
    ORIGINAL_ATTENUATION
}

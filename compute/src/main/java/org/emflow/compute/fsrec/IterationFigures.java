package org.emflow.compute.fsrec;

/**
 * Convergence figures of one linear iteration.
 *
 * @param iteration 1-based
 * @param maxShift largest |alignment increment| over images and axes (px)
 * @param rmsDx population standard deviation of the x increments (px); rmsDy likewise for y
 * @param scatteredPercent 100 sum|Psi|^2 / (nx ny)^2, the "fraction of scattered electrons"
 * @param waveChange rms(psi_k - psi_{k-1}) / rms(psi_k - mean psi_k), relative to the wave's contrast; NaN at the first iteration
 * @param residual mean over images of the standard deviation of (aligned image - simulation), images normalised to mean 1
 */
public record IterationFigures(int iteration, double maxShift, double rmsDx, double rmsDy, double scatteredPercent,
        double waveChange, double residual) {
}

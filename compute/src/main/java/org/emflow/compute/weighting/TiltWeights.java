package org.emflow.compute.weighting;

/**
 * Tilt weights: an image at stage tilt t passes through a specimen slab 1/cos(t) thicker, so its signal
 * is down-weighted by cos(t) (the intent of tomoDRGN's tilt weight, whose implementation reads the
 * angle in the wrong unit and is a no-op; see specs/tomodrgn-backproject.md §5.1). Frequency-independent.
 */
public final class TiltWeights {
    private TiltWeights() {
    }

    /** cos(tilt) clamped to [0, 1]; tilt in degrees. */
    public static double weight(double tiltDeg) {
        return Math.max(0.0, Math.min(1.0, Math.cos(Math.toRadians(tiltDeg))));
    }
}

package org.emflow.compute.particles;

/**
 * How per-image dose and tilt are encoded in one-row-per-image tomography stars, written down once.
 * Warp v1 and tomoDRGN's cryoSRPNT simulator store the cumulative dose as rlnCtfBfactor = -4 * dose
 * (e/A^2) and the stage tilt as rlnCtfScalefactor = cos(tilt) (specs/tomodrgn-backproject.md 2.1);
 * tomoDRGN's preprocessed stars carry _tomodrgnTotalDose and _tomodrgnPseudoStageTilt (radians,
 * arccos of the scale factor). The tilt recovered from cos(tilt) is in [0, 180] degrees: its sign is
 * lost. (tomoDRGN then treats the radians as degrees, spec 5.1; emflow converts to degrees.)
 */
public final class TiltSeriesConventions {
    private TiltSeriesConventions() {
    }

    /** Cumulative dose, e/A^2, from a B-factor written as -4 x dose. */
    public static double doseFromBfactor(double bFactor) {
        return -bFactor / 4;
    }

    /** B-factor column value for a cumulative dose. */
    public static double bFactorFromDose(double dose) {
        return -4 * dose;
    }

    /** Tilt angle in degrees [0, 180] from a scale factor written as cos(tilt); NaN outside [-1, 1]. */
    public static double tiltFromScale(double scale) {
        return scale >= -1 && scale <= 1 ? Math.toDegrees(Math.acos(scale)) : Double.NaN;
    }

    /** Scale factor column value for a tilt angle in degrees. */
    public static double scaleFromTilt(double tiltDeg) {
        return Math.cos(Math.toRadians(tiltDeg));
    }
}

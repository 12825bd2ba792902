package org.emflow.compute.weighting;

import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.util.BadInputException;

/**
 * The per-image, per-frequency weight used by the reconstruction: dose weight × tilt weight (each
 * optional). Stateless apart from the two switches, so one instance serves all threads.
 */
public final class FrequencyWeights {
    private final boolean dose;
    private final boolean tilt;

    public FrequencyWeights(boolean dose, boolean tilt) {
        this.dose = dose;
        this.tilt = tilt;
    }

    public boolean isIdentity() {
        return !dose && !tilt;
    }

    public boolean doseWeighting() {
        return dose;
    }

    public boolean tiltWeighting() {
        return tilt;
    }

    /** The tilt of an image in degrees: its tilt angle, else arccos of its CTF scale factor (= cos tilt). */
    public static double tiltOf(ImageRecord r) {
        if (!Double.isNaN(r.tiltAngle())) {
            return r.tiltAngle();
        }
        if (r.ctf() != null && r.ctf().scale() > 0 && r.ctf().scale() <= 1) {
            return Math.toDegrees(Math.acos(r.ctf().scale()));
        }
        return Double.NaN;
    }

    /** Checks that every image has what the enabled weights need; names the first offending image. */
    public void validate(Iterable<ImageRecord> images) {
        for (ImageRecord r : images) {
            if (dose && Double.isNaN(r.dose())) {
                throw new BadInputException("dose weighting needs a cumulative dose, image " + r.source()
                        + " has none (rlnCtfBfactor / rlnMicrographPreExposure / _tomodrgnTotalDose)");
            }
            if (dose && r.ctf() == null) {
                throw new BadInputException("dose weighting needs the voltage, image " + r.source() + " has no CTF columns (rlnVoltage)");
            }
            if (tilt && Double.isNaN(tiltOf(r))) {
                throw new BadInputException("tilt weighting needs a tilt angle, image " + r.source()
                        + " has none (rlnCtfScalefactor / tilt column)");
            }
        }
    }

    /** Frequency-independent factor of an image (the tilt weight, or 1). */
    public double imageFactor(ImageRecord r) {
        return tilt ? TiltWeights.weight(tiltOf(r)) : 1.0;
    }

    /**
     * Fills {@code radial[i]} with the weight of image {@code r} at spatial frequency i·ds (1/Angstrom),
     * i = 0 … radial.length − 1. Reconstructions look weights up from this table by radius.
     */
    public void radialProfile(ImageRecord r, double ds, float[] radial) {
        double f = imageFactor(r);
        double kv = r.ctf() == null ? 300 : r.ctf().voltage();
        for (int i = 0; i < radial.length; i++) {
            double w = f;
            if (dose) {
                w *= DoseWeights.weight(r.dose(), i * ds, kv);
            }
            radial[i] = (float) w;
        }
    }
}

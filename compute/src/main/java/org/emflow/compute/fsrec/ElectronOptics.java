package org.emflow.compute.fsrec;

/**
 * Transfer functions and partial-coherence envelopes of the microscope for one focus, on the
 * frequency grid of {@link FourierConvention#frequencySquared}. Formulas (spec pyfsrec.md section 2.3,
 * after Kirkland, "Advanced Computing in Electron Microscopy", ch. 3):
 * <ul>
 *   <li>relativistic wavelength lambda[nm] = 1.2264263 / sqrt(U (1000 + 0.97847538 U)), U in kV;</li>
 *   <li>aberration chi(g) = pi lambda Z g^2 + (pi/2) C3 lambda^3 g^4 + (pi/3) C5 lambda^5 g^6 (C5 is read
 *       but ignored by the original; we use it); wave transfer t = exp(-i chi) for |g| &lt;= Limit, else 0;</li>
 *   <li>temporal envelope exp(-(pi lambda Delta / 2)^2 g^4) (the original's factor, kept);</li>
 *   <li>spatial envelope exp(-(pi alpha)^2 (Z g + C3 lambda^2 g^3 + C5 lambda^4 g^5)^2), alpha in rad;</li>
 *   <li>image-spread envelope exp(-2 pi^2 rho^2 g^2), rho in nm.</li>
 * </ul>
 */
public final class ElectronOptics {
    /** Inverse envelopes are used only where the envelope exceeds this (the original's envlimit). */
    public static final float ENVELOPE_FLOOR = 0.05f;

    private final float[] g2;
    private final double lambda;
    private final double c3;
    private final double c5;
    private final double limit2;
    private final double alphaRad;
    private final double focusSpreadNm;
    private final double imageSpreadNm;

    /**
     * @param g2 squared frequencies (1/nm^2), not copied
     * @param c3Nm spherical aberration in nm; c5Nm fifth-order spherical aberration in nm
     * @param limit aperture radius in 1/nm
     */
    public ElectronOptics(float[] g2, double voltageKv, double c3Nm, double c5Nm, double limit,
            double semiconvergenceMrad, double focusSpreadNm, double imageSpreadPm) {
        this.g2 = g2;
        this.lambda = wavelengthNm(voltageKv);
        this.c3 = c3Nm;
        this.c5 = c5Nm;
        this.limit2 = limit * limit;
        this.alphaRad = semiconvergenceMrad * 1e-3;
        this.focusSpreadNm = focusSpreadNm;
        this.imageSpreadNm = imageSpreadPm * 1e-3;
    }

    /** Relativistic electron wavelength in nm for an acceleration voltage in kV. */
    public static double wavelengthNm(double voltageKv) {
        return 1.2264263 / Math.sqrt(voltageKv * (1000.0 + 0.97847538 * voltageKv));
    }

    public double lambda() {
        return lambda;
    }

    public float[] g2() {
        return g2;
    }

    /** The aberration phase chi(g) in rad at squared frequency q = g^2. */
    public double chi(double q, double focusNm, boolean withSphericalAberration) {
        double l2 = lambda * lambda;
        double chi = Math.PI * lambda * focusNm * q;
        if (withSphericalAberration) {
            chi += 0.5 * Math.PI * c3 * lambda * l2 * q * q + Math.PI / 3.0 * c5 * lambda * l2 * l2 * q * q * q;
        }
        return chi;
    }

    /** Fills {@code t} (interleaved) with exp(-i chi) inside the aperture and 0 outside. */
    public void transfer(double focusNm, boolean withSphericalAberration, float[] t) {
        for (int i = 0; i < g2.length; i++) {
            double q = g2[i];
            if (q > limit2) {
                t[2 * i] = 0f;
                t[2 * i + 1] = 0f;
            } else {
                double c = chi(q, focusNm, withSphericalAberration);
                t[2 * i] = (float) Math.cos(c);
                t[2 * i + 1] = (float) -Math.sin(c);
            }
        }
    }

    /** As {@link #transfer(double, boolean, float[])} on the pixels {@code pixels[b]}, written at b. */
    public void transfer(double focusNm, boolean withSphericalAberration, float[] t, int[] pixels) {
        for (int b = 0; b < pixels.length; b++) {
            double q = g2[pixels[b]];
            if (q > limit2) {
                t[2 * b] = 0f;
                t[2 * b + 1] = 0f;
            } else {
                double c = chi(q, focusNm, withSphericalAberration);
                t[2 * b] = (float) Math.cos(c);
                t[2 * b + 1] = (float) -Math.sin(c);
            }
        }
    }

    /** As {@link #envelope(double, float[])} on the pixels {@code pixels[b]}, written at b. */
    public void envelope(double focusNm, float[] e, int[] pixels) {
        for (int b = 0; b < pixels.length; b++) {
            e[b] = (float) envelopeAt(g2[pixels[b]], focusNm);
        }
    }

    /** Fills {@code e} with the product of the temporal, spatial and image-spread envelopes at this focus. */
    public void envelope(double focusNm, float[] e) {
        envelope(focusNm, e, false);
    }

    /**
     * As {@link #envelope(double, float[])}; with {@code apertureOnly} the values outside the aperture
     * (where the transfer function is zero anyway) are set to 0 instead of computed.
     */
    public void envelope(double focusNm, float[] e, boolean apertureOnly) {
        double l2 = lambda * lambda;
        double tempo = Math.PI * lambda * focusSpreadNm / 2.0;
        tempo *= tempo;
        double pa2 = Math.PI * alphaRad * Math.PI * alphaRad;
        double spread = 2.0 * Math.PI * Math.PI * imageSpreadNm * imageSpreadNm;
        for (int i = 0; i < g2.length; i++) {
            double q = g2[i];
            if (apertureOnly && q > limit2) {
                e[i] = 0f;
                continue;
            }
            double g = Math.sqrt(q);
            double grad = focusNm * g + c3 * l2 * g * q + c5 * l2 * l2 * g * q * q;
            e[i] = (float) Math.exp(-tempo * q * q - pa2 * grad * grad - spread * q);
        }
    }

    /** The total envelope at squared frequency q (1/nm^2) for this focus. */
    public double envelopeAt(double q, double focusNm) {
        double l2 = lambda * lambda;
        double tempo = Math.PI * lambda * focusSpreadNm / 2.0;
        double pa = Math.PI * alphaRad;
        double g = Math.sqrt(q);
        double grad = focusNm * g + c3 * l2 * g * q + c5 * l2 * l2 * g * q * q;
        return Math.exp(-tempo * tempo * q * q - pa * pa * grad * grad - 2.0 * Math.PI * Math.PI * imageSpreadNm * imageSpreadNm * q);
    }

    /**
     * Smallest |g| (1/nm) among {@code distinctG2} (the grid's distinct |g|^2, ascending:
     * {@link FrequencyClasses#distinctValues}) where the envelope at this focus is at most
     * {@link #ENVELOPE_FLOOR} (the original's "envelope cutoff frequency"), or NaN when nowhere (where the
     * original crashes).
     */
    public double envelopeCutoff(double focusNm, float[] distinctG2) {
        for (float q : distinctG2) {
            if (envelopeAt(q, focusNm) <= ENVELOPE_FLOOR) {
                return Math.sqrt(q);
            }
        }
        return Double.NaN;
    }
}

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

    /** Fills {@code e} with the product of the temporal, spatial and image-spread envelopes at this focus. */
    public void envelope(double focusNm, float[] e) {
        double l2 = lambda * lambda;
        double tempo = Math.PI * lambda * focusSpreadNm / 2.0;
        tempo *= tempo;
        double pa2 = Math.PI * alphaRad * Math.PI * alphaRad;
        double spread = 2.0 * Math.PI * Math.PI * imageSpreadNm * imageSpreadNm;
        for (int i = 0; i < g2.length; i++) {
            double q = g2[i];
            double g = Math.sqrt(q);
            double grad = focusNm * g + c3 * l2 * g * q + c5 * l2 * l2 * g * q * q;
            e[i] = (float) Math.exp(-tempo * q * q - pa2 * grad * grad - spread * q);
        }
    }

    /** Smallest |g| (1/nm) where the envelope is at most {@link #ENVELOPE_FLOOR}, or NaN when nowhere. */
    public static double envelopeCutoff(float[] e, float[] g2) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < e.length; i++) {
            if (e[i] <= ENVELOPE_FLOOR && g2[i] < best) {
                best = g2[i];
            }
        }
        return Double.isInfinite(best) ? Double.NaN : Math.sqrt(best);
    }
}

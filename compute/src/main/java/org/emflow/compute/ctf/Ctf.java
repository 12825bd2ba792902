package org.emflow.compute.ctf;

/**
 * The contrast transfer function of one image, in tomoDRGN's (cryoDRGN's) sign convention (Mindell &amp;
 * Grigorieff 2003 for the astigmatic defocus; specs/tomodrgn-backproject.md section 2.5):
 * <pre>
 *   lambda = 12.2639 / sqrt(V + 0.97845e-6 V^2)            (Angstrom, V in volts)
 *   df(a)  = (dfU + dfV)/2 + (dfU - dfV)/2 · cos(2(a - dfAngle))
 *   gamma  = -pi·df·lambda·s^2 + pi/2·Cs·lambda^3·s^4 - phaseShift - asin(ampContrast)
 *   CTF    = sin(gamma)
 * </pre>
 * with s the spatial frequency in 1/Angstrom and Cs in Angstrom. The CTF is negative at low frequency
 * for underfocus (positive defocus): physical contrast, dark particles. RELION's {@code ctf.h} has the
 * opposite sign (it negates the defocus), which is why RELION works on contrast-inverted, white
 * particles, and why reconstructions invert the image sign by default (tomoDRGN's default; checked
 * with relion_reconstruct on simulated sets of both signs). The B-factor and scale factor of
 * {@link CtfParams} are not applied: emflow's dose and tilt weights (package {@code weighting}) take
 * their place.
 */
public final class Ctf {
    /**
     * RELION's CTF is this one times RELION_SIGN: a map reconstructed with RELION's CTF from images in RELION's sign
     * (white particles, as STAR files carry them) is the one emflow reconstructs from the images times RELION_SIGN.
     */
    public static final int RELION_SIGN = -1;

    private final double dfMean;
    private final double dfHalfDiff;
    private final double cos2Angle;
    private final double sin2Angle;
    private final double k1;
    private final double k2;
    private final double k0;

    public Ctf(CtfParams p) {
        double volts = p.voltage() * 1e3;
        double lambda = 12.2639 / Math.sqrt(volts + 0.97845e-6 * volts * volts);
        double csA = p.cs() * 1e7;
        this.dfMean = 0.5 * (p.defocusU() + p.defocusV());
        this.dfHalfDiff = 0.5 * (p.defocusU() - p.defocusV());
        double ang = Math.toRadians(p.defocusAngle());
        this.cos2Angle = Math.cos(2 * ang);
        this.sin2Angle = Math.sin(2 * ang);
        this.k1 = Math.PI * lambda;
        this.k2 = 0.5 * Math.PI * csA * lambda * lambda * lambda;
        double w = Math.max(-1, Math.min(1, p.ampContrast()));
        this.k0 = Math.toRadians(p.phaseShift()) + Math.asin(w);
    }

    /** The electron wavelength in Angstrom for an acceleration voltage in kV (relativistic). */
    public static double wavelength(double kV) {
        double volts = kV * 1e3;
        return 12.2639 / Math.sqrt(volts + 0.97845e-6 * volts * volts);
    }

    /** CTF at spatial frequency (sx, sy) in 1/Angstrom. */
    public double value(double sx, double sy) {
        double s2 = sx * sx + sy * sy;
        double df = dfMean;
        if (s2 > 0 && dfHalfDiff != 0) {
            // cos(2(a - angle)) from the components, without atan2.
            double cos2a = (sx * sx - sy * sy) / s2;
            double sin2a = 2 * sx * sy / s2;
            df += dfHalfDiff * (cos2a * cos2Angle + sin2a * sin2Angle);
        }
        double gamma = -k1 * df * s2 + k2 * s2 * s2 - k0;
        return Math.sin(gamma);
    }

    /**
     * The CTF at many frequencies at once, from precomputed geometry (the hot path of reconstruction and
     * simulation): {@code s2[i]} = s² (1/Angstrom²), {@code cos2a[i]}, {@code sin2a[i]} = cos and sin of twice
     * the frequency's azimuth. Uses {@link #fastSin} (error below 1e-6).
     */
    public void values(float[] s2, float[] cos2a, float[] sin2a, int count, float[] out) {
        double dfc = dfHalfDiff * cos2Angle, dfs = dfHalfDiff * sin2Angle;
        for (int i = 0; i < count; i++) {
            double q = s2[i];
            double df = dfMean + dfc * cos2a[i] + dfs * sin2a[i];
            out[i] = (float) fastSin(-k1 * df * q + k2 * q * q - k0);
        }
    }

    /** sin(x) by range reduction to [−π/2, π/2] and an odd Taylor polynomial to x^13 (|error| &lt; 1e-7 there). */
    public static double fastSin(double x) {
        double r = x - 2 * Math.PI * Math.rint(x * (0.5 / Math.PI));
        if (r > 0.5 * Math.PI) {
            r = Math.PI - r;
        } else if (r < -0.5 * Math.PI) {
            r = -Math.PI - r;
        }
        double r2 = r * r;
        return r * (1 + r2 * (-1.0 / 6 + r2 * (1.0 / 120 + r2 * (-1.0 / 5040 + r2 * (1.0 / 362880
                + r2 * (-1.0 / 39916800 + r2 * (1.0 / 6227020800.0)))))));
    }

    /**
     * Fills {@code out} (n×n, x fastest) with the CTF on the centred grid of an n-box: out[(ky + n/2)·n +
     * kx + n/2] for kx, ky in [−n/2, n/2).
     */
    public static void evaluate(CtfParams params, int n, double pixelSize, float[] out) {
        if (out.length < n * n) {
            throw new IllegalArgumentException("output holds " + out.length + " values, need " + n * n);
        }
        Ctf ctf = new Ctf(params);
        double step = 1.0 / (n * pixelSize);
        for (int y = 0; y < n; y++) {
            double sy = (y - n / 2) * step;
            for (int x = 0; x < n; x++) {
                out[y * n + x] = (float) ctf.value((x - n / 2) * step, sy);
            }
        }
    }
}

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
     * the frequency's azimuth. In float with {@link #fastSin}, without branches, so that the JIT turns the loop
     * into SIMD code (8-16 lanes): it took a quarter of a back projection's time in double with a branching sine.
     * The phase γ carries float's relative error (|error| ≈ 1e-7·|γ|, 3e-6 at γ = 30 rad), far below the noise
     * of any image it multiplies.
     */
    public void values(float[] s2, float[] cos2a, float[] sin2a, int count, float[] out) {
        final float mean = (float) dfMean;
        final float dc = (float) (dfHalfDiff * cos2Angle);
        final float ds = (float) (dfHalfDiff * sin2Angle);
        final float c1 = (float) -k1, c2 = (float) k2, c0 = (float) -k0;
        // Two loops: each body stays under C2's default unrolling limit (JDK 17: 60 nodes), which vectorising needs.
        for (int i = 0; i < count; i++) {
            float q = s2[i];
            float df = mean + dc * cos2a[i] + ds * sin2a[i];
            out[i] = c1 * df * q + c2 * q * q + c0;
        }
        for (int i = 0; i < count; i++) {
            out[i] = fastSin(out[i]);
        }
    }

    /** 1.5·2^23: adding and subtracting it rounds a float of magnitude below 2^22 to the nearest integer. */
    private static final float ROUND = 12582912f;
    private static final float INV_TWO_PI = (float) (0.5 / Math.PI);
    /** 2π = TWO_PI_HI + TWO_PI_LO, the high part with 8 significant bits so that n·TWO_PI_HI is exact (Cody and Waite). */
    private static final float TWO_PI_HI = 6.28125f;
    private static final float TWO_PI_LO = (float) (2 * Math.PI - 6.28125);

    /**
     * sin(x) for |x| &lt; 2^24 without branches: x − 2π·rint(x/2π) into [−π, π], then the odd Taylor polynomial
     * to x^17 (truncation below 3e-8 at ±π); |error| below 1e-6 against the double sine of the same float.
     */
    public static float fastSin(float x) {
        float n = (x * INV_TWO_PI + ROUND) - ROUND;
        float r = (x - n * TWO_PI_HI) - n * TWO_PI_LO;
        float r2 = r * r;
        return r * (1f + r2 * (-1f / 6 + r2 * (1f / 120 + r2 * (-1f / 5040 + r2 * (1f / 362880 + r2 * (-1f / 39916800
                + r2 * (1f / 6227020800f + r2 * (-1f / 1.307674368e12f + r2 * (1f / 3.55687428096e14f)))))))));
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

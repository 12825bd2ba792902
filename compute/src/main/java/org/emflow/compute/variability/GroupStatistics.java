package org.emflow.compute.variability;

import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.geometry.CentredFft2;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * The 2-D average and variance of one group of aligned images (specs/sparx.md §B.5).
 *
 * <ul>
 * <li>Without CTF: the mean and the unbiased sample variance, Σ(xᵢ − x̄)²/(n − 1), per pixel (SPARX's {@code ave_var}).</li>
 * <li>With CTF: the Wiener average Â = Σ CᵢX̂ᵢ / (Σ Cᵢ² + 1/SNR), SNR = 10⁵ as SPARX's {@code aves_wiener}, and the
 *     variance of the data about the model, Σ|IFFT(X̂ᵢ − Cᵢ·Â)|²/(n − 1). For Cᵢ ≡ 1 both modes give the same
 *     numbers. SPARX instead weights each residual by SNR·Cᵢ/(1 + SNR·ΣC²) and does not divide by n − 1, which is
 *     about σ²/n, the variance of the mean: its CTF and non-CTF maps differ in scale by the group size. Fixed.</li>
 * </ul>
 * The CTFs are those of the aligned images ({@link InPlaneFrame#ctfAngle}). Not thread-safe: one per thread.
 */
public final class GroupStatistics {
    /** SPARX's signal-to-noise ratio of the Wiener average. */
    public static final double WIENER_SNR = 1e5;

    private final int nx;
    private final boolean ctf;
    private final FloatFFT_2D fft;
    /** The frequencies of one half plane (k and −k have the same CTF): their geometry, grid index and mirror's index. */
    private final float[] s2, cos2a, sin2a;
    private final int[] half, mirror;
    /** Grid index of −k for every k. */
    private final int[] mirrorOf;
    private final float[] halfValues;
    private float[][] spectra = new float[0][];
    private float[][] ctfs = new float[0][];
    private final double[] sum, sumSq;
    private final float[] avg;
    private final float[] buf;

    /**
     * @param nx        the images' box
     * @param pixelSize their pixel size in Angstrom (used for the CTF)
     * @param ctf       CTF-aware statistics
     */
    public GroupStatistics(int nx, double pixelSize, boolean ctf) {
        this.nx = nx;
        this.ctf = ctf;
        this.sum = new double[nx * nx];
        this.sumSq = new double[nx * nx];
        if (ctf) {
            this.fft = CentredFft2.singleThreaded(nx);
            int len = nx * nx;
            int[] h = new int[len], m = new int[len];
            float[] q = new float[len], c = new float[len], sn = new float[len];
            int count = 0;
            double ds = 1.0 / (nx * pixelSize);
            for (int y = 0; y < nx; y++) {
                int ky = y < (nx + 1) / 2 ? y : y - nx;
                for (int x = 0; x < nx; x++) {
                    int kx = x < (nx + 1) / 2 ? x : x - nx;
                    int i = y * nx + x;
                    int j = Math.floorMod(-ky, nx) * nx + Math.floorMod(-kx, nx);
                    if (j < i) {
                        continue; // its mirror −k was taken
                    }
                    double rr = kx * kx + ky * ky;
                    h[count] = i;
                    m[count] = j;
                    q[count] = (float) (rr * ds * ds);
                    c[count] = rr > 0 ? (float) ((kx * kx - ky * ky) / rr) : 1f;
                    sn[count] = rr > 0 ? (float) (2.0 * kx * ky / rr) : 0f;
                    count++;
                }
            }
            this.half = java.util.Arrays.copyOf(h, count);
            this.mirror = java.util.Arrays.copyOf(m, count);
            this.s2 = java.util.Arrays.copyOf(q, count);
            this.cos2a = java.util.Arrays.copyOf(c, count);
            this.sin2a = java.util.Arrays.copyOf(sn, count);
            this.halfValues = new float[count];
            this.mirrorOf = new int[len];
            for (int i = 0; i < count; i++) {
                mirrorOf[half[i]] = mirror[i];
                mirrorOf[mirror[i]] = half[i];
            }
            this.avg = new float[2 * nx * nx];
            this.buf = new float[2 * nx * nx];
        } else {
            this.fft = null;
            this.s2 = this.cos2a = this.sin2a = this.halfValues = null;
            this.half = this.mirror = this.mirrorOf = null;
            this.avg = null;
            this.buf = null;
        }
    }

    /**
     * Writes the group's average and variance.
     *
     * @param images aligned images (nx×nx each), the first {@code count} are used; count ≥ 2
     * @param ctf    the aligned images' CTFs (null entries not allowed with CTF statistics; ignored without)
     */
    public void compute(float[][] images, Ctf[] ctf, int count, float[] ave, float[] var) {
        if (count < 2) {
            throw new IllegalArgumentException("a group needs at least 2 images: " + count);
        }
        if (this.ctf) {
            wiener(images, ctf, count, ave, var);
        } else {
            plain(images, count, ave, var);
        }
    }

    private void plain(float[][] images, int count, float[] ave, float[] var) {
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(sumSq, 0);
        int len = nx * nx;
        for (int j = 0; j < count; j++) {
            float[] im = images[j];
            for (int i = 0; i < len; i++) {
                double v = im[i];
                sum[i] += v;
                sumSq[i] += v * v;
            }
        }
        for (int i = 0; i < len; i++) {
            double m = sum[i] / count;
            ave[i] = (float) m;
            var[i] = (float) Math.max(0, (sumSq[i] - count * m * m) / (count - 1));
        }
    }

    /*
     * Two real images go through one complex transform (x_a + i·x_b; their spectra are Hermitian, so they separate
     * through k and −k), which halves the transforms of the group: they are most of its cost.
     */
    private void wiener(float[][] images, Ctf[] ctf, int count, float[] ave, float[] var) {
        int len = nx * nx;
        if (spectra.length < count) {
            spectra = java.util.Arrays.copyOf(spectra, count);
            ctfs = java.util.Arrays.copyOf(ctfs, count);
        }
        for (int j = 0; j < count; j++) {
            if (spectra[j] == null) {
                spectra[j] = new float[2 * len];
                ctfs[j] = new float[len];
            }
        }
        for (int j = 0; j < count; j += 2) {
            float[] a = images[j], b = j + 1 < count ? images[j + 1] : null;
            for (int i = 0; i < len; i++) {
                buf[2 * i] = a[i];
                buf[2 * i + 1] = b == null ? 0f : b[i];
            }
            fft.complexForward(buf);
            float[] sa = spectra[j], sb = b == null ? null : spectra[j + 1];
            for (int i = 0; i < len; i++) {
                int m = mirrorOf[i];
                float zr = buf[2 * i], zi = buf[2 * i + 1], mr = buf[2 * m], mi = buf[2 * m + 1];
                // A = (Z(k) + conj Z(−k)) / 2, B = (Z(k) − conj Z(−k)) / 2i
                sa[2 * i] = 0.5f * (zr + mr);
                sa[2 * i + 1] = 0.5f * (zi - mi);
                if (sb != null) {
                    sb[2 * i] = 0.5f * (zi + mi);
                    sb[2 * i + 1] = 0.5f * (mr - zr);
                }
            }
        }
        java.util.Arrays.fill(sum, 0); // Σ C²
        java.util.Arrays.fill(avg, 0f); // Σ C·X
        for (int j = 0; j < count; j++) {
            float[] sp = spectra[j];
            float[] c = ctfs[j];
            ctf[j].values(s2, cos2a, sin2a, half.length, halfValues);
            for (int i = 0; i < half.length; i++) {
                c[half[i]] = halfValues[i];
                c[mirror[i]] = halfValues[i];
            }
            for (int i = 0; i < len; i++) {
                sum[i] += c[i] * c[i];
                avg[2 * i] += c[i] * sp[2 * i];
                avg[2 * i + 1] += c[i] * sp[2 * i + 1];
            }
        }
        for (int i = 0; i < len; i++) {
            float w = (float) (1 / (sum[i] + 1 / WIENER_SNR));
            avg[2 * i] *= w;
            avg[2 * i + 1] *= w;
        }
        java.util.Arrays.fill(sumSq, 0);
        for (int j = 0; j < count; j += 2) {
            // residuals D = X − C·Â are Hermitian: d_a + i·d_b from one inverse transform
            float[] sa = spectra[j], ca = ctfs[j];
            boolean pair = j + 1 < count;
            float[] sb = pair ? spectra[j + 1] : null, cb = pair ? ctfs[j + 1] : null;
            for (int i = 0; i < len; i++) {
                float ar = avg[2 * i], ai = avg[2 * i + 1];
                float dar = sa[2 * i] - ca[i] * ar, dai = sa[2 * i + 1] - ca[i] * ai;
                float dbr = 0, dbi = 0;
                if (pair) {
                    dbr = sb[2 * i] - cb[i] * ar;
                    dbi = sb[2 * i + 1] - cb[i] * ai;
                }
                buf[2 * i] = dar - dbi; // D_a + i·D_b
                buf[2 * i + 1] = dai + dbr;
            }
            fft.complexInverse(buf, true);
            for (int i = 0; i < len; i++) {
                double da = buf[2 * i], db = buf[2 * i + 1];
                sumSq[i] += da * da + db * db;
            }
        }
        System.arraycopy(avg, 0, buf, 0, 2 * len);
        fft.complexInverse(buf, true);
        for (int i = 0; i < len; i++) {
            ave[i] = buf[2 * i];
            var[i] = (float) (sumSq[i] / (count - 1));
        }
    }
}

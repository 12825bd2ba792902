package org.emflow.compute.fourier;

import org.emflow.compute.ctf.Ctf;

/**
 * The 2-D frequencies of a central slice that insertion and extraction visit, once for every image of a size: the
 * half plane kx ≥ 0 of a disc, in row order (ky, then kx), with what the CTF needs per frequency (|k|² and the
 * cosine and sine of twice the azimuth). The back projector ({@code recon.Backprojector}) and the projector
 * ({@code recon.Projector}) each choose the bounds their grid allows; both evaluate the CTF through
 * {@link #ctf}.
 */
public final class SliceGeometry {
    public final int count;
    public final short[] kx;
    public final short[] ky;
    /** |k| (float). */
    public final float[] radius;
    /** |k|² in the image's frequency units (exact: integers below 2^24). */
    public final float[] k2;
    public final float[] cos2a;
    public final float[] sin2a;

    /** The frequencies with 0 ≤ kx ≤ kxMax, kyMin ≤ ky ≤ kyMax and kx² + ky² ≤ limit2 (the squared radius). */
    public SliceGeometry(int kxMax, int kyMin, int kyMax, double limit2) {
        int c = 0;
        for (int y = kyMin; y <= kyMax; y++) {
            for (int x = 0; x <= kxMax; x++) {
                if (x * x + y * y <= limit2) {
                    c++;
                }
            }
        }
        count = c;
        kx = new short[c];
        ky = new short[c];
        radius = new float[c];
        k2 = new float[c];
        cos2a = new float[c];
        sin2a = new float[c];
        c = 0;
        for (int y = kyMin; y <= kyMax; y++) {
            for (int x = 0; x <= kxMax; x++) {
                if (x * x + y * y <= limit2) {
                    double rr = (double) x * x + (double) y * y;
                    kx[c] = (short) x;
                    ky[c] = (short) y;
                    radius[c] = (float) Math.sqrt(x * x + y * y);
                    k2[c] = (float) rr;
                    cos2a[c] = rr > 0 ? (float) ((x * x - y * y) / rr) : 1f;
                    sin2a[c] = rr > 0 ? (float) (2.0 * x * y / rr) : 0f;
                    c++;
                }
            }
        }
    }

    /**
     * The CTF at every frequency of an image whose frequency step is {@code ds} (1/Angstrom: 1 / (size · pixel
     * size)); {@code s2} is scratch of {@link #count} values.
     */
    public void ctf(Ctf ctf, double ds, float[] s2, float[] out) {
        float ds2 = (float) (ds * ds);
        for (int i = 0; i < count; i++) {
            s2[i] = k2[i] * ds2;
        }
        ctf.values(s2, cos2a, sin2a, count, out);
    }
}

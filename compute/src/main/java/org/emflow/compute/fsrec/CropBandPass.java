package org.emflow.compute.fsrec;

import org.emflow.compute.fourier.PrunedFft;

/**
 * The reference-frame crop of a band-passed image, computed from the image on the crop plus a margin
 * only, instead of from the whole image. The band-pass of {@link BandPass#gaussian} is a circular
 * convolution with the real, symmetric kernel K = IFFT(A') (A' = A with A'(0) = 0) plus the image mean
 * (because A(0) = 1). K is truncated to the square |s| &lt;= M holding all but 1e-7 of its energy, and
 * the convolution is done on the crop plus M pixels each side with a small FFT. (K decays slowly only
 * because A is cut at Nyquist, where the Gaussian has not quite vanished.) The result agrees with the
 * full-image filter to 4e-4 of its rms on white noise, less on band-limited images: far below the
 * noise, and far below the original's own filter defect (a 0.021 error from a misplaced row).
 *
 * <p>When the filter is too wide (the margin would leave the image) {@link #isLocal()} is false and the
 * caller uses the full-image path.
 */
final class CropBandPass {
    private static final double ENERGY_TAIL = 1e-7;

    private final boolean local;
    private final int margin;
    private final int fx;
    private final int fy;
    private final int regionX0;
    private final int regionY0;
    private final int regionW;
    private final int regionH;
    private final int areaX;
    private final int areaY;
    /** Real spectrum of the truncated kernel on the fy x fx grid. */
    private final float[] kernel;

    CropBandPass(int nx, int ny, int x0, int y0, int areaX, int areaY, float[] filter) {
        this.areaX = areaX;
        this.areaY = areaY;
        // Single precision is ample here (the kernel is stored as float) and reuses the float plans the
        // reconstruction has already compiled, instead of a multithreaded double plan of its own.
        float[] k = new float[2 * nx * ny];
        for (int i = 1; i < nx * ny; i++) {
            k[2 * i] = filter[i];
        }
        FourierConvention.inverse(k, nx, ny);
        int maxR = Math.max(nx, ny);
        double[] ring = new double[maxR + 1];
        double total = 0;
        for (int y = 0; y < ny; y++) {
            int ay = Math.abs(FourierConvention.freq(y, ny));
            for (int x = 0; x < nx; x++) {
                int r = Math.max(ay, Math.abs(FourierConvention.freq(x, nx)));
                double v = k[2 * (y * nx + x)];
                double e = v * v;
                ring[r] += e;
                total += e;
            }
        }
        int m = 0;
        double inside = ring[0];
        while (m < maxR && inside < (1 - ENERGY_TAIL) * total) {
            m++;
            inside += ring[m];
        }
        this.margin = m;
        this.regionX0 = x0 - m;
        this.regionY0 = y0 - m;
        this.regionW = areaX + 2 * m;
        this.regionH = areaY + 2 * m;
        boolean fits = regionX0 >= 0 && regionY0 >= 0 && regionX0 + regionW <= nx && regionY0 + regionH <= ny;
        this.fx = niceSize(regionW);
        this.fy = niceSize(regionH);
        // Worth it only when the region transform is clearly smaller than the full one.
        this.local = fits && (long) fx * fy * 2 < (long) nx * ny;
        if (!local) {
            kernel = null;
            return;
        }
        float[] ks = new float[2 * fx * fy];
        for (int sy = -m; sy <= m; sy++) {
            int ky = Math.floorMod(sy, ny);
            int ty = Math.floorMod(sy, fy);
            for (int sx = -m; sx <= m; sx++) {
                int kx = Math.floorMod(sx, nx);
                int tx = Math.floorMod(sx, fx);
                ks[2 * (ty * fx + tx)] = k[2 * (ky * nx + kx)];
            }
        }
        FourierConvention.forward(ks, fx, fy);
        kernel = new float[fx * fy];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = ks[2 * i];
        }
    }

    /** Half-width M of the truncated kernel, pixels. */
    int margin() {
        return margin;
    }

    boolean isLocal() {
        return local;
    }

    /** First image row the caller must provide. */
    int regionY0() {
        return regionY0;
    }

    /** Number of image rows the caller must provide. */
    int regionHeight() {
        return regionH;
    }

    /** First image column of the region. */
    int regionX0() {
        return regionX0;
    }

    /** Number of image columns of the region. */
    int regionWidth() {
        return regionW;
    }

    /** Row length of the work buffer ({@link #newBuffer}), complex elements. */
    int bufferWidth() {
        return fx;
    }

    /** Smallest n' &gt;= n with no prime factor above 5 (fast JTransforms sizes). */
    static int niceSize(int n) {
        for (int c = Math.max(1, n);; c++) {
            int r = c;
            for (int p : new int[] {2, 3, 5}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return c;
            }
        }
    }

    /** A work buffer for {@link #apply}. */
    float[] newBuffer() {
        return new float[2 * fx * fy];
    }

    /**
     * Band-passed crops of two real images of which only the rows [regionY0, regionY0 + regionHeight)
     * are needed: image a in the real slots and b in the imaginary slots of {@code rows} (a full-size
     * interleaved image, nx wide). {@code meanA}, {@code meanB} are the full images' means (passed
     * by A(0) = 1). {@code cropB} may be null.
     */
    void apply(float[] rows, int nx, float[] buf, double meanA, double meanB, float[] cropA, float[] cropB) {
        java.util.Arrays.fill(buf, 0f);
        for (int y = 0; y < regionH; y++) {
            System.arraycopy(rows, 2 * ((regionY0 + y) * nx + regionX0), buf, 2 * y * fx, 2 * regionW);
        }
        applyPrepared(buf, meanA, meanB, cropA, cropB);
    }

    /**
     * As {@link #apply}, with the region already in {@code buf}: region pixel (x, y) at
     * {@code 2 * (y * bufferWidth() + x)} (image a real, b imaginary), zero elsewhere. {@code buf} is overwritten.
     */
    void applyPrepared(float[] buf, double meanA, double meanB, float[] cropA, float[] cropB) {
        FourierConvention.forward(buf, fx, fy);
        for (int i = 0; i < kernel.length; i++) {
            buf[2 * i] *= kernel[i];
            buf[2 * i + 1] *= kernel[i];
        }
        PrunedFft.inverseRows(buf, fx, fy, margin, areaY);
        float ma = (float) meanA;
        float mb = (float) meanB;
        for (int y = 0; y < areaY; y++) {
            int src = 2 * ((margin + y) * fx + margin);
            for (int x = 0; x < areaX; x++) {
                cropA[y * areaX + x] = buf[src + 2 * x] + ma;
                if (cropB != null) {
                    cropB[y * areaX + x] = buf[src + 2 * x + 1] + mb;
                }
            }
        }
    }
}

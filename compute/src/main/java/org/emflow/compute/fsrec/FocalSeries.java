package org.emflow.compute.fsrec;

import org.emflow.compute.fourier.PrunedFft;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.util.Monitor;

/**
 * The experimental side of a focal-series reconstruction: the mean-normalised images and their spectra,
 * their current displacements and the geometry, plus the parallel helpers the algorithms share. Spectra
 * are kept unshifted; an image "aligned" with displacement d is its spectrum shifted by -d
 * ({@link FourierConvention}).
 *
 * <p>Loading computes each image's spectrum on the {@link ApertureBox} only ({@link #boxSpectra}), which
 * is all the linear reconstruction reads: the column transforms outside the box and four fifths of the
 * memory are saved. The whole spectra, which the common-frame pre-alignment, the nonlinear refinement and
 * the aligned-image outputs need, are computed on first use ({@link #spectrum}).
 */
public final class FocalSeries {
    final FsrParameters p;
    final int nx;
    final int ny;
    final int n;
    final int areaX;
    final int areaY;
    final int x0;
    final int y0;
    /** Whole spectra: given (derived series), or computed from {@link #images} on first use; see {@link #spectrum}. */
    private final float[][] spectra;
    /** Per image, its spectrum on {@link #box} (box order, interleaved). */
    final float[][] boxSpectra;
    final ApertureBox box;
    /** The mean-normalised images in real space (null for derived series such as block means). */
    final float[][] images;
    /** Local crop band-passes per filter (see {@link ShiftedCropBandPass}). */
    private final java.util.Map<GaussianFilter, ShiftedCropBandPass> localCrops = new java.util.concurrent.ConcurrentHashMap<>();
    /** Crop band-passes per filter array (identity keys), shared by the simulations and the aligned crops. */
    private final java.util.Map<float[], CropBandPass> cropBandPasses = new java.util.concurrent.ConcurrentHashMap<>();
    final double[] dx;
    final double[] dy;
    final float[] g2;
    private final ForkJoinPool pool;

    /** Per-thread work buffers. */
    final ThreadLocal<Work> work;

    final class Work {
        final float[] a = new float[2 * nx * ny];
        final float[] z = new float[2 * nx * ny];
        final float[] rx = new float[2 * nx];
        final float[] ry = new float[2 * ny];
        final float[] rx2 = new float[2 * nx];
        final float[] ry2 = new float[2 * ny];
        final PeakRegistration reg = new PeakRegistration(areaX, areaY);
    }

    private FocalSeries(FsrParameters p, ApertureBox box, float[][] spectra, float[][] boxSpectra, float[][] images, ForkJoinPool pool) {
        this.p = p;
        this.box = box;
        this.images = images;
        this.nx = p.nx();
        this.ny = p.ny();
        this.n = boxSpectra.length;
        this.areaX = p.areaX();
        this.areaY = p.areaY();
        this.x0 = p.areaX0();
        this.y0 = p.areaY0();
        this.spectra = spectra;
        this.boxSpectra = boxSpectra;
        this.dx = new double[n];
        this.dy = new double[n];
        this.g2 = FourierConvention.frequencySquared(nx, ny, p.samplingX(), p.samplingY());
        this.pool = pool;
        this.work = ThreadLocal.withInitial(Work::new);
    }

    /**
     * Loads the selected images (fixing hot pixels when asked), divides each by its mean and transforms it
     * on the aperture box.
     */
    public static FocalSeries load(FsrParameters p, ForkJoinPool pool, Monitor monitor) throws IOException {
        ApertureBox box = new ApertureBox(p);
        float[][] boxSpectra = new float[p.count()][];
        float[][] images = new float[p.count()][];
        int[] fixed = new int[p.count()];
        IOException[] failure = new IOException[1];
        ThreadLocal<float[]> work = ThreadLocal.withInitial(() -> new float[2 * p.nx() * p.ny()]);
        run(pool, (p.count() + 1) / 2, k -> {
            if (failure[0] != null) {
                return;
            }
            int i = 2 * k;
            int j = i + 1 < p.count() ? i + 1 : -1;
            try {
                images[i] = normalisedImage(p, i, fixed);
                if (j >= 0) {
                    images[j] = normalisedImage(p, j, fixed);
                }
            } catch (IOException e) {
                failure[0] = e;
                return;
            }
            float[] z = pairTransform(images[i], j >= 0 ? images[j] : null, p.nx(), p.ny(), box.cols, work.get());
            if (j < 0) {
                boxSpectra[i] = box.gather(z);
                return;
            }
            boxSpectra[i] = new float[2 * box.size()];
            boxSpectra[j] = new float[2 * box.size()];
            FourierConvention.splitPair(z, p.nx(), p.ny(), box.boxToPixel, boxSpectra[i], boxSpectra[j]);
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        if (p.fixHotPixels()) {
            int total = 0;
            for (int f : fixed) {
                total += f;
            }
            monitor.info("Fixhotpix: replaced " + total + " outlier/dead pixels in " + p.count() + " images");
        }
        return new FocalSeries(p, box, new float[p.count()][], boxSpectra, images, pool);
    }

    /**
     * The transform of a + i b (two real images sharing one complex transform; b may be null) into z (2 nx ny,
     * returned), its columns transformed only in the column ranges {@code cols} ({from0, to0, from1, to1}; all
     * columns for {0, nx, nx, nx}).
     */
    private static float[] pairTransform(float[] a, float[] b, int nx, int ny, int[] cols, float[] z) {
        if (b == null) {
            java.util.Arrays.fill(z, 0f);
        }
        for (int q = 0; q < a.length; q++) {
            z[2 * q] = a[q];
        }
        for (int q = 0; b != null && q < b.length; q++) {
            z[2 * q + 1] = b[q];
        }
        PrunedFft.forwardColumns(z, nx, ny, cols);
        return z;
    }

    /**
     * The whole (unshifted) spectrum of image i, computed on first use (with its pair partner, as at loading)
     * and kept. Callers that need every image's spectrum call {@link #computeSpectra()} first, which
     * computes the pairs in parallel.
     */
    float[] spectrum(int i) {
        synchronized (spectra) {
            if (spectra[i] != null) {
                return spectra[i];
            }
        }
        computePair(i / 2);
        synchronized (spectra) {
            return spectra[i];
        }
    }

    /** Computes every missing whole spectrum, two images per transform, in parallel. */
    void computeSpectra() {
        run((n + 1) / 2, this::computePair);
    }

    /** Whole spectra of images 2k and 2k + 1 (when it exists) from one transform, unless both are known. */
    private void computePair(int k) {
        int i = 2 * k;
        int j = i + 1 < n ? i + 1 : -1;
        synchronized (spectra) {
            if (spectra[i] != null && (j < 0 || spectra[j] != null)) {
                return;
            }
        }
        float[] z = pairTransform(images[i], j >= 0 ? images[j] : null, nx, ny, PrunedFft.apertureRanges(nx, nx), new float[2 * nx * ny]);
        float[] a = z;
        float[] b = null;
        if (j >= 0) {
            a = new float[z.length];
            b = new float[z.length];
            FourierConvention.splitPair(z, nx, ny, a, b);
        }
        synchronized (spectra) {
            if (spectra[i] == null) {
                spectra[i] = a;
            }
            if (j >= 0 && spectra[j] == null) {
                spectra[j] = b;
            }
        }
    }

    /** DC term (sum of the pixel values) of image i's spectrum. */
    float dc(int i) {
        return boxSpectra[i][0];
    }

    /** A series with the same parameters and pool holding other (whole) spectra (block means, a reference). */
    FocalSeries withSpectra(float[][] other) {
        float[][] onBox = new float[other.length][];
        for (int i = 0; i < other.length; i++) {
            onBox[i] = box.gather(other[i]);
        }
        return new FocalSeries(p, box, other, onBox, null, pool);
    }

    /** A series without images: the grid, reference frame and pool only (for the autofocus). */
    public static FocalSeries geometryOnly(FsrParameters p, ForkJoinPool pool) {
        return new FocalSeries(p, new ApertureBox(p), new float[0][], new float[0][], null, pool);
    }

    /** Reads selected image i, fixes its hot pixels when asked and divides it by its mean. */
    private static float[] normalisedImage(FsrParameters p, int i, int[] fixed) throws IOException {
        java.nio.file.Path file = p.imageFile(p.images()[i]);
        float[] img = FsrecFiles.readFloatRaw(file, p.nx(), p.ny());
        if (p.fixHotPixels()) {
            fixed[i] = HotPixelFilter.fix(img, p.nx(), p.ny());
        }
        double s = 0;
        for (float v : img) {
            s += v;
        }
        double mean = s / img.length;
        if (!(Math.abs(mean) > 0) || !Double.isFinite(mean)) {
            throw new org.emflow.compute.util.BadInputException(file + ": image mean is " + mean
                    + " and cannot be normalised (set [IMAGEDATA] Fixhotpix=Yes for NaN pixels)");
        }
        float inv = (float) (1.0 / mean);
        for (int q = 0; q < img.length; q++) {
            img[q] *= inv;
        }
        return img;
    }

    /** Runs {@code body} for 0..count-1 on the pool. */
    static void run(ForkJoinPool pool, int count, IntConsumer body) {
        try {
            pool.submit(() -> IntStream.range(0, count).parallel().forEach(body)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(c);
        }
    }

    void run(int count, IntConsumer body) {
        run(pool, count, body);
    }

    /** The reference-frame crop band-pass of {@code filter} on this series' geometry (built once per filter array). */
    CropBandPass cropBandPass(float[] filter) {
        return cropBandPasses.computeIfAbsent(filter, f -> new CropBandPass(nx, ny, x0, y0, areaX, areaY, f));
    }

    /** Fills {@code out} with the spectrum of image i aligned (shifted by -d_i), optionally band-passed. */
    void aligned(int i, float[] filter, float[] out) {
        Work w = work.get();
        FourierConvention.shiftSpectrum(spectrum(i), out, nx, ny, -dx[i], -dy[i], w.rx, w.ry);
        if (filter != null) {
            BandPass.apply(out, filter);
        }
    }

    /**
     * Band-passed real crops (reference frame) of the aligned images i and j (j may be -1): two Hermitian
     * spectra share one inverse transform, image i in the real part and j in the imaginary part.
     */
    void alignedCrops(int i, int j, GaussianFilter gaussian, double signI, double signJ, float[] cropI, float[] cropJ) {
        if (images != null && localCrops.computeIfAbsent(gaussian, g -> new ShiftedCropBandPass(this, g))
                .apply(i, j, signI, signJ, cropI, cropJ)) {
            return;
        }
        float[] filter = gaussian.values();
        Work w = work.get();
        FourierConvention.shiftFactors(-dx[i], nx, w.rx);
        FourierConvention.shiftFactors(-dy[i], ny, w.ry);
        if (j >= 0) {
            FourierConvention.shiftFactors(-dx[j], nx, w.rx2);
            FourierConvention.shiftFactors(-dy[j], ny, w.ry2);
        }
        float[] si = spectrum(i);
        float[] sj = j >= 0 ? spectrum(j) : null;
        float[] z = w.z;
        for (int y = 0; y < ny; y++) {
            float ar = w.ry[2 * y];
            float ai = w.ry[2 * y + 1];
            float br = j >= 0 ? w.ry2[2 * y] : 0f;
            float bi = j >= 0 ? w.ry2[2 * y + 1] : 0f;
            for (int x = 0; x < nx; x++) {
                int k = y * nx + x;
                float f = filter[k];
                float fr = w.rx[2 * x] * ar - w.rx[2 * x + 1] * ai;
                float fi = w.rx[2 * x] * ai + w.rx[2 * x + 1] * ar;
                float xr = (si[2 * k] * fr - si[2 * k + 1] * fi) * f * (float) signI;
                float xi = (si[2 * k] * fi + si[2 * k + 1] * fr) * f * (float) signI;
                if (sj != null) {
                    float gr = w.rx2[2 * x] * br - w.rx2[2 * x + 1] * bi;
                    float gi = w.rx2[2 * x] * bi + w.rx2[2 * x + 1] * br;
                    float yr = (sj[2 * k] * gr - sj[2 * k + 1] * gi) * f * (float) signJ;
                    float yi = (sj[2 * k] * gi + sj[2 * k + 1] * gr) * f * (float) signJ;
                    // X + i Y
                    xr -= yi;
                    xi += yr;
                }
                z[2 * k] = xr;
                z[2 * k + 1] = xi;
            }
        }
        PrunedFft.inverseRows(z, nx, ny, y0, areaY);
        FourierConvention.crop(z, nx, x0, y0, areaX, areaY, false, cropI);
        if (j >= 0) {
            FourierConvention.crop(z, nx, x0, y0, areaX, areaY, true, cropJ);
        }
    }

    /** The aligned image i in real space (real part, mean-normalised) into {@code out} (nx * ny). */
    void alignedImage(int i, float[] out) {
        Work w = work.get();
        aligned(i, null, w.a);
        FourierConvention.inverse(w.a, nx, ny);
        for (int k = 0; k < nx * ny; k++) {
            out[k] = w.a[2 * k];
        }
    }

    /** Displacements (dx, dy) per selected image, in pixels. */
    public double[] dx() {
        return dx.clone();
    }

    public double[] dy() {
        return dy.clone();
    }

    /** Replaces the displacements. */
    public void setDisplacements(double[] newDx, double[] newDy) {
        System.arraycopy(newDx, 0, dx, 0, n);
        System.arraycopy(newDy, 0, dy, 0, n);
    }

    public int count() {
        return n;
    }

    /** A wave with this series' grid. */
    ComplexImage image(float[] data) {
        return new ComplexImage(nx, ny, data, p.samplingX(), p.samplingY());
    }
}

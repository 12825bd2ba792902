package org.emflow.compute.fsrec;

/**
 * Forward simulation of the images of a focal series from a wave (spec pyfsrec.md section 2.5 c):
 * Sim_n = FFT(|IFFT(W t_n E_n)|^2), W the wave's spectrum. The linear loop needs only the band-passed
 * reference-frame crops of the simulations, computed from the frame plus the band-pass margin
 * ({@link CropBandPass}); the nonlinear refinement needs the whole spectra, computed with the full
 * transforms together with the unfiltered misfit over the field (by Parseval).
 */
final class ImageSimulator {
    private final FocalSeries s;
    private final SeriesTransfer tr;
    private final float[] filter;
    private final CropBandPass cropFilter;
    private final ThreadLocal<float[]> cropBuffer;
    /** Band-passed reference-frame crops of the last simulation. */
    final float[][] crops;
    /** Whole simulated spectra of the last full simulation (null until one is asked for). */
    float[][] spectra;
    /** Unfiltered misfit std(aligned image - simulation) over the field, per image, of the last full simulation. */
    final double[] fieldResiduals;

    ImageSimulator(FocalSeries s, SeriesTransfer tr, float[] filter) {
        this.s = s;
        this.tr = tr;
        this.filter = filter;
        this.cropFilter = s.cropBandPass(filter);
        this.cropBuffer = ThreadLocal.withInitial(cropFilter::newBuffer);
        this.crops = new float[s.n][s.areaX * s.areaY];
        this.fieldResiduals = new double[s.n];
    }

    /**
     * Simulates all images from the wave spectrum; {@code full} also keeps the whole spectra and the
     * field residuals.
     */
    void simulate(float[] wave, boolean full) {
        int pairs = (s.n + 1) / 2;
        if (full || !cropFilter.isLocal()) {
            if (full && spectra == null) {
                spectra = new float[s.n][2 * s.nx * s.ny];
            }
            s.run(pairs, k -> simulatePair(wave, 2 * k, 2 * k + 1 < s.n ? 2 * k + 1 : -1, full));
        } else {
            s.run(pairs, k -> simulatePairCrops(wave, 2 * k, 2 * k + 1 < s.n ? 2 * k + 1 : -1));
        }
    }

    /** Releases the whole spectra. */
    void dropSpectra() {
        spectra = null;
    }

    /** Mean over images of {@link #fieldResiduals}. */
    double meanFieldResidual() {
        double m = 0;
        for (double r : fieldResiduals) {
            m += r;
        }
        return m / fieldResiduals.length;
    }

    /**
     * Crops only: the intensities are needed on the frame plus the filter margin, so the wave transform
     * skips the other rows and the band-pass runs on the small region. Two images share one transform.
     */
    private void simulatePairCrops(float[] wave, int i, int j) {
        FocalSeries.Work w = s.work.get();
        int y0 = cropFilter.regionY0();
        int h = cropFilter.regionHeight();
        int nx = s.nx;
        float[] z = w.z;
        double meanI = regionIntensity(wave, i, w.a, y0, h);
        for (int q = 2 * y0 * nx; q < 2 * (y0 + h) * nx; q += 2) {
            z[q] = w.a[q];
            z[q + 1] = 0f;
        }
        double meanJ = 0;
        if (j >= 0) {
            meanJ = regionIntensity(wave, j, w.a, y0, h);
            for (int q = 2 * y0 * nx; q < 2 * (y0 + h) * nx; q += 2) {
                z[q + 1] = w.a[q];
            }
        }
        cropFilter.apply(z, nx, cropBuffer.get(), meanI, meanJ, crops[i], j >= 0 ? crops[j] : null);
    }

    /** |IFFT(W t_i E_i)|^2 on rows [y0, y0 + h) into the real slots of {@code buf}; returns the whole image's mean. */
    private double regionIntensity(float[] wave, int i, float[] buf, int y0, int h) {
        int pix = s.nx * s.ny;
        double power = tr.waveTimesTransfer(wave, i, buf);
        PrunedFft.inverseBandLimitedRows(buf, s.nx, s.ny, tr.kMaxX, y0, h);
        for (int k = 2 * y0 * s.nx; k < 2 * (y0 + h) * s.nx; k += 2) {
            float re = buf[k];
            float im = buf[k + 1];
            buf[k] = re * re + im * im;
        }
        return power / ((double) pix * pix);
    }

    private void simulatePair(float[] wave, int i, int j, boolean full) {
        FocalSeries.Work w = s.work.get();
        int nx = s.nx;
        int ny = s.ny;
        int pix = nx * ny;
        float[] z = w.z;
        intensity(wave, i, w.a);
        for (int k = 0; k < pix; k++) {
            z[2 * k] = w.a[2 * k];
            z[2 * k + 1] = 0f;
        }
        if (j >= 0) {
            intensity(wave, j, w.a);
            for (int k = 0; k < pix; k++) {
                z[2 * k + 1] = w.a[2 * k];
            }
        }
        FourierConvention.forward(z, nx, ny);
        if (full) {
            fieldResiduals[i] = fieldResidual(i, z, false);
            if (j >= 0) {
                fieldResiduals[j] = fieldResidual(j, z, true);
            }
            FourierConvention.splitPair(z, nx, ny, spectra[i], j >= 0 ? spectra[j] : null);
        }
        BandPass.apply(z, filter);
        PrunedFft.inverseRows(z, nx, ny, s.y0, s.areaY);
        FourierConvention.crop(z, nx, s.x0, s.y0, s.areaX, s.areaY, false, crops[i]);
        if (j >= 0) {
            FourierConvention.crop(z, nx, s.x0, s.y0, s.areaX, s.areaY, true, crops[j]);
        }
    }

    /** |IFFT(W t_i E_i)|^2 over the whole image into the real slots of {@code buf}. */
    void intensity(float[] wave, int i, float[] buf) {
        int pix = s.nx * s.ny;
        tr.waveTimesTransfer(wave, i, buf);
        PrunedFft.inverseBandLimited(buf, s.nx, s.ny, tr.kMaxX);
        for (int k = 0; k < pix; k++) {
            float re = buf[2 * k];
            float im = buf[2 * k + 1];
            buf[2 * k] = re * re + im * im;
        }
    }

    /**
     * std over the field of (aligned image i - its simulation), by Parseval without DC; the simulation is
     * the real (or, with {@code imaginaryHalf}, the imaginary) half of the paired transform z.
     */
    private double fieldResidual(int i, float[] z, boolean imaginaryHalf) {
        FocalSeries.Work w = s.work.get();
        int nx = s.nx;
        int ny = s.ny;
        FourierConvention.shiftFactors(-s.dx[i], nx, w.rx);
        FourierConvention.shiftFactors(-s.dy[i], ny, w.ry);
        float[] sp = s.spectra[i];
        double sum = 0;
        for (int y = 0; y < ny; y++) {
            int my = FourierConvention.negIndex(y, ny);
            float ryr = w.ry[2 * y];
            float ryi = w.ry[2 * y + 1];
            for (int x = 0; x < nx; x++) {
                int k = y * nx + x;
                if (k == 0) {
                    continue;
                }
                int m = my * nx + FourierConvention.negIndex(x, nx);
                float zr = z[2 * k];
                float zi = z[2 * k + 1];
                float cr = z[2 * m];
                float ci = -z[2 * m + 1];
                float simR;
                float simI;
                if (imaginaryHalf) {
                    simR = 0.5f * (zi - ci);
                    simI = -0.5f * (zr - cr);
                } else {
                    simR = 0.5f * (zr + cr);
                    simI = 0.5f * (zi + ci);
                }
                float fr = w.rx[2 * x] * ryr - w.rx[2 * x + 1] * ryi;
                float fi = w.rx[2 * x] * ryi + w.rx[2 * x + 1] * ryr;
                float xr = sp[2 * k] * fr - sp[2 * k + 1] * fi;
                float xi = sp[2 * k] * fi + sp[2 * k + 1] * fr;
                double dr = xr - simR;
                double di = xi - simI;
                sum += dr * dr + di * di;
            }
        }
        return Math.sqrt(sum) / ((double) nx * ny);
    }
}

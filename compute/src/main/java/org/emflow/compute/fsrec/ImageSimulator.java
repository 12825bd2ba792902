package org.emflow.compute.fsrec;

import org.emflow.compute.fourier.PrunedFft;

import org.jtransforms.fft.FloatFFT_1D;

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
    private final ThreadLocal<RegionWork> regionWork;
    /** Spectrum row of each aperture box row. */
    private final int[] boxRowY;
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
        this.regionWork = ThreadLocal.withInitial(RegionWork::new);
        this.boxRowY = new int[tr.box.boxHeight];
        for (int y = 0; y < s.ny; y++) {
            if (tr.box.boxRow[y] >= 0) {
                boxRowY[tr.box.boxRow[y]] = y;
            }
        }
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
     * Crops only: the intensities are needed on the band-pass region (the frame plus the filter margin)
     * only, so they are computed there directly and two images share the region's transform.
     */
    private void simulatePairCrops(float[] wave, int i, int j) {
        RegionWork w = regionWork.get();
        java.util.Arrays.fill(w.region, 0f);
        double meanI = regionIntensity(wave, i, w, 0);
        double meanJ = j >= 0 ? regionIntensity(wave, j, w, 1) : 0;
        cropFilter.applyPrepared(w.region, meanI, meanJ, crops[i], j >= 0 ? crops[j] : null);
    }

    /** Per-thread buffers of {@link #regionIntensity}. */
    private final class RegionWork {
        /** The transformed box rows, boxHeight x nx (interleaved). */
        final float[] rows = new float[2 * tr.box.boxHeight * s.nx];
        /** A block of columns, ny each. */
        final float[] block = new float[PrunedFft.BLOCK_COLUMNS * 2 * s.ny];
        final float[] region = cropFilter.newBuffer();
        final FloatFFT_1D rowFft = new FloatFFT_1D(s.nx);
        final FloatFFT_1D colFft = new FloatFFT_1D(s.ny);
    }

    /**
     * |IFFT(W t_i E_i)|^2 on the band-pass region into slot 0 (real) or 1 (imaginary) of the region buffer;
     * returns the whole image's mean intensity (Parseval). W t_i E_i is zero outside the aperture box, so
     * the x transforms run on the box rows only and the y transforms on the region's columns only; the
     * 1/(nx ny) factors are applied once to the intensity.
     */
    private double regionIntensity(float[] wave, int i, RegionWork w, int slot) {
        int nx = s.nx;
        int ny = s.ny;
        float[] rows = w.rows;
        float[] te = tr.te[i];
        double power = 0;
        for (int r = 0; r < tr.box.boxHeight; r++) {
            power += transferRow(wave, te, r, rows);
            w.rowFft.complexInverse(rows, 2 * r * nx, false);
        }
        int pix = nx * ny;
        float norm = (float) (1.0 / ((double) pix * pix));
        int x0 = cropFilter.regionX0();
        int rw = cropFilter.regionWidth();
        for (int x = x0; x < x0 + rw; x += PrunedFft.BLOCK_COLUMNS) {
            intensityColumns(w, x, Math.min(PrunedFft.BLOCK_COLUMNS, x0 + rw - x), slot, norm);
        }
        return power / ((double) pix * pix);
    }

    /**
     * Box row r of W t_i E_i into row r of {@code rows} (zero outside the aperture columns); returns its
     * power. (Loop bodies are separate small methods so the JIT compiles them once, early, instead of
     * compiling the long loops on the stack several times.)
     */
    private double transferRow(float[] wave, float[] te, int r, float[] rows) {
        int nx = s.nx;
        int y = boxRowY[r];
        int base = 2 * r * nx;
        int[] cols = tr.box.cols;
        int b = r * tr.box.boxWidth;
        java.util.Arrays.fill(rows, base, base + 2 * nx, 0f);
        double power = 0;
        for (int part = 0; part < 2; part++) {
            for (int x = cols[2 * part]; x < cols[2 * part + 1]; x++, b++) {
                int k = y * nx + x;
                float wr = wave[2 * k];
                float wi = wave[2 * k + 1];
                float tre = te[2 * b];
                float tim = te[2 * b + 1];
                float re = wr * tre - wi * tim;
                float im = wr * tim + wi * tre;
                rows[base + 2 * x] = re;
                rows[base + 2 * x + 1] = im;
                power += re * re + im * im;
            }
        }
        return power;
    }

    /**
     * Columns [x, x + cw) (cw at most BLOCK_COLUMNS) of the x-transformed box rows: y transforms, then norm |.|^2 on the
     * region rows into slot {@code slot} of the region buffer.
     */
    private void intensityColumns(RegionWork w, int x, int cw, int slot, float norm) {
        int nx = s.nx;
        int ny = s.ny;
        int x0 = cropFilter.regionX0();
        int y0 = cropFilter.regionY0();
        int rh = cropFilter.regionHeight();
        int fx = cropFilter.bufferWidth();
        float[] rows = w.rows;
        float[] block = w.block;
        float[] out = w.region;
        java.util.Arrays.fill(block, 0, cw * 2 * ny, 0f);
        for (int r = 0; r < tr.box.boxHeight; r++) {
            int src = 2 * (r * nx + x);
            int dst = 2 * boxRowY[r];
            for (int c = 0; c < cw; c++) {
                block[c * 2 * ny + dst] = rows[src + 2 * c];
                block[c * 2 * ny + dst + 1] = rows[src + 2 * c + 1];
            }
        }
        for (int c = 0; c < cw; c++) {
            w.colFft.complexInverse(block, c * 2 * ny, false);
            int off = c * 2 * ny + 2 * y0;
            int col = 2 * (x - x0 + c) + slot;
            for (int v = 0; v < rh; v++) {
                float re = block[off + 2 * v];
                float im = block[off + 2 * v + 1];
                out[2 * v * fx + col] = (re * re + im * im) * norm;
            }
        }
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
        PrunedFft.inverseBandLimited(buf, s.nx, s.ny, tr.box.kMaxX);
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
        float[] sp = s.spectrum(i);
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

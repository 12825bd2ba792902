package org.emflow.compute.fsrec;

import org.emflow.compute.fourier.PrunedFft;

/**
 * Simulates band-passed reference-frame crops of the image intensity |IFFT(W t_Z E_Z)|^2 of a wave
 * spectrum W for a list of foci Z, two foci per forward transform (their intensities are real). Shared
 * by the focus step analysis and the autofocus.
 */
final class FocusSearch {
    private FocusSearch() {
    }

    /**
     * @param wave wave spectrum (interleaved, not modified)
     * @param withC3 include spherical aberration in the transfer function
     * @param withEnvelopes multiply by the partial-coherence envelope of each focus
     * @return crops[focus][areaX * areaY]
     */
    static float[][] simulatedCrops(FocalSeries s, ElectronOptics optics, float[] wave, double[] foci, boolean withC3,
            boolean withEnvelopes, float[] filter) {
        int pix = s.nx * s.ny;
        float[][] crops = new float[foci.length][s.areaX * s.areaY];
        CropBandPass local = s.cropBandPass(filter);
        int kMax = PrunedFft.apertureIndex(s.p.limit(), s.nx, s.p.samplingX());
        int y0 = local.isLocal() ? local.regionY0() : 0;
        int h = local.isLocal() ? local.regionHeight() : s.ny;
        ThreadLocal<float[][]> tf = ThreadLocal.withInitial(() -> new float[][] {new float[2 * pix], new float[pix],
                local.isLocal() ? local.newBuffer() : null});
        int pairs = (foci.length + 1) / 2;
        s.run(pairs, k -> {
            FocalSeries.Work w = s.work.get();
            float[][] te = tf.get();
            int i = 2 * k;
            int j = i + 1 < foci.length ? i + 1 : -1;
            float[] z = w.z;
            double meanI = intensity(s, optics, wave, foci[i], withC3, withEnvelopes, te, w.a, kMax, y0, h);
            for (int q = 2 * y0 * s.nx; q < 2 * (y0 + h) * s.nx; q += 2) {
                z[q] = w.a[q];
                z[q + 1] = 0f;
            }
            double meanJ = 0;
            if (j >= 0) {
                meanJ = intensity(s, optics, wave, foci[j], withC3, withEnvelopes, te, w.a, kMax, y0, h);
                for (int q = 2 * y0 * s.nx; q < 2 * (y0 + h) * s.nx; q += 2) {
                    z[q + 1] = w.a[q];
                }
            }
            if (local.isLocal()) {
                local.apply(z, s.nx, te[2], meanI, meanJ, crops[i], j >= 0 ? crops[j] : null);
                return;
            }
            FourierConvention.forward(z, s.nx, s.ny);
            BandPass.apply(z, filter);
            PrunedFft.inverseRows(z, s.nx, s.ny, s.y0, s.areaY);
            FourierConvention.crop(z, s.nx, s.x0, s.y0, s.areaX, s.areaY, false, crops[i]);
            if (j >= 0) {
                FourierConvention.crop(z, s.nx, s.x0, s.y0, s.areaX, s.areaY, true, crops[j]);
            }
        });
        return crops;
    }

    /** |IFFT(W t E)|^2 on rows [y0, y0 + h) (real slots of buf); returns the mean over the whole image. */
    private static double intensity(FocalSeries s, ElectronOptics optics, float[] wave, double focus, boolean withC3,
            boolean withEnvelopes, float[][] te, float[] buf, int kMax, int y0, int h) {
        float[] t = te[0];
        float[] e = te[1];
        optics.transfer(focus, withC3, t);
        if (withEnvelopes) {
            optics.envelope(focus, e, true);
        }
        int pix = s.nx * s.ny;
        double power = 0;
        java.util.Arrays.fill(buf, 0f);
        int kMaxY = PrunedFft.apertureIndex(s.p.limit(), s.ny, s.p.samplingY());
        int[] cols = PrunedFft.apertureRanges(kMax, s.nx);
        for (int y = 0; y < s.ny; y++) {
            if (Math.abs(FourierConvention.freq(y, s.ny)) > kMaxY) {
                continue;
            }
            for (int part = 0; part < 2; part++) {
                int to = y * s.nx + cols[2 * part + 1];
                for (int q = y * s.nx + cols[2 * part]; q < to; q++) {
                    float env = withEnvelopes ? e[q] : 1f;
                    float tr = t[2 * q] * env;
                    float ti = t[2 * q + 1] * env;
                    float wr = wave[2 * q];
                    float wi = wave[2 * q + 1];
                    float re = wr * tr - wi * ti;
                    float im = wr * ti + wi * tr;
                    buf[2 * q] = re;
                    buf[2 * q + 1] = im;
                    power += re * re + im * im;
                }
            }
        }
        PrunedFft.inverseBandLimitedRows(buf, s.nx, s.ny, kMax, y0, h);
        for (int q = 2 * y0 * s.nx; q < 2 * (y0 + h) * s.nx; q += 2) {
            float re = buf[q];
            float im = buf[q + 1];
            buf[q] = re * re + im * im;
        }
        return power / ((double) pix * pix);
    }

    /** numpy.arange(start, stop, step): start + k step for k = 0 .. ceil((stop - start) / step) - 1. */
    static double[] arange(double start, double stop, double step) {
        int count = (int) Math.max(0, Math.ceil((stop - start) / step));
        double[] out = new double[count];
        for (int k = 0; k < count; k++) {
            out[k] = start + k * step;
        }
        return out;
    }

    /** The pi/4 focus step 1 / (4 lambda Limit^2) in nm. */
    static double quarterPiStep(double lambda, double limit) {
        return 1.0 / (4.0 * lambda * limit * limit);
    }
}

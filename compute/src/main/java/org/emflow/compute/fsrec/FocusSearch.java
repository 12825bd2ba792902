package org.emflow.compute.fsrec;

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
        ThreadLocal<float[][]> tf = ThreadLocal.withInitial(() -> new float[][] {new float[2 * pix], new float[pix]});
        int pairs = (foci.length + 1) / 2;
        s.run(pairs, k -> {
            FocalSeries.Work w = s.work.get();
            float[][] te = tf.get();
            int i = 2 * k;
            int j = i + 1 < foci.length ? i + 1 : -1;
            intensity(s, optics, wave, foci[i], withC3, withEnvelopes, te, w.a);
            float[] z = w.z;
            for (int q = 0; q < pix; q++) {
                z[2 * q] = w.a[2 * q];
                z[2 * q + 1] = 0f;
            }
            if (j >= 0) {
                intensity(s, optics, wave, foci[j], withC3, withEnvelopes, te, w.a);
                for (int q = 0; q < pix; q++) {
                    z[2 * q + 1] = w.a[2 * q];
                }
            }
            FourierConvention.forward(z, s.nx, s.ny);
            BandPass.apply(z, filter);
            FourierConvention.inverse(z, s.nx, s.ny);
            FourierConvention.crop(z, s.nx, s.x0, s.y0, s.areaX, s.areaY, false, crops[i]);
            if (j >= 0) {
                FourierConvention.crop(z, s.nx, s.x0, s.y0, s.areaX, s.areaY, true, crops[j]);
            }
        });
        return crops;
    }

    private static void intensity(FocalSeries s, ElectronOptics optics, float[] wave, double focus, boolean withC3,
            boolean withEnvelopes, float[][] te, float[] buf) {
        float[] t = te[0];
        float[] e = te[1];
        optics.transfer(focus, withC3, t);
        if (withEnvelopes) {
            optics.envelope(focus, e);
        }
        int pix = s.nx * s.ny;
        for (int q = 0; q < pix; q++) {
            float env = withEnvelopes ? e[q] : 1f;
            float tr = t[2 * q] * env;
            float ti = t[2 * q + 1] * env;
            float wr = wave[2 * q];
            float wi = wave[2 * q + 1];
            buf[2 * q] = wr * tr - wi * ti;
            buf[2 * q + 1] = wr * ti + wi * tr;
        }
        FourierConvention.inverse(buf, s.nx, s.ny);
        for (int q = 0; q < pix; q++) {
            float re = buf[2 * q];
            float im = buf[2 * q + 1];
            buf[2 * q] = re * re + im * im;
        }
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

package org.emflow.compute.fsrec;

/**
 * The wave transfer function t_n = exp(-i chi_n) and the partial-coherence envelope E_n of every image
 * of a focal series at its focus ({@link ElectronOptics}); E_n = 1 when Envelopes=Off.
 *
 * <p>t_n is zero outside the objective aperture, so both are stored only on the series'
 * {@link ApertureBox}. This keeps 30 images of 512 x 512 at
 * about 20 MB instead of 90 MB.
 */
final class SeriesTransfer {
    private final FocalSeries s;
    private final ElectronOptics optics;
    private final boolean envelopes;
    private double[] foci;
    /** Per image, on the box: t (interleaved) and E. */
    final float[][] t;
    final float[][] env;
    /** Per image, on the box: t E (interleaved), what the simulation multiplies the wave by. */
    final float[][] te;
    /** The aperture box the values are stored on (the series' {@link FocalSeries#box}). */
    final ApertureBox box;
    /** t and E depend on |g|^2 only: computed once per group of {@link FrequencyClasses} and copied to the box. */
    private final FrequencyClasses groups;

    SeriesTransfer(FocalSeries s, ElectronOptics optics, double[] foci) {
        this.s = s;
        this.optics = optics;
        this.envelopes = s.p.envelopes();
        this.box = s.box;
        int[] boxToPixel = box.boxToPixel;
        this.groups = FrequencyClasses.of(boxToPixel, s.nx, s.ny,
                FrequencyClasses.swapSymmetric(s.nx, s.ny, s.p.samplingX(), s.p.samplingY()));
        this.t = new float[s.n][2 * boxToPixel.length];
        this.env = new float[s.n][boxToPixel.length];
        this.te = new float[s.n][2 * boxToPixel.length];
        setFoci(foci);
    }

    /** Rebuilds t_n and E_n for new foci (one per image, nm). */
    void setFoci(double[] newFoci) {
        if (newFoci.length != s.n) {
            throw new IllegalArgumentException(newFoci.length + " foci for " + s.n + " images");
        }
        this.foci = newFoci.clone();
        s.run(s.n, i -> {
            int m = groups.representative.length;
            float[] tq = new float[2 * m];
            float[] eq = new float[m];
            optics.transfer(foci[i], true, tq, groups.representative);
            if (envelopes) {
                optics.envelope(foci[i], eq, groups.representative);
            } else {
                java.util.Arrays.fill(eq, 1f);
            }
            spread(tq, eq, t[i], env[i], te[i]);
        });
    }

    /** Copies the per-group values to the box: t, E and t E. */
    private void spread(float[] tq, float[] eq, float[] ti, float[] ei, float[] tei) {
        for (int b = 0; b < ei.length; b++) {
            int j = groups.groupOf[b];
            float tr = tq[2 * j];
            float tim = tq[2 * j + 1];
            float e = eq[j];
            ti[2 * b] = tr;
            ti[2 * b + 1] = tim;
            ei[b] = e;
            tei[2 * b] = tr * e;
            tei[2 * b + 1] = tim * e;
        }
    }

    double[] foci() {
        return foci.clone();
    }

    boolean envelopes() {
        return envelopes;
    }

    /**
     * buf = W t_i E_i inside the aperture and 0 outside (where t_i is 0); returns sum |buf|^2.
     */
    double waveTimesTransfer(float[] wave, int i, float[] buf) {
        java.util.Arrays.fill(buf, 0f);
        float[] tei = te[i];
        int[] boxToPixel = box.boxToPixel;
        double power = 0;
        for (int b = 0; b < boxToPixel.length; b++) {
            int k = boxToPixel[b];
            float wr = wave[2 * k];
            float wi = wave[2 * k + 1];
            float tr = tei[2 * b];
            float tim = tei[2 * b + 1];
            float re = wr * tr - wi * tim;
            float im = wr * tim + wi * tr;
            buf[2 * k] = re;
            buf[2 * k + 1] = im;
            power += re * re + im * im;
        }
        return power;
    }
}

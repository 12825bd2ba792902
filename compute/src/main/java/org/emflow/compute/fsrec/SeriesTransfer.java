package org.emflow.compute.fsrec;

/**
 * The wave transfer function t_n = exp(-i chi_n) (zero outside the objective aperture) and the
 * partial-coherence envelope E_n of every image of a focal series at its focus ({@link ElectronOptics}),
 * plus the aperture's extent on the grid so that per-frequency loops can skip the frequencies where
 * every t_n is zero. E_n = 1 when Envelopes=Off.
 */
final class SeriesTransfer {
    private final FocalSeries s;
    private final ElectronOptics optics;
    private final boolean envelopes;
    private double[] foci;
    final float[][] t;
    final float[][] env;
    /** Largest |frequency index| inside the aperture along x and y. */
    final int kMaxX;
    final int kMaxY;
    /** Column ranges {from0, to0, from1, to1} inside the aperture. */
    final int[] cols;

    SeriesTransfer(FocalSeries s, ElectronOptics optics, double[] foci) {
        this.s = s;
        this.optics = optics;
        this.envelopes = s.p.envelopes();
        int pix = s.nx * s.ny;
        this.t = new float[s.n][2 * pix];
        this.env = new float[s.n][pix];
        this.kMaxX = PrunedFft.apertureIndex(s.p.limit(), s.nx, s.p.samplingX());
        this.kMaxY = PrunedFft.apertureIndex(s.p.limit(), s.ny, s.p.samplingY());
        this.cols = PrunedFft.apertureRanges(kMaxX, s.nx);
        setFoci(foci);
    }

    /** Rebuilds t_n and E_n for new foci (one per image, nm). */
    void setFoci(double[] newFoci) {
        if (newFoci.length != s.n) {
            throw new IllegalArgumentException(newFoci.length + " foci for " + s.n + " images");
        }
        this.foci = newFoci.clone();
        s.run(s.n, i -> {
            optics.transfer(foci[i], true, t[i]);
            if (envelopes) {
                optics.envelope(foci[i], env[i], true);
            } else {
                java.util.Arrays.fill(env[i], 1f);
            }
        });
    }

    double[] foci() {
        return foci.clone();
    }

    boolean envelopes() {
        return envelopes;
    }

    /** True when row y of the spectrum has frequencies inside the aperture. */
    boolean apertureRow(int y) {
        return Math.abs(FourierConvention.freq(y, s.ny)) <= kMaxY;
    }

    /**
     * buf = W t_i E_i inside the aperture and 0 outside (where t_i is 0); returns sum |buf|^2.
     */
    double waveTimesTransfer(float[] wave, int i, float[] buf) {
        java.util.Arrays.fill(buf, 0f);
        float[] ti = t[i];
        float[] ei = env[i];
        int nx = s.nx;
        double power = 0;
        for (int y = 0; y < s.ny; y++) {
            if (!apertureRow(y)) {
                continue;
            }
            for (int part = 0; part < 2; part++) {
                int to = cols[2 * part + 1];
                for (int x = cols[2 * part]; x < to; x++) {
                    int k = y * nx + x;
                    float wr = wave[2 * k];
                    float wi = wave[2 * k + 1];
                    float tr = ti[2 * k] * ei[k];
                    float tim = ti[2 * k + 1] * ei[k];
                    float re = wr * tr - wi * tim;
                    float im = wr * tim + wi * tr;
                    buf[2 * k] = re;
                    buf[2 * k + 1] = im;
                    power += re * re + im * im;
                }
            }
        }
        return power;
    }
}

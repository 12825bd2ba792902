package org.emflow.compute.fsrec;

/**
 * The wave transfer function t_n = exp(-i chi_n) and the partial-coherence envelope E_n of every image
 * of a focal series at its focus ({@link ElectronOptics}); E_n = 1 when Envelopes=Off.
 *
 * <p>t_n is zero outside the objective aperture, so both are stored only on the aperture's bounding
 * box: the rows with |ky| &lt;= kMaxY and the columns with |kx| &lt;= kMaxX, in array order ("box
 * index" b, x fastest); {@link #boxToPixel} maps a box index to the pixel index y nx + x of the full
 * spectrum. This keeps 30 images of 512 x 512 at about 20 MB instead of 90 MB.
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
    /** Largest |frequency index| inside the aperture along x and y. */
    final int kMaxX;
    final int kMaxY;
    /** Column ranges {from0, to0, from1, to1} inside the aperture. */
    final int[] cols;
    /** Box width (columns) and height (rows). */
    final int boxWidth;
    final int boxHeight;
    /** Box row of each spectrum row, or -1 outside the aperture rows. */
    final int[] boxRow;
    /** Pixel index of each box element. */
    final int[] boxToPixel;

    SeriesTransfer(FocalSeries s, ElectronOptics optics, double[] foci) {
        this.s = s;
        this.optics = optics;
        this.envelopes = s.p.envelopes();
        this.kMaxX = PrunedFft.apertureIndex(s.p.limit(), s.nx, s.p.samplingX());
        this.kMaxY = PrunedFft.apertureIndex(s.p.limit(), s.ny, s.p.samplingY());
        this.cols = PrunedFft.apertureRanges(kMaxX, s.nx);
        this.boxWidth = (cols[1] - cols[0]) + (cols[3] - cols[2]);
        this.boxRow = new int[s.ny];
        int h = 0;
        for (int y = 0; y < s.ny; y++) {
            boxRow[y] = Math.abs(FourierConvention.freq(y, s.ny)) <= kMaxY ? h++ : -1;
        }
        this.boxHeight = h;
        this.boxToPixel = new int[boxWidth * boxHeight];
        for (int y = 0; y < s.ny; y++) {
            if (boxRow[y] < 0) {
                continue;
            }
            int b = boxRow[y] * boxWidth;
            for (int part = 0; part < 2; part++) {
                for (int x = cols[2 * part]; x < cols[2 * part + 1]; x++) {
                    boxToPixel[b++] = y * s.nx + x;
                }
            }
        }
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
            optics.transfer(foci[i], true, t[i], boxToPixel);
            if (envelopes) {
                optics.envelope(foci[i], env[i], boxToPixel);
            } else {
                java.util.Arrays.fill(env[i], 1f);
            }
            for (int b = 0; b < env[i].length; b++) {
                te[i][2 * b] = t[i][2 * b] * env[i][b];
                te[i][2 * b + 1] = t[i][2 * b + 1] * env[i][b];
            }
        });
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

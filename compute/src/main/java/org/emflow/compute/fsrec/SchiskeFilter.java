package org.emflow.compute.fsrec;

/**
 * The linear least-squares (Schiske-type) focal-series filter (spec pyfsrec.md section 2.5 b). Modelling
 * the (envelope-corrected) image spectrum as I_n(g) = t_n(g) Psi(g) + t_n*(g) Psi*(-g) and solving per
 * frequency by least squares over the N images gives Psi = sum_n f_n I~_n with
 * f_n = [t_n* - t_n (1/N) sum_m t_m*^2] / D and D = N - (1/N) |sum_m t_m^2|^2.
 * Where |D| &lt;= Filtercutoff every f_n is 0 (this always removes DC and the lowest frequencies).
 * I~_n is the aligned image spectrum divided by E_n where E_n exceeds 0.05, else 0 (Envelopes=On).
 * The accumulator starts at zero (the original's is uninitialised memory). Stored on the aperture box
 * of {@link SeriesTransfer}; Psi is zero outside it.
 */
final class SchiskeFilter {
    private final FocalSeries s;
    private final SeriesTransfer tr;
    /** Per box element: (1/N) sum_m t_m*^2 (interleaved) and 1/D, or 0 where guarded or outside the aperture. */
    private final float[] s2;
    private final float[] invD;
    /**
     * Per image, on the box: t_n / E_n where E_n exceeds the envelope floor, else 0 (t_n when
     * Envelopes=Off), so that t_n I~_n = tw_n I_n without a division or a test per frequency and iteration.
     */
    private final float[][] tw;
    /** Shift factors of the current displacements per image (x and y), and per-thread row accumulators: reused by every {@link #apply}. */
    private final float[][] rampX;
    private final float[][] rampY;
    private final ThreadLocal<double[][]> accumulators;

    SchiskeFilter(FocalSeries s, SeriesTransfer tr) {
        this.s = s;
        this.tr = tr;
        int box = tr.box.boxToPixel.length;
        s2 = new float[2 * box];
        invD = new float[box];
        tw = new float[s.n][];
        rampX = new float[s.n][2 * s.nx];
        rampY = new float[s.n][2 * s.ny];
        accumulators = ThreadLocal.withInitial(() -> new double[2][2 * tr.box.boxWidth]);
        s.run(s.n, i -> {
            float[] ti = tr.t[i];
            float[] ei = tr.env[i];
            float[] out = new float[ti.length];
            boolean envelopes = tr.envelopes();
            for (int b = 0; b < ei.length; b++) {
                float e = ei[b];
                float inv = envelopes ? (e > ElectronOptics.ENVELOPE_FLOOR ? 1f / e : 0f) : 1f;
                out[2 * b] = ti[2 * b] * inv;
                out[2 * b + 1] = ti[2 * b + 1] * inv;
            }
            tw[i] = out;
        });
        double cutoff = s.p.filterCutoff();
        double limit2 = s.p.limit() * s.p.limit();
        int n = s.n;
        int w = tr.box.boxWidth;
        s.run(tr.box.boxHeight, row -> {
            for (int b = row * w; b < (row + 1) * w; b++) {
                if (s.g2[tr.box.boxToPixel[b]] > limit2) {
                    continue; // t = 0 for every image: the filter is 0 whatever D is
                }
                double ar = 0;
                double ai = 0;
                for (int m = 0; m < n; m++) {
                    double tre = tr.t[m][2 * b];
                    double tim = tr.t[m][2 * b + 1];
                    ar += tre * tre - tim * tim;
                    ai += 2 * tre * tim;
                }
                // sum t_m*^2 = conj(sum t_m^2)
                s2[2 * b] = (float) (ar / n);
                s2[2 * b + 1] = (float) (-ai / n);
                double d = n - (ar * ar + ai * ai) / n;
                invD[b] = Math.abs(d) <= cutoff ? 0f : (float) (1.0 / d);
            }
        });
    }

    /** Number of frequencies inside the aperture excluded by the Filtercutoff guard (for the log). */
    int guardedCount() {
        double l2 = s.p.limit() * s.p.limit();
        int c = 0;
        for (int b = 0; b < invD.length; b++) {
            if (invD[b] == 0 && s.g2[tr.box.boxToPixel[b]] <= l2) {
                c++;
            }
        }
        return c;
    }

    /** 1/D per pixel of the whole spectrum, 0 where the guard applies or outside the aperture (debug output). */
    float[] inverseDenominator() {
        float[] full = new float[s.nx * s.ny];
        for (int b = 0; b < invD.length; b++) {
            full[tr.box.boxToPixel[b]] = invD[b];
        }
        return full;
    }

    /**
     * Psi into {@code out} (interleaved spectrum, DC zero) from the aligned images, or, when
     * {@code subtract} is given, from {@code scale} x (aligned image - subtract[n]) (spectra).
     */
    void apply(float[] out, float[][] subtract, float scale) {
        int n = s.n;
        int nx = s.nx;
        int w = tr.box.boxWidth;
        for (int i = 0; i < n; i++) {
            FourierConvention.shiftFactors(-s.dx[i], nx, rampX[i]);
            FourierConvention.shiftFactors(-s.dy[i], s.ny, rampY[i]);
        }
        // Each box row holds the aperture columns as two contiguous ranges of the spectrum row.
        int[] cols = tr.box.cols;
        java.util.Arrays.fill(out, 0f);
        s.run(s.ny, y -> {
            int row = tr.box.boxRow[y];
            if (row < 0) {
                return;
            }
            int b0 = row * w;
            double[][] acc = accumulators.get();
            double[] acc1 = acc[0];
            double[] acc2 = acc[1];
            java.util.Arrays.fill(acc1, 0.0);
            java.util.Arrays.fill(acc2, 0.0);
            for (int i = 0; i < n; i++) {
                float[] sp = s.boxSpectra[i];
                float[] ti = tw[i];
                float[] sim = subtract == null ? null : subtract[i];
                float ryr = rampY[i][2 * y];
                float ryi = rampY[i][2 * y + 1];
                float[] rx = rampX[i];
                int c = 0;
                for (int part = 0; part < 2; part++) {
                    for (int x = cols[2 * part]; x < cols[2 * part + 1]; x++, c++) {
                        int b = b0 + c;
                        float tre = ti[2 * b];
                        float tim = ti[2 * b + 1];
                        int k = y * nx + x;
                        float fr = rx[2 * x] * ryr - rx[2 * x + 1] * ryi;
                        float fi = rx[2 * x] * ryi + rx[2 * x + 1] * ryr;
                        float xr = sp[2 * b] * fr - sp[2 * b + 1] * fi;
                        float xi = sp[2 * b] * fi + sp[2 * b + 1] * fr;
                        if (sim != null) {
                            xr = scale * (xr - sim[2 * k]);
                            xi = scale * (xi - sim[2 * k + 1]);
                        }
                        // acc1 += conj(t) X ; acc2 += t X (t here includes 1/E)
                        acc1[2 * c] += tre * xr + tim * xi;
                        acc1[2 * c + 1] += tre * xi - tim * xr;
                        acc2[2 * c] += tre * xr - tim * xi;
                        acc2[2 * c + 1] += tre * xi + tim * xr;
                    }
                }
            }
            for (int c = 0; c < w; c++) {
                int b = b0 + c;
                int k = tr.box.boxToPixel[b];
                float d = invD[b];
                double sr = s2[2 * b];
                double si = s2[2 * b + 1];
                double pr = acc1[2 * c] - (sr * acc2[2 * c] - si * acc2[2 * c + 1]);
                double pi = acc1[2 * c + 1] - (sr * acc2[2 * c + 1] + si * acc2[2 * c]);
                out[2 * k] = (float) (pr * d);
                out[2 * k + 1] = (float) (pi * d);
            }
        });
        out[0] = 0f;
        out[1] = 0f;
    }
}

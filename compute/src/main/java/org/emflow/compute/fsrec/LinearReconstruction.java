package org.emflow.compute.fsrec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.util.Monitor;

/**
 * PyFSRec's linear focal-series reconstruction (spec pyfsrec.md section 2.5). Each iteration
 * (a) re-registers every image to its simulation, (b) computes the closed-form Schiske-type
 * least-squares wave from all images, (c) simulates the images from that wave.
 *
 * <p>(b) The model I_n(g) = t_n(g) Psi(g) + t_n*(g) Psi*(-g), solved per frequency by least squares over
 * the images, gives Psi = sum_n f_n I~_n with f_n = [t_n* - t_n (1/N) sum_m t_m*^2] / D and
 * D = N - (1/N) |sum_m t_m^2|^2; f_n := 0 where |D| &lt;= Filtercutoff (this removes DC and the lowest
 * frequencies). I~_n is the aligned image spectrum divided by its envelope where the envelope exceeds
 * 0.05 (else 0). The accumulator starts at zero (the original's is uninitialised). The wave is
 * psi = c + IFFT(Psi) with c = sqrt|(nx ny)^2 - S| / (nx ny), S = sum |Psi|^2, so mean |psi|^2 = 1.
 *
 * <p>(c) Sim_n = FFT(|IFFT(FFT(psi) t_n E_n)|^2) (E_n = 1 when Envelopes=Off).
 *
 * <p>Added to the original: alignment increments are re-centred (their mean removed) each iteration so
 * the stack does not creep, and each iteration reports the relative change of the wave and the
 * image residual ({@link IterationFigures}).
 */
public final class LinearReconstruction {
    private final FocalSeries s;
    private final ElectronOptics optics;
    private final float[] alignFilter;
    private final boolean envelopes;
    private double[] foci;
    private float[][] t;
    private float[][] env;
    /** Per pixel: (1/N) sum_m t_m*^2 (interleaved) and 1/D or 0 where guarded. */
    private float[] s2;
    private float[] invD;
    private float[] wave;
    private float[][] simCrops;
    private double[] residuals;
    private float[][] simSpectra;
    private boolean simulated;
    private boolean showAlignment;

    public LinearReconstruction(FocalSeries s, ElectronOptics optics, float[] alignFilter, double[] foci) {
        this.s = s;
        this.optics = optics;
        this.alignFilter = alignFilter;
        this.envelopes = s.p.envelopes();
        this.wave = new float[2 * s.nx * s.ny];
        this.simCrops = new float[s.n][s.areaX * s.areaY];
        this.residuals = new double[s.n];
        setFoci(foci);
    }

    public void setShowAlignment(boolean show) {
        this.showAlignment = show;
    }

    /** Rebuilds the transfer functions, envelopes and filter denominators for new foci. */
    public void setFoci(double[] newFoci) {
        if (newFoci.length != s.n) {
            throw new IllegalArgumentException(newFoci.length + " foci for " + s.n + " images");
        }
        this.foci = newFoci.clone();
        int pix = s.nx * s.ny;
        if (t == null) {
            t = new float[s.n][2 * pix];
            env = new float[s.n][pix];
        }
        s.run(s.n, i -> {
            optics.transfer(foci[i], true, t[i]);
            if (envelopes) {
                optics.envelope(foci[i], env[i]);
            } else {
                java.util.Arrays.fill(env[i], 1f);
            }
        });
        s2 = new float[2 * pix];
        invD = new float[pix];
        double cutoff = s.p.filterCutoff();
        int n = s.n;
        s.run(s.ny, y -> {
            for (int x = 0; x < s.nx; x++) {
                int k = y * s.nx + x;
                double ar = 0;
                double ai = 0;
                for (int m = 0; m < n; m++) {
                    double tr = t[m][2 * k];
                    double ti = t[m][2 * k + 1];
                    ar += tr * tr - ti * ti;
                    ai += 2 * tr * ti;
                }
                // sum t_m*^2 = conj(sum t_m^2)
                s2[2 * k] = (float) (ar / n);
                s2[2 * k + 1] = (float) (-ai / n);
                double d = n - (ar * ar + ai * ai) / n;
                invD[k] = Math.abs(d) <= cutoff ? 0f : (float) (1.0 / d);
            }
        });
    }

    public double[] foci() {
        return foci.clone();
    }

    /** Number of frequencies excluded by the Filtercutoff guard inside the aperture (for the log). */
    public int guardedCount() {
        double l2 = s.p.limit() * s.p.limit();
        int c = 0;
        for (int k = 0; k < invD.length; k++) {
            if (invD[k] == 0 && s.g2[k] <= l2) {
                c++;
            }
        }
        return c;
    }

    /** Envelope arrays (for diagnostics). */
    float[][] envelopes() {
        return env;
    }

    /**
     * Back-projects the aligned images (minus {@code scale} times the stored simulations when
     * {@code difference}) into {@code out} (interleaved spectrum, DC zero).
     */
    private void backProject(float[] out, boolean difference, float scale) {
        int n = s.n;
        int nx = s.nx;
        float[][] rampX = new float[n][2 * nx];
        float[][] rampY = new float[n][2 * s.ny];
        for (int i = 0; i < n; i++) {
            FourierConvention.shiftFactors(-s.dx[i], nx, rampX[i]);
            FourierConvention.shiftFactors(-s.dy[i], s.ny, rampY[i]);
        }
        s.run(s.ny, y -> {
            double[] acc1 = new double[2 * nx];
            double[] acc2 = new double[2 * nx];
            for (int i = 0; i < n; i++) {
                float[] sp = s.spectra[i];
                float[] ti = t[i];
                float[] ei = env[i];
                float[] sim = difference ? simSpectra[i] : null;
                float ryr = rampY[i][2 * y];
                float ryi = rampY[i][2 * y + 1];
                float[] rx = rampX[i];
                for (int x = 0; x < nx; x++) {
                    int k = y * nx + x;
                    float tr = ti[2 * k];
                    float tim = ti[2 * k + 1];
                    if (tr == 0f && tim == 0f) {
                        continue;
                    }
                    float e = ei[k];
                    float inv = envelopes ? (e > ElectronOptics.ENVELOPE_FLOOR ? 1f / e : 0f) : 1f;
                    if (inv == 0f) {
                        continue;
                    }
                    float fr = rx[2 * x] * ryr - rx[2 * x + 1] * ryi;
                    float fi = rx[2 * x] * ryi + rx[2 * x + 1] * ryr;
                    float xr = sp[2 * k] * fr - sp[2 * k + 1] * fi;
                    float xi = sp[2 * k] * fi + sp[2 * k + 1] * fr;
                    if (sim != null) {
                        xr = scale * (xr - sim[2 * k]);
                        xi = scale * (xi - sim[2 * k + 1]);
                    }
                    xr *= inv;
                    xi *= inv;
                    // acc1 += conj(t) X ; acc2 += t X
                    acc1[2 * x] += tr * xr + tim * xi;
                    acc1[2 * x + 1] += tr * xi - tim * xr;
                    acc2[2 * x] += tr * xr - tim * xi;
                    acc2[2 * x + 1] += tr * xi + tim * xr;
                }
            }
            for (int x = 0; x < nx; x++) {
                int k = y * nx + x;
                float d = invD[k];
                double sr = s2[2 * k];
                double si = s2[2 * k + 1];
                double pr = acc1[2 * x] - (sr * acc2[2 * x] - si * acc2[2 * x + 1]);
                double pi = acc1[2 * x + 1] - (sr * acc2[2 * x + 1] + si * acc2[2 * x]);
                out[2 * k] = (float) (pr * d);
                out[2 * k + 1] = (float) (pi * d);
            }
        });
        out[0] = 0f;
        out[1] = 0f;
    }

    /**
     * Computes the linear wave from the aligned images (step b) and returns the scattered fraction in %.
     */
    public double backProject() {
        backProject(wave, false, 1f);
        double sum = 0;
        for (int i = 0; i < wave.length; i++) {
            sum += (double) wave[i] * wave[i];
        }
        double npix = (double) s.nx * s.ny;
        double c = Math.sqrt(Math.abs(npix * npix - sum)) / npix;
        wave[0] = (float) (c * npix);
        wave[1] = 0f;
        return 100.0 * sum / (npix * npix);
    }

    /** Simulates all images from the current wave (step c): band-passed crops and residuals. */
    public void simulate(boolean keepSpectra) {
        int pix = s.nx * s.ny;
        if (keepSpectra && simSpectra == null) {
            simSpectra = new float[s.n][2 * pix];
        }
        int pairs = (s.n + 1) / 2;
        s.run(pairs, k -> simulatePair(2 * k, 2 * k + 1 < s.n ? 2 * k + 1 : -1, keepSpectra));
        simulated = true;
    }

    private void simulatePair(int i, int j, boolean keep) {
        FocalSeries.Work w = s.work.get();
        int nx = s.nx;
        int ny = s.ny;
        int pix = nx * ny;
        float[] z = w.z;
        intensity(i, w.a);
        for (int k = 0; k < pix; k++) {
            z[2 * k] = w.a[2 * k];
            z[2 * k + 1] = 0f;
        }
        if (j >= 0) {
            intensity(j, w.a);
            for (int k = 0; k < pix; k++) {
                z[2 * k + 1] = w.a[2 * k];
            }
        }
        FourierConvention.forward(z, nx, ny);
        // Residuals by Parseval, without DC: std of (aligned image - simulation) over the field.
        residuals[i] = residual(i, z, false);
        if (j >= 0) {
            residuals[j] = residual(j, z, true);
        }
        if (keep) {
            FourierConvention.splitPair(z, nx, ny, simSpectra[i], j >= 0 ? simSpectra[j] : null);
        }
        BandPass.apply(z, alignFilter);
        FourierConvention.inverse(z, nx, ny);
        FourierConvention.crop(z, nx, s.x0, s.y0, s.areaX, s.areaY, false, simCrops[i]);
        if (j >= 0) {
            FourierConvention.crop(z, nx, s.x0, s.y0, s.areaX, s.areaY, true, simCrops[j]);
        }
    }

    /** |IFFT(W t_i E_i)|^2 into the real slots of {@code buf}. */
    private void intensity(int i, float[] buf) {
        float[] ti = t[i];
        float[] ei = env[i];
        int pix = s.nx * s.ny;
        for (int k = 0; k < pix; k++) {
            float wr = wave[2 * k];
            float wi = wave[2 * k + 1];
            float tr = ti[2 * k] * ei[k];
            float tim = ti[2 * k + 1] * ei[k];
            buf[2 * k] = wr * tr - wi * tim;
            buf[2 * k + 1] = wr * tim + wi * tr;
        }
        FourierConvention.inverse(buf, s.nx, s.ny);
        for (int k = 0; k < pix; k++) {
            float re = buf[2 * k];
            float im = buf[2 * k + 1];
            buf[2 * k] = re * re + im * im;
        }
    }

    private double residual(int i, float[] z, boolean imaginaryHalf) {
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

    /**
     * Step (a): registers every aligned image to its simulation and updates the displacements;
     * increments are re-centred. Returns {maxShift, rmsDx, rmsDy}.
     */
    public double[] alignToSimulations(Monitor monitor) {
        int n = s.n;
        double[] incX = new double[n];
        double[] incY = new double[n];
        float[][] expCrops = new float[n][s.areaX * s.areaY];
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        PreAligner.bandPassedCrops(s, alignFilter, ones, expCrops);
        s.run(n, i -> {
            double[] out = new double[2];
            PeakRegistration reg = s.work.get().reg;
            reg.correlate(expCrops[i], simCrops[i]);
            reg.centroidPeak(s.p.comKernel(), s.p.alignmentPrecision(), out);
            incX[i] = out[0];
            incY[i] = out[1];
        });
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += incX[i];
            my += incY[i];
        }
        mx /= n;
        my /= n;
        double max = 0;
        for (int i = 0; i < n; i++) {
            incX[i] -= mx;
            incY[i] -= my;
            s.dx[i] += incX[i];
            s.dy[i] += incY[i];
            max = Math.max(max, Math.max(Math.abs(incX[i]), Math.abs(incY[i])));
        }
        StringBuilder sb = new StringBuilder("  image        dx        dy       ddx       ddy");
        for (int i = 0; i < n; i++) {
            sb.append(String.format(Locale.ROOT, "%n  %5d %9.3f %9.3f %9.4f %9.4f", s.p.images()[i], s.dx[i], s.dy[i], incX[i], incY[i]));
        }
        if (showAlignment) {
            sb.append(String.format(Locale.ROOT, "%n  common-mode increment removed: (%.4f, %.4f) px", mx, my));
        }
        monitor.info(sb.toString());
        return new double[] {max, PreAligner.rms(incX), PreAligner.rms(incY)};
    }

    /**
     * Runs {@code iterations} linear iterations. When no simulation exists yet (a fresh start), the
     * first iteration skips the alignment (the simulations are the images themselves, so the
     * correction is zero, as in the original).
     *
     * @param afterEach called after each iteration with its number and the current wave (may be null)
     */
    public List<IterationFigures> iterate(int iterations, Monitor monitor, java.util.function.BiConsumer<Integer, ComplexImage> afterEach) {
        List<IterationFigures> figures = new ArrayList<>();
        float[] previous = null;
        for (int it = 1; it <= iterations; it++) {
            monitor.checkCanceled();
            double[] shift = {0, 0, 0};
            if (simulated) {
                shift = alignToSimulations(monitor);
            }
            double scattered = backProject();
            double change = Double.NaN;
            if (previous != null) {
                change = relativeChange(previous, wave);
            }
            previous = previous == null ? wave.clone() : copyInto(wave, previous);
            simulate(false);
            double res = meanResidual();
            IterationFigures f = new IterationFigures(it, shift[0], shift[1], shift[2], scattered, change, res);
            figures.add(f);
            monitor.info(String.format(Locale.ROOT,
                    "Iteration %d: maximum displacement %.3f px, RMS displacement x %.3f y %.3f px, scattered electrons %.3f %%, "
                            + "wave change %.3f %%, image residual %.4f",
                    it, f.maxShift(), f.rmsDx(), f.rmsDy(), f.scatteredPercent(), 100 * f.waveChange(), f.residual()));
            monitor.progress((double) it / iterations, "linear iteration " + it + " of " + iterations);
            if (afterEach != null) {
                afterEach.accept(it, wave());
            }
        }
        return figures;
    }

    private static float[] copyInto(float[] src, float[] dst) {
        System.arraycopy(src, 0, dst, 0, src.length);
        return dst;
    }

    /** rms(new - old) / rms(new - mean new), computed on the spectra (Parseval). */
    static double relativeChange(float[] oldSpec, float[] newSpec) {
        double diff = 0;
        double contrast = 0;
        for (int i = 0; i < newSpec.length; i++) {
            double d = newSpec[i] - oldSpec[i];
            diff += d * d;
            if (i >= 2) {
                contrast += (double) newSpec[i] * newSpec[i];
            }
        }
        return contrast == 0 ? Double.NaN : Math.sqrt(diff / contrast);
    }

    /** Mean over images of the last simulation's residual. */
    public double meanResidual() {
        double m = 0;
        for (double r : residuals) {
            m += r;
        }
        return m / residuals.length;
    }

    /** Per-image residuals of the last simulation. */
    public double[] residuals() {
        return residuals.clone();
    }

    /**
     * The experimental "LW" refinement (spec section 2.10): {@code passes} times, back-project
     * relaxation x (aligned image - simulation) without DC scaling, add it to the wave, re-simulate.
     * Fixed against the original: the images are never overwritten, so every pass's residual is a
     * genuine misfit. Returns the mean residual before each pass and after the last.
     */
    public double[] nonlinear(int passes, float relaxation, Monitor monitor) {
        double[] out = new double[passes + 1];
        float[] delta = new float[wave.length];
        simulate(true);
        for (int pass = 0; pass < passes; pass++) {
            monitor.checkCanceled();
            out[pass] = meanResidual();
            monitor.info(String.format(Locale.ROOT, "Nonlinear pass %d: mean residual %.4f", pass + 1, out[pass]));
            backProject(delta, true, relaxation);
            for (int k = 2; k < wave.length; k++) {
                wave[k] += delta[k];
            }
            simulate(true);
            monitor.progress((pass + 1.0) / passes, "nonlinear pass " + (pass + 1));
        }
        out[passes] = meanResidual();
        monitor.info(String.format(Locale.ROOT, "Nonlinear refinement: final mean residual %.4f", out[passes]));
        simSpectra = null;
        return out;
    }

    /** The current wave in real space (a new image). */
    public ComplexImage wave() {
        float[] r = wave.clone();
        FourierConvention.inverse(r, s.nx, s.ny);
        return s.image(r);
    }

    /** The current wave's spectrum (not a copy). */
    float[] waveSpectrum() {
        return wave;
    }

    /** Sets the wave (for --useprevious) and simulates from it. */
    public void setWave(ComplexImage psi) {
        float[] d = psi.data().clone();
        FourierConvention.forward(d, s.nx, s.ny);
        wave = d;
        simulate(false);
    }

    /** Real-space simulation of image i from the current wave (for debug output). */
    public float[] simulatedImage(int i) {
        float[] buf = new float[2 * s.nx * s.ny];
        intensity(i, buf);
        float[] out = new float[s.nx * s.ny];
        for (int k = 0; k < out.length; k++) {
            out[k] = buf[2 * k];
        }
        return out;
    }

    /** The filter denominator D per pixel (for debug output); 0 where guarded... returns 1/D. */
    float[] inverseDenominator() {
        return invD;
    }
}

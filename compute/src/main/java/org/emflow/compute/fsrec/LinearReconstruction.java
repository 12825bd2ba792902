package org.emflow.compute.fsrec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.util.FixedPoint;
import org.emflow.compute.util.Monitor;

/**
 * PyFSRec's linear focal-series reconstruction (spec pyfsrec.md section 2.5). Each iteration
 * (a) re-registers every image to its simulation, (b) computes the closed-form least-squares wave from
 * all images ({@link SchiskeFilter}), (c) simulates the images from that wave ({@link ImageSimulator}).
 * The wave is psi = c + IFFT(Psi) with c = sqrt|(nx ny)^2 - S| / (nx ny), S = sum |Psi|^2, so that
 * mean |psi|^2 = 1.
 *
 * <p>Added to the original: alignment increments are re-centred (their mean removed) each iteration so
 * the stack does not creep, and each iteration reports the relative change of the wave and the
 * image residual ({@link IterationFigures}).
 */
public final class LinearReconstruction {
    private final FocalSeries s;
    private final GaussianFilter alignFilter;
    private final SeriesTransfer transfer;
    private SchiskeFilter filter;
    private final ImageSimulator simulator;
    /** The wave's spectrum (unnormalised FFT of psi). */
    private float[] wave;
    /** Band-passed crops of the aligned images at the current displacements. */
    private final float[][] expCrops;
    private boolean simulated;
    private boolean showAlignment;

    LinearReconstruction(FocalSeries s, ElectronOptics optics, GaussianFilter alignFilter, double[] foci) {
        this.s = s;
        this.alignFilter = alignFilter;
        this.wave = new float[2 * s.nx * s.ny];
        this.expCrops = new float[s.n][s.areaX * s.areaY];
        this.transfer = new SeriesTransfer(s, optics, foci);
        this.filter = new SchiskeFilter(s, transfer);
        this.simulator = new ImageSimulator(s, transfer, alignFilter.values());
    }

    public void setShowAlignment(boolean show) {
        this.showAlignment = show;
    }

    /** Rebuilds the transfer functions, envelopes and the filter for new foci (one per image, nm). */
    public void setFoci(double[] newFoci) {
        transfer.setFoci(newFoci);
        filter = new SchiskeFilter(s, transfer);
    }

    public double[] foci() {
        return transfer.foci();
    }

    /** Number of frequencies inside the aperture excluded by the Filtercutoff guard (including DC). */
    public int guardedCount() {
        return filter.guardedCount();
    }

    /**
     * Computes the linear wave from the aligned images (step b) and returns the scattered fraction in %,
     * 100 S / (nx ny)^2.
     */
    public double backProject() {
        filter.apply(wave, null, 1f);
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

    /** Simulates all images from the current wave (step c). */
    private void simulate(boolean full) {
        simulator.simulate(wave, full);
        simulated = true;
    }

    /** Recomputes the band-passed crops of the aligned images at the current displacements. */
    private void updateExpCrops() {
        double[] ones = new double[s.n];
        java.util.Arrays.fill(ones, 1.0);
        PreAligner.bandPassedCrops(s, alignFilter, ones, expCrops);
    }

    /** Mean over images of the standard deviation of (band-passed aligned image - band-passed simulation) in the frame. */
    private double cropResidual() {
        double total = 0;
        for (int i = 0; i < s.n; i++) {
            float[] e = expCrops[i];
            float[] m = simulator.crops[i];
            double sd = 0;
            double sd2 = 0;
            for (int q = 0; q < e.length; q++) {
                double d = e[q] - m[q];
                sd += d;
                sd2 += d * d;
            }
            double mean = sd / e.length;
            total += Math.sqrt(Math.max(0, sd2 / e.length - mean * mean));
        }
        return total / s.n;
    }

    /**
     * Step (a): registers every aligned image to its simulation and updates the displacements;
     * increments are re-centred. Returns {maxShift, rmsDx, rmsDy}.
     */
    public double[] alignToSimulations(Monitor monitor) {
        int n = s.n;
        double[] incX = new double[n];
        double[] incY = new double[n];
        s.run(n, i -> {
            double[] out = new double[2];
            PeakRegistration reg = s.work.get().reg;
            reg.correlate(expCrops[i], simulator.crops[i]);
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
            sb.append(System.lineSeparator()).append("  ");
            FixedPoint.append(sb, s.p.images()[i], 5).append(' ');
            FixedPoint.append(sb, s.dx[i], 9, 3).append(' ');
            FixedPoint.append(sb, s.dy[i], 9, 3).append(' ');
            FixedPoint.append(sb, incX[i], 9, 4).append(' ');
            FixedPoint.append(sb, incY[i], 9, 4);
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
        // A continued run (--useprevious) measures its first change against the loaded wave.
        float[] previous = simulated ? wave.clone() : null;
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
            updateExpCrops();
            double res = cropResidual();
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



    /**
     * The experimental "LW" refinement (spec section 2.10): {@code passes} times, back-project
     * relaxation x (aligned image - simulation) without DC scaling, add it to the wave, re-simulate.
     * Fixed against the original: the images are never overwritten, so every pass's residual is a
     * genuine misfit. Returns the mean residual before each pass and after the last.
     */
    public double[] nonlinear(int passes, float relaxation, Monitor monitor) {
        double[] out = new double[passes + 1];
        float[] delta = new float[wave.length];
        s.computeSpectra();
        simulate(true);
        for (int pass = 0; pass < passes; pass++) {
            monitor.checkCanceled();
            out[pass] = simulator.meanFieldResidual();
            monitor.info(String.format(Locale.ROOT, "Nonlinear pass %d: mean residual %.4f", pass + 1, out[pass]));
            filter.apply(delta, simulator.spectra, relaxation);
            for (int k = 2; k < wave.length; k++) {
                wave[k] += delta[k];
            }
            simulate(true);
            monitor.progress((pass + 1.0) / passes, "nonlinear pass " + (pass + 1));
        }
        out[passes] = simulator.meanFieldResidual();
        monitor.info(String.format(Locale.ROOT, "Nonlinear refinement: final mean residual %.4f", out[passes]));
        simulator.dropSpectra();
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
        updateExpCrops();
    }

    /** Real-space simulation of image i from the current wave (for debug output). */
    public float[] simulatedImage(int i) {
        float[] buf = new float[2 * s.nx * s.ny];
        simulator.intensity(wave, i, buf);
        float[] out = new float[s.nx * s.ny];
        for (int k = 0; k < out.length; k++) {
            out[k] = buf[2 * k];
        }
        return out;
    }

    /** 1/D of the linear filter per pixel, 0 where the Filtercutoff guard applies (debug output). */
    float[] inverseDenominator() {
        return filter.inverseDenominator();
    }
}

package org.emflow.compute.fsrec;

import java.util.Locale;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.util.Monitor;

/**
 * Minimum-contrast autofocus of a reconstructed wave (PyFSRec {@code --autofocus}, spec pyfsrec.md
 * section 2.9): propagate the wave over -Autofocusrange .. +Autofocusrange (end exclusive) in pi/4 steps
 * 1/(4 lambda Limit^2), without envelopes, simulate the intensity, band-pass it with Autofocusfilter,
 * crop to AREA and take std(|value|) as the contrast; the focus of least contrast wins (no sub-step
 * refinement), and the wave is propagated to it.
 *
 * <p>Difference from the original: by default the propagation is a pure defocus (C3 and C5 excluded),
 * because the reconstructed exit wave is already free of the objective lens aberrations and refocusing
 * it must not add a spherical-aberration phase. {@code [AUTOCORRECTION] AutofocusC3=Yes} restores the
 * original's behaviour (C3 in the search and in the correction).
 */
public final class Autofocus {
    private Autofocus() {
    }

    /**
     * @param foci the foci searched (nm)
     * @param contrast the contrast metric per focus
     * @param best the minimum-contrast focus (nm)
     * @param wave the wave propagated to {@code best}
     */
    public record Result(double[] foci, double[] contrast, double best, ComplexImage wave) {
    }

    public static Result run(FocalSeries geometry, ElectronOptics optics, ComplexImage psi, Monitor monitor) {
        FsrParameters p = geometry.p;
        boolean withC3 = p.autofocusWithC3();
        double step = FocusSearch.quarterPiStep(optics.lambda(), p.limit());
        double[] grid = FocusSearch.arange(-p.autofocusRange(), p.autofocusRange(), step);
        float[] spec = psi.data().clone();
        FourierConvention.forward(spec, psi.nx(), psi.ny());
        float[] filter = BandPass.gaussian(geometry.g2, p.autofocusFilter()[0], p.autofocusFilter()[1]);
        monitor.info(String.format(Locale.ROOT, "Autofocus: %d foci from %.3f to %.3f nm in steps of %.4f nm, %s",
                grid.length, grid[0], grid[grid.length - 1], step, withC3 ? "propagating with C3 (as the original)" : "pure defocus propagation"));
        float[][] crops = FocusSearch.simulatedCrops(geometry, optics, spec, grid, withC3, false, filter);
        double[] contrast = new double[grid.length];
        int best = 0;
        for (int j = 0; j < grid.length; j++) {
            double s = 0;
            double s2 = 0;
            float[] c = crops[j];
            for (float v : c) {
                double a = Math.abs(v);
                s += a;
                s2 += a * a;
            }
            double mean = s / c.length;
            contrast[j] = Math.sqrt(Math.max(0, s2 / c.length - mean * mean));
            if (contrast[j] < contrast[best]) {
                best = j;
            }
        }
        double z = grid[best];
        float[] t = new float[spec.length];
        optics.transfer(z, withC3, t);
        for (int q = 0; q < spec.length / 2; q++) {
            float wr = spec[2 * q];
            float wi = spec[2 * q + 1];
            spec[2 * q] = wr * t[2 * q] - wi * t[2 * q + 1];
            spec[2 * q + 1] = wr * t[2 * q + 1] + wi * t[2 * q];
        }
        FourierConvention.inverse(spec, psi.nx(), psi.ny());
        monitor.info(String.format(Locale.ROOT, "Minimum-contrast focus: %.3f nm", z));
        return new Result(grid, contrast, z, new ComplexImage(psi.nx(), psi.ny(), spec, psi.samplingX(), psi.samplingY()));
    }
}

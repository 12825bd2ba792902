package org.emflow.compute.fsrec;

import java.util.Locale;
import org.emflow.compute.util.Monitor;

/**
 * Focus step analysis (PyFSRec {@code --stepanalysis}, spec pyfsrec.md section 2.8): simulate the images
 * of the reconstructed wave on a focus grid (centre = mid-focus of the series, half-width
 * Rangemultiplicator/2 x |Z_last - Z_first|, step Stepmultiplicator x the pi/4 step 1/(4 lambda Limit^2)),
 * band-pass experimental and simulated images with Refinementfilter, crop them to AREA, and give each
 * image the grid focus with the smallest mean absolute difference; then fit a straight line to refined
 * focus against image number.
 */
public final class StepAnalysis {
    private StepAnalysis() {
    }

    /**
     * The result.
     *
     * @param grid the searched foci (nm)
     * @param refined refined focus per selected image (nm)
     * @param step fitted focus step per image number (nm)
     * @param intercept fitted focus at image number 0 (nm)
     * @param stepStdError standard error of the fitted step (nm)
     * @param r2 coefficient of determination of the fit
     * @param fitted the fitted ramp at the selected images (nm)
     */
    public record Result(double[] grid, double[] refined, double step, double intercept, double stepStdError, double r2,
            double[] fitted) {
    }

    public static Result run(FocalSeries s, ElectronOptics optics, float[] waveSpectrum, double[] foci, Monitor monitor) {
        FsrParameters p = s.p;
        double first = foci[0];
        double last = foci[foci.length - 1];
        double mid = 0.5 * (first + last);
        double half = 0.5 * p.rangeMultiplier() * Math.abs(last - first);
        double step = p.stepMultiplier() * FocusSearch.quarterPiStep(optics.lambda(), p.limit());
        double[] grid = FocusSearch.arange(mid - half, mid + half, step);
        monitor.info(String.format(Locale.ROOT, "Focus step analysis: %d foci from %.3f to %.3f nm in steps of %.4f nm",
                grid.length, grid[0], grid[grid.length - 1], step));
        float[] filter = BandPass.gaussian(s.g2, p.refinementFilter()[0], p.refinementFilter()[1]);
        float[][] sims = FocusSearch.simulatedCrops(s, optics, waveSpectrum, grid, true, p.envelopes(), filter);
        monitor.progress(0.8, "step analysis: comparing");
        float[][] exp = new float[s.n][s.areaX * s.areaY];
        double[] ones = new double[s.n];
        java.util.Arrays.fill(ones, 1.0);
        PreAligner.bandPassedCrops(s, filter, ones, exp);
        double[] refined = new double[s.n];
        s.run(s.n, i -> {
            double best = Double.POSITIVE_INFINITY;
            int arg = 0;
            float[] e = exp[i];
            for (int j = 0; j < grid.length; j++) {
                float[] m = sims[j];
                double sum = 0;
                for (int q = 0; q < e.length; q++) {
                    sum += Math.abs(e[q] - m[q]);
                }
                if (sum < best) {
                    best = sum;
                    arg = j;
                }
            }
            refined[i] = grid[arg];
        });
        double[] x = new double[s.n];
        for (int i = 0; i < s.n; i++) {
            x[i] = p.images()[i];
        }
        double[] fit = linearFit(x, refined);
        double[] fitted = new double[s.n];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.n; i++) {
            fitted[i] = fit[1] + fit[0] * x[i];
        }
        sb.append(String.format(Locale.ROOT, "Focus step %.4f nm, focus at image 0 %.3f nm, standard error of the step %.4f nm, r^2 %.5f",
                fit[0], fit[1], fit[2], fit[3]));
        sb.append("\n  image  refined   fitted");
        for (int i = 0; i < s.n; i++) {
            sb.append(String.format(Locale.ROOT, "%n  %5d %8.3f %8.3f", p.images()[i], refined[i], fitted[i]));
        }
        sb.append("\nRefined foci in input format: Foci=").append(list(refined));
        monitor.info(sb.toString());
        return new Result(grid, refined, fit[0], fit[1], fit[2], fit[3], fitted);
    }

    static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v[i]));
        }
        return sb.append(']').toString();
    }

    /** Least-squares line y = a x + b: {a, b, standard error of a, r^2}. */
    static double[] linearFit(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        double a = sxy / sxx;
        double b = my - a * mx;
        double ssRes = Math.max(0, syy - a * sxy);
        double se = n > 2 ? Math.sqrt(ssRes / (n - 2) / sxx) : Double.NaN;
        double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
        return new double[] {a, b, se, r2};
    }
}

package org.emflow.compute.fsrec;

import java.util.Locale;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.FixedPoint;
import org.emflow.compute.util.Monitor;

/**
 * Sequential pre-alignment of a focal series (spec pyfsrec.md section 2.4, Commonframe = No): every
 * image is registered to its predecessor on the band-passed reference frame, the pairwise shifts are
 * accumulated along the series and their mean is removed. A coarse integer step on the unshifted
 * images is followed by refinement rounds on the shifted images (sub-pixel centre of mass for
 * {@code sequential-com}, integer for {@code sequential}; for {@code sequential-pca} every image is registered
 * to the first principal component of all crops instead of its predecessor) until the largest correction is
 * at most 0.5 px or {@code Maxprealign - 1} rounds have run.
 *
 * <p>Fixed against the original: the coarse step stores (+column, +row) shifts (the original stores
 * (-row, -column) in those slots, which its refinement then has to repair), and the boundary check
 * compares each axis with its own image size.
 */
public final class PreAligner {
    /** Refinement stops once the largest accumulated correction is at most this many pixels (the original's value). */
    public static final double STOP_PX = 0.5;

    private PreAligner() {
    }

    /** Pre-aligns {@code series} in place (its displacements); returns the number of refinement rounds. */
    public static int run(FocalSeries s, GaussianFilter alignFilter, double[] signs, boolean showAlignment, Monitor monitor) {
        FsrParameters p = s.p;
        int n = s.n;
        float[][] crops = new float[n][s.areaX * s.areaY];
        double[] incX = new double[n];
        double[] incY = new double[n];

        // Coarse integer step on the unshifted images.
        java.util.Arrays.fill(s.dx, 0);
        java.util.Arrays.fill(s.dy, 0);
        bandPassedCrops(s, alignFilter, signs, crops);
        s.run(n - 1, k -> {
            int i = k + 1;
            double[] out = new double[2];
            PeakRegistration reg = s.work.get().reg;
            reg.correlate(crops[i], crops[i - 1]);
            reg.integerPeak(out);
            incX[i] = out[0];
            incY[i] = out[1];
        });
        double[] corrX = accumulateCentred(incX);
        double[] corrY = accumulateCentred(incY);
        add(s, corrX, corrY);
        monitor.info("Pre-alignment, coarse integer step:");
        table(s, monitor);
        checkInside(s);

        int round = 1;
        for (; round < p.maxPrealign(); round++) {
            monitor.checkCanceled();
            bandPassedCrops(s, alignFilter, signs, crops);
            if (p.prealignMethod() == PrealignMethod.SEQUENTIAL_PCA) {
                // Every image against one reference: the increments are absolute, not steps to accumulate.
                float[] reference = PrincipalComponent.first(crops);
                s.run(n, i -> {
                    double[] out = new double[2];
                    PeakRegistration reg = s.work.get().reg;
                    reg.correlate(crops[i], reference);
                    reg.centroidPeak(p.comKernel(), p.alignmentPrecision(), out);
                    incX[i] = out[0];
                    incY[i] = out[1];
                    if (showAlignment) {
                        monitor.info(String.format(Locale.ROOT, "  image %d vs principal component: (%.4f, %.4f)", p.images()[i], out[0], out[1]));
                    }
                });
                corrX = centred(incX);
                corrY = centred(incY);
            } else {
                s.run(n - 1, k -> {
                    int i = k + 1;
                    double[] out = new double[2];
                    PeakRegistration reg = s.work.get().reg;
                    reg.correlate(crops[i], crops[i - 1]);
                    if (p.prealignMethod() == PrealignMethod.SEQUENTIAL_COM) {
                        reg.centroidPeak(p.comKernel(), p.alignmentPrecision(), out);
                    } else {
                        reg.integerPeak(out);
                    }
                    incX[i] = out[0];
                    incY[i] = out[1];
                    if (showAlignment) {
                        monitor.info(String.format(Locale.ROOT, "  image %d vs %d: step (%.4f, %.4f)", p.images()[i], p.images()[i - 1], out[0],
                                out[1]));
                    }
                });
                corrX = accumulateCentred(incX);
                corrY = accumulateCentred(incY);
            }
            add(s, corrX, corrY);
            double max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, Math.max(Math.abs(corrX[i]), Math.abs(corrY[i])));
            }
            monitor.info(String.format(Locale.ROOT, "Pre-alignment round %d: maximum correction %.3f px, RMS x %.3f, y %.3f",
                    round, max, rms(corrX), rms(corrY)));
            table(s, monitor);
            checkInside(s);
            monitor.progress((double) round / p.maxPrealign(), "pre-alignment");
            if (max <= STOP_PX) {
                break;
            }
            if (round == p.maxPrealign() - 1 && max > 1.0) {
                monitor.info(String.format(Locale.ROOT, "Warning: pre-alignment did not converge (last correction %.3f px > 1 px)", max));
            }
        }
        return Math.min(round, p.maxPrealign() - 1);
    }

    /**
     * Common-frame pre-alignment for low-dose series (Commonframe=Yes, spec section 2.4): block means of
     * Raverage consecutive unshifted images are aligned sequentially (integer), then iteratively to their
     * common mean (centre of mass, until the largest correction is at most 0.1 px or Maxprealign rounds);
     * every image inherits its block's shift and is then registered to the mean of the aligned blocks
     * (until the largest correction is at most 0.5 px or Maxprealign rounds). Fixed against the original:
     * image 0 is refined like the others, and the reference is always rebuilt from the final block shifts
     * (the original rebuilds it only with --debug). Images left over after the last full block join it.
     */
    public static int runCommonFrame(FocalSeries s, GaussianFilter alignFilter, double[] signs, Monitor monitor) {
        FsrParameters p = s.p;
        int n = s.n;
        int width = p.raverage();
        int blocks = n / width;
        int pix = s.nx * s.ny;
        float[][] means = new float[blocks][2 * pix];
        int[] blockOf = new int[n];
        s.computeSpectra();
        for (int i = 0; i < n; i++) {
            int b = Math.min(i / width, blocks - 1);
            blockOf[i] = b;
            float w = (float) signs[i];
            float[] m = means[b];
            float[] sp = s.spectrum(i);
            for (int k = 0; k < 2 * pix; k++) {
                m[k] += w * sp[k];
            }
        }
        FocalSeries bs = s.withSpectra(means);
        double[] ones = new double[blocks];
        java.util.Arrays.fill(ones, 1.0);
        float[][] crops = new float[blocks][s.areaX * s.areaY];
        double[] incX = new double[blocks];
        double[] incY = new double[blocks];
        // Sequential integer alignment of the block means.
        bandPassedCrops(bs, alignFilter, ones, crops);
        bs.run(blocks - 1, k -> {
            double[] out = new double[2];
            PeakRegistration reg = bs.work.get().reg;
            reg.correlate(crops[k + 1], crops[k]);
            reg.integerPeak(out);
            incX[k + 1] = out[0];
            incY[k + 1] = out[1];
        });
        bs.setDisplacements(accumulateCentred(incX), accumulateCentred(incY));
        // Iterative alignment of the block means to their common mean.
        float[] refCrop = new float[s.areaX * s.areaY];
        for (int round = 0; round < p.maxPrealign(); round++) {
            monitor.checkCanceled();
            FocalSeries ref = bs.withSpectra(new float[][] {alignedMean(bs)});
            bandPassedCrops(ref, alignFilter, new double[] {1}, new float[][] {refCrop});
            bandPassedCrops(bs, alignFilter, ones, crops);
            double max = registerTo(bs, crops, refCrop, incX, incY);
            monitor.info(String.format(Locale.ROOT, "Common frame: block-mean round %d, maximum correction %.3f px", round + 1, max));
            if (max <= 0.1) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            s.dx[i] = bs.dx[blockOf[i]];
            s.dy[i] = bs.dy[blockOf[i]];
        }
        checkInside(s);
        // Every image to the mean of the aligned blocks.
        FocalSeries ref = bs.withSpectra(new float[][] {alignedMean(bs)});
        bandPassedCrops(ref, alignFilter, new double[] {1}, new float[][] {refCrop});
        float[][] imgCrops = new float[n][s.areaX * s.areaY];
        double[] ix = new double[n];
        double[] iy = new double[n];
        int rounds = 0;
        for (int round = 0; round < p.maxPrealign(); round++) {
            monitor.checkCanceled();
            rounds++;
            bandPassedCrops(s, alignFilter, signs, imgCrops);
            double max = registerTo(s, imgCrops, refCrop, ix, iy);
            monitor.info(String.format(Locale.ROOT, "Common frame: image round %d, maximum correction %.3f px, RMS x %.3f, y %.3f",
                    round + 1, max, rms(ix), rms(iy)));
            checkInside(s);
            if (max <= STOP_PX) {
                break;
            }
        }
        table(s, monitor);
        return rounds;
    }

    /** Registers each crop to {@code ref}, adds the re-centred increments; returns the largest one. */
    private static double registerTo(FocalSeries s, float[][] crops, float[] ref, double[] incX, double[] incY) {
        FsrParameters p = s.p;
        s.run(s.n, i -> {
            double[] out = new double[2];
            PeakRegistration reg = s.work.get().reg;
            reg.correlate(crops[i], ref);
            reg.centroidPeak(p.comKernel(), p.alignmentPrecision(), out);
            incX[i] = out[0];
            incY[i] = out[1];
        });
        double mx = 0;
        double my = 0;
        for (int i = 0; i < s.n; i++) {
            mx += incX[i] / s.n;
            my += incY[i] / s.n;
        }
        double max = 0;
        for (int i = 0; i < s.n; i++) {
            incX[i] -= mx;
            incY[i] -= my;
            s.dx[i] += incX[i];
            s.dy[i] += incY[i];
            max = Math.max(max, Math.max(Math.abs(incX[i]), Math.abs(incY[i])));
        }
        return max;
    }

    /** Mean of the aligned spectra of a series. */
    private static float[] alignedMean(FocalSeries s) {
        int len = 2 * s.nx * s.ny;
        float[] mean = new float[len];
        float[] buf = new float[len];
        for (int i = 0; i < s.n; i++) {
            FourierConvention.shiftSpectrum(s.spectrum(i), buf, s.nx, s.ny, -s.dx[i], -s.dy[i], new float[2 * s.nx], new float[2 * s.ny]);
            for (int k = 0; k < len; k++) {
                mean[k] += buf[k] / s.n;
            }
        }
        return mean;
    }

    /** Band-passed reference-frame crops of all images at their current displacements, times their signs. */
    static void bandPassedCrops(FocalSeries s, GaussianFilter filter, double[] signs, float[][] crops) {
        int pairs = (s.n + 1) / 2;
        s.run(pairs, k -> {
            int i = 2 * k;
            int j = i + 1 < s.n ? i + 1 : -1;
            s.alignedCrops(i, j, filter, signs[i], j >= 0 ? signs[j] : 1, crops[i], j >= 0 ? crops[j] : null);
        });
    }

    /** Cumulative sum of the pairwise steps (step[0] ignored) minus its mean. */
    static double[] accumulateCentred(double[] step) {
        double[] c = new double[step.length];
        for (int i = 1; i < step.length; i++) {
            c[i] = c[i - 1] + step[i];
        }
        return centred(c);
    }

    /** {@code v} minus its mean, in place; returns v. */
    static double[] centred(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        for (int i = 0; i < v.length; i++) {
            v[i] -= mean;
        }
        return v;
    }

    private static void add(FocalSeries s, double[] cx, double[] cy) {
        for (int i = 0; i < s.n; i++) {
            s.dx[i] += cx[i];
            s.dy[i] += cy[i];
        }
    }

    static double rms(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    private static void table(FocalSeries s, Monitor monitor) {
        StringBuilder sb = new StringBuilder("  image        dx        dy");
        for (int i = 0; i < s.n; i++) {
            sb.append(System.lineSeparator()).append("  ");
            FixedPoint.append(sb, s.p.images()[i], 5).append(' ');
            FixedPoint.append(sb, s.dx[i], 9, 3).append(' ');
            FixedPoint.append(sb, s.dy[i], 9, 3);
        }
        monitor.info(sb.toString());
    }

    /** The reference frame, moved by each image's displacement, must stay inside the image. */
    static void checkInside(FocalSeries s) {
        for (int i = 0; i < s.n; i++) {
            double left = s.x0 + s.dx[i];
            double top = s.y0 + s.dy[i];
            if (left < 0 || top < 0 || left + s.areaX > s.nx || top + s.areaY > s.ny) {
                throw new BadInputException(String.format(Locale.ROOT,
                        "[IMAGEDATA] AREA/Offset: image %d is displaced by (%.1f, %.1f) px, which moves the %d x %d reference frame"
                                + " outside the image; choose a smaller AREA or move it with Offset", s.p.images()[i], s.dx[i], s.dy[i],
                        s.areaY, s.areaX));
            }
        }
    }

    /**
     * Contrast signs for Invertprealign: -1 where sum_g A(g) sin chi_n(g) &gt; 0 (the imaginary part of
     * the band-passed wave transfer is negative), else +1.
     */
    public static double[] contrastSigns(ElectronOptics optics, GaussianFilter gaussian, double[] foci, boolean invert, double limit) {
        double[] signs = new double[foci.length];
        java.util.Arrays.fill(signs, 1.0);
        if (!invert) {
            return signs;
        }
        float[] g2 = optics.g2();
        float[] filter = gaussian.values();
        double l2 = limit * limit;
        for (int i = 0; i < foci.length; i++) {
            double sum = 0;
            for (int k = 0; k < g2.length; k++) {
                if (g2[k] <= l2) {
                    sum += filter[k] * Math.sin(optics.chi(g2[k], foci[i], true));
                }
            }
            signs[i] = sum > 0 ? -1.0 : 1.0;
        }
        return signs;
    }
}

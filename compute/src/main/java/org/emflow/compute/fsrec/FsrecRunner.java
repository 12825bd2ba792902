package org.emflow.compute.fsrec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.io.OutputSet;
import org.emflow.compute.plot.DisplacementPlot;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Excerpt;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.util.WorkerPool;

/**
 * Runs a PyFSRec focal-series reconstruction in any of its modes (spec pyfsrec.md section 1) and writes
 * the original's output files (section 2.6) plus amplitude/phase PNGs and a convergence CSV. All outputs
 * go through {@link org.emflow.compute.io.AtomicFiles}; an output path that equals an input image is refused.
 *
 * <p>Previous results ({@code .wav}, {@code _dxy.csv}, {@code _foci.csv}) are read from the effective
 * output folder (the override when given). Differences from the original, each a fix: the loaded
 * {@code _foci.csv} is used; {@code --stepanalysis --useprevious} continues the reconstruction with the
 * loaded foci, displacements and wave for the linear iterations, then runs the step analysis on the
 * result; {@code --prealignonly} writes only {@code _dxy.csv} (no all-zero wave); the autofocus writes
 * {@code <out>_autofocused.wav} (and {@code _autofocused_filt.wav}) instead of overwriting its input
 * {@code <out>.wav}; every successful mode returns normally (exit code 0 for the CLI).
 */
public final class FsrecRunner {
    /** The original's hard-coded nonlinear settings. */
    public static final int NONLINEAR_PASSES = 10;
    public static final float NONLINEAR_RELAXATION = 0.05f;

    private FsrecRunner() {
    }

    public static FsrecResult run(FsrParameters p, FsrecOptions o, Path outDirOverrideOrNull, Monitor monitor) throws IOException {
        validate(p, o);
        int threads = o.threads() > 0 ? o.threads() : Runtime.getRuntime().availableProcessors();
        try (WorkerPool pool = WorkerPool.of(monitor, threads)) {
            return new Run(p, o, outDirOverrideOrNull == null ? p.outputDir() : outDirOverrideOrNull, monitor, pool.pool()).execute();
        }
    }

    private static void validate(FsrParameters p, FsrecOptions o) {
        List<String> errors = new ArrayList<>();
        if (o.linIter() < 0) {
            errors.add("setting 'liniter' must be at least 1 (0 = LinearIterations of the parameters): " + o.linIter());
        }
        if (o.boxcar() < 0 || o.boxcar() > p.count()) {
            errors.add("setting 'boxcar' must be between 1 and the number of selected images (" + p.count() + "): " + o.boxcar());
        }
        if (o.autofocus() && p.autofocusFilter() == null) {
            errors.add("[AUTOCORRECTION] Autofocusfilter: missing, required for setting 'autofocus'");
        }
        if (o.threads() < 0) {
            errors.add("threads must be >= 0: " + o.threads());
        }
        missingImages(p, errors);
        if (!errors.isEmpty()) {
            throw new BadInputException(String.join("\n", errors));
        }
    }

    /**
     * The series must hold the NImages images it claims: the focus ramp and the image numbers of Range count
     * them, so a shorter series would silently get wrong foci.
     */
    private static void missingImages(FsrParameters p, List<String> errors) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < p.nImages(); i++) {
            if (!Files.isRegularFile(p.imageFile(i))) {
                missing.add(p.imageFile(i).getFileName().toString());
            }
        }
        if (!missing.isEmpty()) {
            errors.add("[INPUT/OUTPUT] NImages: the series has " + p.nImages() + " images, but " + missing.size()
                    + " of them are not in " + p.inputDir() + ": " + Excerpt.firstOf(missing, 3, ", "));
        }
    }

    private static final class Run {
        final FsrParameters p;
        final FsrecOptions o;
        final Path outDir;
        final Monitor m;
        final ForkJoinPool pool;
        final List<Path> written = new ArrayList<>();
        final Set<Path> inputs = new HashSet<>();
        final ElectronOptics optics;
        /** The outputs of this run, committed together at its end. */
        OutputSet outputs;

        Run(FsrParameters p, FsrecOptions o, Path outDir, Monitor m, ForkJoinPool pool) {
            this.p = p;
            this.o = o;
            this.outDir = outDir;
            this.m = m;
            this.pool = pool;
            for (int idx : p.images()) {
                inputs.add(p.imageFile(idx).toAbsolutePath().normalize());
            }
            float[] g2 = FourierConvention.frequencySquared(p.nx(), p.ny(), p.samplingX(), p.samplingY());
            this.optics = new ElectronOptics(g2, p.voltageKv(), p.c3Nm(), p.c5Nm(), p.limit(), p.semiconvergenceMrad(),
                    p.focusSpreadNm(), p.imageSpreadPm());
        }

        /** Where to write output {@code OUTPUTFILENAME + suffix}: a staged file of {@link #outputs}. */
        Path out(String suffix) {
            Path f = outDir.resolve(p.outputName() + suffix).toAbsolutePath().normalize();
            if (inputs.contains(f)) {
                throw new BadInputException("[INPUT/OUTPUT] OUTPUTFILENAME: output " + f + " would overwrite an input image");
            }
            return outputs.stage(f.getFileName().toString()); // in the set's folder: out() names files of one folder
        }

        Path previous(String suffix) {
            return outDir.resolve(p.outputName() + suffix);
        }

        /**
         * Runs the mode and commits its outputs as one set: the output folder is checked (created, writable) before
         * any computing, and a run that fails while writing (a full disk) leaves none of its files.
         */
        FsrecResult execute() throws IOException {
            echo();
            // the folder the files really go to (OUTPUTFILENAME may hold a sub-folder, as PyFSRec concatenates them)
            Path base = outDir.resolve(p.outputName()).toAbsolutePath().normalize();
            try (OutputSet set = OutputSet.open(base.getParent(), base.getFileName().toString())) {
                outputs = set;
                FsrecResult result;
                try {
                    result = compute();
                } catch (IOException | java.io.UncheckedIOException e) {
                    Throwable io = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
                    throw new IOException(set.shown(io.getMessage()) + " (none of this run's outputs were written)", io);
                }
                set.commit();
                return result;
            }
        }

        private FsrecResult compute() throws IOException {
            if (o.showArea()) {
                return showArea();
            }
            if (o.autofocus()) {
                return autofocus();
            }
            FocalSeries s = FocalSeries.load(p, pool, m);
            m.progress(0.05, "images loaded");
            GaussianFilter alignFilter = GaussianFilter.on(s.g2, p.alignmentFilter()[0], p.alignmentFilter()[1]);
            double[] foci = p.foci().clone();
            if (o.stepAnalysis() && !o.usePrevious()) {
                loadDisplacements(s);
                ComplexImage psi = FsrecFiles.readWave(previous(".wav"), p.nx(), p.ny(), p.samplingX(), p.samplingY());
                float[] spec = psi.data().clone();
                FourierConvention.forward(spec, p.nx(), p.ny());
                StepAnalysis.Result r = StepAnalysis.run(s, optics, spec, foci, m);
                writeFoci(r);
                return new FsrecResult("stepanalysis", null, null, p.images(), s.dx(), s.dy(), foci, 0, List.of(), null, r, null, written);
            }
            ComplexImage loadedWave = null;
            int rounds = 0;
            if (o.usePrevious()) {
                foci = loadFoci(foci);
                loadDisplacements(s);
            } else if (p.prealignment()) {
                double[] signs = PreAligner.contrastSigns(optics, alignFilter, foci, p.invertPrealign(), p.limit());
                if (p.commonFrame()) {
                    if (p.raverage() > p.count()) {
                        throw new BadInputException("[ALIGNMENT] Raverage: " + p.raverage() + " images per block but only " + p.count()
                                + " are selected");
                    }
                    rounds = PreAligner.runCommonFrame(s, alignFilter, signs, m.sub(0.05, 0.2));
                } else {
                    rounds = PreAligner.run(s, alignFilter, signs, o.showAlignment(), m.sub(0.05, 0.2));
                }
            } else {
                m.info("Prealignment=Off: starting from zero displacements");
            }
            double[][] preAligned = {s.dx(), s.dy()};
            if (o.prealignOnly()) {
                writeDisplacements(s);
                if (o.showAlignment()) {
                    writeAlignmentPlot(preAligned, null);
                }
                return new FsrecResult("prealignment", null, null, p.images(), s.dx(), s.dy(), foci, rounds, List.of(), null, null, null, written);
            }
            if (o.boxcar() > 0) {
                boxcar(s, o.boxcar());
                return new FsrecResult("boxcar", null, null, p.images(), s.dx(), s.dy(), foci, rounds, List.of(), null, null, null, written);
            }
            if (o.usePrevious()) {
                loadedWave = FsrecFiles.readWave(previous(".wav"), p.nx(), p.ny(), p.samplingX(), p.samplingY());
            }
            LinearReconstruction rec = new LinearReconstruction(s, optics, alignFilter, foci);
            rec.setShowAlignment(o.showAlignment());
            describeFilter(rec);
            if (loadedWave != null) {
                rec.setWave(loadedWave);
            }
            int iterations = o.linIter() > 0 ? o.linIter() : p.linearIterations();
            List<IterationFigures> figures = rec.iterate(iterations, m.sub(0.2, o.nonlinear() || o.stepAnalysis() ? 0.7 : 0.95),
                    p.saveIntermediate() ? (it, psi) -> writeWave(String.format(Locale.ROOT, "_%03d.wav", it), psi) : null);
            double[] nonlinear = null;
            if (o.nonlinear()) {
                nonlinear = rec.nonlinear(NONLINEAR_PASSES, NONLINEAR_RELAXATION, m.sub(0.7, 0.85));
            }
            ComplexImage wave = rec.wave();
            m.info(String.format(Locale.ROOT, "Mean |psi|^2 = %.6f", wave.meanIntensity()));
            Path amplitude = out("_amplitude.png");
            Path phase = out("_phase.png");
            ComplexImage filtered = null;
            // The pictures are encoded on the pool while this thread writes the waves and tables.
            try (Background pictures = new Background(pool)) {
                pictures.start(() -> WavePictures.writeAmplitude(amplitude, wave));
                pictures.start(() -> WavePictures.writePhase(phase, wave));
                writeWave(".wav", wave);
                if (p.outputFilter() != null) {
                    filtered = filtered(wave, s.g2);
                    writeWave("_filt.wav", filtered);
                }
                writeDisplacements(s);
                writeConvergence(figures, nonlinear);
                pictures.finish();
            }
            note(amplitude);
            note(phase);
            if (o.showAlignment()) {
                writeAlignmentPlot(preAligned, new double[][] {s.dx(), s.dy()});
            }
            if (p.saveAligned()) {
                s.computeSpectra();
                float[] img = new float[p.nx() * p.ny()];
                for (int i = 0; i < s.n; i++) {
                    s.alignedImage(i, img);
                    FsrecFiles.writeFloats(note(out(String.format(Locale.ROOT, "_ali_float32_%03d.raw", p.images()[i]))), img);
                }
            }
            if (o.debug()) {
                debugOutputs(s, rec);
            }
            StepAnalysis.Result step = null;
            if (o.stepAnalysis()) {
                step = StepAnalysis.run(s, optics, rec.waveSpectrum(), rec.foci(), m.sub(0.85, 1.0));
                writeFoci(step);
            }
            m.progress(1.0, "done");
            return new FsrecResult("reconstruction", wave, filtered, p.images(), s.dx(), s.dy(), rec.foci(), rounds, figures, nonlinear,
                    step, null, written);
        }

        private void echo() {
            double lambda = optics.lambda();
            double[] f = p.foci();
            double[] x = new double[f.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = p.images()[i];
            }
            double slope = f.length > 1 ? StepAnalysis.linearFit(x, f)[0] : Double.NaN;
            m.info(String.format(Locale.ROOT,
                    "PyFSRec focal-series reconstruction%n  input %s/%s###.raw, %d of %d images: %s%n  output %s%n"
                            + "  %d x %d pixels (rows x columns), sampling %.5f x %.5f nm (y x x), reciprocal %.5f x %.5f 1/nm%n"
                            + "  %.1f kV, lambda %.7f nm, C3 %.4g nm, C5 %.4g nm, foci %.3f ... %.3f nm%n"
                            + "  Limit %.3f 1/nm, resonance frequency %.3f 1/nm, low-frequency limit %.3f 1/nm%n"
                            + "  Filtercutoff %.4f (absolute threshold on D in [0, N]), COM kernel %d, pre-alignment %s",
                    p.inputDir(), p.inputPrefix(), p.count(), p.nImages(), StepAnalysis.list(x).replace(".00", ""),
                    outDir.resolve(p.outputName()), p.ny(), p.nx(), p.samplingY(), p.samplingX(), 1 / (p.ny() * p.samplingY()),
                    1 / (p.nx() * p.samplingX()), p.voltageKv(), lambda, p.c3Nm(), p.c5Nm(), f[0], f[f.length - 1], p.limit(),
                    Math.sqrt(1 / (lambda * Math.abs(slope))), 0.5 / Math.sqrt(Math.PI * lambda * Math.abs(f[f.length - 1] - f[0])),
                    p.filterCutoff(), p.comKernel(), p.prealignment() ? p.prealignMethod().key() : "off"));
            for (String w : p.warnings()) {
                m.info("Warning: " + w);
            }
            if (Files.exists(p.imageFile(p.nImages()))) {
                m.info("Warning: " + p.imageFile(p.nImages()).getFileName() + " exists too, but [INPUT/OUTPUT] NImages="
                        + p.nImages() + " ends the series before it (the focus ramp spans NImages images)");
            }
        }

        private void describeFilter(LinearReconstruction rec) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = 0;
            float[] distinct = p.envelopes() ? FrequencyClasses.distinctValues(optics.g2(), p.nx(), p.ny(),
                    FrequencyClasses.swapSymmetric(p.nx(), p.ny(), p.samplingX(), p.samplingY())) : new float[0];
            for (double focus : rec.foci()) {
                double c = optics.envelopeCutoff(focus, distinct);
                if (Double.isFinite(c)) {
                    lo = Math.min(lo, c);
                    hi = Math.max(hi, c);
                }
            }
            if (p.envelopes()) {
                m.info(Double.isInfinite(lo) ? "Envelopes stay above 0.05 on the whole grid"
                        : String.format(Locale.ROOT, "Minimum/maximum envelope cutoff frequency: %.3f / %.3f 1/nm", lo, hi));
            }
            m.info("Filtercutoff guard excludes " + rec.guardedCount() + " frequencies inside the aperture (including DC)");
        }

        private FsrecResult showArea() throws IOException {
            int idx = p.images()[0];
            float[] img = FsrecFiles.readFloatRaw(p.imageFile(idx), p.nx(), p.ny());
            if (p.fixHotPixels()) {
                HotPixelFilter.fix(img, p.nx(), p.ny());
            }
            WavePictures.writeWithFrame(note(out("_referenceframe.png")), img, p.nx(), p.ny(), p.areaX0(), p.areaY0(), p.areaX(), p.areaY());
            return new FsrecResult("showarea", null, null, p.images(), null, null, null, 0, List.of(), null, null, null, written);
        }

        private FsrecResult autofocus() throws IOException {
            ComplexImage psi = FsrecFiles.readWave(previous(".wav"), p.nx(), p.ny(), p.samplingX(), p.samplingY());
            FocalSeries geometry = FocalSeries.geometryOnly(p, pool);
            Autofocus.Result r = Autofocus.run(geometry, optics, psi, m);
            double[] shifted = p.foci().clone();
            for (int i = 0; i < shifted.length; i++) {
                shifted[i] -= r.best();
            }
            m.info("Focus values in input format: Foci=" + StepAnalysis.list(shifted));
            List<double[]> rows = new ArrayList<>();
            for (int j = 0; j < r.foci().length; j++) {
                rows.add(new double[] {r.foci()[j], r.contrast()[j]});
            }
            FsrecFiles.writeCsv(note(out("_focus_rms.csv")), "rmsvec", rows);
            FsrecFiles.writeCsv(note(out("_autofocus.csv")), "rmsvec", rows);
            FsrecFiles.writeWave(note(out("_autofocused.wav")), r.wave());
            ComplexImage filtered = null;
            if (p.outputFilter() != null) {
                filtered = filtered(r.wave(), optics.g2());
                FsrecFiles.writeWave(note(out("_autofocused_filt.wav")), filtered);
            }
            WavePictures.writeAmplitude(note(out("_autofocused_amplitude.png")), r.wave());
            WavePictures.writePhase(note(out("_autofocused_phase.png")), r.wave());
            return new FsrecResult("autofocus", r.wave(), filtered, p.images(), null, null, null, 0, List.of(), null, null, r, written);
        }

        /** The output filter: mean(psi) + IFFT(FFT(psi) T) with the sharp top-hat T. */
        private ComplexImage filtered(ComplexImage wave, float[] g2) {
            float[] spec = wave.data().clone();
            FourierConvention.forward(spec, wave.nx(), wave.ny());
            float dcr = spec[0];
            float dci = spec[1];
            BandPass.apply(spec, BandPass.topHat(g2, p.outputFilter()[0], p.outputFilter()[1]));
            spec[0] = dcr;
            spec[1] = dci;
            FourierConvention.inverse(spec, wave.nx(), wave.ny());
            m.info(String.format(Locale.ROOT, "Output filter: top-hat %.3f < |g| <= %.3f 1/nm", p.outputFilter()[0], p.outputFilter()[1]));
            return new ComplexImage(wave.nx(), wave.ny(), spec, wave.samplingX(), wave.samplingY());
        }

        private double[] loadFoci(double[] fromParameters) throws IOException {
            Path f = previous("_foci.csv");
            if (!Files.isRegularFile(f)) {
                m.info("No " + f + ": using the foci of the parameters");
                return fromParameters;
            }
            List<double[]> rows = FsrecFiles.readCsv(f, 2);
            if (rows.size() != p.count()) {
                m.info("Warning: " + f + " has " + rows.size() + " foci for " + p.count() + " images: using the foci of the parameters");
                return fromParameters;
            }
            double[] foci = new double[rows.size()];
            for (int i = 0; i < foci.length; i++) {
                if (Math.round(rows.get(i)[0]) != p.images()[i]) {
                    m.info("Warning: " + f + " row " + (i + 1) + " is for image " + rows.get(i)[0] + ", not " + p.images()[i]
                            + ": using the foci of the parameters");
                    return fromParameters;
                }
                foci[i] = rows.get(i)[1];
            }
            m.info("Foci loaded from " + f + ": " + StepAnalysis.list(foci));
            return foci;
        }

        private void loadDisplacements(FocalSeries s) throws IOException {
            Path f = previous("_dxy.csv");
            if (!Files.isRegularFile(f)) {
                if (p.prealignment()) {
                    throw new BadInputException(f + ": displacement file not found; run the reconstruction (or with setting 'prealignonly') first,"
                            + " or set [RECONSTRUCTION] Prealignment=Off to start from zero shifts");
                }
                m.info("No " + f + " and Prealignment=Off: zero displacements");
                return;
            }
            double[][] d = FsrecFiles.readDisplacements(f, p.images());
            s.setDisplacements(d[0], d[1]);
            PreAligner.checkInside(s);
            m.info("Displacements loaded from " + f);
        }

        private void boxcar(FocalSeries s, int width) throws IOException {
            int blocks = s.n / width;
            s.computeSpectra();
            float[] img = new float[p.nx() * p.ny()];
            for (int b = 0; b < blocks; b++) {
                float[] sum = new float[p.nx() * p.ny()];
                for (int i = b * width; i < (b + 1) * width; i++) {
                    s.alignedImage(i, img);
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] += img[k];
                    }
                }
                FsrecFiles.writeFloats(note(out(String.format(Locale.ROOT, "_boxcar%d_float32_%03d.raw", width, b))), sum);
            }
            m.info("Boxcar: " + blocks + " sums of " + width + " aligned images written");
        }

        private void debugOutputs(FocalSeries s, LinearReconstruction rec) throws IOException {
            FsrecFiles.writeFloats(note(out("_fninvdenom_float32.raw")), rec.inverseDenominator());
            for (int i = 0; i < s.n; i++) {
                FsrecFiles.writeFloats(note(out(String.format(Locale.ROOT, "_simim_float32_%03d.raw", p.images()[i]))), rec.simulatedImage(i));
            }
        }

        private void writeWave(String suffix, ComplexImage wave) {
            try {
                FsrecFiles.writeWave(note(out(suffix)), wave);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void writeDisplacements(FocalSeries s) throws IOException {
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < s.n; i++) {
                rows.add(new double[] {p.images()[i], s.dx[i], s.dy[i]});
            }
            FsrecFiles.writeCsv(note(out("_dxy.csv")), "Image displacements", rows);
        }

        /**
         * {@code --showalignment}: the displacements after pre-alignment and, when given, after the linear
         * iterations, against image number (the original shows its alignment in plot windows instead).
         */
        private void writeAlignmentPlot(double[][] preAligned, double[][] last) throws IOException {
            List<DisplacementPlot.Series> series = new ArrayList<>();
            series.add(new DisplacementPlot.Series("dx pre-aligned", preAligned[0]));
            series.add(new DisplacementPlot.Series("dy pre-aligned", preAligned[1]));
            if (last != null) {
                series.add(new DisplacementPlot.Series("dx final", last[0]));
                series.add(new DisplacementPlot.Series("dy final", last[1]));
            }
            DisplacementPlot.writePng(note(out("_alignment.png")), "Image displacements (pixels)", p.images(), series, true);
        }

        private void writeFoci(StepAnalysis.Result r) throws IOException {
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < r.refined().length; i++) {
                rows.add(new double[] {p.images()[i], r.refined()[i]});
            }
            FsrecFiles.writeCsv(note(out("_foci.csv")), "Refined defocus values", rows);
        }

        private void writeConvergence(List<IterationFigures> figures, double[] nonlinear) throws IOException {
            Path f = note(out("_convergence.csv"));
            List<double[]> rows = new ArrayList<>();
            for (IterationFigures it : figures) {
                rows.add(new double[] {it.iteration(), it.maxShift(), it.rmsDx(), it.rmsDy(), it.scatteredPercent(),
                        it.waveChange(), it.residual()});
            }
            FsrecFiles.writeCsv(f, "iteration,max_shift_px,rms_dx_px,rms_dy_px,scattered_percent,wave_change,residual", rows);
        }

        /** Records staged output {@code staged} under its final name (for the result and the log), and returns it. */
        private Path note(Path staged) {
            Path f = outputs.finalPath(staged);
            written.add(f);
            m.info("Writing " + f);
            return staged;
        }
    }
}

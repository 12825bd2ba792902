package org.emflow.node.fsrec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.fsrec.FsrParameterFile;
import org.emflow.compute.fsrec.FsrParameters;
import org.emflow.compute.fsrec.FsrecOptions;
import org.emflow.compute.fsrec.FsrecResult;
import org.emflow.compute.fsrec.FsrecRunner;
import org.emflow.compute.fsrec.IterationFigures;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.FilePortObject;
import org.emflow.ports.PortTypes;
import org.emflow.ports.TablePortObject;
import org.emflow.ports.WavePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;

final class FocalSeriesNodeModel implements NodeModel {
    /**
     * Only the parameter file: {@link #paths} reads it before the settings are validated, and a wrong flag must not
     * hide the folders the file names.
     */
    private record ParameterFile(Path prm) {
    }

    /** The .fsr file's entries with the node's own keys on top; relative paths resolve against the file's folder, else the workflow's. */
    static FsrParameters parameters(NodeSettings s) {
        Map<String, String> map = new LinkedHashMap<>();
        Path prm = s.bind(ParameterFile.class).prm();
        Path base = s.baseDir();
        if (prm != null) {
            map.putAll(FsrParameterFile.readMap(prm));
            base = prm.toAbsolutePath().getParent();
        }
        for (Map.Entry<String, String> e : FsrKeys.TO_FSR.entrySet()) {
            if (s.isSet(e.getKey())) {
                map.keySet().removeIf(k -> k.equalsIgnoreCase(e.getValue()));
                map.put(e.getValue(), s.getString(e.getKey()));
            }
        }
        if (map.isEmpty()) {
            throw new BadInputException(prm != null ? prm + ": no parameters in the file (empty, or only comments)"
                    : "give a parameter file (prm / --prm FILE.fsr) or set the parameters");
        }
        return FsrParameters.fromMap(map, base);
    }

    static FsrecOptions options(FocalSeriesSettings s, int threads) {
        return new FsrecOptions(s.debug(), s.showalignment(), s.showarea(), s.prealignonly(), s.boxcar(), s.liniter(), s.nonlinear(),
                s.useprevious(), s.stepanalysis(), s.autofocus(), threads);
    }

    /** The parameter file, and the image and output folders it (or the node's keys) names. */
    @Override
    public List<Path> paths(NodeSettings s) {
        List<Path> out = new ArrayList<>(s.paths());
        try {
            FsrParameters p = parameters(s);
            out.add(p.inputDir());
            out.add(p.outputDir());
        } catch (BadInputException e) {
            // configure names what is wrong with the parameters
        }
        return out;
    }

    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
        s.validate("focal-series-reconstruct");
        FsrParameters p = parameters(s);
        return List.of(new PortObjectSpec(PortTypes.WAVE, Map.of("nx", p.nx(), "ny", p.ny())), PortObjectSpec.of(PortTypes.TABLE),
                PortObjectSpec.of(PortTypes.TABLE), PortObjectSpec.of(PortTypes.FILE), PortObjectSpec.of(PortTypes.FILE));
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings settings, ExecutionContext ctx) throws Exception {
        FsrParameters p = parameters(settings);
        for (String w : p.warnings()) {
            ctx.info("warning: " + w);
        }
        FocalSeriesSettings s = settings.bind(FocalSeriesSettings.class);
        FsrecOptions o = options(s, ctx.threads());
        if (ctx.standalone()) {
            // The command line behaves as PyFSRec: one mode per run, outputs in OUTPUTPATH or --out-dir.
            Path outDir = s.outDir();
            Path wav = (outDir != null ? outDir : p.outputDir()).resolve(p.outputName() + ".wav");
            boolean reconstructs = !o.usePrevious() && !o.stepAnalysis() && !o.autofocus() && !o.showArea() && !o.prealignOnly()
                    && o.boxcar() == 0;
            if (reconstructs && java.nio.file.Files.exists(wav) && !s.force()) {
                throw new BadInputException(wav + " exists from an earlier reconstruction; use --force to replace it, "
                        + "--out-dir for another folder, or --useprevious to continue from it");
            }
            FsrecResult r = FsrecRunner.run(p, o, outDir, ctx);
            report(r, ctx);
            if (r.wave() == null) {
                return nulls();
            }
            return ports(r, r.wave());
        }
        // In a workflow: reconstruct into the node's folder, then analyse the wave just made.
        FsrecOptions reconstruct = new FsrecOptions(o.debug(), o.showAlignment(), false, false, 0, o.linIter(), o.nonlinear(), false,
                false, false, o.threads());
        FsrecResult r = FsrecRunner.run(p, reconstruct, ctx.outputDir(), ctx.sub(0, 0.8));
        report(r, ctx);
        if (o.stepAnalysis()) {
            report(FsrecRunner.run(p, FsrecOptions.defaults().withStepAnalysis(true), ctx.outputDir(), ctx.sub(0.8, 0.9)), ctx);
        }
        if (o.autofocus()) {
            report(FsrecRunner.run(p, FsrecOptions.defaults().withAutofocus(true), ctx.outputDir(), ctx.sub(0.9, 1)), ctx);
        }
        return ports(r, r.wave());
    }

    private static List<PortObject> nulls() {
        List<PortObject> l = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            l.add(null);
        }
        return l;
    }

    private static List<PortObject> ports(FsrecResult r, ComplexImage wave) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < r.images().length; i++) {
            rows.add(List.of(Integer.toString(r.images()[i]), num(r.dx() == null ? Double.NaN : r.dx()[i]),
                    num(r.dy() == null ? Double.NaN : r.dy()[i]), num(r.foci() == null ? Double.NaN : r.foci()[i])));
        }
        TablePortObject displacements = new TablePortObject(List.of("image", "dx_px", "dy_px", "focus_nm"), rows);
        List<List<String>> conv = new ArrayList<>();
        for (IterationFigures f : r.iterations()) {
            conv.add(List.of(Integer.toString(f.iteration()), num(f.waveChange()), num(f.residual()), num(f.maxShift()), num(f.rmsDx()),
                    num(f.rmsDy())));
        }
        TablePortObject convergence = new TablePortObject(List.of("iteration", "wave_change", "residual", "max_shift_px", "rms_dx_px",
                "rms_dy_px"), conv);
        return List.of(new WavePortObject(wave), displacements, convergence, new FilePortObject(written(r, "_amplitude.png")),
                new FilePortObject(written(r, "_phase.png")));
    }

    /** The file the reconstruction wrote whose name ends with {@code suffix} (its pictures of the wave). */
    private static Path written(FsrecResult r, String suffix) {
        return r.written().stream().filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the reconstruction wrote no *" + suffix));
    }

    private static void report(FsrecResult r, ExecutionContext ctx) {
        if (r.wave() != null) {
            float[] d = r.wave().data();
            double sum = 0;
            for (int i = 0; i < d.length; i += 2) {
                sum += d[i] * (double) d[i] + d[i + 1] * (double) d[i + 1];
            }
            ctx.info(String.format(Locale.ROOT, "%s: mean |psi|^2 = %.6f", r.mode(), sum / (d.length / 2)));
        }
        if (r.stepAnalysis() != null) {
            ctx.info(String.format(Locale.ROOT, "focus step %.4f nm (+/- %.4f), r^2 = %.5f", r.stepAnalysis().step(),
                    r.stepAnalysis().stepStdError(), r.stepAnalysis().r2()));
        }
        if (r.autofocus() != null) {
            ctx.info(String.format(Locale.ROOT, "minimum-contrast focus %.2f nm", r.autofocus().best()));
        }
        ctx.info(r.written().size() + " files written" + (r.written().isEmpty() ? "" : " in " + r.written().get(0).getParent()));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.6g", v);
    }
}

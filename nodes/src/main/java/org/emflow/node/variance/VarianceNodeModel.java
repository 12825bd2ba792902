package org.emflow.node.variance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcWriter;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.StarLayout;
import org.emflow.compute.plot.VolumeSlices;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.variability.Decimation;
import org.emflow.compute.variability.Variability;
import org.emflow.compute.variability.VariabilityOptions;
import org.emflow.compute.variability.VariabilitySplit;
import org.emflow.ports.FilePortObject;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.ports.TablePortObject;
import org.emflow.ports.VolumePortObject;
import org.emflow.node.SymmetrySetting;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.SplittableModel;

final class VarianceNodeModel implements SplittableModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings settings) {
        settings.validate("variance");
        VarianceSettings s = settings.bind(VarianceSettings.class);
        SymmetrySetting.check(s.sym()); // names a wrong symmetry now
        options(s, 1); // the combinations (fl without aa, ...)
        PortObjectSpec p = in.get(0);
        if (p != null && s.ctf() && Boolean.FALSE.equals(p.property("ctf"))) {
            throw new BadInputException("--CTF needs CTF columns, and the particles have none");
        }
        Object box = p == null ? null : p.property("box");
        if (box instanceof Number b && s.window() > b.intValue()) {
            throw new BadInputException("--window " + s.window() + " is larger than the box of " + b + " pixels");
        }
        Object px = p == null ? null : p.property("pixel_size");
        PortObjectSpec v = box == null ? PortObjectSpec.of(PortTypes.VOLUME)
                : new PortObjectSpec(PortTypes.VOLUME, Map.of("box", box, "pixel_size", px));
        return List.of(v, v, PortObjectSpec.of(PortTypes.TABLE), PortObjectSpec.of(PortTypes.FILE));
    }

    static VariabilityOptions options(VarianceSettings s, int threads) {
        // the one combination the settings' own ranges cannot check
        if (s.fl() > 0 && !(s.aa() > 0)) {
            throw new BadInputException("setting 'aa' must be > 0 when fl > 0 (the tanh low-pass needs a fall-off)");
        }
        return VariabilityOptions.defaults()
                .withMethod(s.method())
                .withImagesPerGroup(s.imagesPerGroup())
                .withSymmetry(s.sym())
                .withCtf(s.ctf())
                .withLowPass(s.fl(), s.aa())
                .withDecimate(s.decimate())
                .withWindow(s.window())
                .withPadding(s.npad())
                .withNormalise(!s.noNorm())
                .withVarianceInput(s.varInput())
                .withKeep2D(!s.ave2d().isEmpty() || !s.var2d().isEmpty())
                .withBootstrapVolumes(s.bootstrapVolumes())
                .withSeed(s.seed())
                .withThreads(threads);
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings settings, ExecutionContext ctx) throws Exception {
        VarianceSettings s = settings.bind(VarianceSettings.class);
        ParticleTable t = table(in);
        VariabilityOptions o = options(s, ctx.threads());
        int nx = Decimation.size(t.boxSize(), o.window(), o.decimate());
        double gb = Variability.memoryEstimate(t.imageCount(), nx, o) / 1e9;
        ctx.info(String.format(Locale.ROOT, "memory estimate: %.2f GB for the images and maps + %.2f GB overhead per CPU x %d",
                gb, s.overhead(), ctx.threads()));
        Variability.Result r;
        try (MrcImageLoader loader = new MrcImageLoader()) {
            r = Variability.run(t.images(), loader, t.boxSize(), t.pixelSize(), o, ctx);
        }
        return outputs(s, r, ctx);
    }

    /**
     * Part {@code part} of {@code parts} ({@link VariabilitySplit}): the groups whose centres lie in one latitude band
     * (reading only their members' images), or a range of the bootstrap volumes, or of the 2-D variances with var_input.
     */
    @Override
    public void executePart(List<PortObject> in, NodeSettings settings, int part, int parts, ExecutionContext ctx) throws Exception {
        VarianceSettings s = settings.bind(VarianceSettings.class);
        ParticleTable t = table(in);
        VariabilityOptions o = options(s, ctx.threads());
        checkStackNames(s);
        VariabilitySplit.PartResult r;
        try (MrcImageLoader loader = new MrcImageLoader()) {
            r = VariabilitySplit.runPart(t.images(), loader, t.boxSize(), t.pixelSize(), o, part, parts, ctx.outputDir(), ctx.overwrite(),
                    ctx);
        }
        ctx.info(String.format(Locale.ROOT, "part %d of %d: %s %d to %d of %d, %d image(s) read", part + 1, parts,
                r.kind().name().toLowerCase(Locale.ROOT), r.first() + 1, r.end(), r.units(), r.imagesRead()));
    }

    /** The outputs of {@link #execute} from the parts' results, bit for bit (the merge reads no image). */
    @Override
    public List<PortObject> merge(List<PortObject> in, NodeSettings settings, List<Path> partFolders, ExecutionContext ctx) throws Exception {
        VarianceSettings s = settings.bind(VarianceSettings.class);
        ParticleTable t = table(in);
        VariabilityOptions o = options(s, ctx.threads());
        return outputs(s, VariabilitySplit.merge(t.images(), t.boxSize(), t.pixelSize(), o, partFolders, ctx), ctx);
    }

    private static ParticleTable table(List<PortObject> in) {
        ParticleTable t = ((ParticlesPortObject) in.get(0)).table();
        if (t.layout() == StarLayout.RELION_5_OPTIMISATION_SET) {
            throw new BadInputException("variance needs one pose per image; a RELION 5 / WarpTools optimisation set has one pose per particle");
        }
        return t;
    }

    /** The files and ports of a finished run: the 2-D stacks when named, the slice pictures, the group table, the maps. */
    private static List<PortObject> outputs(VarianceSettings s, Variability.Result r, ExecutionContext ctx) throws java.io.IOException {
        writeStack(ctx, s.ave2d(), r.ave2D(), r.box2D(), r.pixelSize2D());
        writeStack(ctx, s.var2d(), r.var2D(), r.box2D(), r.pixelSize2D());
        Path slices = ctx.outputFile("var3D_slices.png");
        VolumeSlices.writePng(slices, r.var3D(), ctx.overwrite());
        if (r.ave3D() != null) {
            VolumeSlices.writePng(ctx.outputFile("ave3D_slices.png"), r.ave3D(), ctx.overwrite());
        }
        List<List<String>> rows = new ArrayList<>();
        for (Variability.Group g : r.groups()) {
            rows.add(List.of(Integer.toString(g.centre() + 1), fmt(g.rot()), fmt(g.tilt()), fmt(g.psi()), Integer.toString(g.members()),
                    fmt(g.radius())));
        }
        TablePortObject table = new TablePortObject(List.of("centre_image", "rot", "tilt", "psi", "members", "radius_deg"), rows);
        Volume ave = r.ave3D() != null ? r.ave3D() : r.var3D();
        return List.of(new VolumePortObject(ave), new VolumePortObject(r.var3D()), table, new FilePortObject(slices));
    }

    /** A bad 2-D stack name fails a part, not only the merge after all the work. */
    private static void checkStackNames(VarianceSettings s) {
        for (String name : List.of(s.ave2d(), s.var2d())) {
            if (name.contains("/") || name.contains("\\")) {
                throw new BadInputException("2-D stack name '" + name + "' must be a file name, without folders (it is written in the output folder)");
            }
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A stack of 2-D maps (nx×nx each) as MRCS at the decimated pixel size; nothing when no name is given. */
    private static void writeStack(ExecutionContext ctx, String name, float[][] maps, int nx, double pixelSize) throws java.io.IOException {
        if (name.isEmpty() || maps == null) {
            return;
        }
        if (name.contains("/") || name.contains("\\")) {
            throw new BadInputException("2-D stack name '" + name + "' must be a file name, without folders (it is written in the output folder)");
        }
        long total = (long) maps.length * nx * nx;
        if (total > Integer.MAX_VALUE - 8) {
            throw new BadInputException("the 2-D stack '" + name + "' would hold " + total + " values, more than one array can; use a larger --decimate factor");
        }
        float[] all = new float[(int) total];
        for (int i = 0; i < maps.length; i++) {
            System.arraycopy(maps[i], 0, all, i * nx * nx, nx * nx);
        }
        MrcWriter.writeStack(ctx.outputFile(name), new Volume(nx, nx, maps.length, all, pixelSize), MrcMode.FLOAT32, ctx.overwrite());
    }
}

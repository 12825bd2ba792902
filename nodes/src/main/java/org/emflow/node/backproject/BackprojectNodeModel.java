package org.emflow.node.backproject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.plot.VolumeSlices;
import org.emflow.compute.recon.BackprojectOptions;
import org.emflow.compute.recon.BackprojectResult;
import org.emflow.compute.recon.Backprojector;
import org.emflow.compute.recon.PartialSums;
import org.emflow.compute.recon.CtfMode;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.weighting.FrequencyWeights;
import org.emflow.ports.FilePortObject;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.ports.VolumePortObject;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.SettingsRecord;
import org.emflow.sdk.SplittableModel;

/**
 * The backproject node: {@link #execute} runs the whole back projection; as a {@link SplittableModel} a cluster runs it
 * as parts ({@link #executePart}: a contiguous range of whole particles each) and a merge ({@link #merge}), which gives
 * execute's outputs.
 */
final class BackprojectNodeModel implements SplittableModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
        s.validate("backproject");
        PortObjectSpec p = in.get(0);
        CtfMode ctf = s.bind(BackprojectSettings.class).ctf();
        if (p != null && Boolean.FALSE.equals(p.property("ctf")) && ctf != CtfMode.NONE) {
            throw new BadInputException("ctf = " + SettingsRecord.choice(ctf) + " needs CTF columns, and the particles have none; set ctf = none");
        }
        Object box = p == null ? null : p.property("box");
        Object px = p == null ? null : p.property("pixel_size");
        PortObjectSpec v = box == null ? PortObjectSpec.of(PortTypes.VOLUME)
                : new PortObjectSpec(PortTypes.VOLUME, Map.of("box", box, "pixel_size", px));
        return List.of(v, v, v, PortObjectSpec.of(PortTypes.FILE));
    }

    static BackprojectOptions options(NodeSettings settings, FrequencyWeights w, int threads) {
        BackprojectSettings s = settings.bind(BackprojectSettings.class);
        return BackprojectOptions.defaults()
                .withCtfMode(s.ctf())
                .withWienerSnr(s.wienerSnr())
                .withSnrScale(s.snrScale())
                .withWeighting(s.weighting())
                .withDoseWeight(w.doseWeighting())
                .withTiltWeight(w.tiltWeighting())
                .withInvertSign(!s.uninvertData())
                .withFlipZ(s.flip())
                .withPadding(s.padding())
                .withGriddingCorrection(s.griddingCorrection())
                .withPadImages(s.padImages())
                .withMinWeight(s.minWeight())
                .withSeed(s.seed())
                .withThreads(threads);
    }

    /** The part files' name in each part's folder. */
    static final String SUMS_FILE = "sums.bin";
    /** The line a part writes about itself into its folder. */
    static final String PART_LOG = "part.txt";

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
        Run run = start(in, s, ctx, "");
        BackprojectResult r;
        try (MrcImageLoader loader = new MrcImageLoader()) {
            r = Backprojector.run(run.table.images(), loader, run.table.boxSize(), run.table.pixelSize(), run.options, ctx);
        }
        return outputs(r, ctx);
    }

    /**
     * Part {@code part} of {@code parts}: the sums of a contiguous range of whole particles (the whole run's half sets)
     * in {@value #SUMS_FILE}, and one line about the part in {@value #PART_LOG}. A part beyond the particle count
     * writes empty sums.
     */
    @Override
    public void executePart(List<PortObject> in, NodeSettings s, int part, int parts, ExecutionContext ctx) throws Exception {
        Run run = start(in, s, ctx, String.format(java.util.Locale.ROOT, "part %d of %d: ", part, parts));
        PartialSums sums;
        try (MrcImageLoader loader = new MrcImageLoader()) {
            sums = Backprojector.runPart(run.table.images(), loader, run.table.boxSize(), run.table.pixelSize(), run.options,
                    part, parts, ctx);
        }
        sums.write(ctx.outputFile(SUMS_FILE), ctx.overwrite());
        String what = sums.particleTo() > sums.particleFrom()
                ? String.format(java.util.Locale.ROOT, "particles %d..%d of %d", sums.particleFrom(), sums.particleTo() - 1,
                        run.table.particleCount())
                : "no particles (" + run.table.particleCount() + " particles in " + parts + " parts)";
        String line = String.format(java.util.Locale.ROOT, "part %d of %d: %s, half sets: %d / %d particles, %d / %d images; %s %d bytes",
                part, parts, what, sums.particles1(), sums.particles2(), sums.images1(), sums.images2(), SUMS_FILE, sums.fileBytes());
        ctx.info(line);
        AtomicFiles.write(ctx.outputFile(PART_LOG), ctx.overwrite(),
                tmp -> java.nio.file.Files.writeString(tmp, line + "\n", java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The outputs {@link #execute} makes, from the parts' folders (in part order): their {@value #SUMS_FILE} files are
     * only read. With one part bit-identical to execute; with more within {@link Backprojector#MERGE_MAX_DIFFERENCE}
     * × max |map| and an FSC of at least {@link Backprojector#MERGE_MIN_FSC} in every shell (float sums in another order).
     */
    @Override
    public List<PortObject> merge(List<PortObject> in, NodeSettings s, List<Path> partFolders, ExecutionContext ctx) throws Exception {
        Run run = start(in, s, ctx, String.format(java.util.Locale.ROOT, "merging %d parts: ", partFolders.size()));
        List<Path> files = new ArrayList<>(partFolders.size());
        for (Path folder : partFolders) {
            files.add(folder.resolve(SUMS_FILE));
        }
        BackprojectResult r = Backprojector.merge(run.table.images(), files, run.table.boxSize(), run.table.pixelSize(),
                run.options, ctx);
        return outputs(r, ctx);
    }

    /** What execute, a part and a merge share: the table and the options, and the first log line. */
    private record Run(ParticleTable table, BackprojectOptions options) {
    }

    private static Run start(List<PortObject> in, NodeSettings s, ExecutionContext ctx, String prefix) {
        ParticlesPortObject p = (ParticlesPortObject) in.get(0);
        ParticleTable t = p.table();
        BackprojectOptions o = options(s, p.weighting(), ctx.threads());
        ctx.info(String.format(java.util.Locale.ROOT, "%sback-projecting %d images of %d particles, box %d, %.4g A/px; CTF %s, %s, padding %d",
                prefix, t.imageCount(), t.particleCount(), t.boxSize(), t.pixelSize(), SettingsRecord.choice(o.ctfMode()),
                ParticlesPortObject.describe(p.weighting()), o.padding()));
        return new Run(t, o);
    }

    /** The node's outputs from the maps: the three volumes and the picture of the full map's slices. */
    private static List<PortObject> outputs(BackprojectResult r, ExecutionContext ctx) throws java.io.IOException {
        ctx.info("half sets: " + r.particles1() + " / " + r.particles2() + " particles, " + r.images1() + " / " + r.images2() + " images");
        Path slices = ctx.outputFile("map_slices.png");
        VolumeSlices.writePng(slices, r.full(), ctx.overwrite());
        return List.of(new VolumePortObject(r.full()), new VolumePortObject(r.half1()), new VolumePortObject(r.half2()),
                new FilePortObject(slices));
    }
}

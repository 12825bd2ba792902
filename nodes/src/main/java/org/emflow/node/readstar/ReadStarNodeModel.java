package org.emflow.node.readstar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.io.index.IndexFiles;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ParticleTableWriter;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.particles.Selection;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.SettingsRecord;

final class ReadStarNodeModel implements NodeModel {
    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings settings) {
        settings.validate("read-star");
        ReadStarSettings s = settings.bind(ReadStarSettings.class);
        List<String> problems = new ArrayList<>();
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("file", s.file());
        files.put("ind", s.ind());
        files.put("ind-imgs", s.indImgs());
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Path p = e.getValue();
            if (p != null && !Files.isRegularFile(p)) {
                problems.add("setting '" + e.getKey() + "': " + (Files.isDirectory(p) ? "a folder, not a file: " : "file not found: ") + p);
            }
        }
        Path d = s.datadir();
        if (d != null && !Files.isDirectory(d)) {
            problems.add("setting 'datadir': folder not found: " + d);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("; ", problems));
        }
        return List.of(PortObjectSpec.of(PortTypes.PARTICLES));
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings settings, ExecutionContext ctx) throws Exception {
        ReadStarSettings s = settings.bind(ReadStarSettings.class);
        Path star = s.file();
        ReadOptions options = new ReadOptions(s.datadir(), selection(s));
        ParticleTable t = ParticleTableReader.read(star, options, ctx);
        ReadStarSettings.Source source = s.sourceSoftware();
        if (source != ReadStarSettings.Source.AUTO && !source.layouts.contains(t.layout())) {
            throw new BadInputException(star + ": --source-software " + SettingsRecord.choice(source) + " does not write this layout; the columns say "
                    + t.layout().description() + " (use --source-software auto)");
        }
        ctx.info(String.format(Locale.ROOT, "%d particles, %d images, %d tomograms, box %d, %.4g A/px, CTF %s%s", t.particleCount(),
                t.imageCount(), t.tomograms().size(), t.boxSize(), t.pixelSize(), t.hasCtf() ? "yes" : "no",
                t.ctfPremultiplied() ? " (premultiplied)" : ""));
        Path out = s.output();
        if (out != null) {
            ParticleTableWriter.write(t, out, ctx.overwrite());
            ctx.info("wrote the selected particles to " + out);
        }
        return List.of(new ParticlesPortObject(t));
    }

    static Selection selection(ReadStarSettings s) throws java.io.IOException {
        Selection sel = Selection.ALL;
        Path imgs = s.indImgs();
        if (imgs != null) {
            sel = sel.withImageIndices(IndexFiles.read(imgs), imgs.toString());
        }
        Path ptcls = s.ind();
        if (ptcls != null) {
            sel = sel.withParticleIndices(IndexFiles.read(ptcls), ptcls.toString());
        }
        sel = sel.withSort(s.sortPtclImgs().order, s.sortSeed());
        return sel.withFirstTilts(s.useFirstNtilts()).withFirstParticles(s.first());
    }
}

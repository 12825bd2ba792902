package org.emflow.node.readstar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.io.index.IndexFiles;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ParticleTableWriter;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.particles.Selection;
import org.emflow.compute.particles.SortOrder;
import org.emflow.compute.particles.StarLayout;
import org.emflow.compute.util.BadInputException;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;

final class ReadStarNodeModel implements NodeModel {
    /** tomoDRGN's --source-software values and the layouts they write. */
    private static final Map<String, List<StarLayout>> SOURCES = Map.of(
            "warp", List.of(StarLayout.RELION_3_0_IMAGE_SERIES),
            "cryosrpnt", List.of(StarLayout.RELION_3_0_IMAGE_SERIES),
            "relion", List.of(StarLayout.RELION_3_1_OPTICS, StarLayout.RELION_5_OPTIMISATION_SET),
            "nextpyp", List.of(StarLayout.RELION_3_1_OPTICS),
            "warptools", List.of(StarLayout.RELION_5_OPTIMISATION_SET),
            "cistem", List.of(StarLayout.CISTEM));

    @Override
    public List<PortObjectSpec> configure(List<PortObjectSpec> in, NodeSettings s) {
        s.validate("read-star");
        List<String> problems = new ArrayList<>();
        for (String key : List.of(ReadStarNodeFactory.FILE, ReadStarNodeFactory.IND, ReadStarNodeFactory.IND_IMGS)) {
            Path p = s.getPath(key);
            if (p != null && !Files.isRegularFile(p)) {
                problems.add("setting '" + key + "': " + (Files.isDirectory(p) ? "a folder, not a file: " : "file not found: ") + p);
            }
        }
        Path d = s.getPath(ReadStarNodeFactory.DATADIR);
        if (d != null && !Files.isDirectory(d)) {
            problems.add("setting 'datadir': folder not found: " + d);
        }
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("; ", problems));
        }
        return List.of(PortObjectSpec.of(PortTypes.PARTICLES));
    }

    @Override
    public List<PortObject> execute(List<PortObject> in, NodeSettings s, ExecutionContext ctx) throws Exception {
        Path star = s.getPath(ReadStarNodeFactory.FILE);
        ReadOptions options = new ReadOptions(s.getPath(ReadStarNodeFactory.DATADIR), selection(s));
        ParticleTable t = ParticleTableReader.read(star, options, ctx);
        String source = s.getString(ReadStarNodeFactory.SOURCE);
        if (!source.equals("auto") && !SOURCES.get(source).contains(t.layout())) {
            throw new BadInputException(star + ": --source-software " + source + " does not write this layout; the columns say "
                    + t.layout().description() + " (use --source-software auto)");
        }
        ctx.info(String.format(Locale.ROOT, "%d particles, %d images, %d tomograms, box %d, %.4g A/px, CTF %s%s", t.particleCount(),
                t.imageCount(), t.tomograms().size(), t.boxSize(), t.pixelSize(), t.hasCtf() ? "yes" : "no",
                t.ctfPremultiplied() ? " (premultiplied)" : ""));
        Path out = s.getPath(ReadStarNodeFactory.OUTPUT);
        if (out != null) {
            ParticleTableWriter.write(t, out, ctx.overwrite());
            ctx.info("wrote the selected particles to " + out);
        }
        return List.of(new ParticlesPortObject(t));
    }

    static Selection selection(NodeSettings s) throws java.io.IOException {
        Selection sel = Selection.ALL;
        Path imgs = s.getPath(ReadStarNodeFactory.IND_IMGS);
        if (imgs != null) {
            sel = sel.withImageIndices(IndexFiles.read(imgs), imgs.toString());
        }
        Path ptcls = s.getPath(ReadStarNodeFactory.IND);
        if (ptcls != null) {
            sel = sel.withParticleIndices(IndexFiles.read(ptcls), ptcls.toString());
        }
        sel = sel.withSort(SortOrder.parse(s.getString(ReadStarNodeFactory.SORT)), s.getLong(ReadStarNodeFactory.SORT_SEED));
        return sel.withFirstTilts(s.getInt(ReadStarNodeFactory.FIRST_TILTS)).withFirstParticles(s.getInt(ReadStarNodeFactory.FIRST));
    }
}

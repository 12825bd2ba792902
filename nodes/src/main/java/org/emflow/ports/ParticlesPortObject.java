package org.emflow.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ParticleTableWriter;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.weighting.FrequencyWeights;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.PortType;

/**
 * A particle table (STAR metadata and where each image is) with the frequency weighting that the
 * weight-images node attached for the reconstruction. Stored as a STAR file in the input's layout
 * (images referred to, not copied) plus a small {@code .weighting} sidecar when weights are attached.
 */
public record ParticlesPortObject(ParticleTable table, FrequencyWeights weighting) implements PortObject {
    public ParticlesPortObject(ParticleTable table) {
        this(table, new FrequencyWeights(false, false));
    }

    @Override
    public PortType type() {
        return PortTypes.PARTICLES;
    }

    @Override
    public PortObjectSpec spec() {
        return spec(table.boxSize(), table.pixelSize(), table.hasCtf(), weighting);
    }

    /** What configure-time checks know about a particle table. */
    public static PortObjectSpec spec(int box, double pixelSize, boolean hasCtf, FrequencyWeights w) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("box", box);
        p.put("pixel_size", pixelSize);
        p.put("ctf", hasCtf);
        p.put("dose_weight", w.doseWeighting());
        p.put("tilt_weight", w.tiltWeighting());
        return new PortObjectSpec(PortTypes.PARTICLES, p);
    }

    @Override
    public String summary() {
        return String.format(Locale.ROOT, "%d particles, %d images, box %d, %.4g A/px%s", table.particleCount(), table.imageCount(),
                table.boxSize(), table.pixelSize(), weighting.isIdentity() ? "" : ", " + describe(weighting));
    }

    /** "dose+tilt weighted", for summaries. */
    public static String describe(FrequencyWeights w) {
        if (w.isIdentity()) {
            return "no weighting";
        }
        return (w.doseWeighting() ? "dose" : "") + (w.doseWeighting() && w.tiltWeighting() ? "+" : "") + (w.tiltWeighting() ? "tilt" : "")
                + " weighted";
    }

    static final class Codec implements PortType.Codec {
        @Override
        public String extension() {
            return "star";
        }

        @Override
        public void save(PortObject object, Path file) throws IOException {
            ParticlesPortObject p = (ParticlesPortObject) object;
            ParticleTableWriter.write(p.table(), file, true);
            if (!p.weighting().isIdentity()) {
                Properties props = new Properties();
                props.setProperty("dose", Boolean.toString(p.weighting().doseWeighting()));
                props.setProperty("tilt", Boolean.toString(p.weighting().tiltWeighting()));
                java.io.StringWriter w = new java.io.StringWriter();
                props.store(w, "emflow: frequency weighting attached by weight-images");
                Files.writeString(sidecar(file), w.toString(), StandardCharsets.UTF_8);
            }
        }

        @Override
        public PortObject load(Path file) throws IOException {
            // A RELION 5 / WarpTools table was stored as a particles star plus the optimisation set naming it
            // and the input's tomograms star: read the set, or the per-tilt geometry would be missing.
            Path set = ParticleTableWriter.optimisationSetOf(file);
            ParticleTable t = ParticleTableReader.read(Files.exists(set) ? set : file, ReadOptions.DEFAULT);
            Path side = sidecar(file);
            if (!Files.exists(side)) {
                return new ParticlesPortObject(t);
            }
            Properties props = new Properties();
            try (var r = Files.newBufferedReader(side, StandardCharsets.UTF_8)) {
                props.load(r);
            }
            return new ParticlesPortObject(t, new FrequencyWeights(Boolean.parseBoolean(props.getProperty("dose")),
                    Boolean.parseBoolean(props.getProperty("tilt"))));
        }

        private static Path sidecar(Path star) {
            return star.resolveSibling(star.getFileName() + ".weighting");
        }
    }
}

package org.emflow.node.readstar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.ports.ParticlesPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.Port;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.SettingsSchema;

/** Read STAR: particle metadata of any supported layout, with MRC/MRCS images, and tomoDRGN's selection options. */
public final class ReadStarNodeFactory implements NodeFactory {
    @Override public String id() { return "read-star"; }
    @Override public String name() { return "Read STAR"; }
    @Override public String category() { return "Cryo-EM/Input"; }
    @Override public String replaces() { return "tomoDRGN's star-file loading (backproject_voxel, train_vae)"; }

    @Override
    public String shortDescription() {
        return "Reads particle metadata (RELION 3.0/3.1+/5, Warp, WarpTools, nextPYP, cisTEM) and locates the MRC/MRCS images.";
    }

    @Override
    public String fullDescription() {
        return """
                Recognises the layout by the columns present (extra or reordered columns are fine): RELION 3.0 image series \
                (Warp v1, tomoDRGN's cryoSRPNT), RELION 3.1+/4 optics + particles (nextPYP), RELION 5 / WarpTools optimisation \
                sets (particles star + tomograms star, one 2-D stack per particle, visible frames only) and cisTEM star files.

                For every image it resolves the stack and index, pixel size, RELION Euler angles, in-plane shift in pixels, CTF, \
                cumulative dose and tilt, each paired with its own image by identity. Image paths resolve against the star \
                file's folder, or the data folder when given; every missing stack is listed in one error.

                Selection follows tomoDRGN: image indices, then particle indices, then per-particle image order, then the \
                first N images per particle, then the first N particles. Index files may be tomoDRGN's pickles (.pkl), numpy \
                .npy or text; an index out of range is an error.""";
    }

    @Override public List<Port> inputs() { return List.of(); }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "The selected particle images with their metadata."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(ReadStarSettings.class);
    }

    @Override
    public NodeModel createModel() {
        return new ReadStarNodeModel();
    }

    @Override
    public boolean cliSavesOutputs() {
        return false;
    }

    @Override
    public void printReport(List<PortObject> outputs, NodeSettings settings, PrintWriter out) {
        ParticleTable t = ((ParticlesPortObject) outputs.get(0)).table();
        if (settings.bind(ReadStarSettings.class).json()) {
            ObjectMapper m = new ObjectMapper();
            ObjectNode o = m.createObjectNode();
            o.put("file", t.source().toString());
            o.put("layout", t.layout().name().toLowerCase(Locale.ROOT));
            o.put("layout_description", t.layout().description());
            o.put("particles", t.particleCount());
            o.put("images", t.imageCount());
            o.put("tomograms", t.tomograms().size());
            o.put("box", t.boxSize());
            o.put("pixel_size", t.pixelSize());
            o.put("ctf", t.hasCtf());
            o.put("ctf_premultiplied", t.ctfPremultiplied());
            putRange(o, "dose_range", t.doseRange());
            putRange(o, "tilt_range", t.tiltRange());
            out.println(o.toString());
            return;
        }
        out.println("layout:      " + t.layout().description());
        out.println("particles:   " + t.particleCount());
        out.println("images:      " + t.imageCount());
        out.println("tomograms:   " + t.tomograms().size());
        out.printf(Locale.ROOT, "box:         %d px%n", t.boxSize());
        out.printf(Locale.ROOT, "pixel size:  %.4f A%n", t.pixelSize());
        out.println("CTF:         " + (t.hasCtf() ? "yes" : "no") + (t.ctfPremultiplied() ? " (images premultiplied)" : ""));
        out.println("dose:        " + range(t.doseRange(), "e/A^2"));
        out.println("tilt:        " + range(t.tiltRange(), "deg"));
    }

    private static void putRange(ObjectNode o, String key, double[] r) {
        if (r == null || Double.isNaN(r[0])) {
            o.putNull(key);
        } else {
            o.putArray(key).add(r[0]).add(r[1]);
        }
    }

    private static String range(double[] r, String unit) {
        return r == null || Double.isNaN(r[0]) ? "not in the file" : String.format(Locale.ROOT, "%.4g to %.4g %s", r[0], r[1], unit);
    }
}

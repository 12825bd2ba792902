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
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingsSchema;

/** Read STAR: particle metadata of any supported layout, with MRC/MRCS images, and tomoDRGN's selection options. */
public final class ReadStarNodeFactory implements NodeFactory {
    static final String FILE = "file";
    static final String DATADIR = "datadir";
    static final String IND = "ind";
    static final String IND_IMGS = "ind-imgs";
    static final String FIRST = "first";
    static final String FIRST_TILTS = "use-first-ntilts";
    static final String SORT = "sort-ptcl-imgs";
    static final String SORT_SEED = "sort-seed";
    static final String SOURCE = "source-software";
    static final String LAZY = "lazy";
    static final String JSON = "json";
    static final String OUTPUT = "output";

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
        return SettingsSchema.of(
                Setting.path(FILE).required().positional(0).files("star")
                        .help("The particle STAR file, or a RELION 5 optimisation set (its particles and tomograms stars are read)."),
                Setting.path(DATADIR).cli("--datadir").files(Setting.FOLDER)
                        .help("Folder holding the image stacks, when the paths in the star file do not resolve from its own folder."),
                Setting.path(IND).cli("--ind", "--ind-ptcls").files("pkl", "npy", "txt")
                        .help("Particle indices to keep (0-based; .pkl, .npy or text)."),
                Setting.path(IND_IMGS).cli("--ind-imgs").files("pkl", "npy", "txt")
                        .help("Image indices to keep (0-based; applied before the particle indices)."),
                Setting.integer(FIRST).def(0).min(0).cli("--first", "--use-first-nptcls")
                        .help("Keep only the first N particles after the other selections (0 = all)."),
                Setting.integer(FIRST_TILTS).def(0).min(0).cli("--use-first-ntilts")
                        .help("Keep only the first N images of each particle, after sorting; particles with fewer are dropped (0 = all)."),
                Setting.choice(SORT, "unsorted", "dose_ascending", "random").def("unsorted").cli("--sort-ptcl-imgs")
                        .help("Order of each particle's images before --use-first-ntilts."),
                Setting.integer(SORT_SEED).def(0).cli("--sort-seed")
                        .help("Seed of the random image order (--sort-ptcl-imgs random)."),
                Setting.choice(SOURCE, "auto", "warp", "cryosrpnt", "relion", "nextpyp", "warptools", "cistem").def("auto")
                        .cli("--source-software")
                        .help("The program that wrote the file; auto detects it from the columns. Another value is checked against the detected layout."),
                Setting.bool(LAZY).cli("--lazy")
                        .help("Accepted for tomoDRGN compatibility: images are always streamed from disk, never loaded whole."),
                Setting.bool(JSON).cli("--json").cliOnly()
                        .help("Print what was detected as one JSON object instead of text."),
                Setting.path(OUTPUT).cli("-o", "--output").cliOnly()
                        .help("Write the selected particles to this STAR file, in the input's layout and columns."));
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
        if (settings.getBoolean(JSON)) {
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

package org.emflow.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeRegistry;
import org.emflow.sdk.Port;
import org.emflow.sdk.PortObject;
import org.emflow.studio.preview.Plane;
import org.emflow.studio.preview.PngWriter;
import org.emflow.studio.preview.Preview;
import org.emflow.studio.preview.VolumePreviewer;
import org.emflow.studio.preview.PreviewContext;
import org.emflow.studio.preview.Previews;
import org.emflow.workflow.CompiledNode;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.NodeExecution;
import org.emflow.workflow.NodeResult;
import org.emflow.workflow.RunOptions;
import org.emflow.workflow.RunResult;
import org.emflow.workflow.WorkflowCompiler;
import org.emflow.workflow.WorkflowFile;

/**
 * A node's results for the page: per output port its summary and preview, the images of the
 * previews as PNG, and the node's log. Outputs come from the last run in this session, or are read
 * back from the run folder with the port codecs (a run from an earlier session or from
 * {@code emflow run}).
 */
public final class ResultService {
    private final Workspace workspace;
    private final RunManager runs;
    private final Previews previews;
    private final ObjectMapper json;
    private final NodeRegistry registry;
    /** A port's preview and summary. */
    /** A port's preview, and the volume behind it when it is one (slices other than the central ones are drawn on request). */
    private record Shown(Preview preview, String summary, org.emflow.compute.image.Volume volume) {
    }

    /** Previews by source, folder time, node and port; cleared when a new run starts. */
    private final Map<String, Shown> cache = new ConcurrentHashMap<>();

    public ResultService(NodeRegistry registry, Workspace workspace, RunManager runs, Previews previews, ObjectMapper json) {
        this.registry = registry;
        this.workspace = workspace;
        this.runs = runs;
        this.previews = previews;
        this.json = json;
    }

    public void clear() {
        cache.clear();
        rowCache.clear();
    }

    private final PreviewContext context = new PreviewContext() {
        @Override
        public String fileUrl(Path file) {
            Path p = file.toAbsolutePath().normalize();
            if (!p.startsWith(workspace.root())) {
                return null;
            }
            return "api/file?path=" + URLEncoder.encode(workspace.relativize(p), StandardCharsets.UTF_8);
        }
    };

    /** Where results come from: this session's run, or a run folder on disk next to a workflow file. */
    private record Source(CompiledWorkflow workflow, Path runDir, RunResult result, String key) {
    }

    /**
     * The run whose results the page asks for: the session's run when {@code path} (the page's
     * workflow file, may be null) runs into the same folder, else the run folder of that file as
     * {@code emflow run} or an earlier session left it.
     */
    private Source source(String path) throws IOException {
        Path sessionDir = runs.runDir();
        Path dir = path == null || path.isBlank() ? sessionDir : RunOptions.defaultRunDir(workspace.resolve(path));
        if (dir == null) {
            return null;
        }
        if (dir.equals(sessionDir) && runs.compiled() != null) {
            return new Source(runs.compiled(), dir, runs.lastResult(), "run" + runs.runNumber());
        }
        Path file = workspace.resolve(path);
        if (!Files.isRegularFile(file) || !Files.isDirectory(dir)) {
            return null;
        }
        try {
            CompiledWorkflow cw = new WorkflowCompiler(registry).compile(WorkflowFile.load(file), Map.of());
            return new Source(cw, dir, null, "file:" + path);
        } catch (BadInputException e) {
            return null;
        }
    }

    /** The results of {@code node} as JSON, or null when the node has none yet. */
    public ObjectNode results(String node, String path) throws IOException {
        Source src = source(path);
        if (src == null || src.workflow().node(node) == null) {
            return null;
        }
        CompiledNode cn = src.workflow().node(node);
        NodeFactory f = cn.factory();
        NodeResult nr = src.result() == null ? null : src.result().node(node);
        Path folder = src.runDir().resolve(node);
        List<PortObject> outputs = nr != null && nr.outputs() != null ? nr.outputs() : null;
        String stamp = "";
        boolean fromFolder = outputs == null && Files.isDirectory(folder);
        if (fromFolder) {
            // A node folder appears only when the node finished (the runner moves it into place whole).
            stamp = Long.toString(Files.getLastModifiedTime(folder).toMillis());
        }
        String prefix = src.key() + "/" + stamp + "/" + node + "/";
        boolean cached = f.outputs().stream().allMatch(p -> cache.containsKey(prefix + p.name()));
        if (fromFolder && !cached) {
            // Large maps are read only once per run folder state; later requests use the cached previews.
            try {
                outputs = NodeExecution.loadOutputs(f, folder);
            } catch (IOException | RuntimeException e) {
                fromFolder = false;
            }
        }
        boolean has = outputs != null || fromFolder && cached;
        ObjectNode o = json.createObjectNode();
        o.put("node", node);
        o.put("type", f.id());
        if (nr != null) {
            o.put("state", nr.state().label());
            o.put("error", nr.error());
            o.put("seconds", nr.seconds());
        } else if (has) {
            o.put("state", "done");
        }
        o.put("folder", Files.isDirectory(folder) && folder.startsWith(workspace.root()) ? workspace.relativize(folder) : null);
        ArrayNode outs = o.putArray("outputs");
        if (has) {
            for (int i = 0; i < f.outputs().size(); i++) {
                Port p = f.outputs().get(i);
                ObjectNode po = outs.addObject();
                po.put("port", p.name());
                po.put("type", p.type().id());
                po.put("color", p.type().color());
                String key = prefix + p.name();
                Shown shown = cache.get(key);
                if (shown == null) {
                    PortObject obj = outputs.get(i);
                    if (obj == null) {
                        continue;
                    }
                    shown = new Shown(previews.preview(obj, context), obj.summary(),
                            obj instanceof org.emflow.ports.VolumePortObject v ? v.volume() : null);
                    cache.put(key, shown);
                }
                po.put("summary", shown.summary());
                Preview pv = shown.preview();
                ObjectNode pj = json.valueToTree(pv.data());
                pj.put("kind", pv.kind());
                ObjectNode imgs = pj.putObject("images");
                for (String name : pv.images().keySet()) {
                    imgs.put(name, "api/results/" + enc(node) + "/" + enc(p.name()) + "/" + enc(name) + ".png?key="
                            + enc(key) + (path == null ? "" : "&path=" + enc(path)));
                }
                po.set("preview", pj);
            }
        }
        List<String> log = src.result() != null ? runs.log(node) : List.of();
        if (log.isEmpty() && Files.isRegularFile(folder.resolve("log.txt"))) {
            log = Files.readAllLines(folder.resolve("log.txt"), StandardCharsets.UTF_8);
        }
        ArrayNode l = o.putArray("log");
        log.forEach(l::add);
        return o;
    }

    /**
     * One preview image as PNG, or null; {@code key} names the preview the results JSON made. For a volume, {@code
     * xy-K}, {@code xz-K} and {@code yz-K} are the slices at index K (0-based) along z, y and x.
     */
    public byte[] image(String key, String name) throws IOException {
        Shown s = key == null ? null : cache.get(key);
        if (s == null) {
            return null;
        }
        Plane plane = s.preview().images().get(name);
        if (plane == null && s.volume() != null) {
            plane = VolumePreviewer.slice(s.volume(), name);
        }
        return plane == null ? null : PngWriter.png(plane);
    }

    /** Rows sent in one page at most (a bigger {@code limit} is cut to this). */
    public static final int MAX_PAGE_ROWS = 500;

    /** A stored particle table's rows, with the orders already sorted (by column and direction). */
    private record Rows(StarLoop loop, Map<String, int[]> orders) {
    }

    /** Particle tables by source, folder time, node and port; cleared with the previews. */
    private final Map<String, Rows> rowCache = new ConcurrentHashMap<>();

    /**
     * One page of the particle table that {@code node}'s output {@code port} stored (the STAR file in the node's
     * folder, read with the port's codec): its column names, {@code total} rows, and rows {@code offset} to {@code
     * offset + limit} (at most {@link #MAX_PAGE_ROWS}) in file order, or sorted by column {@code sort} (numerically
     * when every value is a number, else as text), descending when {@code desc}. Null when the node has no such
     * output stored.
     */
    public ObjectNode rows(String node, String port, String path, int offset, int limit, String sort, boolean desc) throws IOException {
        if (offset < 0 || limit < 1) {
            throw new BadInputException("rows: offset must be 0 or more and limit 1 or more");
        }
        Source src = source(path);
        CompiledNode cn = src == null ? null : src.workflow().node(node);
        Port p = cn == null ? null : cn.factory().outputs().stream().filter(o -> o.name().equals(port)).findFirst().orElse(null);
        if (p == null) {
            return null;
        }
        if (p.type() != org.emflow.ports.PortTypes.PARTICLES) {
            throw new BadInputException("rows: output '" + port + "' of '" + node + "' holds " + p.type().id() + ", not particles");
        }
        Path file = src.runDir().resolve(node).resolve(NodeExecution.outputFileName(p));
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String key = src.key() + "/" + Files.getLastModifiedTime(file).toMillis() + "/" + node + "/" + port;
        Rows rows = rowCache.get(key);
        if (rows == null) {
            ParticleTable t = ((org.emflow.ports.ParticlesPortObject) p.type().codec().load(file)).table();
            StarLoop loop = t.particlesStar().requireBlock(t.particlesBlock()).requireLoop();
            rows = new Rows(loop, new ConcurrentHashMap<>());
            rowCache.keySet().removeIf(k -> k.endsWith("/" + node + "/" + port)); // one table per port is kept
            rowCache.put(key, rows);
        }
        StarLoop loop = rows.loop();
        int[] order = null;
        boolean numeric = false;
        if (sort != null && !sort.isEmpty()) {
            int col = loop.column(sort);
            if (col < 0) {
                throw new BadInputException("rows: the table has no column '" + sort + "'");
            }
            order = rows.orders().computeIfAbsent(sort + (desc ? "/desc" : "/asc"), k -> sortedRows(loop, col, desc));
            numeric = isNumeric(loop, col);
        }
        int total = loop.rowCount();
        int n = Math.max(0, Math.min(Math.min(limit, MAX_PAGE_ROWS), total - offset));
        ObjectNode o = json.createObjectNode();
        o.put("node", node);
        o.put("port", port);
        o.put("total", total);
        o.put("offset", offset);
        o.put("limit", Math.min(limit, MAX_PAGE_ROWS));
        o.put("sort", order == null ? null : sort);
        o.put("desc", order != null && desc);
        o.put("numeric", numeric);
        ArrayNode cols = o.putArray("columns");
        loop.columns().forEach(cols::add);
        ArrayNode out = o.putArray("rows");
        for (int i = 0; i < n; i++) {
            int r = order == null ? offset + i : order[offset + i];
            ArrayNode row = out.addArray();
            for (int c = 0; c < loop.columnCount(); c++) {
                row.add(loop.get(r, c));
            }
        }
        return o;
    }

    private static boolean isNumeric(StarLoop loop, int col) {
        try {
            loop.doubles(col);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }

    /** Row indices by the column's values, numerically when all are numbers (NaN last), else as text; ties in file order. */
    private static int[] sortedRows(StarLoop loop, int col, boolean desc) {
        Integer[] idx = new Integer[loop.rowCount()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Comparator<Integer> by;
        if (isNumeric(loop, col)) {
            double[] v = loop.doubles(col);
            by = (a, b) -> Double.compare(v[a], v[b]);
        } else {
            String[] v = loop.strings(col);
            by = (a, b) -> v[a].compareTo(v[b]);
        }
        java.util.Arrays.sort(idx, desc ? by.reversed() : by); // stable: equal values keep their file order
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

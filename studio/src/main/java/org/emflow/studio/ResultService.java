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
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.Port;
import org.emflow.sdk.PortObject;
import org.emflow.studio.preview.Plane;
import org.emflow.studio.preview.PngWriter;
import org.emflow.studio.preview.Preview;
import org.emflow.studio.preview.PreviewContext;
import org.emflow.studio.preview.Previews;
import org.emflow.workflow.CompiledNode;
import org.emflow.workflow.CompiledWorkflow;
import org.emflow.workflow.NodeExecution;
import org.emflow.workflow.NodeResult;
import org.emflow.workflow.RunResult;

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
    /** Previews by "run/node/port"; cleared when a new run starts. */
    private final Map<String, Preview> cache = new ConcurrentHashMap<>();

    public ResultService(Workspace workspace, RunManager runs, Previews previews, ObjectMapper json) {
        this.workspace = workspace;
        this.runs = runs;
        this.previews = previews;
        this.json = json;
    }

    public void clear() {
        cache.clear();
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

    /** The results of {@code node} as JSON, or null when the node has none yet. */
    public ObjectNode results(String node) throws IOException {
        CompiledWorkflow cw = runs.compiled();
        Path runDir = runs.runDir();
        if (cw == null || runDir == null || cw.node(node) == null) {
            return null;
        }
        CompiledNode cn = cw.node(node);
        NodeFactory f = cn.factory();
        RunResult rr = runs.lastResult();
        NodeResult nr = rr == null ? null : rr.node(node);
        Path folder = runDir.resolve(node);
        List<PortObject> outputs = nr != null && nr.outputs() != null ? nr.outputs() : null;
        if (outputs == null && !runs.isRunning() && Files.isDirectory(folder)) {
            try {
                outputs = NodeExecution.loadOutputs(f, folder);
            } catch (IOException | RuntimeException e) {
                outputs = null;
            }
        }
        ObjectNode o = json.createObjectNode();
        o.put("node", node);
        o.put("type", f.id());
        if (nr != null) {
            o.put("state", nr.state().label());
            o.put("error", nr.error());
            o.put("seconds", nr.seconds());
        }
        o.put("folder", Files.isDirectory(folder) && folder.startsWith(workspace.root()) ? workspace.relativize(folder) : null);
        ArrayNode outs = o.putArray("outputs");
        if (outputs != null) {
            for (int i = 0; i < f.outputs().size(); i++) {
                Port p = f.outputs().get(i);
                PortObject obj = outputs.get(i);
                ObjectNode po = outs.addObject();
                po.put("port", p.name());
                po.put("type", p.type().id());
                po.put("color", p.type().color());
                if (obj == null) {
                    continue;
                }
                po.put("summary", obj.summary());
                Preview pv = preview(node, p.name(), obj);
                ObjectNode pj = json.valueToTree(pv.data());
                pj.put("kind", pv.kind());
                ObjectNode imgs = pj.putObject("images");
                for (String name : pv.images().keySet()) {
                    imgs.put(name, "api/results/" + enc(node) + "/" + enc(p.name()) + "/" + enc(name) + ".png?run=" + runs.snapshot().get("run").asLong());
                }
                po.set("preview", pj);
            }
        }
        List<String> log = runs.log(node);
        if (log.isEmpty() && Files.isRegularFile(folder.resolve("log.txt"))) {
            log = Files.readAllLines(folder.resolve("log.txt"), StandardCharsets.UTF_8);
        }
        ArrayNode l = o.putArray("log");
        log.forEach(l::add);
        return o;
    }

    private Preview preview(String node, String port, PortObject obj) throws IOException {
        String key = runs.snapshot().get("run").asLong() + "/" + node + "/" + port;
        Preview p = cache.get(key);
        if (p == null) {
            p = previews.preview(obj, context);
            cache.put(key, p);
        }
        return p;
    }

    /** One preview image as PNG, or null. */
    public byte[] image(String node, String port, String name) throws IOException {
        ObjectNode r = results(node);
        if (r == null) {
            return null;
        }
        String key = runs.snapshot().get("run").asLong() + "/" + node + "/" + port;
        Preview p = cache.get(key);
        Plane plane = p == null ? null : p.images().get(name);
        return plane == null ? null : PngWriter.png(plane);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

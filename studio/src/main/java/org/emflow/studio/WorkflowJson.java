package org.emflow.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.emflow.workflow.CanvasComment;
import org.emflow.workflow.Endpoint;
import org.emflow.workflow.NodeInstance;
import org.emflow.workflow.Workflow;

/**
 * Converts between the page's JSON form of a workflow and the {@link Workflow} model that
 * {@link org.emflow.workflow.WorkflowFile} reads and writes, so the studio has no INI code of its own:
 *
 * <pre>
 * {"name": "...", "description": "...", "variables": {"box": "32"},
 *  "nodes": [{"id": "sim", "type": "simulate-tilt-series", "x": 40, "y": 120,
 *             "settings": {"box": "${box}"}, "inputs": {"volume": "other.volume"}}],
 *  "comments": [{"text": "a note\non the canvas", "x": 40, "y": 20, "width": 220, "height": 120}]}
 * </pre>
 *
 * Setting values stay raw strings (variables unexpanded), exactly as in the file.
 */
public final class WorkflowJson {
    private final ObjectMapper json;

    public WorkflowJson(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode toJson(Workflow w) {
        ObjectNode o = json.createObjectNode();
        o.put("name", w.name());
        o.put("description", w.description());
        ObjectNode vars = o.putObject("variables");
        w.variables().forEach(vars::put);
        var nodes = o.putArray("nodes");
        for (NodeInstance n : w.nodes().values()) {
            ObjectNode j = nodes.addObject();
            j.put("id", n.id());
            j.put("type", n.type());
            j.put("x", n.x());
            j.put("y", n.y());
            ObjectNode s = j.putObject("settings");
            n.settings().forEach(s::put);
            ObjectNode in = j.putObject("inputs");
            n.inputs().forEach((port, e) -> in.put(port, e.toString()));
        }
        ObjectNode cluster = o.putObject("slurm");
        w.cluster().forEach(cluster::put);
        var comments = o.putArray("comments");
        for (CanvasComment c : w.comments()) {
            comments.addObject().put("text", c.text()).put("x", c.x()).put("y", c.y()).put("width", c.width()).put("height", c.height());
        }
        return o;
    }

    /**
     * The model of a JSON workflow; {@code baseDir} is where relative paths in settings resolve (the
     * folder of the file it will be saved to).
     */
    public Workflow fromJson(JsonNode o, Path baseDir) {
        if (o == null || !o.isObject()) {
            throw new BadInputException("workflow: expected a JSON object");
        }
        Workflow w = new Workflow(baseDir);
        w.setName(text(o, "name"));
        w.setDescription(text(o, "description"));
        JsonNode vars = o.path("variables");
        for (Iterator<Map.Entry<String, JsonNode>> it = vars.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            w.variables().put(e.getKey(), e.getValue().asText());
        }
        for (JsonNode n : o.path("nodes")) {
            String id = text(n, "id");
            if (id.isEmpty() || !id.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                throw new BadInputException("node id '" + id + "' must be letters, digits, '-' or '_' (no dots)");
            }
            if (w.nodes().containsKey(id)) {
                throw new BadInputException("node id '" + id + "' appears twice");
            }
            // Trimmed as WorkflowFile trims it on reading, so what the page saves opens unchanged.
            NodeInstance ni = w.addNode(id, text(n, "type").trim());
            ni.setPosition(n.path("x").asDouble(0), n.path("y").asDouble(0));
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("settings").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ni.settings().put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("inputs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ni.inputs().put(e.getKey(), Endpoint.parse(e.getValue().asText(), "[" + id + "] in." + e.getKey()));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("slurm").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            w.cluster().put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        for (JsonNode c : o.path("comments")) {
            if (!c.isObject()) {
                throw new BadInputException("comments: each comment is an object {text, x, y, width, height}");
            }
            w.comments().add(new CanvasComment(text(c, "text"), c.path("x").asDouble(0), c.path("y").asDouble(0),
                    c.path("width").asDouble(CanvasComment.DEFAULT_WIDTH), c.path("height").asDouble(CanvasComment.DEFAULT_HEIGHT)));
        }
        return w;
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? "" : v.asText();
    }
}

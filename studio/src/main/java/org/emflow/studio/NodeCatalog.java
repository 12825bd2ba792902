package org.emflow.studio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeRegistry;
import org.emflow.sdk.Port;
import org.emflow.sdk.PortType;
import org.emflow.sdk.Setting;

/**
 * The palette as JSON, generated from the node registry: one entry per installed node with its
 * category, icon URL, short and full description (the same text as {@code emflow describe}), ports
 * with their type and colour, and the settings schema without command-line-only settings.
 */
public final class NodeCatalog {
    private final NodeRegistry registry;
    private final ObjectMapper json;

    public NodeCatalog(NodeRegistry registry, ObjectMapper json) {
        this.registry = registry;
        this.json = json;
    }

    public ArrayNode nodes() {
        ArrayNode list = json.createArrayNode();
        for (NodeFactory f : registry.all()) {
            list.add(node(f));
        }
        return list;
    }

    public ObjectNode node(NodeFactory f) {
        ObjectNode n = json.createObjectNode();
        n.put("id", f.id());
        n.put("name", f.name());
        n.put("category", f.category());
        n.put("shortDescription", f.shortDescription());
        n.put("replaces", f.replaces()); // the program it stands in for, for the search on the canvas
        n.put("description", f.description().toText());
        n.put("icon", "api/icons/" + f.id() + ".png");
        ArrayNode ins = n.putArray("inputs");
        for (Port p : f.inputs()) {
            ins.add(port(p));
        }
        ArrayNode outs = n.putArray("outputs");
        for (Port p : f.outputs()) {
            outs.add(port(p));
        }
        ArrayNode settings = n.putArray("settings");
        for (Setting s : f.settings().all()) {
            if (s.cliOnly()) {
                continue;
            }
            ObjectNode o = settings.addObject();
            o.put("key", s.key());
            o.put("type", s.type().name());
            if (s.defaultValue() != null) {
                o.put("default", s.defaultValue());
            }
            if (s.min() != null) {
                o.put("min", s.min());
            }
            if (s.max() != null) {
                o.put("max", s.max());
            }
            if (!s.choices().isEmpty()) {
                ArrayNode c = o.putArray("choices");
                s.choices().forEach(c::add);
            }
            if (!s.fileTypes().isEmpty()) {
                ArrayNode t = o.putArray("fileTypes"); // what the file chooser offers first
                s.fileTypes().forEach(t::add);
            }
            o.put("help", s.help());
            o.put("required", s.required());
            o.put("summary", s.typeSummary());
        }
        return n;
    }

    private ObjectNode port(Port p) {
        ObjectNode o = json.createObjectNode();
        o.put("name", p.name());
        o.put("type", p.type().id());
        o.put("typeName", p.type().name());
        o.put("color", p.type().color());
        o.put("description", p.description());
        o.put("optional", p.optional());
        return o;
    }

    /** Every port type used by an installed node, by id. */
    public ArrayNode portTypes() {
        Map<String, PortType> types = new LinkedHashMap<>();
        for (NodeFactory f : registry.all()) {
            f.inputs().forEach(p -> types.putIfAbsent(p.type().id(), p.type()));
            f.outputs().forEach(p -> types.putIfAbsent(p.type().id(), p.type()));
        }
        ArrayNode list = json.createArrayNode();
        for (PortType t : types.values()) {
            ObjectNode o = list.addObject();
            o.put("id", t.id());
            o.put("name", t.name());
            o.put("description", t.description());
            o.put("color", t.color());
            o.put("extension", t.codec().extension());
        }
        return list;
    }

    /** The node's 16x16 PNG icon from its jar, or null when it has none. */
    public byte[] icon(String id) throws IOException {
        NodeFactory f = registry.find(id);
        if (f == null) {
            return null;
        }
        try (InputStream in = f.getClass().getResourceAsStream(f.iconResource())) {
            return in == null ? null : in.readAllBytes();
        }
    }
}

package org.emflow.workflow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node in a workflow: its section name (the instance id), its type, its position in the editor,
 * its settings as written (before variable substitution) and its input connections.
 */
public final class NodeInstance {
    private final String id;
    private String type;
    private double x;
    private double y;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, Endpoint> inputs = new LinkedHashMap<>();

    public NodeInstance(String id, String type) {
        this.id = id;
        this.type = type;
    }

    public String id() { return id; }
    public String type() { return type; }
    public void setType(String type) { this.type = type; }
    public double x() { return x; }
    public double y() { return y; }

    public void setPosition(double px, double py) {
        this.x = px;
        this.y = py;
    }

    /** Raw settings in file order (values may contain ${variables}). */
    public Map<String, String> settings() { return settings; }

    /** Input port name to the upstream output that feeds it, in file order. */
    public Map<String, Endpoint> inputs() { return inputs; }
}

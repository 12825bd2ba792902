package org.emflow.sdk;

import java.util.Map;

/**
 * What is known about a port's data before it exists (KNIME's PortObjectSpec): the type and any
 * properties a producer can promise at configure time, such as {@code box} or {@code pixel_size}.
 * Downstream nodes check compatibility against it before anything runs.
 */
public record PortObjectSpec(PortType type, Map<String, Object> properties) {
    public PortObjectSpec {
        properties = Map.copyOf(properties);
    }

    public static PortObjectSpec of(PortType type) {
        return new PortObjectSpec(type, Map.of());
    }

    /** This spec with one more property (e.g. the file an input was read from, for messages). */
    public PortObjectSpec with(String key, Object value) {
        Map<String, Object> p = new java.util.LinkedHashMap<>(properties);
        p.put(key, value);
        return new PortObjectSpec(type, p);
    }

    public Object property(String key) {
        return properties.get(key);
    }
}

package org.emflow.sdk;

/**
 * An input or output port of a node type.
 *
 * @param name        stable name used in workflow connections ({@code in.particles = read.particles})
 * @param type        the port type; connections need equal types
 * @param description what flows through this port
 * @param optional    an input that may stay unconnected (e.g. an optional mask)
 */
public record Port(String name, PortType type, String description, boolean optional) {
    public static Port of(String name, PortType type, String description) {
        return new Port(name, type, description, false);
    }

    public static Port optional(String name, PortType type, String description) {
        return new Port(name, type, description, true);
    }
}

package org.emflow.workflow;

import org.emflow.compute.util.BadInputException;

/** One end of a connection: a node instance and one of its ports, written {@code node.port}. */
public record Endpoint(String node, String port) {
    /** Parses {@code node.port} (the node id may not contain a dot; the port name may). */
    public static Endpoint parse(String text, String where) {
        String t = text.trim();
        int dot = t.indexOf('.');
        if (dot <= 0 || dot == t.length() - 1) {
            throw new BadInputException(where + ": connection '" + text + "' must be written node.port");
        }
        return new Endpoint(t.substring(0, dot), t.substring(dot + 1));
    }

    @Override
    public String toString() {
        return node + "." + port;
    }
}

package org.emflow.sdk;

import java.util.List;

/**
 * The description users read in the palette, in {@code emflow describe} and in the KNIME bridge,
 * generated from the factory and its settings schema so that there is one source of truth.
 */
public final class NodeDescription {
    private final NodeFactory f;

    public NodeDescription(NodeFactory factory) {
        this.f = factory;
    }

    /** Plain text for the terminal. */
    public String toText() {
        StringBuilder s = new StringBuilder();
        s.append(f.name()).append(" (").append(f.id()).append(")  [").append(f.category()).append("]\n");
        s.append(f.shortDescription()).append("\n\n");
        s.append(f.fullDescription().strip()).append("\n");
        if (f.replaces() != null) {
            s.append("\nReplaces: ").append(f.replaces()).append('\n');
        }
        appendPorts(s, "Inputs", f.inputs());
        appendPorts(s, "Outputs", f.outputs());
        s.append("\nSettings:\n");
        for (Setting st : f.settings().all()) {
            s.append("  ").append(st.key());
            s.append("  (").append(st.typeSummary()).append(")");
            s.append("  CLI: ").append(st.positional() >= 0 ? "positional #" + (st.positional() + 1) : String.join(", ", st.cliNames()));
            if (st.cliOnly()) {
                s.append(", command line only");
            }
            s.append("\n      ").append(st.help()).append('\n');
        }
        return s.toString();
    }

    private static void appendPorts(StringBuilder s, String title, List<Port> ports) {
        s.append('\n').append(title).append(":\n");
        if (ports.isEmpty()) {
            s.append("  (none)\n");
        }
        for (Port p : ports) {
            s.append("  ").append(p.name()).append(" : ").append(p.type().id()).append(p.optional() ? " (optional)" : "")
                    .append(" - ").append(p.description()).append('\n');
        }
    }

    /** KNIME's node description XML (knime.org/node/v4.1 shape), for the planned KNIME bridge. */
    public String toXml() {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<knimeNode icon=\"").append(esc(f.iconResource())).append("\" type=\"Manipulator\">\n");
        x.append("  <name>").append(esc(f.name())).append("</name>\n");
        x.append("  <shortDescription>").append(esc(f.shortDescription())).append("</shortDescription>\n");
        x.append("  <fullDescription>\n    <intro>").append(esc(f.fullDescription().strip())).append("</intro>\n");
        for (Setting st : f.settings().all()) {
            if (!st.cliOnly()) {
                x.append("    <option name=\"").append(esc(st.key())).append("\">").append(esc(st.help()))
                        .append(" (").append(esc(st.typeSummary())).append(")</option>\n");
            }
        }
        x.append("  </fullDescription>\n  <ports>\n");
        for (int i = 0; i < f.inputs().size(); i++) {
            Port p = f.inputs().get(i);
            x.append("    <inPort index=\"").append(i).append("\" name=\"").append(esc(p.name())).append("\">")
                    .append(esc(p.description())).append("</inPort>\n");
        }
        for (int i = 0; i < f.outputs().size(); i++) {
            Port p = f.outputs().get(i);
            x.append("    <outPort index=\"").append(i).append("\" name=\"").append(esc(p.name())).append("\">")
                    .append(esc(p.description())).append("</outPort>\n");
        }
        x.append("  </ports>\n</knimeNode>\n");
        return x.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package org.emflow.workflow;

/**
 * One thing wrong with a workflow, located by section (node id or {@code workflow}), key and line
 * where known.
 */
public record Problem(String section, String key, Integer line, String message) {
    public String format(String fileName) {
        StringBuilder s = new StringBuilder();
        if (fileName != null) {
            s.append(fileName);
            if (line != null) {
                s.append(':').append(line);
            }
            s.append(": ");
        } else if (line != null) {
            s.append("line ").append(line).append(": ");
        }
        if (section != null) {
            s.append('[').append(section).append("] ");
        }
        if (key != null && !message.startsWith("setting '" + key + "'")) { // a message naming its setting says it once
            s.append(key).append(": ");
        }
        return s.append(message).toString();
    }
}

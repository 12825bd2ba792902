package org.emflow.workflow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emflow.compute.util.BadInputException;

/**
 * {@code ${name}} substitution in workflow values, ours and bounded (ini4j's own expansion is never
 * used: CVE-2022-41404 is unbounded recursion there). Variables may refer to other variables; a
 * cycle (including a variable that refers to itself) is an error naming the chain, and expansion
 * stops at {@link #MAX_DEPTH} levels and {@link #MAX_LENGTH} characters. {@code $$} writes a literal
 * {@code $}. Built in: {@code ${workflow_dir}}, the workflow file's folder.
 */
public final class Variables {
    public static final int MAX_DEPTH = 32;
    public static final int MAX_LENGTH = 1 << 16;
    private static final Pattern REF = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    private final Map<String, String> raw;
    private final Map<String, String> resolved = new LinkedHashMap<>();

    /** {@code defaults} from the workflow, {@code overrides} from {@code --set}, which win. */
    public Variables(Map<String, String> defaults, Map<String, String> overrides, String workflowDir) {
        raw = new LinkedHashMap<>();
        raw.put("workflow_dir", workflowDir);
        raw.putAll(defaults);
        raw.putAll(overrides);
    }

    public boolean isDefined(String name) {
        return raw.containsKey(name);
    }

    /** The value of every variable, fully substituted. @throws BadInputException on a cycle or undefined reference */
    public Map<String, String> resolveAll() {
        for (String name : raw.keySet()) {
            value(name, new ArrayDeque<>());
        }
        return resolved;
    }

    /** Substitutes every reference in {@code text}. @throws BadInputException naming an undefined variable or a cycle */
    public String substitute(String text) {
        return expand(text, new ArrayDeque<>());
    }

    private String value(String name, Deque<String> chain) {
        String done = resolved.get(name);
        if (done != null) {
            return done;
        }
        if (chain.contains(name)) {
            StringBuilder path = new StringBuilder();
            for (String c : chain) {
                path.append("${").append(c).append("} -> ");
            }
            throw new BadInputException("variable '" + name + "' refers to itself: " + path + "${" + name + "}");
        }
        if (chain.size() >= MAX_DEPTH) {
            throw new BadInputException("variables nest deeper than " + MAX_DEPTH + " levels at '" + name + "'");
        }
        String v = raw.get(name);
        if (v == null) {
            throw new BadInputException("undefined variable ${" + name + "}"
                    + (chain.isEmpty() ? "" : " (used by ${" + chain.peekLast() + "})")
                    + "; define it as var." + name + " in [workflow] or pass --set " + name + "=VALUE");
        }
        chain.addLast(name);
        String out = expand(v, chain);
        chain.removeLast();
        resolved.put(name, out);
        return out;
    }

    private String expand(String text, Deque<String> chain) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            out.append(m.group(1) == null ? "$" : value(m.group(1), chain));
            if (out.length() > MAX_LENGTH) {
                throw new BadInputException("variable expansion longer than " + MAX_LENGTH + " characters in '"
                        + text.substring(0, Math.min(40, text.length())) + "...'");
            }
            last = m.end();
        }
        out.append(text, last, text.length());
        return out.toString();
    }
}

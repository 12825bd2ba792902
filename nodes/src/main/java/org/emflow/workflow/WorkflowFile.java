package org.emflow.workflow;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.util.BadInputException;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.InvalidFileFormatException;
import org.ini4j.Profile;

/**
 * Reads and writes workflow INI files with ini4j. The format (also in docs/workflow-format.md):
 *
 * <pre>
 * [workflow]
 * name = quickstart
 * description = ...
 * format = 1
 * var.box = 32            ; a variable with its default, used as ${box}
 *
 * [sim]                   ; a node instance: the section name is its id
 * type = simulate-tilt-series
 * position = 40, 120      ; x, y in the editor
 * box = ${box}            ; a setting
 * in.volume = other.volume ; an input connection: this node's port = upstream node.port
 * </pre>
 *
 * Values are taken verbatim: ini4j's own {@code ${}} expansion (CVE-2022-41404) and escape
 * processing are never used; variables are substituted by {@link Variables}, bounded. A value that a
 * line-based file cannot hold verbatim (a line break, surrounding spaces) is written as a quoted string
 * ({@link IniValue}), so every string survives save and load; node ids and keys are checked on saving.
 */
public final class WorkflowFile {
    public static final String WORKFLOW_SECTION = "workflow";
    /** The section of cluster settings (resources per job, the submission template); no node may take its name. */
    public static final String CLUSTER_SECTION = "slurm";
    private static final String VAR_PREFIX = "var.";
    private static final String IN_PREFIX = "in.";
    /** Sections of canvas comments: [comment.1], [comment.2], ... (a node id holds no dot, so none is taken). */
    public static final String COMMENT_PREFIX = "comment.";
    private static final List<String> COMMENT_KEYS = List.of("x", "y", "width", "height");

    private WorkflowFile() {
    }

    /** Reads a workflow file; syntax problems inside it are kept for the compiler to report with the rest. */
    public static Workflow load(Path file) throws IOException {
        String text = org.emflow.compute.util.TextInput.read(file, "workflow file");
        Path parent = file.toAbsolutePath().getParent();
        Workflow w = parse(text, parent, file.getFileName().toString());
        w.setFile(file);
        return w;
    }

    /** Parses workflow text; {@code baseDir} is where relative paths resolve. */
    public static Workflow parse(String text, Path baseDir, String fileName) {
        Workflow w = new Workflow(baseDir);
        List<Problem> problems = new ArrayList<>();
        scanLines(text, w, problems);
        Ini ini = new Ini();
        ini.setConfig(config());
        try (Reader r = new StringReader(text)) {
            ini.load(r);
        } catch (InvalidFileFormatException e) {
            throw new WorkflowException(fileName, List.of(new Problem(null, null, null, "not a valid INI file: " + e.getMessage())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        boolean sawWorkflow = false;
        for (Profile.Section section : ini.values()) {
            String name = section.getName();
            if (name.equals(WORKFLOW_SECTION)) {
                sawWorkflow = true;
                readHeader(section, w, problems);
            } else if (name.startsWith(COMMENT_PREFIX)) {
                readComment(section, w, problems);
            } else if (name.equals(CLUSTER_SECTION)) {
                for (String key : section.keySet()) {
                    w.cluster().put(key, value(section, key, w, problems)); // checked by SlurmSettings, where they are used
                }
            } else {
                readNode(section, w, problems);
            }
        }
        if (!sawWorkflow) {
            problems.add(new Problem(WORKFLOW_SECTION, null, null, "missing [workflow] section (name, description, format)"));
        }
        w.loadProblems().addAll(problems);
        return w;
    }

    /** The value of {@code key} in {@code s}, quoted strings decoded; a malformed one is a problem (and ""). */
    private static String value(Profile.Section s, String key, Workflow w, List<Problem> problems) {
        String raw = s.get(key);
        try {
            return raw == null ? "" : IniValue.unquote(raw);
        } catch (IllegalArgumentException e) {
            problems.add(problem(w, s.getName(), key, e.getMessage()));
            return "";
        }
    }

    private static void readHeader(Profile.Section s, Workflow w, List<Problem> problems) {
        for (String key : s.keySet()) {
            String value = value(s, key, w, problems);
            if (key.equals("name")) {
                w.setName(value);
            } else if (key.equals("description")) {
                w.setDescription(value);
            } else if (key.equals("format")) {
                try {
                    int v = Integer.parseInt(value.trim());
                    if (v > Workflow.FORMAT_VERSION || v < 1) {
                        problems.add(problem(w, WORKFLOW_SECTION, key, "format " + v + " is not supported (this emflow reads format "
                                + Workflow.FORMAT_VERSION + ")"));
                    }
                    w.setFormatVersion(v);
                } catch (NumberFormatException e) {
                    problems.add(problem(w, WORKFLOW_SECTION, key, "format must be a whole number, not '" + value + "'"));
                }
            } else if (key.startsWith(VAR_PREFIX) && key.length() > VAR_PREFIX.length()) {
                w.variables().put(key.substring(VAR_PREFIX.length()), value);
            } else {
                problems.add(problem(w, WORKFLOW_SECTION, key, "unknown key (expected name, description, format or var.NAME)"));
            }
        }
    }

    /** A {@code [comment.N]} section: text, x, y, width, height; the compiler never sees it. */
    private static void readComment(Profile.Section s, Workflow w, List<Problem> problems) {
        String name = s.getName();
        if (!name.substring(COMMENT_PREFIX.length()).matches("[0-9]{1,9}")) {
            problems.add(problem(w, name, null, "a comment's section is [comment.N] with N a number, not [" + name + "]"));
            return;
        }
        String text = "";
        double[] box = {0, 0, CanvasComment.DEFAULT_WIDTH, CanvasComment.DEFAULT_HEIGHT};
        for (String key : s.keySet()) {
            String value = value(s, key, w, problems);
            int at = COMMENT_KEYS.indexOf(key);
            if (key.equals("text")) {
                text = value;
            } else if (at >= 0) {
                try {
                    double v = Double.parseDouble(value.trim());
                    if (!Double.isFinite(v) || at >= 2 && v <= 0) {
                        throw new NumberFormatException();
                    }
                    box[at] = v;
                } catch (NumberFormatException e) {
                    problems.add(problem(w, name, key, key + " must be a " + (at >= 2 ? "positive " : "") + "number, not '" + value + "'"));
                }
            } else {
                problems.add(problem(w, name, key, "unknown key (a comment has text, x, y, width and height)"));
            }
        }
        w.comments().add(new CanvasComment(text, box[0], box[1], box[2], box[3]));
    }

    private static void readNode(Profile.Section s, Workflow w, List<Problem> problems) {
        String id = s.getName();
        if (!id.matches(NODE_ID)) {
            problems.add(problem(w, id, null, "node id '" + id + "' must be letters, digits, '-' or '_' (no dots)"));
        }
        String type = value(s, "type", w, problems);
        if (type.isBlank()) {
            problems.add(problem(w, id, null, "missing 'type' (the node type, e.g. backproject)"));
            type = "";
        }
        NodeInstance n = w.addNode(id, type.trim());
        for (String key : s.keySet()) {
            if (key.equals("type")) {
                continue;
            }
            String value = value(s, key, w, problems);
            if (key.equals("position")) {
                String[] xy = value.split(",");
                try {
                    n.setPosition(Double.parseDouble(xy[0].trim()), Double.parseDouble(xy[1].trim()));
                    if (xy.length != 2) {
                        throw new NumberFormatException();
                    }
                } catch (RuntimeException e) {
                    problems.add(problem(w, id, key, "position must be 'x, y', not '" + value + "'"));
                }
            } else if (key.startsWith(IN_PREFIX)) {
                try {
                    n.inputs().put(key.substring(IN_PREFIX.length()), Endpoint.parse(value, key));
                } catch (BadInputException e) {
                    problems.add(problem(w, id, key, "connection '" + value + "' must be written node.port"));
                }
            } else {
                n.settings().put(key, value);
            }
        }
    }

    private static Problem problem(Workflow w, String section, String key, String message) {
        return new Problem(section, key, w.line(section, key), message);
    }

    /**
     * Records the line of every section and key (ini4j does not keep them) and flags duplicates,
     * which ini4j would silently merge.
     */
    private static void scanLines(String text, Workflow w, List<Problem> problems) {
        String section = null;
        Set<String> sections = new HashSet<>();
        Set<String> keys = new HashSet<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int no = i + 1;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.contains("]")) {
                section = line.substring(1, line.indexOf(']')).trim();
                if (!sections.add(section)) {
                    problems.add(new Problem(section, null, no, "section [" + section + "] appears twice"));
                }
                keys.clear();
                w.recordLine(section, null, no);
                continue;
            }
            int op = indexOfOperator(line);
            if (section != null && op > 0) {
                String key = line.substring(0, op).trim();
                if (!keys.add(key)) {
                    problems.add(new Problem(section, key, no, "key '" + key + "' appears twice in [" + section + "]"));
                }
                w.recordLine(section, key, no);
            } else if (section != null && op < 0) {
                w.recordLine(section, line, no); // ini4j reads a line without '=' as a key without value: name its line
            }
        }
    }

    private static int indexOfOperator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static Config config() {
        Config c = new Config();
        c.setEscape(false);
        c.setEscapeNewline(false);
        c.setMultiOption(false);
        c.setMultiSection(false);
        c.setEmptyOption(true);
        c.setEmptySection(true);
        c.setGlobalSection(false);
        c.setTree(false);
        c.setLowerCaseOption(false);
        c.setLowerCaseSection(false);
        c.setStrictOperator(false);
        c.setFileEncoding(StandardCharsets.UTF_8);
        return c;
    }

    /**
     * The workflow as INI text, sections and keys in model order.
     *
     * @throws BadInputException naming a node id, key or variable name that the file could not hold
     */
    public static String format(Workflow w) {
        Ini ini = new Ini();
        ini.setConfig(config());
        Profile.Section head = ini.add(WORKFLOW_SECTION);
        head.put("name", IniValue.quote(w.name()));
        head.put("description", IniValue.quote(w.description()));
        head.put("format", Integer.toString(w.formatVersion()));
        for (Map.Entry<String, String> v : w.variables().entrySet()) {
            checkKey(v.getKey(), "variable name", WORKFLOW_SECTION);
            head.put(VAR_PREFIX + v.getKey(), IniValue.quote(v.getValue()));
        }
        for (NodeInstance n : w.nodes().values()) {
            if (!n.id().matches(NODE_ID) || n.id().equals(WORKFLOW_SECTION) || n.id().equals(CLUSTER_SECTION)) {
                throw new BadInputException("node id " + printable(n.id()) + " must be letters, digits, '-' or '_', starting with a letter or '_'");
            }
            Profile.Section s = ini.add(n.id());
            s.put("type", IniValue.quote(n.type()));
            s.put("position", num(n.x()) + ", " + num(n.y()));
            for (Map.Entry<String, String> e : n.settings().entrySet()) {
                checkKey(e.getKey(), "setting", n.id());
                if (RESERVED.contains(e.getKey()) || e.getKey().startsWith(IN_PREFIX)) {
                    throw new BadInputException("node '" + n.id() + "': '" + e.getKey() + "' is not a setting name");
                }
                s.put(e.getKey(), IniValue.quote(e.getValue()));
            }
            for (Map.Entry<String, Endpoint> e : n.inputs().entrySet()) {
                checkKey(e.getKey(), "input port", n.id());
                checkKey(e.getValue().node(), "upstream node", n.id());
                checkKey(e.getValue().port(), "upstream port", n.id());
                s.put(IN_PREFIX + e.getKey(), e.getValue().toString());
            }
        }
        if (!w.cluster().isEmpty()) {
            Profile.Section s = ini.add(CLUSTER_SECTION);
            for (Map.Entry<String, String> e : w.cluster().entrySet()) {
                checkKey(e.getKey(), "cluster setting", CLUSTER_SECTION);
                s.put(e.getKey(), IniValue.quote(e.getValue()));
            }
        }
        int k = 0;
        for (CanvasComment c : w.comments()) {
            if (!Double.isFinite(c.x()) || !Double.isFinite(c.y()) || !(c.width() > 0 && c.width() < Double.POSITIVE_INFINITY)
                    || !(c.height() > 0 && c.height() < Double.POSITIVE_INFINITY)) {
                throw new BadInputException("comment " + (k + 1) + ": its place and size must be finite numbers, the size positive");
            }
            Profile.Section s = ini.add(COMMENT_PREFIX + (++k));
            s.put("text", IniValue.quote(c.text()));
            s.put("x", num(c.x()));
            s.put("y", num(c.y()));
            s.put("width", num(Math.max(1, c.width())));
            s.put("height", num(Math.max(1, c.height())));
        }
        StringWriter out = new StringWriter();
        out.write("# emflow workflow (format " + w.formatVersion() + "); see docs/workflow-format.md\n");
        try {
            ini.store(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Writes the workflow atomically; an existing file is kept unless {@code overwrite}. */
    public static void save(Workflow w, Path file, boolean overwrite) throws IOException {
        String text = format(w);
        AtomicFiles.write(file, overwrite, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    private static final String NODE_ID = "[A-Za-z_][A-Za-z0-9_-]*";
    private static final Set<String> RESERVED = Set.of("type", "position");

    private static void checkKey(String key, String what, String section) {
        if (!IniValue.isValidKey(key)) {
            throw new BadInputException("[" + section + "]: " + what + " " + printable(key)
                    + " must be letters, digits, '_', '.' or '-'");
        }
    }

    /** A name quoted for a message: control characters shown as escapes, at most 60 characters. */
    private static String printable(String s) {
        String q = IniValue.quote(s);
        q = q.startsWith("\"") ? q : "'" + q + "'";
        return q.length() > 60 ? q.substring(0, 56) + "...'" : q;
    }

    /** A place or size to one decimal, written so that reading it back and writing it again gives the same text. */
    private static String num(double v) {
        double r = Math.rint(v * 10) / 10;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }
}

package org.emflow.workflow;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workflow as written in its INI file: metadata, variables with their defaults, and node instances
 * in file order. Nothing is resolved here; {@link WorkflowCompiler} checks and resolves it.
 */
public final class Workflow {
    /** The workflow file format this code reads and writes. */
    public static final int FORMAT_VERSION = 1;

    private String name = "";
    private String description = "";
    private int formatVersion = FORMAT_VERSION;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final Map<String, NodeInstance> nodes = new LinkedHashMap<>();
    private final java.util.List<CanvasComment> comments = new java.util.ArrayList<>();
    private final Map<String, String> cluster = new LinkedHashMap<>();
    private Path baseDir;
    private Path file;
    private final Map<String, Integer> lines = new LinkedHashMap<>();
    private final java.util.List<Problem> loadProblems = new java.util.ArrayList<>();

    public Workflow(Path baseDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    public String name() { return name; }
    public void setName(String n) { this.name = n; }
    public String description() { return description; }
    public void setDescription(String d) { this.description = d; }
    public int formatVersion() { return formatVersion; }
    public void setFormatVersion(int v) { this.formatVersion = v; }
    /** Variable names to their default values, as written. */
    public Map<String, String> variables() { return variables; }
    /** Node instances by id, in file order. */
    public Map<String, NodeInstance> nodes() { return nodes; }
    /** Notes on the canvas ({@code [comment.N]} sections), in file order; nothing runs them. */
    public java.util.List<CanvasComment> comments() { return comments; }
    /**
     * The {@code [slurm]} section as written: how the nodes run on a cluster (resources, template, parts; see
     * {@code org.emflow.workflow.slurm.SlurmSettings}). It changes where nodes run, not what they compute, so it is not
     * part of any node's identity.
     */
    public Map<String, String> cluster() { return cluster; }
    /** The folder relative paths resolve against: the workflow file's folder. */
    public Path baseDir() { return baseDir; }
    public void setBaseDir(Path dir) { this.baseDir = dir.toAbsolutePath().normalize(); }
    /** The file this workflow was read from, or null. */
    public Path file() { return file; }
    public void setFile(Path f) { this.file = f == null ? null : f.toAbsolutePath().normalize(); }

    /** Line of {@code section} (key null) or of {@code key} in it, when the workflow came from a file. */
    public Integer line(String section, String key) {
        return lines.get(key == null ? section : section + "\u0000" + key);
    }

    void recordLine(String section, String key, int line) {
        lines.putIfAbsent(key == null ? section : section + "\u0000" + key, line);
    }

    /** Problems found while reading the file (reported by the compiler together with the others). */
    public java.util.List<Problem> loadProblems() { return loadProblems; }

    public NodeInstance addNode(String id, String type) {
        NodeInstance n = new NodeInstance(id, type);
        nodes.put(id, n);
        return n;
    }
}

package org.emflow.workflow;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.util.BadInputException;

/**
 * What a cluster job needs to run its node as the submitting run planned it, kept in the run folder
 * ({@code .emflow-jobs/}; the run folder is on a file system every cluster node sees): the workflow as it was
 * submitted ({@code workflow.ini}, so that editing the workflow file while the jobs wait changes nothing), the folder
 * its relative paths resolve against, the {@code --set} overrides, and the identity hash of every node. A job
 * recompiles that workflow and refuses to run when the hash it computes differs (an input file changed since).
 */
public record Submission(Workflow workflow, Map<String, String> sets, Map<String, String> hashes) {
    /** The run folder's sub-folder for what cluster runs keep: the submission, job scripts, job logs, parts. */
    public static final String FOLDER = ".emflow-jobs";
    static final String FILE = "submission.properties";
    static final String WORKFLOW = "workflow.ini";

    public Submission {
        sets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sets)); // in the order given
        hashes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hashes)); // in the run's node order
    }

    public static Path folder(Path runDir) {
        return runDir.resolve(FOLDER);
    }

    /** Writes it atomically into the run folder's jobs folder. */
    public void write(Path runDir) throws IOException {
        Properties p = new Properties();
        p.setProperty("base", workflow.baseDir().toString());
        p.setProperty("name", workflow.file() == null ? "(unsaved workflow)" : workflow.file().toString());
        int i = 0;
        for (Map.Entry<String, String> e : sets.entrySet()) {
            p.setProperty("set." + i + ".name", e.getKey());
            p.setProperty("set." + i + ".value", e.getValue());
            i++;
        }
        hashes.forEach((node, h) -> p.setProperty("hash." + node, h));
        p.setProperty("nodes", String.join(",", hashes.keySet()));
        StringWriter w = new StringWriter();
        p.store(w, "emflow: the run as submitted to the cluster; its jobs read this");
        Path dir = folder(runDir);
        Files.createDirectories(dir);
        String text = WorkflowFile.format(workflow);
        AtomicFiles.write(dir.resolve(WORKFLOW), true, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(FILE), true, tmp -> Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8));
    }

    /** Reads the submission of a run folder; a missing or damaged one is bad input naming the file. */
    public static Submission read(Path runDir) throws IOException {
        Path f = folder(runDir).resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new BadInputException(f + ": no cluster submission in this run folder");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(f + ": not a submission file (" + e.getMessage() + ")");
        }
        String base = p.getProperty("base");
        if (base == null) {
            throw new BadInputException(f + ": no 'base' key");
        }
        Path wfFile = folder(runDir).resolve(WORKFLOW);
        Workflow wf = WorkflowFile.parse(org.emflow.compute.util.TextInput.read(wfFile, "submitted workflow"), Path.of(base),
                p.getProperty("name", WORKFLOW));
        Map<String, String> sets = new LinkedHashMap<>();
        for (int i = 0; p.containsKey("set." + i + ".name"); i++) {
            sets.put(p.getProperty("set." + i + ".name"), p.getProperty("set." + i + ".value", ""));
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String node : p.getProperty("nodes", "").split(",")) {
            if (!node.isEmpty() && p.getProperty("hash." + node) != null) {
                hashes.put(node, p.getProperty("hash." + node));
            }
        }
        return new Submission(wf, sets, hashes);
    }
}

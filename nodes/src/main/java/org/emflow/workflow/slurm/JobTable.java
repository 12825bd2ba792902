package org.emflow.workflow.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.workflow.Submission;

/**
 * The jobs of a run folder's last cluster submission ({@code .emflow-jobs/jobs.tsv}: node, kind, job id, parts,
 * submission time), written after every sbatch so that {@code emflow status} and {@code emflow cancel} find every job
 * even when the submitting process is gone.
 */
public final class JobTable {
    static final String FILE = "jobs.tsv";

    /** What a job runs: the whole node, the parts of a split node (a job array), or their merge. */
    public enum Kind { NODE, PARTS, MERGE }

    /** One job. */
    public record Job(String node, Kind kind, String id, int parts, String submitted) {
        String line() {
            return node + "\t" + kind.name().toLowerCase(java.util.Locale.ROOT) + "\t" + id + "\t" + parts + "\t" + submitted;
        }
    }

    private final Path file;
    private final List<Job> jobs = new ArrayList<>();

    private JobTable(Path file) {
        this.file = file;
    }

    public static JobTable empty(Path runDir) {
        return new JobTable(Submission.folder(runDir).resolve(FILE));
    }

    /** The run folder's table (empty when it has none); a line that is not a job is skipped. */
    public static JobTable read(Path runDir) throws IOException {
        JobTable t = empty(runDir);
        if (Files.isRegularFile(t.file)) {
            for (String line : Files.readAllLines(t.file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length == 5 && !line.startsWith("#") && f[2].matches("[0-9]+")) {
                    try {
                        t.jobs.add(new Job(f[0], Kind.valueOf(f[1].toUpperCase(java.util.Locale.ROOT)), f[2], Integer.parseInt(f[3]), f[4]));
                    } catch (IllegalArgumentException ignored) {
                        // not one of ours
                    }
                }
            }
        }
        return t;
    }

    public List<Job> jobs() {
        return List.copyOf(jobs);
    }

    public List<String> ids() {
        return jobs.stream().map(Job::id).toList();
    }

    /** Adds a job and writes the table (atomically). */
    public synchronized void add(Job j) throws IOException {
        jobs.add(j);
        StringBuilder sb = new StringBuilder("# node\tkind\tjob\tparts\tsubmitted\n");
        for (Job x : jobs) {
            sb.append(x.line()).append('\n');
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, true, tmp -> Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8));
    }
}

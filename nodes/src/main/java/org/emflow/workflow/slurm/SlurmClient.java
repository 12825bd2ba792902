package org.emflow.workflow.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's own commands, run as processes: {@code sbatch} to submit, {@code squeue} (then {@code sacct}, where the
 * cluster keeps accounting) for the state of jobs, {@code scancel}. Nothing here schedules anything: Slurm does.
 */
public class SlurmClient {
    /** A job's state as Slurm names it (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...) and why it pends. */
    public record JobState(String id, String state, String reason) {
        public boolean finished() {
            return !(state.equals("PENDING") || state.equals("RUNNING") || state.equals("CONFIGURING") || state.equals("COMPLETING")
                    || state.equals("SUSPENDED") || state.equals("REQUEUED") || state.equals("RESIZING") || state.startsWith("STAG"));
        }

        public boolean completed() {
            return state.equals("COMPLETED");
        }

        /** Pending on a dependency that failed: it will never run (Slurm may leave it pending forever). */
        public boolean neverRuns() {
            return state.equals("PENDING") && reason.contains("DependencyNeverSatisfied");
        }
    }

    /** A Slurm command failed: its exit code and what it printed. */
    public static final class SlurmException extends IOException {
        private static final long serialVersionUID = 1L;

        SlurmException(String message) {
            super(message);
        }
    }

    /** True when Slurm's commands run here and reach a controller (sinfo answers). */
    public static boolean available() {
        try {
            // a client without a configuration retries for a minute: 15 s is plenty for a controller that is there
            return new SlurmClient().run(List.of("sinfo", "-h", "-o", "%P"), null, 15).exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Submits {@code script} with sbatch's {@code options} (everything but the script) and returns the job id. The
     * job starts in {@code workDir}.
     */
    public String submit(List<String> options, Path script, Path workDir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "--chdir=" + workDir));
        cmd.addAll(options);
        cmd.add(script.toString());
        Result r = run(cmd, workDir, 60);
        if (r.exit != 0) {
            throw new SlurmException("sbatch " + String.join(" ", options) + " failed (exit " + r.exit + "): " + r.output.strip());
        }
        String id = r.output.strip();
        int semi = id.indexOf(';'); // "ID;CLUSTER" on federated clusters
        id = semi < 0 ? id : id.substring(0, semi);
        if (!id.matches("[0-9]+")) {
            throw new SlurmException("sbatch printed '" + r.output.strip() + "' instead of a job id");
        }
        return id;
    }

    /**
     * The states of {@code ids} (job ids; an array's tasks come back one by one, as ID_TASK). squeue knows pending,
     * running and, for MinJobAge seconds, finished jobs; what it no longer knows is asked of sacct where the cluster
     * keeps accounting. A job neither knows is missing from the map.
     */
    public Map<String, JobState> states(Collection<String> ids) throws IOException {
        Map<String, JobState> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Result q = run(List.of("squeue", "-h", "-r", "-t", "all", "-j", String.join(",", ids), "-o", "%i|%T|%r"), null, 30);
        // squeue exits 1 with "Invalid job id specified" when every job is gone from its memory
        if (q.exit == 0) {
            parse(q.output, out);
        }
        List<String> missing = ids.stream().filter(id -> out.keySet().stream().noneMatch(k -> k.equals(id) || k.startsWith(id + "_"))).toList();
        if (!missing.isEmpty()) {
            Result a = run(List.of("sacct", "-n", "-P", "-X", "-j", String.join(",", missing), "-o", "JobID,State,Reason"), null, 30);
            if (a.exit == 0) {
                parse(a.output, out);
            }
        }
        return out;
    }

    private static void parse(String text, Map<String, JobState> out) {
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length >= 2 && !f[0].isEmpty()) {
                String state = f[1].split(" ")[0]; // sacct: "CANCELLED by 0"
                out.put(f[0], new JobState(f[0], state, f.length > 2 ? f[2] : ""));
            }
        }
    }

    /** Cancels the jobs (those already finished are ignored by scancel). */
    public void cancel(Collection<String> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of("scancel"));
        cmd.addAll(ids);
        Result r = run(cmd, null, 60);
        if (r.exit != 0 && !r.output.contains("already completing or completed") && !r.output.contains("Invalid job id")) {
            throw new SlurmException("scancel " + String.join(" ", ids) + " failed (exit " + r.exit + "): " + r.output.strip());
        }
    }

    record Result(int exit, String output) {
    }

    Result run(List<String> cmd, Path dir, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        // the output goes to a file, so that a command that hangs can be waited for with a timeout
        Path out = java.nio.file.Files.createTempFile("emflow-slurm-", ".out");
        pb.redirectOutput(out.toFile());
        try {
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new SlurmException(cmd.get(0) + " could not be started (is Slurm installed and on the PATH?): " + e.getMessage());
            }
            try {
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new SlurmException(cmd.get(0) + " did not answer within " + timeoutSeconds + " s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException(cmd.get(0) + " interrupted");
            }
            return new Result(p.exitValue(), new String(java.nio.file.Files.readAllBytes(out), StandardCharsets.UTF_8));
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}

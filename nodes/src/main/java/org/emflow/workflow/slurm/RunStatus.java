package org.emflow.workflow.slurm;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.emflow.workflow.FinishedNodes;
import org.emflow.workflow.Submission;

/**
 * {@code emflow status} and {@code emflow cancel} of a run folder: the state of every node from the run folder (what
 * finished, and is the submitted computation) and, for a cluster run, from Slurm (its jobs, queued, running or how
 * they ended).
 */
public final class RunStatus {
    private final Path run;
    private final SlurmClient slurm;

    public RunStatus(Path runDir, SlurmClient slurm) {
        this.run = runDir.toAbsolutePath().normalize();
        this.slurm = slurm;
    }

    /** One line of the status table. */
    public record Line(String node, String jobs, String state, String detail) {
    }

    /** The table: the run folder's finished nodes, and for a cluster run each node's job as Slurm reports it (when it answers). */
    public List<Line> lines() throws IOException {
        if (!Files.isDirectory(run)) {
            throw new BadInputException(run + ": no such run folder");
        }
        Map<String, FinishedNodes.Entry> done = FinishedNodes.of(run);
        JobTable table = JobTable.read(run);
        List<Line> out = new ArrayList<>();
        if (table.jobs().isEmpty()) {
            done.forEach((id, e) -> out.add(new Line(id, "-", "done", e.type() + ", finished " + e.finished())));
            return out;
        }
        Submission sub = Submission.read(run);
        Map<String, SlurmClient.JobState> states = SlurmClient.available() ? slurm.states(table.ids()) : Map.of();
        Map<String, List<JobTable.Job>> byNode = new LinkedHashMap<>();
        for (JobTable.Job j : table.jobs()) {
            byNode.computeIfAbsent(j.node(), k -> new ArrayList<>()).add(j);
        }
        for (String id : sub.hashes().keySet()) {
            String hash = sub.hashes().get(id);
            FinishedNodes.Entry e = done.get(id);
            boolean finished = e != null && e.hash().equals(hash);
            List<JobTable.Job> jobs = byNode.get(id);
            if (jobs == null) {
                out.add(new Line(id, "-", finished ? "reused" : "not run", finished ? "finished " + e.finished() : ""));
                continue;
            }
            JobTable.Job last = jobs.get(jobs.size() - 1);
            SlurmClient.JobState st = states.get(last.id());
            String state = finished ? "done" : st == null ? "unknown" : st.state().toLowerCase(Locale.ROOT);
            StringBuilder detail = new StringBuilder();
            if (finished) {
                detail.append("finished ").append(e.finished());
            } else if (st != null && st.state().equals("PENDING")) {
                detail.append("waiting: ").append(st.reason());
            }
            String ids = last.id();
            if (last.parts() > 1) {
                String array = jobs.get(0).id();
                ids = array + "_[0-" + (last.parts() - 1) + "], " + last.id();
                if (!finished) {
                    int parts = FinishedNodes.parts(run, id, hash);
                    long running = states.values().stream().filter(s -> s.id().startsWith(array + "_") && s.state().equals("RUNNING")).count();
                    detail.append(detail.length() == 0 ? "" : "; ").append(parts).append(" of ").append(last.parts()).append(" parts done")
                            .append(running > 0 ? ", " + running + " running" : "");
                    if (running > 0) {
                        state = "running";
                    }
                }
            }
            out.add(new Line(id, ids, state, detail.toString()));
        }
        return out;
    }

    public void print(PrintWriter w) throws IOException {
        List<Line> lines = lines();
        JobTable table = JobTable.read(run);
        w.println("Run folder " + run + (table.jobs().isEmpty() ? " (run on this machine)"
                : ": " + table.jobs().size() + " Slurm job(s), submitted " + table.jobs().get(0).submitted()));
        if (lines.isEmpty()) {
            w.println("no node has finished in it");
            return;
        }
        int width = Math.max(16, lines.stream().mapToInt(l -> l.node().length()).max().orElse(0) + 1);
        w.printf(Locale.ROOT, "%-" + width + "s %-24s %-10s %s%n", "node", "job", "state", "detail");
        for (Line l : lines) {
            w.printf(Locale.ROOT, "%-" + width + "s %-24s %-10s %s%n", l.node(), l.jobs(), l.state(), l.detail());
        }
        w.flush();
    }

    /** Cancels every job of the run's last submission that is still queued or running; returns their ids. */
    public List<String> cancel() throws IOException {
        JobTable table = JobTable.read(run);
        if (table.jobs().isEmpty()) {
            throw new BadInputException(run + ": no cluster jobs were submitted from this run folder");
        }
        List<String> active = new ArrayList<>();
        for (SlurmClient.JobState s : slurm.states(table.ids()).values()) {
            if (!s.finished()) {
                String base = s.id().contains("_") ? s.id().substring(0, s.id().indexOf('_')) : s.id();
                if (!active.contains(base)) {
                    active.add(base);
                }
            }
        }
        slurm.cancel(active);
        return active;
    }
}

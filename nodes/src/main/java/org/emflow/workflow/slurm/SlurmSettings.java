package org.emflow.workflow.slurm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.emflow.compute.util.BadInputException;
import org.emflow.workflow.Workflow;

/**
 * How a workflow's nodes run on a Slurm cluster: the {@code [slurm]} section of the workflow file, then the
 * {@code --slurm KEY=VALUE} flags of {@code emflow run}, which override it. Each key sets every node's value
 * ({@code cpus = 4}) or one node's ({@code backproject.cpus = 8}):
 * <ul>
 *   <li>{@code cpus}: CPUs per job (sbatch {@code --cpus-per-task}; the node's threads), default {@value #DEFAULT_CPUS};</li>
 *   <li>{@code mem}: memory per job (sbatch {@code --mem}: 4G, 500M, a number of MB), default {@value #DEFAULT_MEM};
 *       Java's heap is set to {@value #HEAP_PERCENT} % of it, so a job stays within what it asked for;</li>
 *   <li>{@code time}: the time limit (sbatch {@code --time}: minutes, HH:MM:SS, D-HH:MM), empty: the partition's;</li>
 *   <li>{@code partition}: empty: the cluster's default partition;</li>
 *   <li>{@code parts}: tasks of the job array a data-parallel node (one that can split its particles) runs as, then a
 *       merge job; default 1 (one job);</li>
 *   <li>{@code template} (workflow-wide only): the job script template, relative to the workflow file; empty: the
 *       built-in one ({@code emflow slurm-template} prints it).</li>
 * </ul>
 */
public final class SlurmSettings {
    public static final int DEFAULT_CPUS = 2;
    public static final String DEFAULT_MEM = "4G";
    static final int HEAP_PERCENT = 80;
    private static final List<String> PER_NODE = List.of("cpus", "mem", "time", "partition", "parts");
    private static final Pattern MEM = Pattern.compile("[1-9][0-9]{0,9}[KMGT]?");
    private static final Pattern TIME = Pattern.compile("[0-9]{1,6}|[0-9]{1,6}:[0-9]{2}(:[0-9]{2})?|[0-9]{1,4}-[0-9]{1,2}(:[0-9]{2}(:[0-9]{2})?)?");
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.-]{1,64}(,[A-Za-z0-9_.-]{1,64})*");

    /** One node's job resources. */
    public record Resources(int cpus, String mem, String time, String partition, int parts) {
        /** The memory in MB, as Slurm reads {@link #mem}. */
        public long memMegabytes() {
            char u = mem.charAt(mem.length() - 1);
            long v = Long.parseLong(Character.isDigit(u) ? mem : mem.substring(0, mem.length() - 1));
            return switch (u) {
                case 'K' -> Math.max(1, v / 1024);
                case 'G' -> v * 1024;
                case 'T' -> v * 1024 * 1024;
                default -> v;
            };
        }

        /** Java's maximum heap for a job of this size ({@value #HEAP_PERCENT} %: the JVM needs room beside its heap). */
        public long heapMegabytes() {
            return Math.max(64, memMegabytes() * HEAP_PERCENT / 100);
        }
    }

    private final Map<String, String> values;
    private final Path template;

    private SlurmSettings(Map<String, String> values, Path template) {
        this.values = values;
        this.template = template;
    }

    /**
     * The settings of {@code workflow} with {@code overrides} on top, checked against its nodes: an unknown key, a
     * node that does not exist, a malformed value or {@code parts} on a node that cannot split is an error naming the
     * key.
     *
     * @param splittable the ids of the nodes that can split their work into parts
     */
    public static SlurmSettings of(Workflow workflow, Map<String, String> overrides, Set<String> splittable) {
        Map<String, String> all = new LinkedHashMap<>(workflow.cluster());
        all.putAll(overrides);
        for (Map.Entry<String, String> e : all.entrySet()) {
            check(workflow, e.getKey(), e.getValue().trim(), splittable);
        }
        Map<String, String> trimmed = new LinkedHashMap<>();
        all.forEach((k, v) -> trimmed.put(k, v.trim()));
        String t = trimmed.getOrDefault("template", "");
        return new SlurmSettings(trimmed, t.isEmpty() ? null : workflow.baseDir().resolve(t).normalize());
    }

    private static void check(Workflow w, String key, String value, Set<String> splittable) {
        String where = "[slurm] " + key + (w.line("slurm", key) == null ? "" : " (line " + w.line("slurm", key) + ")");
        if (key.equals("template")) {
            return;
        }
        int dot = key.lastIndexOf('.');
        String node = dot < 0 ? null : key.substring(0, dot);
        String name = dot < 0 ? key : key.substring(dot + 1);
        if (!PER_NODE.contains(name)) {
            throw new BadInputException(where + ": unknown key (expected cpus, mem, time, partition, parts or template, each also as NODE.KEY)");
        }
        if (node != null && !w.nodes().containsKey(node)) {
            throw new BadInputException(where + ": the workflow has no node '" + node + "'");
        }
        if (name.equals("parts") && node != null && !splittable.contains(node) && !value.equals("1")) {
            throw new BadInputException(where + ": node '" + node + "' cannot split its work into parts (its type does not support it)");
        }
        boolean ok = switch (name) {
            case "cpus", "parts" -> value.matches("[1-9][0-9]{0,4}");
            case "mem" -> MEM.matcher(value).matches();
            case "time" -> value.isEmpty() || TIME.matcher(value).matches();
            default -> value.isEmpty() || PARTITION.matcher(value).matches();
        };
        if (!ok) {
            String expected = switch (name) {
                case "cpus", "parts" -> "a whole number from 1";
                case "mem" -> "a size as sbatch --mem takes it: 4G, 500M or a number of MB";
                case "time" -> "a time as sbatch --time takes it: minutes, HH:MM:SS or D-HH:MM";
                default -> "a partition name (letters, digits, '_', '.', '-'; several separated by commas)";
            };
            throw new BadInputException(where + ": '" + value + "' is not " + expected);
        }
    }

    /** The resources of node {@code id}; {@code splittable}: whether it can run as parts (else parts is 1). */
    public Resources resources(String id, boolean splittable) {
        int parts = splittable ? Integer.parseInt(get(id, "parts", "1")) : 1;
        return new Resources(Integer.parseInt(get(id, "cpus", Integer.toString(DEFAULT_CPUS))), get(id, "mem", DEFAULT_MEM),
                get(id, "time", ""), get(id, "partition", ""), parts);
    }

    /** The job script template file, or null for the built-in one. */
    public Path template() {
        return template;
    }

    private String get(String node, String key, String fallback) {
        String v = values.get(node + "." + key);
        if (v == null) {
            v = values.get(key);
        }
        return v == null ? fallback : v;
    }
}

package org.emflow.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.Names;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeRegistry;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.Port;
import org.emflow.sdk.PortObjectSpec;

/**
 * Checks a workflow and resolves it for running. Every problem is collected and reported at once,
 * each with its section and line: unknown node type, unknown or invalid setting, unknown port, port
 * type mismatch (naming both ends), missing required input, cycle, undefined variable; then the
 * configure pass runs over the whole graph, so nothing executes if anything is invalid.
 */
public final class WorkflowCompiler {
    private final NodeRegistry registry;
    private final PathPolicy paths;

    public WorkflowCompiler(NodeRegistry registry) {
        this(registry, PathPolicy.ANY);
    }

    /** A compiler that refuses, before any configure step reads them, the files {@code paths} does not allow. */
    public WorkflowCompiler(NodeRegistry registry, PathPolicy paths) {
        this.registry = registry;
        this.paths = paths;
    }

    /**
     * @param overrides {@code --set} values: {@code name=value} for a workflow variable, or
     *                  {@code node.setting=value} for one node's setting
     * @throws WorkflowException listing every problem
     */
    public CompiledWorkflow compile(Workflow w, Map<String, String> overrides) {
        List<Problem> problems = new ArrayList<>(w.loadProblems());
        Map<String, String> varOverrides = new LinkedHashMap<>();
        Map<String, Map<String, String>> settingOverrides = new HashMap<>();
        splitOverrides(w, overrides, varOverrides, settingOverrides, problems);

        Variables vars = new Variables(w.variables(), varOverrides, w.baseDir().toString());
        try {
            vars.resolveAll();
        } catch (BadInputException e) {
            problems.add(new Problem(WorkflowFile.WORKFLOW_SECTION, null, null, e.getMessage()));
        }

        Map<String, NodeFactory> factories = new LinkedHashMap<>();
        Map<String, NodeSettings> settings = new HashMap<>();
        for (NodeInstance n : w.nodes().values()) {
            if (n.type().isEmpty()) {
                continue;
            }
            NodeFactory f = registry.find(n.type());
            if (f == null) {
                problems.add(new Problem(n.id(), "type", w.line(n.id(), "type"), registry.unknownTypeMessage(n.type())));
                continue;
            }
            factories.put(n.id(), f);
            Map<String, String> values = new LinkedHashMap<>();
            java.util.Set<String> unresolved = new java.util.HashSet<>();
            for (Map.Entry<String, String> e : n.settings().entrySet()) {
                int before = problems.size();
                values.put(e.getKey(), substitute(vars, e.getValue(), n.id(), e.getKey(), w, problems));
                if (problems.size() > before) {
                    unresolved.add(e.getKey());
                }
            }
            values.putAll(settingOverrides.getOrDefault(n.id(), Map.of()));
            NodeSettings ns = new NodeSettings(f.settings(), values, w.baseDir());
            for (String key : values.keySet()) {
                if (!f.settings().has(key)) {
                    problems.add(new Problem(n.id(), key, w.line(n.id(), key), f.settings().unknownKeyMessage(key)));
                } else if (f.settings().get(key).cliOnly()) {
                    problems.add(new Problem(n.id(), key, w.line(n.id(), key), "setting '" + key + "' exists only on the command line"));
                }
            }
            boolean valid = true;
            for (var s : f.settings().all()) {
                String problem = unresolved.contains(s.key()) ? null : s.check(ns.raw(s.key()));
                if (problem != null) {
                    problems.add(new Problem(n.id(), s.key(), w.line(n.id(), s.key()), "setting '" + s.key() + "' " + problem));
                    valid = false;
                }
            }
            if (valid && unresolved.isEmpty()) {
                checkPaths(w, n.id(), f, ns, problems);
            }
            settings.put(n.id(), ns);
        }

        Map<String, List<Endpoint>> inputs = new HashMap<>();
        for (NodeInstance n : w.nodes().values()) {
            NodeFactory f = factories.get(n.id());
            if (f != null) {
                inputs.put(n.id(), connect(w, n, f, factories, problems));
            }
        }

        List<String> order = topologicalOrder(w, inputs, problems);
        if (!problems.isEmpty()) {
            throw new WorkflowException(fileName(w), problems);
        }
        List<CompiledNode> compiled = configure(w, order, factories, settings, inputs, problems);
        if (!problems.isEmpty()) {
            throw new WorkflowException(fileName(w), problems);
        }
        return new CompiledWorkflow(w, compiled);
    }

    /** The node's path settings, then the further paths its model finds in them, against the policy. */
    private void checkPaths(Workflow w, String id, NodeFactory f, NodeSettings ns, List<Problem> problems) {
        if (paths == PathPolicy.ANY) {
            return;
        }
        int before = problems.size();
        for (var s : f.settings().all()) {
            if (s.type() == org.emflow.sdk.SettingType.PATH && !s.cliOnly() && ns.getPath(s.key()) != null) {
                String why = paths.refusal(ns.getPath(s.key()));
                if (why != null) {
                    problems.add(new Problem(id, s.key(), w.line(id, s.key()), "setting '" + s.key() + "': " + why));
                }
            }
        }
        if (problems.size() > before) {
            return;
        }
        java.util.Set<java.nio.file.Path> own = new java.util.HashSet<>(ns.paths());
        for (java.nio.file.Path p : f.createModel().paths(ns)) {
            String why = own.contains(p) ? null : paths.refusal(p.toAbsolutePath().normalize());
            if (why != null) {
                problems.add(new Problem(id, null, w.line(id, null), why));
            }
        }
    }

    private static void splitOverrides(Workflow w, Map<String, String> overrides, Map<String, String> vars,
                                       Map<String, Map<String, String>> settings, List<Problem> problems) {
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String k = e.getKey();
            int dot = k.indexOf('.');
            if (w.variables().containsKey(k)) {
                vars.put(k, e.getValue());
            } else if (dot > 0 && w.nodes().containsKey(k.substring(0, dot))) {
                settings.computeIfAbsent(k.substring(0, dot), x -> new LinkedHashMap<>()).put(k.substring(dot + 1), e.getValue());
            } else {
                List<String> known = new ArrayList<>(w.variables().keySet());
                String near = Names.nearest(k, known);
                problems.add(new Problem(WorkflowFile.WORKFLOW_SECTION, null, null, "--set " + k + ": no variable '" + k
                        + "' in this workflow" + (near == null ? "" : " (did you mean '" + near + "'?)")
                        + "; use NAME=VALUE for a variable or NODE.SETTING=VALUE for a node's setting"));
            }
        }
    }

    private static String substitute(Variables vars, String raw, String section, String key, Workflow w, List<Problem> problems) {
        try {
            return vars.substitute(raw);
        } catch (BadInputException e) {
            problems.add(new Problem(section, key, w.line(section, key), e.getMessage()));
            return raw;
        }
    }

    private static List<Endpoint> connect(Workflow w, NodeInstance n, NodeFactory f, Map<String, NodeFactory> factories,
                                          List<Problem> problems) {
        List<Endpoint> resolved = new ArrayList<>();
        for (String port : n.inputs().keySet()) {
            if (f.inputs().stream().noneMatch(p -> p.name().equals(port))) {
                String near = Names.nearest(port, f.inputs().stream().map(Port::name).toList());
                problems.add(new Problem(n.id(), "in." + port, w.line(n.id(), "in." + port), "node type " + f.id()
                        + " has no input port '" + port + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")));
            }
        }
        for (Port in : f.inputs()) {
            String key = "in." + in.name();
            Endpoint src = n.inputs().get(in.name());
            if (src == null) {
                if (!in.optional()) {
                    problems.add(new Problem(n.id(), key, w.line(n.id(), null), "required input '" + in.name() + "' ("
                            + in.type().id() + ") is not connected; add " + key + " = NODE.PORT"));
                }
                resolved.add(null);
                continue;
            }
            Integer line = w.line(n.id(), key);
            NodeInstance up = w.nodes().get(src.node());
            if (up == null) {
                String near = Names.nearest(src.node(), w.nodes().keySet());
                problems.add(new Problem(n.id(), key, line, "connection from unknown node '" + src.node() + "'"
                        + (near == null ? "" : " (did you mean '" + near + "'?)")));
                resolved.add(null);
                continue;
            }
            NodeFactory upf = factories.get(src.node());
            if (upf == null) {
                resolved.add(null);
                continue;
            }
            Port out = upf.outputs().stream().filter(p -> p.name().equals(src.port())).findFirst().orElse(null);
            if (out == null) {
                String near = Names.nearest(src.port(), upf.outputs().stream().map(Port::name).toList());
                problems.add(new Problem(n.id(), key, line, "node '" + src.node() + "' (" + upf.id() + ") has no output port '"
                        + src.port() + "'" + (near == null ? "" : " (did you mean '" + near + "'?)")));
                resolved.add(null);
                continue;
            }
            if (!out.type().equals(in.type())) {
                problems.add(new Problem(n.id(), key, line, "cannot connect " + src + " (" + out.type().id() + ") to "
                        + n.id() + "." + in.name() + " (" + in.type().id() + "): port types differ"));
            }
            resolved.add(src);
        }
        return resolved;
    }

    /** Kahn's algorithm; nodes left over lie on a cycle, which is reported with its path. */
    private static List<String> topologicalOrder(Workflow w, Map<String, List<Endpoint>> inputs, List<Problem> problems) {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        Map<String, List<String>> downstream = new HashMap<>();
        for (String id : inputs.keySet()) {
            indegree.put(id, 0);
        }
        for (Map.Entry<String, List<Endpoint>> e : inputs.entrySet()) {
            for (Endpoint src : e.getValue()) {
                if (src != null && inputs.containsKey(src.node())) {
                    indegree.merge(e.getKey(), 1, Integer::sum);
                    downstream.computeIfAbsent(src.node(), x -> new ArrayList<>()).add(e.getKey());
                }
            }
        }
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((id, d) -> {
            if (d == 0) {
                ready.add(id);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String d : downstream.getOrDefault(id, List.of())) {
                if (indegree.merge(d, -1, Integer::sum) == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() < indegree.size()) {
            List<String> left = indegree.keySet().stream().filter(id -> !order.contains(id)).toList();
            List<String> cycle = cyclePath(left.get(0), inputs, left);
            problems.add(new Problem(cycle.get(0), null, w.line(cycle.get(0), null), "cycle: " + String.join(" -> ", cycle)));
        }
        return order;
    }

    /**
     * The cycle upstream of {@code start}, in the direction the data flows. Every node in {@code left} has an input
     * from another node in {@code left} (else it would have been ordered), so following those inputs reaches a cycle;
     * inputs from nodes that were ordered are not on it (following them named nodes outside the cycle).
     */
    private static List<String> cyclePath(String start, Map<String, List<Endpoint>> inputs, List<String> left) {
        List<String> path = new ArrayList<>();
        String cur = start;
        while (!path.contains(cur)) {
            path.add(cur);
            String next = null;
            for (Endpoint e : inputs.getOrDefault(cur, List.of())) {
                if (e != null && left.contains(e.node())) {
                    next = e.node();
                    break;
                }
            }
            if (next == null) {
                break;
            }
            cur = next;
        }
        path = new ArrayList<>(path.subList(path.indexOf(cur), path.size()));
        path.add(cur);
        java.util.Collections.reverse(path);
        return path;
    }

    private static List<CompiledNode> configure(Workflow w, List<String> order, Map<String, NodeFactory> factories,
                                                Map<String, NodeSettings> settings, Map<String, List<Endpoint>> inputs,
                                                List<Problem> problems) {
        Map<String, CompiledNode> done = new HashMap<>();
        List<CompiledNode> result = new ArrayList<>();
        for (String id : order) {
            NodeFactory f = factories.get(id);
            List<PortObjectSpec> inSpecs = new ArrayList<>();
            boolean upstreamOk = true;
            for (Endpoint e : inputs.get(id)) {
                if (e == null) {
                    inSpecs.add(null);
                    continue;
                }
                CompiledNode up = done.get(e.node());
                if (up == null) {
                    upstreamOk = false;
                    break;
                }
                int idx = portIndex(up.factory().outputs(), e.port());
                inSpecs.add(up.outputSpecs().get(idx));
            }
            if (!upstreamOk) {
                continue;
            }
            try {
                List<PortObjectSpec> outSpecs = f.createModel().configure(inSpecs, settings.get(id));
                if (outSpecs.size() != f.outputs().size()) {
                    throw new IllegalStateException(f.id() + ".configure returned " + outSpecs.size() + " specs for "
                            + f.outputs().size() + " output ports");
                }
                CompiledNode c = new CompiledNode(w.nodes().get(id), f, settings.get(id), inputs.get(id), outSpecs);
                done.put(id, c);
                result.add(c);
            } catch (BadInputException e) {
                String key = settingNamedIn(e.getMessage(), f);
                problems.add(new Problem(id, key, w.line(id, key), e.getMessage()));
            }
        }
        return result;
    }

    /**
     * The setting a configure message is about, when it starts by naming one ("setting 'file': file not found", the
     * convention of compute's messages), so that the problem points at that key: its line in the file, its field in
     * the studio. Null otherwise.
     */
    static String settingNamedIn(String message, NodeFactory f) {
        if (message == null || !message.startsWith("setting '")) {
            return null;
        }
        int end = message.indexOf('\'', 9);
        String key = end < 0 ? null : message.substring(9, end);
        return key != null && f.settings().all().stream().anyMatch(s -> s.key().equals(key)) ? key : null;
    }

    static int portIndex(List<Port> ports, String name) {
        for (int i = 0; i < ports.size(); i++) {
            if (ports.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no port " + name);
    }

    private static String fileName(Workflow w) {
        return w.file() == null ? null : w.file().getFileName().toString();
    }
}

package org.emflow.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emflow.sdk.NodeRegistry;
import org.junit.jupiter.api.Test;

class WorkflowCompilerTest {
    private final WorkflowCompiler compiler = new WorkflowCompiler(NodeRegistry.discover());

    private List<String> problems(String text) {
        Workflow w = WorkflowFile.parse(text, Path.of("/tmp"), "w.ini");
        WorkflowException e = assertThrows(WorkflowException.class, () -> compiler.compile(w, Map.of()));
        return e.problems().stream().map(p -> p.format("w.ini")).toList();
    }

    @Test
    void everyKindOfGraphErrorIsReportedAtOnceWithSectionAndLine() {
        List<String> p = problems("""
                [workflow]
                name = broken
                [a]
                type = test-source
                cuont = 3
                value = ${missing}
                [b]
                type = test-sorce
                [sum]
                type = test-sum
                in.c = a.numbers
                [sink]
                type = test-file-sink
                in.file = a.numbers
                [sum2]
                type = test-sum
                in.a = a.numbrs
                """);
        assertTrue(p.contains("w.ini:5: [a] cuont: unknown setting 'cuont' (did you mean 'count'?)"), p.toString());
        assertTrue(p.stream().anyMatch(x -> x.startsWith("w.ini:6: [a] value: undefined variable ${missing}")), p.toString());
        assertTrue(p.contains("w.ini:8: [b] type: unknown node type 'test-sorce' (did you mean 'test-source'?)"), p.toString());
        assertTrue(p.contains("w.ini:11: [sum] in.c: node type test-sum has no input port 'c' (did you mean 'a'?)"), p.toString());
        assertTrue(p.contains("w.ini:9: [sum] in.a: required input 'a' (table) is not connected; add in.a = NODE.PORT"), p.toString());
        assertTrue(p.contains("w.ini:14: [sink] in.file: cannot connect a.numbers (table) to sink.file (file): port types differ"),
                p.toString());
        assertTrue(p.contains("w.ini:17: [sum2] in.a: node 'a' (test-source) has no output port 'numbrs' (did you mean 'numbers'?)"),
                p.toString());
        assertEquals(7, p.size(), p.toString());
    }

    /** A node's configure message that names its setting points at that key: its line here, its field in the studio. */
    @Test
    void aConfigureProblemNamingItsSettingIsLocatedAtThatKey() {
        Workflow w = WorkflowFile.parse("""
                [workflow]
                name = lost
                [read]
                type = read-volume
                position = 10, 10
                file = /nonexistent/map.mrc
                """, Path.of("/tmp"), "w.ini");
        WorkflowException e = assertThrows(WorkflowException.class, () -> compiler.compile(w, Map.of()));
        Problem p = e.problems().get(0);
        assertEquals("file", p.key());
        assertEquals(6, p.line());
        assertEquals("w.ini:6: [read] setting 'file': file not found: /nonexistent/map.mrc", p.format("w.ini"), "the key said once");
    }

    @Test
    void cycleIsReportedWithItsPath() {
        List<String> p = problems("""
                [workflow]
                name = loop
                [x]
                type = test-sum
                in.a = y.sum
                [y]
                type = test-sum
                in.a = x.sum
                """);
        assertEquals(List.of("w.ini:3: [x] cycle: x -> y -> x"), p);
    }

    @Test
    void selfReferencingVariableIsReported() {
        List<String> p = problems("""
                [workflow]
                var.a = ${a}/x
                [s]
                type = test-source
                """);
        assertEquals(List.of("w.ini: [workflow] variable 'a' refers to itself: ${a} -> ${a}"), p);
    }

    @Test
    void badSettingValueIsReportedByTheConfigureStage() {
        List<String> p = problems("""
                [workflow]
                [s]
                type = test-source
                count = 0
                """);
        assertEquals(List.of("w.ini:4: [s] setting 'count' must be at least 1, not 0"), p);
    }

    @Test
    void setOverridesVariablesAndNodeSettings() {
        Workflow w = WorkflowFile.parse("""
                [workflow]
                var.v = 1
                [s]
                type = test-source
                value = ${v}
                """, Path.of("/tmp"), "w.ini");
        CompiledWorkflow c = compiler.compile(w, Map.of("v", "7", "s.count", "9"));
        assertEquals(7.0, c.node("s").settings().getDouble("value"));
        assertEquals(9, c.node("s").settings().getInt("count"));
        WorkflowException e = assertThrows(WorkflowException.class, () -> compiler.compile(w, Map.of("vv", "1")));
        assertTrue(e.getMessage().contains("--set vv: no variable 'vv' in this workflow (did you mean 'v'?)"), e.getMessage());
    }

    @Test
    void orderPutsInputsFirst() {
        Workflow w = WorkflowFile.parse("""
                [workflow]
                [sum]
                type = test-sum
                in.a = a.numbers
                in.b = b.numbers
                [b]
                type = test-source
                [a]
                type = test-source
                """, Path.of("/tmp"), "w.ini");
        List<String> order = compiler.compile(w, Map.of()).order().stream().map(CompiledNode::id).toList();
        assertEquals("sum", order.get(2));
    }
}

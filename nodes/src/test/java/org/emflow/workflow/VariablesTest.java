package org.emflow.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;

class VariablesTest {
    @Test
    void substitutesNestedVariablesAndOverridesWin() {
        Variables v = new Variables(Map.of("root", "/data", "star", "${root}/p.star", "box", "32"), Map.of("box", "64"), "/wf");
        assertEquals("/data/p.star box=64 in /wf costs $5", v.substitute("${star} box=${box} in ${workflow_dir} costs $$5"));
    }

    @Test
    void selfReferenceIsAClearError() {
        Variables v = new Variables(Map.of("a", "x${a}"), Map.of(), "/wf");
        BadInputException e = assertThrows(BadInputException.class, v::resolveAll);
        assertEquals("variable 'a' refers to itself: ${a} -> ${a}", e.getMessage());
    }

    @Test
    void indirectCycleNamesTheChain() {
        Map<String, String> defs = new LinkedHashMap<>();
        defs.put("a", "${b}");
        defs.put("b", "${c}");
        defs.put("c", "${a}");
        BadInputException e = assertThrows(BadInputException.class, () -> new Variables(defs, Map.of(), "/wf").resolveAll());
        assertEquals("variable 'a' refers to itself: ${a} -> ${b} -> ${c} -> ${a}", e.getMessage());
    }

    @Test
    void undefinedVariableSaysHowToDefineIt() {
        BadInputException e = assertThrows(BadInputException.class, () -> new Variables(Map.of(), Map.of(), "/wf").substitute("${snr}"));
        assertTrue(e.getMessage().startsWith("undefined variable ${snr}; define it as var.snr"), e.getMessage());
    }

    @Test
    void expansionIsBoundedInLength() {
        // Each level doubles the text: 2^30 characters if unbounded (the ini4j CVE's shape).
        Map<String, String> defs = new LinkedHashMap<>();
        defs.put("v0", "xxxxxxxxxxxxxxxx");
        for (int i = 1; i <= 30; i++) {
            defs.put("v" + i, "${v" + (i - 1) + "}${v" + (i - 1) + "}");
        }
        BadInputException e = assertThrows(BadInputException.class, () -> new Variables(defs, Map.of(), "/wf").resolveAll());
        assertTrue(e.getMessage().startsWith("variable expansion longer than 65536"), e.getMessage());
    }
}

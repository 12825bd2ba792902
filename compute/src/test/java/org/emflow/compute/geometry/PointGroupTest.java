package org.emflow.compute.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.geometry.PointGroup.Convention;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;

/**
 * The point groups against the operators RELION 3.1.3 prints ({@code relion_refine --sym S --print_symmetry_ops},
 * saved in relion-symmetry-ops.txt) and against the axis settings of SPARX's tables (EMAN2 libEM/transform.cpp,
 * {@code get_sym_proj}: tet, oct, icos; Symmetry3D for c and d), which differ from RELION's for T and I.
 */
class PointGroupTest {
    static Map<String, List<double[]>> relionOperators() throws IOException {
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PointGroupTest.class.getResourceAsStream("relion-symmetry-ops.txt"), StandardCharsets.UTF_8))) {
            List<double[]> current = null;
            List<Double> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("== ")) {
                    current = new ArrayList<>();
                    groups.put(line.substring(3).trim(), current);
                    continue;
                }
                for (String f : line.trim().split("\\s+")) {
                    rows.add(Double.parseDouble(f));
                }
                if (rows.size() == 9) {
                    current.add(rows.stream().mapToDouble(Double::doubleValue).toArray());
                    rows.clear();
                }
            }
        }
        return groups;
    }

    private static void assertSameSet(List<double[]> expected, PointGroup g, double tolerance) {
        assertEquals(expected.size(), g.order(), g.name() + " order");
        for (double[] e : expected) {
            boolean found = false;
            for (int k = 0; k < g.order() && !found; k++) {
                double[] o = g.operator(k);
                boolean same = true;
                for (int i = 0; i < 9 && same; i++) {
                    same = Math.abs(o[i] - e[i]) < tolerance;
                }
                found = same;
            }
            assertTrue(found, g.name() + " lacks " + java.util.Arrays.toString(e));
        }
    }

    private static List<double[]> all(PointGroup g) {
        List<double[]> l = new ArrayList<>();
        for (int k = 0; k < g.order(); k++) {
            l.add(g.operator(k));
        }
        return l;
    }

    @Test
    void relionGroupsAreTheOperatorsRelionPrints() throws IOException {
        Map<String, List<double[]>> relion = relionOperators();
        assertEquals(List.of("C1", "C7", "D2", "D3", "D5", "T", "O", "I1", "I2", "I3", "I4"), List.copyOf(relion.keySet()));
        for (Map.Entry<String, List<double[]>> e : relion.entrySet()) {
            assertSameSet(e.getValue(), PointGroup.of(e.getKey(), Convention.RELION), 1e-5);
        }
        assertSameSet(relion.get("I2"), PointGroup.of("I", Convention.RELION), 1e-5); // RELION's I is I2
    }

    @Test
    void everyGroupIsClosedAndStartsWithTheIdentity() {
        for (String s : new String[] {"C1", "C6", "D4", "T", "O", "I1", "I2", "I3", "I4"}) {
            PointGroup g = PointGroup.of(s, Convention.RELION);
            assertEquals(List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0), java.util.Arrays.stream(g.operator(0)).boxed().toList());
            List<double[]> ops = all(g);
            for (double[] a : ops) {
                for (double[] b : ops) {
                    assertTrue(PointGroup.indexOf(ops, Conventions.multiply(a, b)) >= 0, s + " is not closed");
                }
                double det = a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
                assertEquals(1, det, 1e-12, "proper rotations only");
            }
        }
    }

    @Test
    void sparxSettingsFollowItsTables() throws IOException {
        Map<String, List<double[]>> relion = relionOperators();
        double r5 = 1 / Math.sqrt(5);
        // c and d: EMAN2's Symmetry3D, the same axes as RELION's
        assertSameSet(relion.get("C7"), PointGroup.of("c7", Convention.SPARX), 1e-5);
        assertSameSet(relion.get("D5"), PointGroup.of("d5", Convention.SPARX), 1e-5);
        // oct: all 24 signed permutation matrices, as RELION's O
        assertSameSet(relion.get("O"), PointGroup.of("oct", Convention.SPARX), 1e-5);
        // tet: 3-fold on z and the 2-fold [[1/3, 0, sqrt(8)/3], [0, -1, 0], [sqrt(8)/3, 0, -1/3]] of SPARX's table (its fifth)
        PointGroup tet = PointGroup.of("tet", Convention.SPARX);
        assertEquals(12, tet.order());
        double s8 = Math.sqrt(8) / 3;
        assertTrue(PointGroup.indexOf(all(tet), new double[] {1.0 / 3, 0, s8, 0, -1, 0, s8, 0, -1.0 / 3}) >= 0);
        assertTrue(PointGroup.indexOf(all(PointGroup.of("T", Convention.RELION)), new double[] {1.0 / 3, 0, s8, 0, -1, 0, s8, 0, -1.0 / 3}) < 0,
                "RELION's T is another setting: its 2-fold lies in the yz plane");
        // icos: 5-fold on z and the 2-fold [[-1/sqrt5, 0, 2/sqrt5], [0, -1, 0], [2/sqrt5, 0, 1/sqrt5]] (the table's eighth):
        // RELION's I4 setting
        PointGroup icos = PointGroup.of("icos", Convention.SPARX);
        assertTrue(PointGroup.indexOf(all(icos), new double[] {-r5, 0, 2 * r5, 0, -1, 0, 2 * r5, 0, r5}) >= 0);
        assertSameSet(relion.get("I4"), icos, 1e-5);
    }

    @Test
    void unknownNamesAreBadInputNamingTheChoices() {
        BadInputException e = assertThrows(BadInputException.class, () -> PointGroup.of("icos", Convention.RELION));
        assertTrue(e.getMessage().contains("I1, I2, I3, I4"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> PointGroup.of("I2", Convention.SPARX));
        assertTrue(e.getMessage().contains("tet, oct, icos"), e.getMessage());
        assertThrows(BadInputException.class, () -> PointGroup.of("C0", Convention.RELION));
        assertEquals("c3", PointGroup.of(" C3 ", Convention.SPARX).name());
    }
}

package org.emflow.compute.geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.util.BadInputException;

/**
 * A point group's rotations S (row-major 3×3, identity first) under which a map is invariant, V(S·x) = V(x); a
 * view A is then equivalent to every A·S, which is how reconstructors insert a slice once per operator. The
 * groups are generated from two or three rotations and closed under multiplication; where the programs place
 * the symmetry axes differently, each setting is its own group, pinned by tests to the operators the program
 * itself prints or tabulates:
 *
 * <table>
 * <caption>Settings</caption>
 * <tr><th>RELION</th><th>SPARX / EMAN2</th><th>axes</th></tr>
 * <tr><td>Cn</td><td>cn</td><td>n-fold along z</td></tr>
 * <tr><td>Dn</td><td>dn</td><td>n-fold along z, a 2-fold along x</td></tr>
 * <tr><td>T</td><td></td><td>3-fold along z, a 2-fold in the yz plane, (0, √(2/3), 1/√3)</td></tr>
 * <tr><td></td><td>tet</td><td>3-fold along z, a 2-fold in the xz plane, (√(2/3), 0, 1/√3)</td></tr>
 * <tr><td>O</td><td>oct</td><td>4-folds along x, y and z</td></tr>
 * <tr><td>I1</td><td></td><td>2-folds along x, y, z; 5-folds in the xz plane, (τ, 0, −1)</td></tr>
 * <tr><td>I2 (RELION's default I)</td><td></td><td>2-folds along x, y, z; 5-folds in the xz plane, (1, 0, τ)</td></tr>
 * <tr><td>I3</td><td></td><td>5-fold along z, another at (−2, 0, 1)/√5</td></tr>
 * <tr><td>I4</td><td>icos</td><td>5-fold along z, another at (2, 0, 1)/√5</td></tr>
 * </table>
 * (τ = golden ratio; vectors up to length.)
 */
public final class PointGroup {
    /** Whose names and axis settings a symmetry name follows. */
    public enum Convention { RELION, SPARX }

    private static final double TAU = (1 + Math.sqrt(5)) / 2;
    private static final double[] X = {1, 0, 0};
    private static final double[] Z = {0, 0, 1};

    private final String name;
    private final List<double[]> operators;

    private PointGroup(String name, List<double[]> operators) {
        this.name = name;
        this.operators = operators;
    }

    /**
     * The group named {@code symmetry} in {@code convention}: RELION's C1, Cn, Dn, T, O, I (= I2), I1..I4, or SPARX's
     * c1, cn, dn, tet, oct, icos; case-insensitive.
     *
     * @throws BadInputException naming the symmetry and the names that exist
     */
    public static PointGroup of(String symmetry, Convention convention) {
        String s = symmetry == null ? "" : symmetry.strip().toUpperCase(Locale.ROOT);
        List<double[]> gens = new ArrayList<>();
        if (s.matches("[CD][1-9][0-9]*")) {
            int n = Integer.parseInt(s.substring(1));
            gens.add(rotation(Z, 360.0 / n));
            if (s.charAt(0) == 'D') {
                gens.add(rotation(X, 180));
            }
        } else if (convention == Convention.RELION) {
            switch (s) {
                case "T" -> gens.addAll(List.of(rotation(Z, 120), rotation(new double[] {0, Math.sqrt(2.0 / 3), Math.sqrt(1.0 / 3)}, 180)));
                case "O" -> gens.addAll(List.of(rotation(Z, 90), rotation(X, 90)));
                case "I1" -> gens.addAll(List.of(rotation(new double[] {TAU, 0, -1}, 72), rotation(X, 180), rotation(Z, 180)));
                case "I", "I2" -> gens.addAll(List.of(rotation(new double[] {1, 0, TAU}, 72), rotation(X, 180), rotation(Z, 180)));
                case "I3" -> gens.addAll(List.of(rotation(Z, 72), rotation(new double[] {-2, 0, 1}, 72)));
                case "I4" -> gens.addAll(List.of(rotation(Z, 72), rotation(new double[] {2, 0, 1}, 72)));
                default -> throw unknown(symmetry, "C1, Cn, Dn, T, O, I (= I2), I1, I2, I3, I4");
            }
        } else {
            switch (s) {
                case "TET" -> gens.addAll(List.of(rotation(Z, 120), rotation(new double[] {Math.sqrt(2.0 / 3), 0, Math.sqrt(1.0 / 3)}, 180)));
                case "OCT" -> gens.addAll(List.of(rotation(Z, 90), rotation(X, 90)));
                case "ICOS" -> gens.addAll(List.of(rotation(Z, 72), rotation(new double[] {1, 0, TAU}, 180)));
                default -> throw unknown(symmetry, "c1, cn, dn, tet, oct, icos");
            }
        }
        String display = convention == Convention.SPARX ? s.toLowerCase(Locale.ROOT) : s;
        return new PointGroup(display, close(gens));
    }

    private static BadInputException unknown(String symmetry, String names) {
        return new BadInputException("unknown symmetry '" + symmetry + "' (expected " + names + ")");
    }

    public String name() {
        return name;
    }

    /** Number of operators: n for Cn, 2n for Dn, 12, 24, 60. */
    public int order() {
        return operators.size();
    }

    /** Operator {@code k} (a copy), row-major; operator 0 is the identity. */
    public double[] operator(int k) {
        return operators.get(k).clone();
    }

    /** The rotation by {@code degrees} about {@code axis} (any length), row-major, right-handed (Rodrigues). */
    static double[] rotation(double[] axis, double degrees) {
        double len = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
        double x = axis[0] / len, y = axis[1] / len, z = axis[2] / len;
        double a = Math.toRadians(degrees);
        double c = Math.cos(a), s = Math.sin(a), t = 1 - c;
        return new double[] {
            t * x * x + c, t * x * y - s * z, t * x * z + s * y,
            t * x * y + s * z, t * y * y + c, t * y * z - s * x,
            t * x * z - s * y, t * y * z + s * x, t * z * z + c};
    }

    /** The group the generators span: products until nothing new appears (duplicates within 1e-9). */
    private static List<double[]> close(List<double[]> generators) {
        List<double[]> group = new ArrayList<>();
        group.add(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        for (int i = 0; i < group.size(); i++) {
            for (double[] g : generators) {
                double[] p = Conventions.multiply(group.get(i), g);
                if (indexOf(group, p) < 0) {
                    if (group.size() >= 60) {
                        throw new IllegalStateException("generators span more than 60 rotations");
                    }
                    group.add(snap(p));
                }
            }
        }
        return List.copyOf(group);
    }

    /** The index of {@code m} in {@code list} within 1e-9 per element, or −1. */
    static int indexOf(List<double[]> list, double[] m) {
        for (int i = 0; i < list.size(); i++) {
            double[] o = list.get(i);
            boolean same = true;
            for (int k = 0; k < 9 && same; k++) {
                same = Math.abs(o[k] - m[k]) < 1e-9;
            }
            if (same) {
                return i;
            }
        }
        return -1;
    }

    /** Rounds off the float noise of long products (an element within 1e-12 of 0 or ±1 becomes exact). */
    private static double[] snap(double[] m) {
        for (int k = 0; k < 9; k++) {
            for (double v : new double[] {0, 1, -1}) {
                if (Math.abs(m[k] - v) < 1e-12) {
                    m[k] = v;
                }
            }
        }
        return m;
    }
}

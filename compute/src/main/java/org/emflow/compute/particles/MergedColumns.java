package org.emflow.compute.particles;

import java.util.HashMap;
import java.util.Map;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.util.BadInputException;

/**
 * The columns of a particles loop, with those it lacks looked up in its optics group (RELION 3.1+:
 * data_optics rows joined on rlnOpticsGroup). Values are per particle row.
 */
final class MergedColumns {
    static final String OPTICS_GROUP = "rlnOpticsGroup";

    private final StarLoop particles;
    private final StarLoop optics;
    private final int[] opticsRow;

    MergedColumns(StarLoop particles, StarLoop optics) {
        this.particles = particles;
        this.optics = optics;
        if (optics != null && optics.hasColumn(OPTICS_GROUP) && particles.hasColumn(OPTICS_GROUP)) {
            Map<Integer, Integer> byGroup = new HashMap<>();
            int[] groups = optics.ints(OPTICS_GROUP);
            for (int r = 0; r < groups.length; r++) {
                if (byGroup.put(groups[r], r) != null) {
                    throw new BadInputException(optics.source() + ": line " + optics.line(r) + ": optics group "
                            + groups[r] + " is defined twice");
                }
            }
            int[] pg = particles.ints(OPTICS_GROUP);
            opticsRow = new int[pg.length];
            for (int r = 0; r < pg.length; r++) {
                Integer o = byGroup.get(pg[r]);
                if (o == null) {
                    throw new BadInputException(particles.source() + ": line " + particles.line(r) + ": optics group "
                            + pg[r] + " is not in data_optics");
                }
                opticsRow[r] = o;
            }
        } else if (optics != null && optics.rowCount() == 1) {
            opticsRow = new int[particles.rowCount()]; // a single optics group applies to every row
        } else {
            opticsRow = null;
        }
    }

    StarLoop particles() {
        return particles;
    }

    int rows() {
        return particles.rowCount();
    }

    boolean has(String name) {
        return particles.hasColumn(name) || (opticsRow != null && optics.hasColumn(name));
    }

    /** The first of {@code names} present, or null. */
    String first(String... names) {
        for (String n : names) {
            if (has(n)) {
                return n;
            }
        }
        return null;
    }

    /** Per-row doubles of {@code name} (particles block first, then optics), every one finite; null when absent. */
    double[] doubles(String name) {
        if (name == null) {
            return null;
        }
        if (particles.hasColumn(name)) {
            return particles.finiteDoubles(name);
        }
        if (opticsRow != null && optics.hasColumn(name)) {
            double[] o = optics.finiteDoubles(name);
            double[] out = new double[opticsRow.length];
            for (int r = 0; r < out.length; r++) {
                out[r] = o[opticsRow[r]];
            }
            return out;
        }
        return null;
    }

    /** Like {@link #doubles} but a missing column is an error naming the file and the column. */
    double[] require(String name) {
        double[] d = doubles(name);
        if (d == null) {
            throw new BadInputException(particles.source() + ": missing required column _" + name);
        }
        return d;
    }

    /** Per-row strings of {@code name}; null when absent. */
    String[] strings(String name) {
        if (name == null) {
            return null;
        }
        if (particles.hasColumn(name)) {
            return particles.strings(name);
        }
        if (opticsRow != null && optics.hasColumn(name)) {
            String[] o = optics.strings(name);
            String[] out = new String[opticsRow.length];
            for (int r = 0; r < out.length; r++) {
                out[r] = o[opticsRow[r]];
            }
            return out;
        }
        return null;
    }
}

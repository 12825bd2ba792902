package org.emflow.node;

import org.emflow.compute.geometry.PointGroup;
import org.emflow.compute.util.BadInputException;

/** The {@code sym} setting of the SPARX nodes (align, variance): a wrong point group is named at configure time. */
public final class SymmetrySetting {
    private SymmetrySetting() {
    }

    /** Throws a bad-input error naming the setting when {@code sym} is not a SPARX point group. */
    public static void check(String sym) {
        try {
            PointGroup.of(sym, PointGroup.Convention.SPARX);
        } catch (BadInputException e) {
            throw new BadInputException("setting 'sym' " + e.getMessage(), e);
        }
    }
}

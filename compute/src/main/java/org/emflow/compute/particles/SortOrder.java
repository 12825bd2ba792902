package org.emflow.compute.particles;

import java.util.Locale;
import org.emflow.compute.util.BadInputException;

/** How the images of each particle are ordered before {@code --use-first-ntilts} keeps the first N. */
public enum SortOrder {
    /** File order. */
    UNSORTED,
    /** Ascending cumulative dose (ties keep file order). */
    DOSE_ASCENDING,
    /** A seeded random permutation per particle. */
    RANDOM;

    /** The order named as on tomoDRGN's command line ({@code unsorted}, {@code dose_ascending}, {@code random}). */
    public static SortOrder parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("setting 'sort-ptcl-imgs': '" + name + "' is not one of unsorted, dose_ascending, random");
        }
    }

    /** The command-line spelling. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package org.emflow.compute.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointTest {
    private static String fixed(double v, int width, int decimals) {
        return FixedPoint.append(new StringBuilder(), v, width, decimals).toString();
    }

    @Test
    void matchesStringFormatOnRandomValues() {
        Random r = new Random(7);
        for (int k = 0; k < 200_000; k++) {
            int decimals = r.nextInt(7);
            int width = r.nextInt(12);
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(9) - 4);
            String expected = String.format(Locale.ROOT, "%" + (width == 0 ? "" : width) + "." + decimals + "f", v);
            assertEquals(expected, fixed(v, width, decimals), () -> "value " + v);
        }
    }

    @Test
    void edgeCases() {
        assertEquals("   -0.000", fixed(-0.0001, 9, 3));
        assertEquals("-0.000", fixed(-0.0, 0, 3));
        assertEquals("    0.500", fixed(0.4995, 9, 3));
        assertEquals("   12", fixed(12.4, 5, 0));
        assertEquals("      NaN", fixed(Double.NaN, 9, 3));
        assertEquals(String.format(Locale.ROOT, "%9.3f", 1e20), fixed(1e20, 9, 3));
        assertEquals("   29", FixedPoint.append(new StringBuilder(), 29, 5).toString());
        assertEquals("-7", FixedPoint.append(new StringBuilder(), -7, 0).toString());
    }
}

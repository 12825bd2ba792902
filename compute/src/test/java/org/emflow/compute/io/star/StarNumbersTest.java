package org.emflow.compute.io.star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StarNumbersTest {
    /** Both paths (15 digits or fewer, and the rest) give exactly Double.parseDouble's double. */
    @Test
    void everyNumberIsTheCorrectlyRoundedDouble() {
        SplittableRandom r = new SplittableRandom(7);
        boolean[] ok = new boolean[1];
        for (int i = 0; i < 40_000; i++) {
            double x = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(x)) {
                continue;
            }
            double small = r.nextDouble(-1e5, 1e5);
            for (String s : new String[] { Double.toString(x), Double.toString(small), String.format(Locale.ROOT, "%.17g", small),
                    String.format(Locale.ROOT, "%.6f", small), String.format(Locale.ROOT, "%.3e", x) }) {
                byte[] b = s.getBytes(StandardCharsets.US_ASCII);
                double v = StarNumbers.parse(b, 0, b.length, ok);
                assertTrue(ok[0], s);
                assertEquals(Double.doubleToLongBits(Double.parseDouble(s)), Double.doubleToLongBits(v), s);
            }
        }
    }
}

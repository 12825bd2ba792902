package org.emflow.compute.util;

import java.util.Locale;

/**
 * Right-aligned fixed-point numbers ({@code %W.Df}, {@code %Wd} of {@link String#format}) appended to a
 * StringBuilder without {@link java.util.Formatter}. For tables logged many times in a short run (the
 * focal-series displacement tables: thousands of numbers in a few seconds), where the Formatter's parsing and
 * the JIT compiling it cost more CPU than the computation being logged. Same text as {@code String.format}
 * with {@link Locale#ROOT} (half-up rounding, "-0.000" for small negatives); non-finite and very large values
 * go through the Formatter itself.
 */
public final class FixedPoint {
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L};

    private FixedPoint() {
    }

    /** Appends {@code v} with {@code decimals} (0-9) digits after the point, left-padded with spaces to {@code width}. */
    public static StringBuilder append(StringBuilder sb, double v, int width, int decimals) {
        long scale = POW10[decimals];
        double a = Math.abs(v);
        if (!(a * scale < 1e15)) {
            return sb.append(String.format(Locale.ROOT, "%" + width + "." + decimals + "f", v));
        }
        int start = sb.length();
        long scaled = Math.round(a * scale);
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            sb.append('-');
        }
        sb.append(scaled / scale);
        if (decimals > 0) {
            sb.append('.');
            String frac = Long.toString(scaled % scale);
            for (int i = frac.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(frac);
        }
        return pad(sb, start, width);
    }

    /** Appends {@code v} left-padded with spaces to {@code width}. */
    public static StringBuilder append(StringBuilder sb, long v, int width) {
        int start = sb.length();
        sb.append(v);
        return pad(sb, start, width);
    }

    private static StringBuilder pad(StringBuilder sb, int start, int width) {
        int missing = width - (sb.length() - start);
        for (int i = 0; i < missing; i++) {
            sb.insert(start, ' ');
        }
        return sb;
    }
}

package org.emflow.compute.io.star;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Parses numbers straight from the bytes of a STAR file, without a String per cell. Accepts what
 * RELION and numpy write: optional sign, digits, fraction, exponent, and {@code nan}, {@code inf},
 * {@code infinity} in any case. Decimal values with at most 15 significant digits and a power of ten
 * within 10^±22 are converted exactly by one multiplication or division (Clinger 1990, "How to read
 * floating point numbers accurately", PLDI: both operands are exact doubles, so the single rounding is
 * correct); anything else goes to fastdoubleparser's {@code JavaDoubleParser}, as exact as {@link Double#parseDouble}.
 */
final class StarNumbers {
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private StarNumbers() {
    }

    /** The number in {@code b[from..to)}, or NaN with {@code ok[0] = false} when it is not a number. */
    static double parse(byte[] b, int from, int to, boolean[] ok) {
        ok[0] = true;
        int i = from;
        if (i >= to) {
            ok[0] = false;
            return Double.NaN;
        }
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exp10 = 0;
        int start = i;
        boolean any = false;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            any = true;
            if (digits < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
                if (mantissa != 0) {
                    digits++;
                }
            } else {
                exp10++;
                digits++;
            }
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                any = true;
                if (digits < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    if (mantissa != 0) {
                        digits++;
                    }
                    exp10--;
                } else {
                    digits++;
                }
                i++;
            }
        }
        if (!any) {
            return special(b, from, to, ok);
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNeg = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                expNeg = b[i] == '-';
                i++;
            }
            int e = 0;
            boolean expDigits = false;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                expDigits = true;
                if (e < 100000) {
                    e = e * 10 + (b[i] - '0');
                }
                i++;
            }
            if (!expDigits) {
                ok[0] = false;
                return Double.NaN;
            }
            exp10 += expNeg ? -e : e;
        }
        if (i != to) {
            ok[0] = false;
            return Double.NaN;
        }
        double v;
        if (digits <= 15 && Math.abs(exp10) <= 22) {
            v = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
        } else {
            // Correctly rounded like Double.parseDouble (the syntax is checked above), without a String and
            // without the JDK's big-integer path for 16-17 digits.
            v = JavaDoubleParser.parseDouble(b, start, to - start);
        }
        return negative ? -v : v;
    }

    private static double special(byte[] b, int from, int to, boolean[] ok) {
        int i = from;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        String word = new String(b, i, to - i, java.nio.charset.StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        switch (word) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                ok[0] = false;
                return Double.NaN;
        }
    }

    /** The integer in {@code b[from..to)}, or {@code ok[0] = false} when it is not an integer (or out of int range). */
    static int parseInt(byte[] b, int from, int to, boolean[] ok) {
        ok[0] = false;
        int i = from;
        if (i >= to) {
            return 0;
        }
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        if (i >= to) {
            return 0;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return 0;
            }
            v = v * 10 + d;
            if (v > 1L + Integer.MAX_VALUE) {
                return 0;
            }
        }
        v = negative ? -v : v;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return 0;
        }
        ok[0] = true;
        return (int) v;
    }
}

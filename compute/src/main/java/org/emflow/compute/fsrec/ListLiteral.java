package org.emflow.compute.fsrec;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the bracketed number lists of PyFSRec parameter files, such as {@code [512, 512]},
 * {@code [-270,-90]} or {@code [[5,10],13,[15,20]]} (a subset of Python list literals: numbers and
 * nested lists). A bare number is also accepted. Elements are {@link Double} or {@link List}.
 */
final class ListLiteral {
    private final String s;
    private int pos;

    private ListLiteral(String s) {
        this.s = s;
    }

    /** Parses {@code text}; throws IllegalArgumentException with a short reason. */
    static Object parse(String text) {
        ListLiteral p = new ListLiteral(text.trim());
        if (p.s.isEmpty()) {
            throw new IllegalArgumentException("empty value");
        }
        Object v = p.value();
        p.skipSpace();
        if (p.pos != p.s.length()) {
            throw new IllegalArgumentException("unexpected text '" + p.s.substring(p.pos) + "'");
        }
        return v;
    }

    /** A flat list of numbers (a bare number counts as a list of one). */
    static double[] numbers(String text) {
        Object v = parse(text);
        if (v instanceof Double d) {
            return new double[] {d};
        }
        List<?> list = (List<?>) v;
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Double d)) {
                throw new IllegalArgumentException("expected a flat list of numbers");
            }
            out[i] = d;
        }
        return out;
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private Object value() {
        skipSpace();
        if (pos >= s.length()) {
            throw new IllegalArgumentException("unexpected end of value");
        }
        char c = s.charAt(pos);
        if (c == '[' || c == '(') {
            char close = c == '[' ? ']' : ')';
            pos++;
            List<Object> out = new ArrayList<>();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == close) {
                pos++;
                return out;
            }
            while (true) {
                out.add(value());
                skipSpace();
                if (pos >= s.length()) {
                    throw new IllegalArgumentException("missing '" + close + "'");
                }
                char d = s.charAt(pos++);
                if (d == close) {
                    return out;
                }
                if (d != ',') {
                    throw new IllegalArgumentException("expected ',' or '" + close + "' but found '" + d + "'");
                }
                skipSpace();
                if (pos < s.length() && s.charAt(pos) == close) {
                    pos++;
                    return out;
                }
            }
        }
        int start = pos;
        while (pos < s.length() && "+-.0123456789eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("expected a number or '[' but found '" + c + "'");
        }
        String num = s.substring(start, pos);
        try {
            return Double.parseDouble(num);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + num + "' is not a number");
        }
    }
}

package org.emflow.workflow;

/**
 * How a value is written in a workflow INI file so that every string comes back unchanged. A value is written
 * as it is unless the INI syntax would change it: a line break would end it (and could start a new section),
 * surrounding white space is trimmed on reading, a control character or a lone surrogate does not survive
 * UTF-8. Such a value, and any value that starts with a double quote, is written as a quoted string with
 * JSON's escapes: {@code description = "first line\nsecond line"}.
 */
final class IniValue {
    private IniValue() {
    }

    /** The text to write after {@code key = }. */
    static String quote(String value) {
        if (!needsQuotes(value)) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length() + 8).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (isUnsafe(value, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The value that {@code written} (as read, trimmed) stands for; a malformed quoted string is an error. */
    static String unquote(String written) {
        if (!written.startsWith("\"")) {
            return written;
        }
        if (written.length() < 2 || !written.endsWith("\"") || endsInEscape(written)) {
            throw new IllegalArgumentException("a value that starts with \" must be a quoted string ending in \"");
        }
        StringBuilder b = new StringBuilder(written.length());
        for (int i = 1; i < written.length() - 1; i++) {
            char c = written.charAt(i);
            if (c == '"') {
                throw new IllegalArgumentException("an unescaped \" inside a quoted string (write \\\")");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = written.charAt(++i);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 > written.length() - 2 || !written.substring(i + 1, i + 5).matches("[0-9A-Fa-f]{4}")) {
                        throw new IllegalArgumentException("\\u must be followed by four hexadecimal digits");
                    }
                    b.append((char) Integer.parseInt(written.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in a quoted string");
            }
        }
        return b.toString();
    }

    /** True when the closing quote is itself escaped (an odd run of backslashes before it). */
    private static boolean endsInEscape(String written) {
        int n = 0;
        for (int i = written.length() - 2; i >= 1 && written.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    private static boolean needsQuotes(String v) {
        if (v.isEmpty()) {
            return false;
        }
        if (v.charAt(0) == '"' || v.charAt(0) <= ' ' || v.charAt(v.length() - 1) <= ' ') {
            return true;
        }
        for (int i = 0; i < v.length(); i++) {
            if (isUnsafe(v, i)) {
                return true;
            }
        }
        return false;
    }

    /** Characters that a line-based UTF-8 INI file does not carry verbatim. */
    private static boolean isUnsafe(String v, int i) {
        char c = v.charAt(i);
        if (c < ' ' || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(v.charAt(i - 1));
        }
        return false;
    }

    /** Keys, node ids and variable names: what the reader takes as one key. */
    static boolean isValidKey(String key) {
        return key.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    }
}

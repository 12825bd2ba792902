package org.emflow.compute.io.star;

/**
 * The STAR dialect RELION reads and writes (Hall 1991, J. Chem. Inf. Comput. Sci. 31:326, as
 * restricted by RELION's MetaDataTable): {@code data_NAME} opens a block; {@code _key value} pairs, or
 * {@code loop_} followed by {@code _column} lines (an optional {@code #N} after the name is ignored on
 * read and written as the 1-based column number) and then one row per line; {@code #} at the start
 * of a token starts a comment; values with blanks are quoted with {@code '} or {@code "}. Semicolon
 * text fields and save frames are not part of RELION's dialect and are not read.
 */
final class StarSyntax {
    private StarSyntax() {
    }

    static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0b || c == '\f';
    }

    /** {@code value} as a STAR token: quoted when it is empty or would otherwise read as something else. */
    static String quoteIfNeeded(String value) {
        boolean needs = value.isEmpty() || value.startsWith("_") || value.startsWith("#") || value.startsWith("'")
                || value.startsWith("\"") || value.startsWith(";") || value.regionMatches(true, 0, "data_", 0, 5)
                || value.regionMatches(true, 0, "loop_", 0, 5) || value.regionMatches(true, 0, "save_", 0, 5)
                || value.regionMatches(true, 0, "global_", 0, 7) || value.regionMatches(true, 0, "stop_", 0, 5);
        for (int i = 0; i < value.length() && !needs; i++) {
            char c = value.charAt(i);
            needs = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
        if (!needs) {
            return value;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a STAR value cannot hold a line break: " + value);
        }
        // A quote closes only when followed by a blank, so a value holding "' " needs the other quote.
        return value.contains("' ") || value.endsWith("'") ? '"' + value + '"' : "'" + value + "'";
    }

    /** {@code token} without its enclosing quotes. */
    static String unquote(String token) {
        int n = token.length();
        if (n >= 2 && (token.charAt(0) == '\'' || token.charAt(0) == '"') && token.charAt(n - 1) == token.charAt(0)) {
            return token.substring(1, n - 1);
        }
        return token;
    }
}

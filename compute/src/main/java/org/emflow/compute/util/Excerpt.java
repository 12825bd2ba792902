package org.emflow.compute.util;

/**
 * How an error message quotes the text it complains about: in single quotes, at most {@link #MAX} characters,
 * control and invisible characters as escapes. A message names what is wrong without echoing a file's content
 * (the studio shows problems to the page; a file named by mistake must not come back whole).
 */
public final class Excerpt {
    /** Characters of the offending text that a message quotes. */
    public static final int MAX = 40;

    private Excerpt() {
    }

    /** {@code 'text'}, shortened to {@link #MAX} characters with "..." and with control characters escaped. */
    public static String of(String text) {
        return "'" + escaped(text == null ? "" : text, MAX, false) + "'";
    }

    /**
     * {@code text} with control and invisible characters as {@code \\uXXXX} (line breaks too unless
     * {@code keepLineBreaks}), at most {@code max} characters of it, then "..." when it was longer.
     */
    public static String escaped(String text, int max, boolean keepLineBreaks) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 8);
        int shown = 0;
        for (int i = 0; i < text.length(); i++) {
            if (shown == max) {
                return b.append("...").toString();
            }
            char c = text.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            boolean invisible = c < ' ' && !(keepLineBreaks && c == '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028
                    || c == 0x2029 || Character.isSurrogate(c) && !pairedSurrogate;
            b.append(invisible ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            shown++;
        }
        return b.toString();
    }

    /** At most {@code max} of {@code problems}, then how many were left out. */
    public static String firstOf(java.util.List<String> problems, int max, String separator) {
        if (problems.size() <= max) {
            return String.join(separator, problems);
        }
        return String.join(separator, problems.subList(0, max)) + separator + "... and " + (problems.size() - max) + " more";
    }
}

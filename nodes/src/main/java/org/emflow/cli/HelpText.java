package org.emflow.cli;

/** Text for picocli's help, which reads descriptions as format strings. */
final class HelpText {
    private HelpText() {
    }

    /** {@code text} as it should read in --help: a "95 %" would otherwise make picocli warn and drop it. */
    static String literal(String text) {
        return text.replace("%", "%%");
    }

    static String[] literal(String[] lines) {
        return java.util.Arrays.stream(lines).map(HelpText::literal).toArray(String[]::new);
    }
}

package org.emflow.studio;

/** What the page is told of a problem: the message, at most {@value #MAX} characters, control characters but line breaks escaped. */
final class Messages {
    static final int MAX = 600;

    private Messages() {
    }

    static String shorten(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(message.length(), MAX) + 4);
        int i = 0;
        for (; i < message.length() && b.length() < MAX; i++) {
            char c = message.charAt(i);
            if ((c < ' ' && c != '\n') || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return i < message.length() ? b.append("...").toString() : b.toString();
    }
}

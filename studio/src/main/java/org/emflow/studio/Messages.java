package org.emflow.studio;

/** What the page is told of a problem: the message, at most {@value #MAX} characters, control characters but line breaks escaped. */
final class Messages {
    static final int MAX = 600;

    private Messages() {
    }

    static String shorten(String message) {
        return message == null ? null : org.emflow.compute.util.Excerpt.escaped(message, MAX, true);
    }
}

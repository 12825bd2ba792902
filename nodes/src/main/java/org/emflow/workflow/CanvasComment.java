package org.emflow.workflow;

/**
 * A note on the studio's canvas, kept in the workflow file as a {@code [comment.N]} section (text, x, y, width,
 * height). Comments are for readers only: the compiler and the runner never see them, and reading and writing a
 * file keeps them as they were.
 *
 * @param text   any text (several lines, quotes, section syntax: written as a quoted value when it must be)
 * @param x      left edge on the canvas
 * @param y      top edge on the canvas
 * @param width  width on the canvas, positive
 * @param height height on the canvas, positive
 */
public record CanvasComment(String text, double x, double y, double width, double height) {
    /** The size of a comment whose section gives none. */
    public static final double DEFAULT_WIDTH = 220;
    public static final double DEFAULT_HEIGHT = 120;

    public CanvasComment {
        text = text == null ? "" : text;
    }
}

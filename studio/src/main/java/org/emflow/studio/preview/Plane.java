package org.emflow.studio.preview;

/**
 * A 2-D image for the page, row-major with row 0 at the top of the picture.
 *
 * @param width  pixels per row
 * @param height rows
 * @param values width*height samples
 * @param map    how values become colours
 */
public record Plane(int width, int height, float[] values, Colormap map) {
    public Plane {
        if (values.length != (long) width * height) {
            throw new IllegalArgumentException(values.length + " values for a " + width + " x " + height + " image");
        }
    }

    /** Colour maps. */
    public enum Colormap {
        /** Grey levels between the 0.5th and 99.5th percentile (robust against hot pixels). */
        GRAY,
        /** A cyclic hue wheel for phases in radians, -pi..pi. */
        PHASE
    }
}

package org.emflow.compute.particles;

/**
 * The STAR image-name convention, written down once: {@code N@path} names image N of the stack at
 * {@code path}, N counted from 1; a bare {@code path} (no {@code @}) names the file's first image (RELION 5
 * optimisation sets name a whole per-particle stack this way). {@link ImageSource} holds the 0-based index.
 */
public final class StarImageName {
    private StarImageName() {
    }

    /** {@code N@path} for the 0-based {@code index}. */
    public static String format(int index, String path) {
        return (index + 1) + "@" + path;
    }

    /** The path part of {@code name} (all of it when there is no {@code @}). */
    public static String path(String name) {
        return name.substring(name.indexOf('@') + 1);
    }

    /**
     * The 1-based number before {@code @}; 1 when there is none.
     *
     * @throws NumberFormatException when the part before {@code @} is not an integer
     */
    public static int number(String name) {
        int at = name.indexOf('@');
        return at < 0 ? 1 : Integer.parseInt(name.substring(0, at));
    }
}

package org.emflow.compute.particles;

import java.io.IOException;

/**
 * Reads particle images by their source, one at a time, so that reconstructions stream a stack of
 * any size instead of holding it in memory. Implementations are safe to call from several threads
 * at once (positioned reads) and keep a bounded number of files open.
 */
public interface ImageLoader extends AutoCloseable {
    /**
     * Reads image {@code source.index()} of {@code source.file()} into {@code dst} (x fastest,
     * {@code nx * ny} values, converted to float whatever the file's mode).
     *
     * @throws org.emflow.compute.util.BadInputException when the file is missing, truncated, or the
     *         index is past the end of its stack (the message names file and index)
     */
    void read(ImageSource source, float[] dst) throws IOException;

    @Override
    void close() throws IOException;
}

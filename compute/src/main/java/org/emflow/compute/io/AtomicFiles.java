package org.emflow.compute.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary
 * file in the same folder, which is renamed onto the target only when complete. A failure (or an
 * interrupted run) deletes the temporary file. An existing target is kept unless the caller asks to
 * overwrite it.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes one file through a temporary sibling. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    /**
     * Calls {@code writer} on a temporary file next to {@code target}, then renames it to {@code target}.
     *
     * @throws FileAlreadyExistsException when {@code target} exists and {@code overwrite} is false
     */
    public static void write(Path target, boolean overwrite, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString(), null, "output exists (use --force to overwrite)");
        }
        Path tmp = temporaryFor(absolute);
        boolean done = false;
        try {
            writer.write(tmp);
            commit(tmp, absolute, overwrite);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * For writers that stream over a longer lifetime than one call (a stack written image by image):
     * creates the temporary sibling of {@code target} that {@link #commit} later renames onto it.
     * The caller deletes it when the write fails.
     */
    public static Path temporaryFor(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
    }

    /**
     * Renames the complete temporary file {@code tmp} (from {@link #temporaryFor}) onto {@code target}.
     *
     * @throws FileAlreadyExistsException when {@code target} exists and {@code overwrite} is false
     */
    public static void commit(Path tmp, Path target, boolean overwrite) throws IOException {
        move(tmp, target.toAbsolutePath(), overwrite);
    }

    private static void move(Path tmp, Path target, boolean overwrite) throws IOException {
        try {
            if (overwrite) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            if (overwrite) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(tmp, target);
            }
        }
    }
}

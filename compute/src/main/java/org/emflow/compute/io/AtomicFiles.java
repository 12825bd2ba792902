package org.emflow.compute.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.emflow.compute.util.BadInputException;

/**
 * Writes files so that a reader never sees a half-written one: the content goes to a temporary
 * file in the same folder, which is renamed onto the target only when complete. A failure (or an
 * interrupted run) deletes the temporary file. An existing target is kept unless the caller asks to
 * overwrite it.
 *
 * <p>Temporary files and folders are created with the permissions the user's umask gives (as
 * {@code open(2)} and {@code mkdir(2)} do), not with {@link Files#createTempFile}'s private 0600 /
 * 0700: the rename keeps the mode, and results on a group's shared disk must be readable by the group.
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
        if (Files.isDirectory(absolute)) { // --force failed with exit 3 ("Is a directory") after the work was done
            throw new BadInputException(absolute + ": a folder, not a file: the output cannot replace it");
        }
        if (!overwrite && Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString(), null, "output exists (use --force to overwrite)");
        }
        Path tmp = temporaryFor(absolute);
        boolean done = false;
        try {
            writer.write(tmp);
            commit(tmp, absolute, overwrite);
            done = true;
        } catch (IOException e) {
            throw naming(absolute, e);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * {@code e} naming the output {@code target} it happened on: a write error ("No space left on device") names no
     * file, while a {@link FileSystemException} already does.
     */
    public static IOException naming(Path target, IOException e) {
        return e instanceof FileSystemException ? e : new IOException(target + ": " + e.getMessage(), e);
    }

    /**
     * For writers that stream over a longer lifetime than one call (a stack written image by image):
     * creates the temporary sibling of {@code target} that {@link #commit} later renames onto it.
     * The caller deletes it when the write fails.
     */
    public static Path temporaryFor(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        refuseFileOnPath(dir); // createDirectories says "exists", which reads as "use --force"
        try {
            Files.createDirectories(dir); // (which, unlike createFolders, lets parallel writers create it together)
            while (true) {
                try {
                    return Files.createFile(dir.resolve(uniqueName("." + absolute.getFileName() + ".", ".part")));
                } catch (FileAlreadyExistsException e) {
                    // another writer drew the same name: draw again
                }
            }
        } catch (FileSystemException e) {
            throw notWritableOr(dir, e);
        }
    }

    /**
     * Creates a new, empty, uniquely named folder {@code <prefix><random>} in {@code parent} (which must
     * exist), with the umask's permissions; for results assembled in a folder and renamed into place.
     */
    public static Path temporaryFolder(Path parent, String prefix) throws IOException {
        try {
            while (true) {
                try {
                    return Files.createDirectory(parent.resolve(uniqueName(prefix, "")));
                } catch (FileAlreadyExistsException e) {
                    // drawn before: draw again
                }
            }
        } catch (FileSystemException e) {
            throw notWritableOr(parent, e);
        }
    }

    /**
     * Creates {@code folder} and its missing parents (umask permissions) and returns the folders that did not
     * exist before, outermost first, so that a run that fails can take them away again
     * ({@link #deleteEmptyFolders}).
     */
    public static List<Path> createFolders(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        refuseFileOnPath(folder);
        for (Path p = folder.toAbsolutePath().normalize(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.add(0, p);
        }
        try {
            for (Path p : missing) {
                Files.createDirectory(p);
            }
        } catch (FileSystemException e) {
            deleteEmptyFolders(missing);
            throw notWritableOr(folder.toAbsolutePath().normalize(), e);
        }
        return missing;
    }

    /** A file where {@code folder} or one of its parents should be is bad input (it said "exists (use --force ...)"). */
    private static void refuseFileOnPath(Path folder) {
        for (Path p = folder.toAbsolutePath().normalize(); p != null && !Files.isDirectory(p); p = p.getParent()) {
            if (Files.exists(p)) {
                throw new BadInputException(p + ": a file, not a folder: it cannot hold the outputs");
            }
        }
    }

    /**
     * An output folder that cannot be written (no permission, a read-only file system) is the user's choice of place,
     * so bad input naming the folder; any other error {@code e} is returned as it is. Every temporary file and folder
     * of an output is made through this class, so the first write, before any computing, reports it.
     */
    private static IOException notWritableOr(Path folder, FileSystemException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e.getReason() != null && e.getReason().contains("Read-only file system") ? "read-only file system"
                : !Files.isWritable(folder) ? "not writable"
                // the folder is there but refuses new files (/proc answers ENOENT)
                : e instanceof java.nio.file.NoSuchFileException && Files.isDirectory(folder) ? "files cannot be created here"
                : null;
        if (why == null) {
            return e;
        }
        throw new BadInputException(folder + ": cannot write the outputs here (" + why + "); choose another output folder");
    }

    /** Deletes those of {@code created} (from {@link #createFolders}) that are empty, innermost first; never throws. */
    public static void deleteEmptyFolders(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                return; // not empty (or not ours to delete): keep it and its parents
            }
        }
    }

    private static String uniqueName(String prefix, String suffix) {
        return prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix;
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

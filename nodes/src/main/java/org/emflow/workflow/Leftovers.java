package org.emflow.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a killed run leaves behind: the hidden temporary files and folders emflow writes outputs through
 * ({@code .NAME.run-*}, {@code .NAME.partial-*}, {@code .NAME.old-*} folders, {@code .NAME.*.part} files), and lock
 * files of processes that are gone. A run that holds an output's {@link OutputLock} removes that output's leftovers
 * before it starts; {@code emflow clean} removes every leftover under a folder whose writer no longer runs.
 *
 * <p>The names are matched exactly (a hidden name, a known kind, a random suffix of base-36 digits), so that a user's
 * own hidden files are never touched.
 */
public final class Leftovers {
    /** AtomicFiles.temporaryFolder's names, as the commands and NodeExecution draw them; group 1 is the output's name. */
    private static final Pattern FOLDER = Pattern.compile("\\.(.+)\\.(?:run|partial|old)-[0-9a-z]+");
    /** AtomicFiles.temporaryFor's names (a lock's own temporary file too: .NAME.lock.*.part). */
    private static final Pattern FILE = Pattern.compile("\\.(.+)\\.[0-9a-z]+\\.part");
    private static final Pattern LOCK = Pattern.compile("\\.(.+)\\.lock");
    /** How deep {@code emflow clean} looks: a run folder's node folders inside the folder cleaned. */
    public static final int CLEAN_DEPTH = 3;

    private Leftovers() {
    }

    /** The leftovers of output {@code name} beside it in {@code folder} (for a writer that holds its lock). */
    public static List<Path> of(Path folder, String name) throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.sorted().toList()) {
                if (name.equals(owner(p))) {
                    found.add(p);
                }
            }
        }
        return found;
    }

    /**
     * The leftovers under {@code root} (and {@code depth - 1} levels of sub-folders) that nobody writes any more: those
     * of outputs whose lock (beside them, or on a folder around them) is held by no running process, and the locks of
     * processes that are gone. {@code ownLock}, when not null, is the caller's: it guards nothing and is kept.
     */
    public static List<Path> stale(Path root, int depth, Path ownLock) throws IOException {
        List<Path> found = new ArrayList<>();
        collect(root, depth, found);
        List<Path> stale = new ArrayList<>();
        for (Path p : found) {
            if (p.equals(ownLock)) {
                continue;
            }
            boolean isLock = LOCK.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p);
            if (isLock ? !isLive(p, ownLock) : !guarded(p, ownLock)) {
                stale.add(p);
            }
        }
        return stale;
    }

    /** Deletes the leftovers; returns the bytes freed. Best effort: what cannot be deleted is kept. */
    public static long delete(List<Path> leftovers) {
        long bytes = 0;
        for (Path p : leftovers) {
            bytes += size(p);
            NodeExecution.deleteQuietly(p);
        }
        return bytes;
    }

    /** Deletes the leftovers of killed runs and tells the user how much space that freed. */
    static void remove(List<Path> leftovers, java.util.function.Consumer<String> notes) {
        if (leftovers.isEmpty()) {
            return;
        }
        long bytes = delete(leftovers);
        notes.accept("removed " + leftovers.size() + " temporary file(s) or folder(s) of an earlier run that did not finish ("
                + megabytes(bytes) + "), e.g. " + leftovers.get(0));
    }

    /** A size as people read it: "420.3 MB". */
    public static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** The bytes under {@code p}. */
    public static long size(Path p) {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    private static void collect(Path folder, int depth, List<Path> found) throws IOException {
        if (depth == 0 || !Files.isDirectory(folder)) {
            return;
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(folder)) {
            entries = s.sorted().toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (owner(p) != null || LOCK.matcher(name).matches() && Files.isRegularFile(p)) {
                found.add(p);
            } else if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
                collect(p, depth - 1, found);
            }
        }
    }

    /** The output a leftover belongs to, or null when {@code p} is not one. */
    private static String owner(Path p) {
        String name = p.getFileName().toString();
        Matcher m = (Files.isDirectory(p) ? FOLDER : FILE).matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    /** Whether a running process writes the output {@code p} belongs to, or a folder around it. */
    private static boolean guarded(Path p, Path ownLock) {
        Path folder = p.toAbsolutePath().normalize().getParent();
        if (isLive(folder.resolve("." + owner(p) + ".lock"), ownLock)) {
            return true;
        }
        for (Path a = folder; a != null && a.getParent() != null; a = a.getParent()) {
            if (isLive(a.resolve(OutputLock.FOLDER_LOCK), ownLock) || isLive(OutputLock.lockFileOf(a), ownLock)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLive(Path lock, Path ownLock) {
        return !lock.equals(ownLock) && Files.isRegularFile(lock) && OutputLock.read(lock).map(OutputLock::isAlive).orElse(true);
    }
}

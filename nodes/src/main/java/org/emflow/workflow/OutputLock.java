package org.emflow.workflow;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.emflow.compute.util.BadInputException;

/**
 * One writer per output: a lock file that names the process writing an output, created before anything is computed
 * and deleted when the run ends. A second writer is refused with the folder and that process
 * ({@link LockedException}, exit 2); a lock left by a process that no longer runs (killed, or its machine restarted)
 * is taken over.
 *
 * <p>The lock is a small text file ({@code pid=}, {@code host=}, {@code started=}, {@code command=} lines). It is
 * created complete, under a temporary name, and hard-linked to its place, because a link fails when the name exists:
 * two writers starting at the same moment cannot both succeed, and no reader sees a half-written lock. A lock from
 * another host cannot be checked from here: it is respected, and the message says which file to delete if that
 * process is gone.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file's name inside a folder locked with {@link #folder}. */
    public static final String FOLDER_LOCK = ".emflow.lock";
    private static final String HOST = hostName();

    private final Path file;
    private final String content;
    private final Optional<Holder> takenOver;

    private OutputLock(Path file, String content, Optional<Holder> takenOver) {
        this.file = file;
        this.content = content;
        this.takenOver = takenOver;
    }

    /** The process that held (or holds) a lock. */
    public record Holder(long pid, String host, String started, String command) {
        /** A holder on this machine. */
        public static Holder of(ProcessHandle p, String command) {
            return new Holder(p.pid(), HOST, p.info().startInstant().map(Instant::toString).orElse(""), command.replaceAll("[\\r\\n]+", " "));
        }

        /** The lock file's text. */
        public String text() {
            return "pid=" + pid + "\nhost=" + host + "\nstarted=" + started + "\ncommand=" + command + "\n";
        }

        String describe() {
            return "process " + pid + (command.isEmpty() ? "" : " (" + command + ")") + " on " + host
                    + (started.isEmpty() ? "" : ", started " + started);
        }
    }

    /** Another process is writing the same output. */
    public static final class LockedException extends BadInputException {
        private static final long serialVersionUID = 1L;

        LockedException(String message) {
            super(message);
        }
    }

    /**
     * Locks a run folder that stays where it is (a workflow's run folder; the lock is {@code folder/.emflow.lock}) and
     * removes what killed runs left inside it. What the user should know (a lock taken over, space freed) goes to
     * {@code notes}.
     */
    public static OutputLock folder(Path folder, String command, Consumer<String> notes) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        org.emflow.compute.io.AtomicFiles.createFolders(dir); // (a file in its place is named as such)
        OutputLock lock = acquire(dir.resolve(FOLDER_LOCK), dir, command);
        lock.noteTakeOver(notes);
        // A run folder holds node folders, whose temporary siblings are one level down: two levels cover them.
        Leftovers.remove(Leftovers.stale(dir, 2, lock.file), notes);
        return lock;
    }

    /**
     * Locks an output that is renamed into place when complete (a file, or an OUTDIR; the lock is its sibling
     * {@code .NAME.lock}, since the output itself does not exist while it is written), and removes the temporary
     * files and folders that killed runs writing {@code target} or the {@code related} outputs beside it left.
     */
    public static OutputLock target(Path target, String command, Consumer<String> notes, Path... related) throws IOException {
        Path t = target.toAbsolutePath().normalize();
        org.emflow.compute.io.AtomicFiles.createFolders(t.getParent());
        OutputLock lock = acquire(lockFileOf(t), t, command);
        lock.noteTakeOver(notes);
        List<Path> leftovers = new ArrayList<>(Leftovers.of(t.getParent(), t.getFileName().toString()));
        for (Path r : related) {
            leftovers.addAll(Leftovers.of(t.getParent(), r.getFileName().toString()));
        }
        Leftovers.remove(leftovers, notes);
        return lock;
    }

    private void noteTakeOver(Consumer<String> notes) {
        takenOver.ifPresent(h -> notes.accept("took over the lock " + file + " left by " + h.describe() + ", which no longer runs"));
    }

    /** The lock file of an output locked with {@link #target}. */
    public static Path lockFileOf(Path target) {
        Path t = target.toAbsolutePath().normalize();
        return t.resolveSibling("." + t.getFileName() + ".lock");
    }

    /** The dead process whose lock this one replaced, if any (for a note to the user). */
    public Optional<Holder> takenOver() {
        return takenOver;
    }

    private static OutputLock acquire(Path lock, Path output, String command) throws IOException {
        // through UTF-8 and back: a command line with an unpaired surrogate (any text a user typed) becomes '?'
        // instead of failing the write, and the release compares the file with exactly what was written
        String content = new String(Holder.of(ProcessHandle.current(), command).text()
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        Optional<Holder> replaced = Optional.empty();
        for (int attempt = 0; attempt < 50; attempt++) {
            Path tmp = org.emflow.compute.io.AtomicFiles.temporaryFor(lock); // the umask's mode: the group reads who holds it
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.createLink(lock, tmp);
                return new OutputLock(lock, content, replaced);
            } catch (FileAlreadyExistsException e) {
                Optional<Holder> holder = read(lock);
                if (holder.isEmpty()) {
                    pause(); // being written by its creator this very moment, or gone: look again
                    continue;
                }
                if (isAlive(holder.get())) {
                    throw new LockedException(output + " is being written by " + holder.get().describe()
                            + ": wait for it to finish or stop it (a second writer would replace its results)"
                            + (holder.get().host().equals(HOST) ? "" : "; if that process is gone, delete " + lock));
                }
                replaced = holder;
                takeOver(lock, holder.get());
            } catch (UnsupportedOperationException e) {
                throw new IOException(lock.getParent() + ": the file system does not support hard links, which output locks need", e);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        throw new LockedException(output + ": could not take the lock " + lock + " (it keeps changing): is another emflow starting?");
    }

    /** Deletes a dead process's lock, unless another writer has replaced it meanwhile (then the next attempt sees that one). */
    private static void takeOver(Path lock, Holder dead) throws IOException {
        Optional<Holder> now = read(lock);
        if (now.isPresent() && now.get().equals(dead)) {
            Files.deleteIfExists(lock);
        }
    }

    /** The holder written in a lock file; empty when the file is gone or not complete. */
    public static Optional<Holder> read(Path lock) {
        String text;
        try {
            text = Files.readString(lock, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            return Optional.of(new Holder(Long.parseLong(kv.getOrDefault("pid", "")), kv.getOrDefault("host", ""),
                    kv.getOrDefault("started", ""), kv.getOrDefault("command", "")));
        } catch (NumberFormatException e) {
            // Not an emflow lock (or damaged): a lock is created complete, so it is nobody's.
            return Optional.of(new Holder(-1, HOST, "", ""));
        }
    }

    /**
     * Whether the holder still runs. A process of this host is looked up by pid, and its start time compared so that a
     * new process that reuses a dead one's pid does not keep the lock; a process elsewhere is assumed to run.
     */
    public static boolean isAlive(Holder h) {
        if (!h.host().equals(HOST)) {
            return true;
        }
        if (h.pid() <= 0) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        String started = p.get().info().startInstant().map(Instant::toString).orElse("");
        return h.started().isEmpty() || started.isEmpty() || started.equals(h.started());
    }

    /** Deletes the lock, if it is still this one's. */
    @Override
    public void close() throws IOException {
        try {
            if (content.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                Files.deleteIfExists(file);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The kernel's host name (no name lookup, which can hang for seconds on a badly configured network). */
    private static String hostName() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel, StandardCharsets.UTF_8).trim();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

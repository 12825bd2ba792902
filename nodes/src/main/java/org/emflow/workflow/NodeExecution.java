package org.emflow.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.ExecutionContext;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeSettings;
import org.emflow.sdk.Port;
import org.emflow.sdk.PortObject;

/**
 * One execution of one node, shared by the workflow runner and the single-node subcommands: the
 * node writes into a fresh temporary folder, its outputs are stored there with their port codecs
 * next to its log, and only then is the folder handed to {@link Commit} to be put in place. A
 * failure or cancellation deletes the temporary folder, so nothing half-written remains.
 */
public final class NodeExecution {
    /** Moves a finished temporary folder to its final place and returns the folder the outputs now live in. */
    @FunctionalInterface
    public interface Commit {
        Path commit(Path finishedTemporary) throws IOException;
    }

    /**
     * What the execution runs on the node's model: {@link org.emflow.sdk.NodeModel#execute} by default, a part or the
     * merge of a split node on a cluster ({@link RemoteNodeTask}). A body that returns null made files only (a part's
     * partial result): there are no port objects to check, store or read back.
     */
    @FunctionalInterface
    public interface Body {
        List<PortObject> run(org.emflow.sdk.NodeModel model, ExecutionContext context) throws Exception;
    }

    private final String id;
    private final NodeFactory factory;
    private final NodeSettings settings;
    private final List<PortObject> inputs;
    private final BooleanSupplier canceled;
    private final ForkJoinPool pool;
    private final boolean overwrite;
    private final RunListener listener;
    private final boolean standalone;
    private Body body;

    public NodeExecution(String id, NodeFactory factory, NodeSettings settings, List<PortObject> inputs, BooleanSupplier canceled,
                         ForkJoinPool pool, boolean overwrite, RunListener listener, boolean standalone) {
        this.id = id;
        this.factory = factory;
        this.settings = settings;
        this.inputs = inputs;
        this.canceled = canceled;
        this.pool = pool;
        this.overwrite = overwrite;
        this.listener = listener;
        this.standalone = standalone;
        this.body = (model, ctx) -> model.execute(inputs, settings, ctx);
    }

    /** Runs {@code b} instead of the model's execute. */
    NodeExecution withBody(Body b) {
        this.body = b;
        return this;
    }

    /**
     * Executes in a temporary folder under {@code parent} and commits it to {@code destination}, the folder the
     * commit puts the files in (log lines name files there, not in the temporary folder). Never throws: failures
     * are in the result.
     */
    public NodeResult run(Path parent, Path destination, Commit commit) {
        return run(parent, destination, commit, true);
    }

    /**
     * As {@link #run(Path, Path, Commit)}; with {@code storeOutputs} false the output port objects are not written
     * with their codecs (a single-node command whose folder is thrown away: the node's own files are the result).
     */
    public NodeResult run(Path parent, Path destination, Commit commit, boolean storeOutputs) {
        long t0 = System.nanoTime();
        Path tmp = null;
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Path checkpointDir = checkpointFolder(parent, id);
        boolean keepCheckpoints = true;
        try {
            try {
                Files.createDirectories(parent);
                deleteTree(checkpointDir); // a previous run's: this run starts over
                tmp = org.emflow.compute.io.AtomicFiles.temporaryFolder(parent, "." + id + ".partial-");
            } catch (IOException e) {
                throw new BadInputException("cannot write in the output folder " + parent + ": " + e.getMessage(), e);
            }
            listener.stateChanged(id, NodeState.RUNNING, "");
            String tmpName = tmp.toString();
            String shownName = destination.toAbsolutePath().normalize().toString();
            ExecutionContext ctx = new ExecutionContext(tmp, checkpointDir, pool, (f, m) -> listener.progress(id, f, m), raw -> {
                String line = raw.replace(tmpName, shownName);
                log.add(line);
                listener.log(id, line);
            }, canceled, overwrite, standalone);
            List<PortObject> outs = body.run(factory.createModel(), ctx);
            if (canceled.getAsBoolean()) {
                throw new CancellationException("cancelled");
            }
            boolean filesOnly = outs == null;
            if (!filesOnly) {
                checkOutputs(outs);
            }
            for (int i = 0; !filesOnly && i < outs.size() && storeOutputs; i++) {
                Port p = factory.outputs().get(i);
                if (outs.get(i) != null) {
                    p.type().codec().save(outs.get(i), tmp.resolve(outputFileName(p)));
                }
            }
            Files.writeString(tmp.resolve("log.txt"), String.join("\n", log) + (log.isEmpty() ? "" : "\n"), StandardCharsets.UTF_8);
            Path finalDir = commit.commit(tmp);
            tmp = null;
            keepCheckpoints = false;
            double secs = seconds(t0);
            // Port objects may refer to files; read them back from their final place (a standalone
            // command prints from the objects it has: some command-line modes make no outputs).
            List<PortObject> finalOuts = filesOnly || standalone || !storeOutputs ? outs : loadOutputs(factory, finalDir);
            listener.stateChanged(id, NodeState.DONE, String.format(Locale.ROOT, "%.1f s", secs));
            return new NodeResult(id, factory.id(), NodeState.DONE, secs, finalDir, finalOuts, null, false, null);
        } catch (CancellationException e) {
            return canceledResult(t0);
        } catch (Throwable e) {
            if (canceled.getAsBoolean() && isInterruption(e)) {
                return canceledResult(t0);
            }
            Throwable root = (e instanceof java.util.concurrent.CompletionException || e instanceof java.io.UncheckedIOException)
                    && e.getCause() != null ? e.getCause() : e;
            boolean bad = root instanceof BadInputException || root instanceof FileAlreadyExistsException;
            String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            if (root instanceof OutOfMemoryError oom) {
                msg = outOfMemory(oom);
            } else if (tmp != null) {
                msg = msg.replace(tmp.toString(), destination.toAbsolutePath().normalize().toString()); // as the log shows it
            }
            listener.stateChanged(id, NodeState.FAILED, msg);
            return new NodeResult(id, factory.id(), NodeState.FAILED, seconds(t0), null, null, msg, bad, root);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
            if (!keepCheckpoints) {
                deleteTree(checkpointDir);
            } else if (Files.isDirectory(checkpointDir)) {
                listener.log(id, "the files this node finished before it stopped are in " + checkpointDir.toAbsolutePath().normalize());
            }
        }
    }

    /** What a user reads when the JVM ran out of memory: the way out, not a stack trace. */
    public static String outOfMemory(OutOfMemoryError e) {
        return "out of memory (" + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage())
                + "); give Java more with EMFLOW_JAVA_OPTS=\"-Xmx<size>\" or use fewer threads";
    }

    /** Where node {@code id} keeps its checkpoints ({@link ExecutionContext#checkpointFile}) under a run folder. */
    public static Path checkpointFolder(Path parent, String id) {
        return parent.resolve(id + ".incomplete");
    }

    private NodeResult canceledResult(long t0) {
        listener.stateChanged(id, NodeState.CANCELED, "cancelled");
        return new NodeResult(id, factory.id(), NodeState.CANCELED, seconds(t0), null, null, "cancelled", false, null);
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.nio.channels.ClosedByInterruptException
                    || t instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private void checkOutputs(List<PortObject> outs) {
        List<Port> ports = factory.outputs();
        if (outs == null || outs.size() != ports.size()) {
            throw new IllegalStateException(factory.id() + " returned " + (outs == null ? 0 : outs.size()) + " outputs for "
                    + ports.size() + " ports");
        }
        for (int i = 0; i < ports.size(); i++) {
            if (outs.get(i) == null && standalone) {
                continue;
            }
            if (outs.get(i) == null || !outs.get(i).type().equals(ports.get(i).type())) {
                throw new IllegalStateException(factory.id() + " output " + ports.get(i).name() + " is not a " + ports.get(i).type().id());
            }
        }
    }

    /** The file an output port is stored in: {@code PORT.EXT}. */
    public static String outputFileName(Port p) {
        return p.name() + "." + p.type().codec().extension();
    }

    /** Reads a node's outputs back from the folder it wrote them to. */
    public static List<PortObject> loadOutputs(NodeFactory factory, Path dir) throws IOException {
        List<PortObject> outs = new ArrayList<>();
        for (Port p : factory.outputs()) {
            outs.add(p.type().codec().load(dir.resolve(outputFileName(p))));
        }
        return outs;
    }

    /** Puts a finished temporary folder in place of {@code dir} (the old one, if any, is removed after). */
    public static void replaceFolder(Path tmp, Path dir) throws IOException {
        Path old = null;
        if (Files.exists(dir)) {
            old = dir.resolveSibling("." + dir.getFileName() + ".old-" + System.nanoTime());
            Files.move(dir, old);
        }
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir);
        }
        if (old != null) {
            deleteTree(old);
        }
    }

    /**
     * Moves every file of a finished temporary folder into {@code target} (the single-node command's
     * output folder). Nothing is moved when any of them exists and {@code overwrite} is false.
     */
    public static void moveFilesInto(Path tmp, Path target, boolean overwrite) throws IOException {
        List<Path> files;
        try (var s = Files.list(tmp)) {
            files = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        Files.createDirectories(target);
        List<String> existing = new ArrayList<>();
        for (Path f : files) {
            if (Files.exists(target.resolve(f.getFileName().toString()))) {
                existing.add(target.resolve(f.getFileName().toString()).toString());
            }
        }
        if (!existing.isEmpty() && !overwrite) {
            throw new FileAlreadyExistsException(String.join(", ", existing), null, "outputs exist; use --force to replace them");
        }
        for (Path f : files) {
            Path dst = target.resolve(f.getFileName().toString());
            if (Files.isDirectory(f)) {
                replaceFolder(f, dst);
            } else {
                try {
                    Files.move(f, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(f, dst, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        deleteTree(tmp);
    }

    /** Deletes a folder tree, ignoring errors. */
    public static void deleteQuietly(Path root) {
        deleteTree(root);
    }

    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // best effort: a leftover temporary folder is named .NODE.partial-* and ignored by later runs
        }
    }
}

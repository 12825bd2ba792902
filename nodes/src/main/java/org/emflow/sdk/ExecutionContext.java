package org.emflow.sdk;

import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import org.emflow.compute.util.Monitor;

/**
 * What a running node gets from the engine: progress and cancellation (as a compute
 * {@link Monitor}, so it passes straight into the library), a logger, the folder its files go to,
 * and the parallelism shared by all nodes of a run.
 */
public final class ExecutionContext implements Monitor {
    /** Receives progress reports (fraction in 0..1). */
    public interface ProgressSink {
        void progress(double fraction, String message);
    }

    private final Path outputDir;
    private final Path checkpointDir;
    private final ForkJoinPool pool;
    private final ProgressSink progress;
    private final Consumer<String> log;
    private final java.util.function.BooleanSupplier canceled;
    private final boolean overwrite;
    private final boolean standalone;

    public ExecutionContext(Path outputDir, Path checkpointDir, ForkJoinPool pool, ProgressSink progress, Consumer<String> log,
                            java.util.function.BooleanSupplier canceled, boolean overwrite, boolean standalone) {
        this.outputDir = outputDir;
        this.checkpointDir = checkpointDir;
        this.pool = pool;
        this.progress = progress;
        this.log = log;
        this.canceled = canceled;
        this.overwrite = overwrite;
        this.standalone = standalone;
    }

    /** The folder this node writes its files to; the engine makes it appear atomically when the node succeeds. */
    public Path outputDir() { return outputDir; }

    /** Resolves a file name inside the node's output folder. */
    public Path outputFile(String name) { return outputDir.resolve(name); }

    /**
     * A file in the node's checkpoint folder (created on first use): what a long node has finished so far, say the
     * poses after each iteration, each file written whole (atomically) and replaced as the work goes on. The engine
     * keeps this folder when the node is cancelled or fails, so finished work is not lost with the run, and removes
     * it when the node succeeds (the final files are in the output folder then).
     */
    public Path checkpointFile(String name) throws java.io.IOException {
        java.nio.file.Files.createDirectories(checkpointDir);
        return checkpointDir.resolve(name);
    }

    /** The pool for parallel work, sized by the run's thread setting; shared by all nodes of the run. */
    @Override
    public ForkJoinPool pool() { return pool; }

    /** Number of threads the node may use. */
    public int threads() { return pool.getParallelism(); }

    /** True when the user allowed existing outputs to be overwritten (CLI --force). */
    public boolean overwrite() { return overwrite; }

    /**
     * True when the node runs alone as its command-line subcommand rather than in a workflow: nodes
     * that write files a user names on the command line (e.g. {@code -o sim.star}) write them there.
     */
    public boolean standalone() { return standalone; }

    @Override
    public void progress(double fraction, String message) {
        progress.progress(Math.max(0, Math.min(1, fraction)), message);
    }

    @Override
    public boolean isCanceled() {
        return canceled.getAsBoolean() || Thread.currentThread().isInterrupted();
    }

    @Override
    public void info(String message) {
        log.accept(message);
    }
}

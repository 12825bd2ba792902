package org.emflow.compute.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The threads a computation runs its parallel work on: the run's shared pool when the caller has one
 * ({@link Monitor#pool()}: all nodes of a workflow draw on one budget), else a pool of its own that
 * {@link #close} shuts down. Per-thread workspaces belong in maps local to one computation, not in
 * ThreadLocals: a shared pool's threads outlive it.
 */
public final class WorkerPool implements AutoCloseable {
    private final ForkJoinPool pool;
    private final boolean own;

    private WorkerPool(ForkJoinPool pool, boolean own) {
        this.pool = pool;
        this.own = own;
    }

    /** The monitor's shared pool, or a new one of {@code threads} threads (at least 1). */
    public static WorkerPool of(Monitor monitor, int threads) {
        ForkJoinPool shared = monitor.pool();
        return shared != null ? new WorkerPool(shared, false) : new WorkerPool(new ForkJoinPool(Math.max(1, threads)), true);
    }

    public ForkJoinPool pool() {
        return pool;
    }

    /**
     * Waits for a task and rethrows what it threw as itself: an I/O error (tasks wrap it in UncheckedIOException), a
     * runtime exception (bad input, cancellation) or an error; an interrupt becomes a cancellation.
     */
    public static void await(Future<?> task) throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    @Override
    public void close() {
        if (own) {
            pool.shutdownNow();
        }
    }
}

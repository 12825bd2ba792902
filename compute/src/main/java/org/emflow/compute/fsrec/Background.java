package org.emflow.compute.fsrec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * Output writers run on a pool while the caller goes on with other outputs. {@link #finish} waits for
 * them and rethrows the first failure; {@link #close} (also after a failure of the caller) waits for
 * whatever is still running, so no writer outlives the run that started it.
 */
final class Background implements AutoCloseable {
    /** A writer that may fail with an I/O error. */
    @FunctionalInterface
    interface Writer {
        void write() throws IOException;
    }

    private final ForkJoinPool pool;
    private final List<Future<?>> running = new ArrayList<>();

    Background(ForkJoinPool pool) {
        this.pool = pool;
    }

    void start(Writer w) {
        running.add(pool.submit(() -> {
            try {
                w.write();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** Waits for every writer, then rethrows the first failure (an I/O error as itself). */
    void finish() throws IOException {
        Throwable first = null;
        try {
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    first = first == null ? e.getCause() : first;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
        running.clear();
        if (first instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error er) {
            throw er;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }

    @Override
    public void close() {
        boolean interrupted = false;
        for (Future<?> f : running) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break; // the caller is already failing; its own error is the one reported
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

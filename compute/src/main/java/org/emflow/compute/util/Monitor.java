package org.emflow.compute.util;

import java.util.concurrent.CancellationException;

/**
 * How long-running computations report progress and learn that they were cancelled, without the
 * compute library knowing about nodes, consoles or browsers. The node SDK adapts its execution
 * context to this interface.
 */
public interface Monitor {
    /** Reports that {@code fraction} (0..1) of this computation is done. */
    void progress(double fraction, String message);

    /** @return true once the user asked to stop */
    boolean isCanceled();

    /** Throws {@link CancellationException} when the user asked to stop; call it between units of work. */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new CancellationException("cancelled");
        }
    }

    /** Logs an informational line (what was read, what will be done). */
    default void info(String message) {
    }

    /**
     * The pool that the run's nodes share (a workflow runs independent branches side by side within one thread
     * budget), or null: the computation then makes a pool of its own, of the size its options give
     * ({@link WorkerPool}).
     */
    default java.util.concurrent.ForkJoinPool pool() {
        return null;
    }

    /** A monitor for the part [from, to] of this one's range. */
    default Monitor sub(double from, double to) {
        Monitor parent = this;
        return new Monitor() {
            @Override
            public void progress(double fraction, String message) {
                parent.progress(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
            }

            @Override
            public boolean isCanceled() {
                return parent.isCanceled();
            }

            @Override
            public void info(String message) {
                parent.info(message);
            }

            @Override
            public java.util.concurrent.ForkJoinPool pool() {
                return parent.pool();
            }
        };
    }

    /** Reports nothing and is never cancelled. */
    Monitor NONE = new Monitor() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCanceled() {
            return false;
        }
    };
}

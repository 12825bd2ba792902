package org.emflow.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C while a command runs: a shutdown hook asks the work to cancel and then waits (up to a
 * minute) until the command has cleaned up, so that a cancelled run leaves no half-written files.
 * Close it when the work is over.
 */
final class CtrlC implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private CtrlC(Runnable cancel) {
        hook = new Thread(() -> {
            cancel.run();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "emflow-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Installs the hook; {@code cancel} is called on Ctrl-C. */
    static CtrlC onInterrupt(Runnable cancel) {
        return new CtrlC(cancel);
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and waits for us
        }
    }
}

package org.emflow.bench;

import org.emflow.compute.util.Monitor;

/** The benchmark drivers' monitor: prints the library's info lines (first line, with the time since start), no progress. */
final class ConsoleMonitor implements Monitor {
    private final long t0 = System.nanoTime();

    @Override
    public void progress(double fraction, String message) {
    }

    @Override
    public boolean isCanceled() {
        return false;
    }

    @Override
    public void info(String message) {
        System.out.printf("[%6.3f s] %s%n", (System.nanoTime() - t0) / 1e9, message.lines().findFirst().orElse(""));
    }
}

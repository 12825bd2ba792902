package org.emflow.cli;

/** The exit codes scripts can rely on. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Bad input: a file, a flag, a setting or a workflow that is wrong. */
    public static final int BAD_INPUT = 2;
    /** The program or the machine failed while running. */
    public static final int FAILURE = 3;
    /** Cancelled by the user (Ctrl-C). */
    public static final int CANCELED = 130;

    private ExitCodes() {
    }
}

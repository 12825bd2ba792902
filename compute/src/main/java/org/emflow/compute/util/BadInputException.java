package org.emflow.compute.util;

/**
 * The user's input is wrong (a file, a setting, a selection): the message names the file and the
 * line, column or key, and says what is wrong. Command lines exit with code 2 for it, as opposed to
 * 3 for a failure of the program or the machine.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.emflow.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.emflow.compute.util.BadInputException;

/**
 * Messages name a setting as {@code setting 'key'} (compute and the nodes do not know how it was given: in a
 * workflow file, the studio or a flag). On the command line they name what the user typed instead: the flag, or the
 * positional's label. One table per command, filled while its options are declared.
 */
final class FlagNames {
    private final Map<String, String> byKey = new LinkedHashMap<>();

    /** The setting {@code key} is given as {@code flag} (the first declaration wins). */
    void put(String key, String flag) {
        byKey.putIfAbsent(key, flag);
    }

    /** {@code message} with every {@code setting 'key'} of this command replaced by its flag. */
    String in(String message) {
        if (message == null || !message.contains("setting '")) {
            return message;
        }
        String m = message;
        for (var e : byKey.entrySet()) {
            m = m.replace("setting '" + e.getKey() + "'", e.getValue());
        }
        return m;
    }

    /** A bad-input exception with its message in flag names (the same exception when nothing changes). */
    BadInputException in(BadInputException e) {
        String m = in(e.getMessage());
        return m.equals(e.getMessage()) ? e : new BadInputException(m, e);
    }
}

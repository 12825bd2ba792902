package org.emflow.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.util.BadInputException;

/**
 * Messages name a setting as {@code setting 'key'} (compute and the nodes do not know how it was given: in a
 * workflow file, the studio or a flag). On the command line they name what the user typed instead: the flag, or the
 * positional's label. One table per command, filled while its options are declared.
 */
final class FlagNames {
    private final Map<String, List<String>> byKey = new LinkedHashMap<>();
    private List<String> typed = List.of();

    /** The setting {@code key} is given as {@code flag} (or any other flag put for it: an alias). */
    void put(String key, String flag) {
        List<String> flags = byKey.computeIfAbsent(key, k -> new ArrayList<>());
        if (!flags.contains(flag)) {
            flags.add(flag);
        }
    }

    /** The words the user typed: of a setting's flags, messages name the one used (--lowpass, not --resolution). */
    FlagNames typed(List<String> args) {
        this.typed = List.copyOf(args);
        return this;
    }

    /** {@code message} with every {@code setting 'key'} of this command replaced by its flag. */
    String in(String message) {
        if (message == null || !message.contains("setting '")) {
            return message;
        }
        String m = message;
        for (var e : byKey.entrySet()) {
            m = m.replace("setting '" + e.getKey() + "'", shown(e.getValue()));
        }
        return m;
    }

    private String shown(List<String> flags) {
        for (String f : flags) {
            for (String a : typed) {
                if (a.equals(f) || a.startsWith(f + "=")) {
                    return f;
                }
            }
        }
        return flags.get(0);
    }

    /** A bad-input exception with its message in flag names (the same exception when nothing changes). */
    BadInputException in(BadInputException e) {
        String m = in(e.getMessage());
        return m.equals(e.getMessage()) ? e : new BadInputException(m, e);
    }
}

package org.emflow.compute.io.star;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emflow.compute.util.BadInputException;

/**
 * One {@code data_NAME} block: key-value pairs (in file order, values verbatim) and/or one loop.
 * RELION writes either a key-value block or a loop block; both are kept when a file has both.
 */
public final class StarBlock {
    private final String name;
    private final String source;
    private final Map<String, String> pairs;
    private final StarLoop loop;

    /**
     * @param name   the block name after {@code data_} (may be empty)
     * @param pairs  keys without underscore to values as written (quotes included)
     * @param loop   the loop, or null
     */
    public StarBlock(String name, String source, Map<String, String> pairs, StarLoop loop) {
        this.name = name;
        this.source = source;
        this.pairs = Collections.unmodifiableMap(new LinkedHashMap<>(pairs));
        this.loop = loop;
    }

    /** A loop block. */
    public static StarBlock ofLoop(String name, StarLoop loop) {
        return new StarBlock(name, loop.source(), Map.of(), loop);
    }

    /** A key-value block from unquoted values (quoted here where needed). */
    public static StarBlock ofPairs(String name, Map<String, String> values) {
        Map<String, String> raw = new LinkedHashMap<>();
        values.forEach((k, v) -> raw.put(k, StarSyntax.quoteIfNeeded(v)));
        return new StarBlock(name, "(new table)", raw, null);
    }

    public String name() {
        return name;
    }

    public boolean isLoop() {
        return loop != null;
    }

    /** The loop, or null for a key-value block. */
    public StarLoop loop() {
        return loop;
    }

    /** The loop; a {@link BadInputException} naming the file and block when this block has none. */
    public StarLoop requireLoop() {
        if (loop == null) {
            throw new BadInputException(source + ": block data_" + name + " has no loop_ table");
        }
        return loop;
    }

    /** Key-value pairs, values as written (quotes included), in file order. */
    public Map<String, String> rawPairs() {
        return pairs;
    }

    public boolean hasKey(String key) {
        return pairs.containsKey(key);
    }

    /** The value of {@code key} (quotes removed), or null. */
    public String value(String key) {
        String v = pairs.get(key);
        return v == null ? null : StarSyntax.unquote(v);
    }

    /** The value of {@code key}; a {@link BadInputException} naming file, block and key when absent. */
    public String requireValue(String key) {
        String v = value(key);
        if (v == null) {
            throw new BadInputException(source + ": block data_" + name + " lacks the key _" + key);
        }
        return v;
    }

    /** This block with its loop replaced. */
    public StarBlock withLoop(StarLoop newLoop) {
        return new StarBlock(name, source, pairs, newLoop);
    }

    /** The file this block was read from, for messages. */
    public String source() {
        return source;
    }
}

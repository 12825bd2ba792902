package org.emflow.compute.io.star;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emflow.compute.util.BadInputException;

/** A STAR file: its data blocks in file order. Immutable; "with" methods return changed copies. */
public final class StarFile {
    private final Path path;
    private final List<StarBlock> blocks;

    /** @param path the file it was read from, or null for a file built in memory */
    public StarFile(Path path, List<StarBlock> blocks) {
        this.path = path;
        this.blocks = List.copyOf(blocks);
    }

    /** The file read, or null. */
    public Path path() {
        return path;
    }

    public List<StarBlock> blocks() {
        return blocks;
    }

    /** The first block named {@code name} (without {@code data_}), or null. */
    public StarBlock block(String name) {
        for (StarBlock b : blocks) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        return null;
    }

    /** The block named {@code name}; a {@link BadInputException} naming the file when absent. */
    public StarBlock requireBlock(String name) {
        StarBlock b = block(name);
        if (b == null) {
            throw new BadInputException((path == null ? "STAR table" : path.toString()) + ": no block data_" + name);
        }
        return b;
    }

    /** This file with block {@code name} replaced by {@code replacement} (same position), or appended. */
    public StarFile withBlock(String name, StarBlock replacement) {
        List<StarBlock> out = new ArrayList<>(blocks);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).name().equals(name)) {
                out.set(i, replacement);
                return new StarFile(path, out);
            }
        }
        out.add(replacement);
        return new StarFile(path, out);
    }
}

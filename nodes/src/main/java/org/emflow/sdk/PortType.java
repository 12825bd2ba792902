package org.emflow.sdk;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A kind of port. Two ports connect only when their types are the same. Each type knows how to
 * store its objects in a run folder and read them back ({@link Codec}), which lets a re-run reuse a
 * node's outputs and lets a node run alone on the command line with files as its inputs.
 *
 * @param id          stable identifier used in workflow files and the studio (e.g. {@code volume})
 * @param name        display name
 * @param description what the data is, for node descriptions
 * @param color       colour of the port in the studio, CSS hex
 * @param codec       file storage of this type's objects
 */
public record PortType(String id, String name, String description, String color, Codec codec) {

    /** Stores and loads port objects of one type. */
    public interface Codec {
        /** File name extension of the main file, without the dot (e.g. {@code mrc}). */
        String extension();

        /** Writes {@code object} to {@code file} (the runner takes care of atomicity). */
        void save(PortObject object, Path file) throws IOException;

        /** Reads an object back from {@code file}; a bad file is a {@link org.emflow.compute.util.BadInputException}. */
        PortObject load(Path file) throws IOException;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortType p && p.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}

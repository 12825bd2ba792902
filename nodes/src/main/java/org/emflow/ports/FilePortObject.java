package org.emflow.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.PortType;

/**
 * A reference to a file (a plot, a star file, a raw wave). Stored as a one-line {@code .path} file;
 * a file inside the node's own folder is recorded relative to it, so the reference stays valid when
 * the engine moves the finished folder into place.
 */
public record FilePortObject(Path file) implements PortObject {
    @Override
    public PortType type() {
        return PortTypes.FILE;
    }

    @Override
    public PortObjectSpec spec() {
        return new PortObjectSpec(PortTypes.FILE, Map.of("name", file.getFileName().toString()));
    }

    @Override
    public String summary() {
        return file.getFileName().toString();
    }

    static final class Codec implements PortType.Codec {
        @Override
        public String extension() {
            return "path";
        }

        @Override
        public void save(PortObject object, Path file) throws IOException {
            Path target = ((FilePortObject) object).file().toAbsolutePath().normalize();
            Path dir = file.toAbsolutePath().getParent();
            String text = target.startsWith(dir) ? dir.relativize(target).toString() : target.toString();
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
        }

        @Override
        public PortObject load(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                throw new BadInputException(file + ": empty file reference");
            }
            return new FilePortObject(file.toAbsolutePath().getParent().resolve(text).normalize());
        }
    }
}

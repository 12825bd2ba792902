package org.emflow.compute.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one scratch file a fuzz test writes each input to, for readers that take a path (deleted when the JVM exits). */
final class FuzzFiles {
    private FuzzFiles() {
    }

    static Path scratch(String suffix) {
        try {
            Path f = Files.createTempFile("emflow-fuzz-", suffix);
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

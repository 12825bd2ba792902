package org.emflow.compute.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The scratch files a fuzz test writes each input to, for readers that take a path (deleted when the JVM exits). */
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

    /** An empty scratch folder, for inputs that name other files beside them. */
    static Path scratchDir() {
        try {
            Path d = Files.createTempDirectory("emflow-fuzz-");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

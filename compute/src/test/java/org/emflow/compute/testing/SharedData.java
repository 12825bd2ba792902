package org.emflow.compute.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared/data} (the real public test data next to the checkout). Tests that need it
 * call {@link #require(String)}, which skips the test with a clear message when it is absent.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The shared data folder, or null when it cannot be found. */
    public static Path root() {
        String prop = System.getProperty("emflow.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "data"))) {
            return Path.of(prop, "data").toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate.normalize();
            }
        }
        return null;
    }

    /** The file or folder {@code relative} under shared/data; skips the calling test when absent. */
    public static Path require(String relative) {
        Path root = root();
        assumeTrue(root != null, "SKIPPED: ../shared/data not found (set -Demflow.shared=DIR); data-dependent test not run");
        Path p = root.resolve(relative);
        assumeTrue(Files.exists(p), "SKIPPED: shared test data missing: " + p);
        return p;
    }
}

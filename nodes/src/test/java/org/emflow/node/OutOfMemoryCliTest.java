package org.emflow.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory is a failure (exit 3) with the way out, not a stack trace or a "bad input", and writes nothing. */
class OutOfMemoryCliTest {
    @TempDir
    Path dir;

    @Test
    void aNodeOutOfMemoryExitsThreeWithAdviceAndLeavesNothing() throws Exception {
        Path console = dir.resolve("console.txt");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx24m", "-cp",
                System.getProperty("java.class.path"), "org.emflow.cli.Main", "simulate-tilt-series", "--box", "400",
                "--particles", "1", "--tilts", "0", "-o", out.resolve("big.star").toString())
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String text = Files.readString(console);
        assertEquals(3, p.exitValue(), text);
        assertTrue(text.contains("out of memory (Java heap space); give Java more with EMFLOW_JAVA_OPTS"), text);
        assertTrue(!text.contains("\tat "), "no stack trace without --debug: " + text);
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(0, left.count(), "nothing written");
        }
    }
}

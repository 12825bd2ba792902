package org.emflow.compute.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesThroughTemporaryAndRenames() throws IOException {
        Path target = dir.resolve("out.bin");
        AtomicFiles.write(target, false, tmp -> {
            assertFalse(Files.exists(target), "target must not appear before the write completes");
            Files.write(tmp, new byte[] {1, 2, 3});
        });
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(1, countFiles(), "no temporary file left behind");
    }

    @Test
    void failedWriteLeavesNothing() throws IOException {
        Path target = dir.resolve("out.bin");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, false, tmp -> {
            Files.write(tmp, new byte[] {1});
            throw new IOException("disk full");
        }));
        assertEquals(0, countFiles());
    }

    @Test
    void existingOutputIsKeptUnlessOverwriteAsked() throws IOException {
        Path target = dir.resolve("out.bin");
        Files.write(target, new byte[] {9});
        assertThrows(FileAlreadyExistsException.class, () -> AtomicFiles.write(target, false, tmp -> Files.write(tmp, new byte[] {1})));
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
        AtomicFiles.write(target, true, tmp -> Files.write(tmp, new byte[] {7}));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(target));
    }

    private long countFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}

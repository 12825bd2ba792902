package org.emflow.compute.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /**
     * Outputs follow the user's umask (a group shares a disk): a child JVM started under umask 027 and 002 writes
     * a file and a folder through AtomicFiles; their modes are what open(2) and mkdir(2) give under that umask,
     * not the private 0600 / 0700 of Files.createTempFile.
     */
    @Test
    void outputsFollowTheUmask() throws Exception {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "needs a POSIX file system");
        assertEquals("rw-r-----/rwxr-x---", modesUnderUmask("027"));
        assertEquals("rw-rw-r--/rwxrwxr-x", modesUnderUmask("002"));
    }

    private String modesUnderUmask(String umask) throws Exception {
        Path out = dir.resolve("u" + umask);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder("sh", "-c", "umask " + umask + " && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                java, System.getProperty("java.class.path"), UmaskProbe.class.getName(), out.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), text);
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("result.bin"))) + "/"
                + PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("folder")));
    }

    /** Run in a child JVM by {@link #outputsFollowTheUmask}: writes {@code ARG/result.bin} and {@code ARG/folder}. */
    public static final class UmaskProbe {
        public static void main(String[] args) throws IOException {
            Path out = Path.of(args[0]);
            AtomicFiles.write(out.resolve("result.bin"), false, tmp -> Files.write(tmp, new byte[] {1}));
            Files.move(AtomicFiles.temporaryFolder(out, ".folder-"), out.resolve("folder"));
        }
    }

    @Test
    void createFoldersReportsWhatItCreatedAndDeleteEmptyFoldersTakesItBack() throws IOException {
        Path deep = dir.resolve("a/b/c");
        java.util.List<Path> made = AtomicFiles.createFolders(deep);
        assertEquals(java.util.List.of(dir.resolve("a"), dir.resolve("a/b"), deep), made);
        Files.writeString(dir.resolve("a/keep.txt"), "x");
        AtomicFiles.deleteEmptyFolders(made);
        assertFalse(Files.exists(dir.resolve("a/b")), "empty created folders removed");
        assertTrue(Files.exists(dir.resolve("a/keep.txt")), "a folder that holds a file is kept");
        assertEquals(java.util.List.of(), AtomicFiles.createFolders(dir), "nothing created for an existing folder");
    }

    private long countFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }
}

package org.emflow.compute.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputSetTest {
    @TempDir
    Path dir;

    @Test
    void filesAppearTogetherOnlyAtCommit() throws IOException {
        Path out = dir.resolve("new/rec");
        try (OutputSet set = OutputSet.open(out, "rec")) {
            Path wave = set.stage("rec.wav");
            Path png = set.stage("rec_amplitude.png");
            AtomicFiles.write(wave, false, t -> Files.write(t, new byte[] {1, 2}));
            AtomicFiles.write(png, false, t -> Files.write(t, new byte[] {3}));
            assertEquals(List.of(), visible(out), "nothing visible before the commit");
            assertEquals(out.resolve("rec.wav"), set.finalPath(wave));
            assertEquals(List.of(out.resolve("rec.wav"), out.resolve("rec_amplitude.png")), set.commit());
        }
        assertEquals(List.of("rec.wav", "rec_amplitude.png"), names(out), "both files and no staging folder");
    }

    @Test
    void aSetNeverCommittedLeavesNothingNotEvenTheFoldersItMade() throws IOException {
        Path out = dir.resolve("a/b");
        try (OutputSet set = OutputSet.open(out, "rec")) {
            AtomicFiles.write(set.stage("rec.wav"), false, t -> Files.write(t, new byte[] {1}));
            // the run fails here (a full disk while writing the next file)
        }
        assertFalse(Files.exists(dir.resolve("a")), "the folders this set created are gone");
    }

    @Test
    void commitReplacesAnEarlierRunsFilesButKeepsOthers() throws IOException {
        Files.writeString(dir.resolve("rec.wav"), "old");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        try (OutputSet set = OutputSet.open(dir, "rec")) {
            AtomicFiles.write(set.stage("rec.wav"), false, t -> Files.writeString(t, "new"));
            set.commit();
        }
        assertEquals("new", Files.readString(dir.resolve("rec.wav")));
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void aFileWhereTheFolderShouldBeIsBadInputNamingIt() throws IOException {
        Files.writeString(dir.resolve("results"), "a file");
        BadInputException e = assertThrows(BadInputException.class, () -> OutputSet.open(dir.resolve("results/rec"), "rec"));
        assertTrue(e.getMessage().contains(dir.resolve("results").toString()) && e.getMessage().contains(": a file, not a folder"),
                e.getMessage());
    }

    @Test
    void aFolderInAnOutputsPlaceStopsTheCommitBeforeAnyFileMoves() throws IOException {
        Files.createDirectories(dir.resolve("rec.wav"));
        try (OutputSet set = OutputSet.open(dir, "rec")) {
            AtomicFiles.write(set.stage("rec_amplitude.png"), false, t -> Files.write(t, new byte[] {1}));
            AtomicFiles.write(set.stage("rec.wav"), false, t -> Files.write(t, new byte[] {2}));
            BadInputException e = assertThrows(BadInputException.class, set::commit);
            assertTrue(e.getMessage().contains("rec.wav: a folder, not a file"), e.getMessage());
        }
        assertEquals(List.of("rec.wav"), names(dir), "no picture without its wave");
    }

    @Test
    void messagesShowFinalPathsNotStagedOnes() throws IOException {
        try (OutputSet set = OutputSet.open(dir, "rec")) {
            Path staged = set.stage("rec.wav");
            assertEquals(dir.resolve("rec.wav") + ": No space left on device", set.shown(staged + ": No space left on device"));
        }
    }

    @Test
    void aWriteErrorNamesTheOutput() {
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(dir.resolve("map.mrc"), false, t -> {
            throw new IOException("No space left on device");
        }));
        assertEquals(dir.resolve("map.mrc") + ": No space left on device", e.getMessage());
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> visible(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
    }
}

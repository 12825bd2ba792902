package org.emflow.compute.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files one command writes into a folder, committed as one set: each is written into a hidden staging folder
 * {@code FOLDER/.NAME.partial-*} and all are renamed into FOLDER together at {@link #commit}, so that a run that fails
 * halfway (a full disk while writing the last file) leaves none of them, not the pictures without the wave.
 *
 * <p>The staging folder is made when the set is opened, before any computing: a folder that cannot be written (read
 * only, no permission) is reported then, as bad input naming it, not after an hour of work. Renames within one folder
 * need no space, so a commit does not fail on a full disk. {@link #close} removes the staging folder (and the output
 * folders this set created, when nothing was committed); a killed run's staging folder matches the leftover patterns
 * that the next run and {@code emflow clean} remove.
 */
public final class OutputSet implements AutoCloseable {
    private final Path folder;
    private final Path staging;
    private final List<Path> createdFolders;
    /** Staged file to its final place, in the order staged. */
    private final Map<Path, Path> staged = new LinkedHashMap<>();
    private boolean committed;

    private OutputSet(Path folder, Path staging, List<Path> createdFolders) {
        this.folder = folder;
        this.staging = staging;
        this.createdFolders = createdFolders;
    }

    /**
     * Opens a set of outputs named {@code name} (for the staging folder's name) in {@code folder}, creating the folder
     * and its missing parents.
     *
     * @throws org.emflow.compute.util.BadInputException when the folder cannot be created or written
     */
    public static OutputSet open(Path folder, String name) throws IOException {
        Path dir = folder.toAbsolutePath().normalize();
        List<Path> created = AtomicFiles.createFolders(dir);
        try {
            return new OutputSet(dir, AtomicFiles.temporaryFolder(dir, "." + name + ".partial-"), created);
        } catch (IOException | RuntimeException e) {
            AtomicFiles.deleteEmptyFolders(created);
            throw e;
        }
    }

    /** The folder the outputs go to. */
    public Path folder() {
        return folder;
    }

    /** Where to write the output that will become {@code FOLDER/fileName} on commit. */
    public Path stage(String fileName) {
        Path target = folder.resolve(fileName).normalize();
        if (!folder.equals(target.getParent())) {
            throw new IllegalArgumentException("not a file name in " + folder + ": " + fileName);
        }
        Path s = staging.resolve(fileName);
        staged.put(s, target);
        return s;
    }

    /** The final place of a file {@link #stage staged} here (its own path for any other file). */
    public Path finalPath(Path stagedFile) {
        return staged.getOrDefault(stagedFile, stagedFile);
    }

    /** {@code text} (a message) with staged paths shown as the final paths the user knows. */
    public String shown(String text) {
        return text == null ? null : text.replace(staging.toString(), folder.toString());
    }

    /**
     * Renames every staged file that was written into its final place, replacing files of an earlier run (the
     * caller decided beforehand whether that is allowed), and returns the final paths.
     */
    public List<Path> commit() throws IOException {
        for (var e : staged.entrySet()) { // before any rename: a folder in a file's place would stop the set halfway
            if (Files.exists(e.getKey()) && Files.isDirectory(e.getValue())) {
                throw new org.emflow.compute.util.BadInputException(e.getValue() + ": a folder, not a file: the output cannot replace it");
            }
        }
        List<Path> done = new ArrayList<>();
        for (var e : staged.entrySet()) {
            if (Files.exists(e.getKey())) {
                AtomicFiles.commit(e.getKey(), e.getValue(), true);
                done.add(e.getValue());
            }
        }
        committed = true;
        return done;
    }

    /** Removes the staging folder with what is left in it; the folders created for a set never committed go too. */
    @Override
    public void close() {
        try (Stream<Path> walk = Files.walk(staging)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // already gone, or not ours: nothing else to do here, and the next run's sweep removes the rest
        }
        if (!committed) {
            AtomicFiles.deleteEmptyFolders(createdFolders);
        }
    }
}

package org.emflow.compute.particles;

import java.nio.file.Path;

/**
 * How to read a particle table.
 *
 * @param dataDir   folder to look for image stacks in ({@code --datadir}); null = the star file's folder
 *                  (see {@link ImagePathResolver})
 * @param selection which images to use
 */
public record ReadOptions(Path dataDir, Selection selection) {
    public static final ReadOptions DEFAULT = new ReadOptions(null, Selection.ALL);

    public ReadOptions {
        if (selection == null) {
            selection = Selection.ALL;
        }
    }

    public ReadOptions withDataDir(Path dir) {
        return new ReadOptions(dir, selection);
    }

    public ReadOptions withSelection(Selection s) {
        return new ReadOptions(dataDir, s);
    }
}

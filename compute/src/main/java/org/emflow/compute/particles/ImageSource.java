package org.emflow.compute.particles;

import java.nio.file.Path;

/**
 * Where one 2-D image lives: a stack file and a 0-based section index in it. (STAR files write
 * {@code index@file} with a 1-based index; the parser converts.)
 */
public record ImageSource(Path file, int index) {
    public ImageSource {
        if (index < 0) {
            throw new IllegalArgumentException("image index must be >= 0: " + index);
        }
    }

    @Override
    public String toString() {
        return (index + 1) + "@" + file;
    }
}

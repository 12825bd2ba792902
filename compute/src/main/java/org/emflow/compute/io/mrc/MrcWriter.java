package org.emflow.compute.io.mrc;

import java.io.IOException;
import java.nio.file.Path;
import org.emflow.compute.image.Volume;

/**
 * Writes whole volumes and stacks as MRC2014 files (mode 2, or 12 on request) through a temporary
 * file renamed on completion. Header conventions: {@link MrcHeader}; streaming: {@link MrcStackWriter}.
 */
public final class MrcWriter {
    private MrcWriter() {
    }

    /** Writes {@code volume} as a 3-D map (ispg 1, cell = size x pixel size). */
    public static void writeVolume(Path target, Volume volume, MrcMode mode, boolean overwrite) throws IOException {
        write(MrcStackWriter.volume(target, volume.nx(), volume.ny(), volume.pixelSize(), mode, overwrite), volume);
    }

    /** Writes the {@code nz} sections of {@code images} as an image stack (ispg 0, mz 1). */
    public static void writeStack(Path target, Volume images, MrcMode mode, boolean overwrite) throws IOException {
        write(MrcStackWriter.stack(target, images.nx(), images.ny(), images.pixelSize(), mode, overwrite), images);
    }

    private static void write(MrcStackWriter w, Volume v) throws IOException {
        boolean ok = false;
        try {
            w.append(v.data(), 0, v.nz());
            ok = true;
        } finally {
            if (ok) {
                w.close();
            } else {
                w.abort();
            }
        }
    }
}

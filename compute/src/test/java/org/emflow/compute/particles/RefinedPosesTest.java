package org.emflow.compute.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emflow.compute.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refinement's poses are written into the particle star (elsewhere than the input) and read back. */
class RefinedPosesTest {
    @TempDir
    Path dir;

    @Test
    void refinedPosesSurviveWritingAndReadingAndImagesStillResolve() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        ParticleTable t = ParticleTableReader.read(star, ReadOptions.DEFAULT);
        List<ImageRecord> refined = new ArrayList<>();
        for (ImageRecord r : t.images()) {
            refined.add(r.withPose(r.rot() + 1.25, r.tilt() - 0.5, r.psi() + 0.125, r.originX() + 0.3, r.originY() - 0.2));
        }
        Path out = dir.resolve("sub/refined.star");
        java.nio.file.Files.createDirectories(out.getParent());
        ParticleTableWriter.write(t.withRefinedPoses(refined), out, false);
        ParticleTable back = ParticleTableReader.read(out, ReadOptions.DEFAULT);
        assertEquals(t.imageCount(), back.imageCount());
        for (int i = 0; i < refined.size(); i += 37) {
            ImageRecord a = refined.get(i), b = back.images().get(i);
            assertEquals(a.rot(), b.rot(), 1e-5);
            assertEquals(a.tilt(), b.tilt(), 1e-5);
            assertEquals(a.psi(), b.psi(), 1e-5);
            assertEquals(a.originX(), b.originX(), 1e-5);
            assertEquals(a.originY(), b.originY(), 1e-5);
            assertEquals(a.source().file().toRealPath(), b.source().file().toRealPath(), "image paths rewritten for the new folder");
            assertEquals(a.source().index(), b.source().index());
            assertEquals(a.ctf(), b.ctf(), "other columns as read");
        }
    }
}

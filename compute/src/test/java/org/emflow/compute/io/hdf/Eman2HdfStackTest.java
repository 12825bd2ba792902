package org.emflow.compute.io.hdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.geometry.PoseConventions;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ParticleTableWriter;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EMAN2/SPARX HDF stacks, against eman2-stack.hdf: written with h5py in EMAN2's layout by make_eman2_fixture.py
 * (next to it), from SPIDER angles and SPARX translations that the test knows.
 */
class Eman2HdfStackTest {
    @TempDir
    Path dir;

    static final double[][] POSES = {{30, 60, -20, 1.5, -0.5}, {0, 0, 0, 0, 0}, {-100, 120, 75, -2.25, 3.0}};

    static Path fixture() throws Exception {
        return Path.of(Eman2HdfStackTest.class.getResource("eman2-stack.hdf").toURI());
    }

    @Test
    void imagesPosesAndPixelSizeAreReadInRelionsConventions() throws Exception {
        Path f = Files.copy(fixture(), dir.resolve("stack.hdf"));
        try (Eman2HdfStack s = Eman2HdfStack.open(f)) {
            assertEquals(3, s.count());
            assertEquals(8, s.nx());
            assertEquals(8, s.ny());
            float[] img = new float[64];
            s.read(2, img);
            assertEquals(200 + 9, img[9], 0, "x fastest, the dataset's row-major order");
            assertEquals(2.5, s.pixelSize(0), 1e-6);
            for (int i = 0; i < 3; i++) {
                Eman2HdfStack.Pose p = s.pose(i);
                double[] want = PoseConventions.spiderMatrix(POSES[i][0], POSES[i][1], POSES[i][2]);
                assertArrayEquals(want, Conventions.eulerMatrix(p.rot(), p.tilt(), p.psi()), 1e-6, "image " + i);
                assertEquals(-POSES[i][3], p.originX(), 1e-6, "origin = -t");
                assertEquals(-POSES[i][4], p.originY(), 1e-6);
            }
            BadInputException past = assertThrows(BadInputException.class, () -> s.read(3, img));
            assertTrue(past.getMessage().contains("past the end"), past.getMessage());
        }
    }

    @Test
    void aStackIsAParticleTableThatSurvivesWritingAndReading() throws Exception {
        Path f = Files.copy(fixture(), dir.resolve("stack.hdf"));
        ParticleTable t = ParticleTableReader.read(f, ReadOptions.DEFAULT);
        assertEquals(3, t.imageCount());
        assertEquals(3, t.particleCount());
        assertEquals(8, t.boxSize());
        assertEquals(2.5, t.pixelSize(), 1e-6);
        Files.createDirectories(dir.resolve("run/node"));
        Path star = dir.resolve("run/node/particles.star");
        ParticleTableWriter.write(t, star, false);
        ParticleTable back = ParticleTableReader.read(star, ReadOptions.DEFAULT);
        assertEquals(3, back.imageCount());
        try (MrcImageLoader loader = new MrcImageLoader()) {
            float[] img = new float[64];
            for (int i = 0; i < 3; i++) {
                ImageRecord a = t.images().get(i), b = back.images().get(i);
                assertArrayEquals(Conventions.eulerMatrix(a.rot(), a.tilt(), a.psi()), Conventions.eulerMatrix(b.rot(), b.tilt(), b.psi()), 1e-5);
                assertEquals(a.originX(), b.originX(), 1e-5);
                assertEquals(null, b.ctf(), "no CTF invented");
                loader.read(b.source(), img);
                assertEquals(100 * i + 63, img[63], 0);
            }
        }
    }

    @Test
    void aFileThatIsNoHdfOrNoStackIsBadInputNamingIt() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.hdf"), "not hdf at all");
        BadInputException e = assertThrows(BadInputException.class, () -> Eman2HdfStack.open(junk));
        assertTrue(e.getMessage().contains("junk.hdf"), e.getMessage());
        assertThrows(BadInputException.class, () -> Eman2HdfStack.open(dir.resolve("missing.hdf")));
    }
}

package org.emflow.compute.io.mrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ImageSource;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MrcImageLoaderTest {
    @TempDir
    Path dir;

    /** Stack f holds images whose every pixel is 100 * f + image index. */
    private List<Path> stacks(int files, int images) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            float[] d = new float[images * 16];
            for (int i = 0; i < d.length; i++) {
                d[i] = 100 * f + i / 16;
            }
            Path p = dir.resolve("s" + f + ".mrcs");
            MrcWriter.writeStack(p, new Volume(4, 4, images, d, 1.0), MrcMode.FLOAT32, false);
            out.add(p);
        }
        return out;
    }

    @Test
    void manyThreadsReadTheRightImagesWhileAtMostTheBoundOfFilesIsOpen() throws Exception {
        List<Path> files = stacks(9, 5);
        try (MrcImageLoader loader = new MrcImageLoader(3)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> jobs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int seed = t;
                    jobs.add(pool.submit(() -> {
                        float[] img = new float[16];
                        for (int k = 0; k < 2000; k++) {
                            int f = (k * 7 + seed * 3) % 9;
                            int i = (k + seed) % 5;
                            loader.read(new ImageSource(files.get(f), i), img);
                            assertEquals(100 * f + i, img[15], "file " + f + " image " + i);
                            assertTrue(loader.openFiles() <= 3);
                        }
                        return null;
                    }));
                }
                for (Future<?> j : jobs) {
                    j.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(loader.openFiles() <= 3);
        }
    }

    @Test
    void indexPastTheEndAndWrongBoxAreClearErrors() throws IOException {
        List<Path> files = stacks(1, 5);
        try (MrcImageLoader loader = new MrcImageLoader()) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> loader.read(new ImageSource(files.get(0), 5), new float[16]));
            assertTrue(e.getMessage().contains("s0.mrcs") && e.getMessage().contains("image index 6")
                    && e.getMessage().contains("has 5 images"), e.getMessage());
            e = assertThrows(BadInputException.class, () -> loader.read(new ImageSource(files.get(0), 0), new float[25]));
            assertTrue(e.getMessage().contains("4 x 4"), e.getMessage());
            e = assertThrows(BadInputException.class,
                    () -> loader.read(new ImageSource(dir.resolve("gone.mrcs"), 0), new float[16]));
            assertTrue(e.getMessage().contains("gone.mrcs"), e.getMessage());
        }
    }
}

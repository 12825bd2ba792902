package org.emflow.compute.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.image.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeSlicesTest {
    @TempDir
    Path dir;

    @Test
    void centralSlicesShowFirstAxisRightAndSecondAxisUp() {
        Volume v = new Volume(4, 3, 2, new float[24], 1);
        v.set(3, 2, 1, 7f);  // x max, y max, z = nz/2
        VolumeSlices xy = VolumeSlices.xy(v, 1);
        assertEquals(4, xy.width());
        assertEquals(3, xy.height());
        assertEquals(7f, xy.values()[3]);  // row 0 (top) = y max, column 3 = x max

        v.set(1, 1, 1, 5f);  // y = ny/2: on the XZ slice, at x = 1, z = 1 -> top row (z max)
        VolumeSlices xz = VolumeSlices.xz(v, 1);
        assertEquals(2, xz.height());
        assertEquals(5f, xz.values()[1]);

        v.set(2, 2, 0, 3f);  // x = nx/2: on the YZ slice, y = 2 to the right, z = 0 at the bottom row
        VolumeSlices yz = VolumeSlices.yz(v, 2);
        assertEquals(3, yz.width());
        assertEquals(3f, yz.values()[3 + 2]);
    }

    @Test
    void pictureHoldsTheThreeSlicesEnlargedWithABrightVoxelWhereItIs() throws Exception {
        Volume v = Volume.cube(16, 2.0);
        for (int i = 0; i < v.data().length; i++) {
            v.data()[i] = (i % 7) / 7f; // a textured background
        }
        v.set(12, 8, 8, 10f); // in the XY and XZ central slices, right of the centre
        Path png = dir.resolve("slices.png");
        VolumeSlices.writePng(png, v, false);
        var img = javax.imageio.ImageIO.read(png.toFile());
        int zoom = 12; // 192 / 16
        assertTrue(img.getWidth() >= 3 * 16 * zoom, "three slices side by side: " + img.getWidth());
        // XY slice starts at x = 12 (gap), y = 12; voxel (12, 8) is at picture column 12, row 15 - 8 = 7.
        int px = 12 + 12 * zoom + zoom / 2;
        int py = 12 + 7 * zoom + zoom / 2;
        assertEquals(255, img.getRaster().getSample(px, py, 0), "bright voxel white");
        java.util.Set<Integer> levels = new java.util.TreeSet<>();
        for (int x = 0; x < 16; x++) {
            levels.add(img.getRaster().getSample(12 + x * zoom + zoom / 2, 12 + zoom / 2, 0));
        }
        assertTrue(levels.size() >= 5, "the background's texture stays visible beside the bright voxel: " + levels);
        assertTrue(Files.size(png) > 500);
    }
}

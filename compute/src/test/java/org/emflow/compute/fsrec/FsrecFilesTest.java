package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsrecFilesTest {
    @TempDir
    Path dir;

    @Test
    void waveIsLittleEndianComplex64RowMajorWithoutHeader() throws IOException {
        // 3 columns x 2 rows; element (x=2, y=1) = 5 - 7i
        float[] data = new float[12];
        data[2 * (1 * 3 + 2)] = 5f;
        data[2 * (1 * 3 + 2) + 1] = -7f;
        Path f = dir.resolve("w.wav");
        FsrecFiles.writeWave(f, new ComplexImage(3, 2, data, 0.1, 0.1));
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(48, bytes.length);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(5f, b.getFloat(8 * 5));
        assertEquals(-7f, b.getFloat(8 * 5 + 4));
        assertArrayEquals(data, FsrecFiles.readWave(f, 3, 2, 0.1, 0.1).data(), 0f);
        BadInputException e = assertThrows(BadInputException.class, () -> FsrecFiles.readWave(f, 4, 2, 0.1, 0.1));
        assertTrue(e.getMessage().contains("w.wav") && e.getMessage().contains("48 bytes"), e.getMessage());
    }

    @Test
    void displacementTableRoundTripsAndMismatchesNameFileAndRow() throws IOException {
        Path f = dir.resolve("r_dxy.csv");
        FsrecFiles.writeCsv(f, "Image displacements", List.of(new double[] {3, 0.5, -1.25}, new double[] {4, 0, 2}));
        assertEquals(List.of("# Image displacements", "3.000000,0.500000,-1.250000", "4.000000,0.000000,2.000000"), Files.readAllLines(f));
        double[][] d = FsrecFiles.readDisplacements(f, new int[] {3, 4});
        assertArrayEquals(new double[] {0.5, 0}, d[0], 0);
        assertArrayEquals(new double[] {-1.25, 2}, d[1], 0);
        BadInputException wrongImage = assertThrows(BadInputException.class, () -> FsrecFiles.readDisplacements(f, new int[] {3, 5}));
        assertTrue(wrongImage.getMessage().contains("row 2 is for image 4.0 but image 5"), wrongImage.getMessage());
        Files.writeString(f, "# x\n1,2,oops\n");
        BadInputException bad = assertThrows(BadInputException.class, () -> FsrecFiles.readDisplacements(f, new int[] {1}));
        assertTrue(bad.getMessage().contains("r_dxy.csv line 2 column 3"), bad.getMessage());
    }
}

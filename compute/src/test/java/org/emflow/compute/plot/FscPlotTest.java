package org.emflow.compute.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.emflow.compute.fsc.FscCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FscPlotTest {
    @Test
    void writesAPngAndKeepsAnExistingOneWithoutOverwrite(@TempDir Path dir) throws Exception {
        FscCurve c = new FscCurve(new double[] { 0, 0.1, 0.2, 0.3 }, new double[] { 1, 0.8, 0.3, 0.05 }, new long[4], 1.0);
        Path png = dir.resolve("fsc.png");
        FscPlot.writePng(png, c, false);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertThrows(FileAlreadyExistsException.class, () -> FscPlot.writePng(png, c, false));
    }
}

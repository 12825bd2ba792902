package org.emflow.compute.fsrec;

import org.emflow.compute.plot.GreyImages;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.emflow.compute.image.ComplexImage;

/**
 * 8-bit grey PNG pictures of a wave's amplitude |psi| and phase arg(psi) (rad), and of an input image
 * with the reference frame marked. Grey levels are stretched between the 0.1 % and 99.9 % quantiles so
 * that a few outliers do not wash out the contrast; row 0 of the image is the top row of the picture.
 */
public final class WavePictures {
    private WavePictures() {
    }

    /** Writes the amplitude picture. */
    public static void writeAmplitude(Path file, ComplexImage wave) throws IOException {
        float[] v = new float[wave.nx() * wave.ny()];
        float[] d = wave.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.hypot(d[2 * i], d[2 * i + 1]);
        }
        write(file, grey(v, wave.nx(), wave.ny()));
    }

    /** Writes the phase picture. */
    public static void writePhase(Path file, ComplexImage wave) throws IOException {
        float[] v = new float[wave.nx() * wave.ny()];
        float[] d = wave.data();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.atan2(d[2 * i + 1], d[2 * i]);
        }
        write(file, grey(v, wave.nx(), wave.ny()));
    }

    /** Writes an image (nx x ny, x fastest) with a yellow rectangle around [x0, x0+w) x [y0, y0+h). */
    public static void writeWithFrame(Path file, float[] image, int nx, int ny, int x0, int y0, int w, int h) throws IOException {
        BufferedImage grey = grey(image, nx, ny);
        BufferedImage rgb = new BufferedImage(nx, ny, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(grey, 0, 0, null);
        g.setColor(Color.YELLOW);
        g.setStroke(new BasicStroke(Math.max(1f, nx / 256f)));
        g.drawRect(x0, y0, w - 1, h - 1);
        g.dispose();
        write(file, rgb);
    }

    /** Grey levels between the 0.1 % and 99.9 % quantiles. */
    static BufferedImage grey(float[] v, int nx, int ny) {
        return GreyImages.grey(v, nx, ny, 0.001);
    }

    private static void write(Path file, BufferedImage img) throws IOException {
        GreyImages.writePng(file, img, true);
    }
}

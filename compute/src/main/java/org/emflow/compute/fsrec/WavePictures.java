package org.emflow.compute.fsrec;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.io.AtomicFiles;

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

    static BufferedImage grey(float[] v, int nx, int ny) {
        float[] work = v.clone();
        float lo = select(work, (int) (0.001 * (v.length - 1)));
        float hi = select(work, (int) Math.ceil(0.999 * (v.length - 1)));
        float scale = hi > lo ? 255f / (hi - lo) : 0f;
        BufferedImage img = new BufferedImage(nx, ny, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < v.length; i++) {
            float g = Float.isFinite(v[i]) ? (v[i] - lo) * scale : 0f;
            pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(g)));
        }
        return img;
    }

    /**
     * The k-th smallest value in Arrays.sort order (what sorting a copy and taking element k gives, NaN
     * last), by quickselect: two quantiles do not need a whole sort. {@code a} is reordered.
     */
    static float select(float[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        while (hi > lo) {
            float pivot = a[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (Float.compare(a[i], pivot) < 0) {
                    i++;
                }
                while (Float.compare(a[j], pivot) > 0) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void write(Path file, BufferedImage img) throws IOException {
        AtomicFiles.write(file, true, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}

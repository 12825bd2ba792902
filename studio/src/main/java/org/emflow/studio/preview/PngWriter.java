package org.emflow.studio.preview;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.emflow.compute.plot.GreyImages;

/** Renders a {@link Plane} to PNG bytes: grey planes as {@link GreyImages} (0.5 % and 99.5 % quantiles), phase planes in hue. */
public final class PngWriter {
    private PngWriter() {
    }

    public static byte[] png(Plane p) throws IOException {
        BufferedImage img = new BufferedImage(p.width(), p.height(), BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[p.width() * p.height()];
        float[] v = p.values();
        if (p.map() == Plane.Colormap.PHASE) {
            for (int i = 0; i < v.length; i++) {
                double hue = (v[i] + Math.PI) / (2 * Math.PI);
                rgb[i] = java.awt.Color.HSBtoRGB((float) (hue - Math.floor(hue)), 0.75f, 0.95f) & 0xffffff;
            }
            img.setRGB(0, 0, p.width(), p.height(), rgb, 0, p.width());
        } else {
            img = GreyImages.grey(v, p.width(), p.height(), 0.005);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}

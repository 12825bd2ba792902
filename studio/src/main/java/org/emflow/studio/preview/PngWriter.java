package org.emflow.studio.preview;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Renders a {@link Plane} to PNG bytes. */
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
        } else {
            double[] range = robustRange(v);
            double lo = range[0];
            double scale = range[1] > lo ? 255.0 / (range[1] - lo) : 0;
            for (int i = 0; i < v.length; i++) {
                int g = Float.isFinite(v[i]) ? (int) Math.round((v[i] - lo) * scale) : 0;
                g = Math.max(0, Math.min(255, g));
                rgb[i] = g << 16 | g << 8 | g;
            }
        }
        img.setRGB(0, 0, p.width(), p.height(), rgb, 0, p.width());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** The 0.5th and 99.5th percentiles of the finite values (min and max for small images). */
    static double[] robustRange(float[] v) {
        float[] s = new float[v.length];
        int n = 0;
        for (float x : v) {
            if (Float.isFinite(x)) {
                s[n++] = x;
            }
        }
        if (n == 0) {
            return new double[] {0, 0};
        }
        Arrays.sort(s, 0, n);
        int lo = (int) Math.floor(0.005 * (n - 1));
        int hi = (int) Math.ceil(0.995 * (n - 1));
        return new double[] {s[lo], s[hi]};
    }
}

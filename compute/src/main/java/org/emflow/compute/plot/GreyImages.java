package org.emflow.compute.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.emflow.compute.io.AtomicFiles;

/**
 * 8-bit grey pictures of float images (x fastest, row 0 at the top of the picture), with grey levels
 * stretched between two quantiles so that a few outliers (hot pixels, a bright blob) do not wash out
 * the contrast; non-finite values are black. One place for maps, slices and exit waves.
 */
public final class GreyImages {
    private GreyImages() {
    }

    /** The grey picture of {@code v}, stretched between the {@code tail} and {@code 1 - tail} quantiles. */
    public static BufferedImage grey(float[] v, int width, int height, double tail) {
        float[] work = v.clone();
        int finite = 0;
        for (float x : work) {
            if (Float.isFinite(x)) {
                work[finite++] = x;
            }
        }
        float lo = 0;
        float hi = 0;
        if (finite > 0) {
            float[] f = java.util.Arrays.copyOf(work, finite);
            lo = select(f, (int) Math.floor(tail * (finite - 1)));
            hi = select(f, (int) Math.ceil((1 - tail) * (finite - 1)));
        }
        float scale = hi > lo ? 255f / (hi - lo) : 0f;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
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
    public static float select(float[] a, int k) {
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

    /** Writes a picture as PNG through a temporary file. */
    public static void writePng(Path file, BufferedImage img, boolean overwrite) throws IOException {
        AtomicFiles.write(file, overwrite, tmp -> {
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}

package org.emflow.compute.fsrec;

import java.util.Arrays;

/**
 * Replaces outlier and dead pixels by the median of their 3 x 3 neighbourhood (PyFSRec's Fixhotpix,
 * spec pyfsrec.md section 2.1): a pixel is an outlier when its deviation from the local median exceeds
 * ten times the standard deviation of (image - median image). Unlike the original, NaN and infinite
 * pixels are also replaced (by the median of their finite neighbours) and do not disable the detection.
 * Edge pixels use the neighbours that exist.
 */
public final class HotPixelFilter {
    private HotPixelFilter() {
    }

    /** Fixes {@code img} (nx x ny, x fastest) in place; returns the number of pixels replaced. */
    public static int fix(float[] img, int nx, int ny) {
        float[] median = new float[img.length];
        float[] win = new float[9];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int n = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(ny - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(nx - 1, x + 1); xx++) {
                        float v = img[yy * nx + xx];
                        if (Float.isFinite(v)) {
                            win[n++] = v;
                        }
                    }
                }
                if (n == 0) {
                    median[y * nx + x] = 0f;
                } else {
                    Arrays.sort(win, 0, n);
                    median[y * nx + x] = (n % 2 == 1) ? win[n / 2] : 0.5f * (win[n / 2 - 1] + win[n / 2]);
                }
            }
        }
        double s = 0;
        double s2 = 0;
        int m = 0;
        for (int i = 0; i < img.length; i++) {
            if (Float.isFinite(img[i])) {
                double d = img[i] - median[i];
                s += d;
                s2 += d * d;
                m++;
            }
        }
        double mean = m == 0 ? 0 : s / m;
        double std = m == 0 ? 0 : Math.sqrt(Math.max(0, s2 / m - mean * mean));
        double limit = 10 * std;
        int fixed = 0;
        for (int i = 0; i < img.length; i++) {
            if (!Float.isFinite(img[i]) || Math.abs(img[i] - median[i]) > limit && std > 0) {
                img[i] = median[i];
                fixed++;
            }
        }
        return fixed;
    }
}

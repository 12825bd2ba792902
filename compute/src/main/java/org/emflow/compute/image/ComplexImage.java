package org.emflow.compute.image;

/**
 * A complex 2-D image, for example an electron exit wave: {@code nx} columns by {@code ny} rows,
 * stored as interleaved (re, im) float pairs, x fastest: element (x, y) is at
 * {@code data[2 * (y * nx + x)]} (real) and {@code data[2 * (y * nx + x) + 1]} (imaginary). This is
 * the layout of JTransforms' complex 2-D transforms and of the raw complex64 files of PyFSRec.
 * Sampling is in nanometres per pixel along x (columns) and y (rows).
 */
public final class ComplexImage {
    private final int nx;
    private final int ny;
    private final float[] data;
    private final double samplingX;
    private final double samplingY;

    /** Wraps {@code data} (not copied). */
    public ComplexImage(int nx, int ny, float[] data, double samplingXNm, double samplingYNm) {
        if (nx <= 0 || ny <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + nx + " x " + ny);
        }
        if ((long) nx * ny * 2 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("complex image of " + nx + " x " + ny + " exceeds a Java array");
        }
        if (data.length != 2 * nx * ny) {
            throw new IllegalArgumentException("data length " + data.length + " does not match 2 x " + nx + " x " + ny);
        }
        if (!(samplingXNm >= 0) || !(samplingYNm >= 0) || Double.isInfinite(samplingXNm) || Double.isInfinite(samplingYNm)) {
            throw new IllegalArgumentException("sampling must be finite and >= 0: " + samplingXNm + ", " + samplingYNm);
        }
        this.nx = nx;
        this.ny = ny;
        this.data = data;
        this.samplingX = samplingXNm;
        this.samplingY = samplingYNm;
    }

    /** A zero-filled image. */
    public static ComplexImage zeros(int nx, int ny, double samplingXNm, double samplingYNm) {
        return new ComplexImage(nx, ny, new float[2 * nx * ny], samplingXNm, samplingYNm);
    }

    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    /** The interleaved (re, im) array, x fastest (not a copy). */
    public float[] data() {
        return data;
    }

    /** Nanometres per pixel along x (columns). */
    public double samplingX() {
        return samplingX;
    }

    /** Nanometres per pixel along y (rows). */
    public double samplingY() {
        return samplingY;
    }

    public float re(int x, int y) {
        return data[2 * (y * nx + x)];
    }

    public float im(int x, int y) {
        return data[2 * (y * nx + x) + 1];
    }

    /** |value|^2 averaged over all pixels (1 for a normalised exit wave). */
    public double meanIntensity() {
        double s = 0;
        for (int i = 0; i < data.length; i += 2) {
            s += (double) data[i] * data[i] + (double) data[i + 1] * data[i + 1];
        }
        return s / ((double) nx * ny);
    }

    /** A deep copy. */
    public ComplexImage copy() {
        return new ComplexImage(nx, ny, data.clone(), samplingX, samplingY);
    }
}

package org.emflow.compute.image;

/**
 * A 3-D map (or a single 2-D image when nz = 1) on a regular grid.
 *
 * <p>Layout: x fastest, then y, then z: {@code data[(z * ny + y) * nx + x]}, the same order as an
 * MRC file's sections. The real-space origin of a box is at index {@code n / 2} in each dimension
 * (see the conventions class of the reconstruction package). A Java array holds at most 2^31-1
 * elements, so a single volume is limited to about 1290^3 voxels; larger data is streamed.
 */
public final class Volume {
    private final int nx;
    private final int ny;
    private final int nz;
    private final float[] data;
    private final double pixelSize;

    /** Wraps {@code data} (not copied). {@code pixelSize} is in Angstrom per voxel; 0 means unknown. */
    public Volume(int nx, int ny, int nz, float[] data, double pixelSize) {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("volume dimensions must be positive: " + nx + " x " + ny + " x " + nz);
        }
        long n = (long) nx * ny * nz;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("volume of " + nx + " x " + ny + " x " + nz + " exceeds a Java array");
        }
        if (data.length != n) {
            throw new IllegalArgumentException("data length " + data.length + " does not match " + nx + " x " + ny + " x " + nz);
        }
        if (!(pixelSize >= 0) || Double.isInfinite(pixelSize)) {
            throw new IllegalArgumentException("pixel size must be finite and >= 0: " + pixelSize);
        }
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.data = data;
        this.pixelSize = pixelSize;
    }

    /** A zero-filled cube of side {@code n}. */
    public static Volume cube(int n, double pixelSize) {
        return new Volume(n, n, n, new float[Math.multiplyExact(Math.multiplyExact(n, n), n)], pixelSize);
    }

    public int nx() { return nx; }
    public int ny() { return ny; }
    public int nz() { return nz; }
    /** The voxels, x fastest; shared, not copied. */
    public float[] data() { return data; }
    /** Angstrom per voxel; 0 when unknown. */
    public double pixelSize() { return pixelSize; }
    public boolean isCube() { return nx == ny && ny == nz; }

    public float get(int x, int y, int z) { return data[(z * ny + y) * nx + x]; }
    public void set(int x, int y, int z, float v) { data[(z * ny + y) * nx + x] = v; }

    /** Same grid and pixel size, new data array. */
    public Volume withData(float[] newData) { return new Volume(nx, ny, nz, newData, pixelSize); }

    public Volume withPixelSize(double newPixelSize) { return new Volume(nx, ny, nz, data, newPixelSize); }

    @Override
    public String toString() {
        return nx + " x " + ny + " x " + nz + " @ " + pixelSize + " A/px";
    }
}

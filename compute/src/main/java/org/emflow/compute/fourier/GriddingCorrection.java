package org.emflow.compute.fourier;

/**
 * The gridding correction: the factor by which each voxel of a map is multiplied to undo (back projection) or
 * pre-compensate (projection) the apodisation of Fourier interpolation. Separable: the factor at (x, y, z) is
 * the product of {@link #factors} along each axis.
 */
public final class GriddingCorrection {
    private GriddingCorrection() {
    }

    /**
     * 1/apodisation for each index 0..box−1 of a map of {@code box} voxels placed at the centre of a padded box of
     * {@code padded} voxels (offset padded/2 − box/2); the distance is from the padded centre, padded/2.
     */
    public static double[] factors(GriddingKernel kernel, int box, int padded) {
        int off = padded / 2 - box / 2;
        double[] g = new double[box];
        for (int i = 0; i < box; i++) {
            g[i] = 1.0 / kernel.apodisation(i + off - padded / 2, padded);
        }
        return g;
    }

    /** All ones: for a run that asks for no correction. */
    public static double[] none(int box) {
        double[] g = new double[box];
        java.util.Arrays.fill(g, 1.0);
        return g;
    }
}

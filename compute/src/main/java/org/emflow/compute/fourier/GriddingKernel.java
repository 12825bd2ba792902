package org.emflow.compute.fourier;

/**
 * The interpolation kernel with which samples are inserted into, or extracted from, a padded 3-D spectrum, and
 * the real-space apodisation it causes. Interpolating in Fourier space with a kernel w multiplies the map in real
 * space by w's inverse transform; a gridding correction divides it back out ({@link GriddingCorrection}).
 * Projection and back projection of one refinement use the same kernel, so extraction is the adjoint of
 * insertion.
 */
public interface GriddingKernel {
    /** Half the support in padded-grid units: weights are zero for |x| >= this (1 for trilinear, 3 for SPARX's KB). */
    double halfWidth();

    /** The 1-D weight at offset {@code x} (padded-grid units) from a grid point; separable in 3-D. */
    double weight(double x);

    /** {@link #weight} as inner loops evaluate it: a kernel may answer from a table (SPARX's KB does). */
    default double fastWeight(double x) {
        return weight(x);
    }

    /**
     * The real-space apodisation at {@code d} voxels from the centre of a padded box of {@code padded} voxels:
     * the kernel's inverse transform, normalised to 1 at the centre.
     */
    double apodisation(double d, int padded);
}

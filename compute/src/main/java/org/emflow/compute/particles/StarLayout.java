package org.emflow.compute.particles;

/**
 * The particle-table layouts emflow reads, recognised by the blocks and columns present (never by
 * an exact header list: extra or reordered columns are fine).
 */
public enum StarLayout {
    /** One loop, one row per 2-D image, {@code N@stack} names: Warp v1, tomoDRGN's cryoSRPNT simulator. */
    RELION_3_0_IMAGE_SERIES("RELION 3.0 image series"),
    /** data_optics + data_particles, one row per 2-D image: RELION 3.1/4 exports, nextPYP. */
    RELION_3_1_OPTICS("RELION 3.1+ optics + particles"),
    /**
     * An optimisation set naming a particles star (one row per particle, one 2-D stack of all tilts per
     * particle, rlnTomoVisibleFrames) and a tomograms star (per-tilt projection matrices, defocus, pre-exposure):
     * RELION 5, WarpTools.
     */
    RELION_5_OPTIMISATION_SET("RELION 5 / WarpTools optimisation set"),
    /** cisTEM's star: _cisTEM... columns, one row per image. */
    CISTEM("cisTEM star");

    private final String description;

    StarLayout(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

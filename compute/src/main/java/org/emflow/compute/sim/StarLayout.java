package org.emflow.compute.sim;

/** The STAR layout the simulator writes. */
public enum StarLayout {
    /** RELION 3.1+: data_optics + data_particles, origins in Angstrom (relion_reconstruct reads it). */
    RELION31,
    /** tomoDRGN's cryoSRPNT image-series layout: one data_ block, the 17 columns of the shared 10076 data. */
    CRYOSRPNT
}

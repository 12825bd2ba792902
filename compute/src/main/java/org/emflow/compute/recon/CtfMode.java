package org.emflow.compute.recon;

/** How the reconstruction corrects for the contrast transfer function. */
public enum CtfMode {
    /** Images are inserted as they are (weights: interpolation × frequency weights). */
    NONE,
    /** Each coefficient is multiplied by sign(CTF) (the original tomoDRGN program's correction). */
    PHASE_FLIP,
    /** Data are multiplied by the CTF and the weights by CTF², with 1/SNR added to the denominator. */
    WIENER
}

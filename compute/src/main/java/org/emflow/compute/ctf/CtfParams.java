package org.emflow.compute.ctf;

/**
 * The contrast transfer function's parameters of one image, in RELION's units and conventions.
 *
 * @param defocusU        defocus along the major axis, Angstrom (positive = underfocus)
 * @param defocusV        defocus along the minor axis, Angstrom
 * @param defocusAngle    azimuth of the major axis from the x axis, degrees
 * @param voltage         acceleration voltage, kV
 * @param cs              spherical aberration, mm
 * @param ampContrast     amplitude contrast fraction (0..1)
 * @param phaseShift      additional phase shift (phase plate), degrees
 * @param bFactor         CTF B-factor, A^2 (rlnCtfBfactor; RELION multiplies by exp(-B s^2 / 4))
 * @param scale           CTF scale factor (rlnCtfScalefactor)
 */
public record CtfParams(double defocusU, double defocusV, double defocusAngle, double voltage, double cs,
                        double ampContrast, double phaseShift, double bFactor, double scale) {
}

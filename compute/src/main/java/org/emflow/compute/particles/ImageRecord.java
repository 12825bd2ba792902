package org.emflow.compute.particles;

import org.emflow.compute.ctf.CtfParams;

/**
 * Everything the reconstruction needs about one particle image, resolved from whichever STAR
 * layout it came from. Each image carries its own pose, dose and tilt: they are paired by identity
 * when the table is read, never by position in a concatenated array.
 *
 * @param source        image file and 0-based section index
 * @param particle      0-based index of the particle in the (selected) table; images of one
 *                      particle share it
 * @param particleId    the particle's identifier as written in the file (rlnGroupName, rlnTomoParticleName, ...)
 * @param tomogram      the tomogram (tilt series) name, or "" when the layout has none
 * @param pixelSize     Angstrom per pixel of the image
 * @param rot           RELION Euler angle rot, degrees (ZYZ, see the reconstruction conventions)
 * @param tilt          RELION Euler angle tilt, degrees
 * @param psi           RELION Euler angle psi, degrees
 * @param originX       in-plane origin offset in pixels, RELION sense (rlnOriginX; Angstrom columns divided by the pixel size)
 * @param originY       in-plane origin offset in pixels, RELION sense
 * @param ctf           CTF parameters, or null when the file has none
 * @param dose          cumulative electron dose before and during this image, e/A^2; NaN when unknown
 * @param tiltAngle     stage tilt of this image, degrees; NaN when unknown
 * @param ctfPremultiplied true when the image was already multiplied by its CTF
 */
public record ImageRecord(ImageSource source, int particle, String particleId, String tomogram, double pixelSize,
                          double rot, double tilt, double psi, double originX, double originY, CtfParams ctf,
                          double dose, double tiltAngle, boolean ctfPremultiplied) {

    /** This image with another pose (angles in degrees, origin offsets in pixels). */
    public ImageRecord withPose(double rot, double tilt, double psi, double originX, double originY) {
        return new ImageRecord(source, particle, particleId, tomogram, pixelSize, rot, tilt, psi, originX, originY, ctf, dose,
                tiltAngle, ctfPremultiplied);
    }

    /** This image read from another source (the same pose, CTF and everything else). */
    public ImageRecord withSource(ImageSource other) {
        return new ImageRecord(other, particle, particleId, tomogram, pixelSize, rot, tilt, psi, originX, originY, ctf, dose,
                tiltAngle, ctfPremultiplied);
    }
}

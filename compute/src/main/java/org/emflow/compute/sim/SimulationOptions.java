package org.emflow.compute.sim;

import org.emflow.compute.particles.StarLayout;
import org.emflow.compute.util.BadInputException;

/**
 * Settings of {@link TiltSeriesSimulator}.
 *
 * @param box            image and map size, pixels (the map must have it; the phantom is made at it)
 * @param pixelSize      Angstrom per pixel (used when the map's own is unknown, and for the phantom)
 * @param particles      number of particles (tilt series of one particle each)
 * @param tilts          stage tilts in acquisition order
 * @param dosePerTilt    exposure per tilt image, e/Angstrom^2 (cumulative dose of the i-th image = (i+1)·dose)
 * @param defocusMin     smallest mean defocus of a particle, Angstrom (uniform between min and max)
 * @param defocusMax     largest mean defocus of a particle, Angstrom
 * @param defocusSpread  standard deviation of the per-image defocus around the particle's, Angstrom
 * @param astigmatism    dfU − dfV, Angstrom (random azimuth per particle)
 * @param voltage        kV
 * @param cs             mm
 * @param ampContrast    fraction
 * @param snr            variance of the clean image / variance of the added Gaussian noise (≤ 0 or infinite: no noise)
 * @param shiftSigma     standard deviation of the random origin offsets, pixels
 * @param seed           random seed: the same seed gives the same files
 * @param layout         STAR layout: RELION 3.1+ optics + particles, or tomoDRGN cryoSRPNT's RELION 3.0 image series
 * @param stackSize      images per .mrcs file
 * @param threads        worker threads
 * @param overwrite      replace existing outputs
 * @param invertContrast write −(projection × CTF): RELION's convention (white particles; relion_reconstruct --ctf and
 *                       emflow's default sign inversion give positive density). Default false: the physical contrast
 *                       of tomoDRGN's simulator and the shared 10076 data (reconstruct with --uninvert-data)
 */
public record SimulationOptions(int box, double pixelSize, int particles, TiltScheme tilts, double dosePerTilt,
                                double defocusMin, double defocusMax, double defocusSpread, double astigmatism,
                                double voltage, double cs, double ampContrast, double snr, double shiftSigma, long seed,
                                StarLayout layout, int stackSize, int threads, boolean overwrite,
                                boolean invertContrast) {

    public SimulationOptions {
        if (box < 8) {
            throw new BadInputException("box must be at least 8 pixels: " + box);
        }
        if (!(pixelSize > 0)) {
            throw new BadInputException("pixel size must be positive: " + pixelSize);
        }
        if (particles < 1) {
            throw new BadInputException("number of particles must be at least 1: " + particles);
        }
        if (defocusMin > defocusMax || !(voltage > 0) || stackSize < 1 || threads < 1 || dosePerTilt < 0) {
            throw new BadInputException("invalid simulation settings: defocus " + defocusMin + ".." + defocusMax + ", voltage "
                    + voltage + ", stack size " + stackSize + ", threads " + threads + ", dose " + dosePerTilt);
        }
    }

    /** Box 128 at 4 A/px, 100 particles, dose-symmetric −60:60:3, 3 e/A² per tilt, defocus 2–4 µm ± 500 A, 300 kV, SNR 0.1, shifts σ 2 px. */
    public static SimulationOptions defaults() {
        return new SimulationOptions(128, 4.0, 100, TiltScheme.doseSymmetric(-60, 60, 3), 3.0, 20000, 40000, 500, 200,
                300, 2.7, 0.1, 0.1, 2.0, 1L, StarLayout.RELION_3_1_OPTICS, 10000, Runtime.getRuntime().availableProcessors(), false, false);
    }

    public SimulationOptions withBox(int v) { return new SimulationOptions(v, pixelSize, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withPixelSize(double v) { return new SimulationOptions(box, v, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withParticles(int v) { return new SimulationOptions(box, pixelSize, v, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withTilts(TiltScheme v) { return new SimulationOptions(box, pixelSize, particles, v, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withDosePerTilt(double v) { return new SimulationOptions(box, pixelSize, particles, tilts, v, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withDefocus(double min, double max, double spread) { return new SimulationOptions(box, pixelSize, particles, tilts, dosePerTilt, min, max, spread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withSnr(double v) { return new SimulationOptions(box, pixelSize, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, v, shiftSigma, seed, layout, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withShiftSigma(double v) { return new SimulationOptions(box, pixelSize, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, v, seed, layout, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withSeed(long v) { return new SimulationOptions(box, pixelSize, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, v, layout, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withLayout(StarLayout v) { return new SimulationOptions(box, pixelSize, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, v, stackSize, threads, overwrite, invertContrast); }
    public SimulationOptions withStackSize(int v) { return new SimulationOptions(box, pixelSize, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, v, threads, overwrite, invertContrast); }
    public SimulationOptions withThreads(int v) { return new SimulationOptions(box, pixelSize, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, stackSize, v, overwrite, invertContrast); }
    public SimulationOptions withOverwrite(boolean v) { return new SimulationOptions(box, pixelSize, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, stackSize, threads, v, invertContrast); }
    public SimulationOptions withInvertContrast(boolean v) { return new SimulationOptions(box, pixelSize, particles, tilts, dosePerTilt, defocusMin, defocusMax, defocusSpread, astigmatism, voltage, cs, ampContrast, snr, shiftSigma, seed, layout, stackSize, threads, overwrite, v); }
}

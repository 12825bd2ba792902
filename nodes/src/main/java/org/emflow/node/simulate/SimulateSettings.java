package org.emflow.node.simulate;

import java.nio.file.Path;
import org.emflow.sdk.Cli;
import org.emflow.sdk.CliOnly;
import org.emflow.sdk.Default;
import org.emflow.sdk.Help;
import org.emflow.sdk.Max;
import org.emflow.sdk.Min;

/** The settings of the simulate-tilt-series node. */
record SimulateSettings(
        @Help("Image and map size in pixels (the input volume must have it).")
        @Default("32") @Min(8) @Max(1024) @Cli("--box") int box,
        @Help("Angstrom per pixel, when the input volume has none, and for the phantom.")
        @Default("4.0") @Min(0.01) @Cli({"--pixel-size", "--angpix"}) double pixelSize,
        @Help("Number of particles (one tilt series each).")
        @Default("100") @Min(1) @Max(10_000_000) @Cli("--particles") int particles,
        @Help("Tilt scheme: min:max:step (dose-symmetric order) or a comma-separated list of angles in acquisition order.")
        @Default("-60:60:3") @Cli("--tilts") String tilts,
        @Help("Exposure per tilt image, e/A^2.") @Default("3.0") @Min(0) @Cli("--dose-per-tilt") double dosePerTilt,
        @Help("Smallest mean defocus of a particle, Angstrom.") @Default("20000") @Min(0) @Cli("--defocus-min") double defocusMin,
        @Help("Largest mean defocus of a particle, Angstrom.") @Default("40000") @Min(0) @Cli("--defocus-max") double defocusMax,
        @Help("Standard deviation of each image's defocus around its particle's, Angstrom.")
        @Default("500") @Min(0) @Cli("--defocus-spread") double defocusSpread,
        @Help("Defocus U - V, Angstrom (random azimuth per particle).") @Default("200") @Min(0) @Cli("--astigmatism") double astigmatism,
        @Help("Acceleration voltage, kV.") @Default("300") @Min(1) @Cli("--voltage") double voltage,
        @Help("Spherical aberration, mm.") @Default("2.7") @Min(0) @Cli("--cs") double cs,
        @Help("Amplitude contrast fraction.") @Default("0.1") @Min(0) @Max(1) @Cli("--amp-contrast") double ampContrast,
        @Help("Signal-to-noise ratio of the images (variance ratio); 0 = no noise.") @Default("0.1") @Min(0) @Cli("--snr") double snr,
        @Help("Standard deviation of the random in-plane shifts, pixels.") @Default("2.0") @Min(0) @Cli("--shift-sigma") double shiftSigma,
        @Help("Random seed: the same seed gives the same files.") @Default("1") @Cli("--seed") long seed,
        @Help("STAR layout: relion31 (optics + particles, relion_reconstruct reads it) or cryosrpnt (tomoDRGN's simulator).")
        @Default("relion31") @Cli("--layout") Layout layout,
        @Help("Image sign: relion = white particles, -(projection x CTF), as RELION extracts them (emflow's default "
                + "inversion and relion_reconstruct give positive density); physical = projection x CTF, as tomoDRGN's "
                + "simulator (reconstruct with --uninvert-data); auto = relion for the relion31 layout, physical for cryosrpnt.")
        @Default("auto") @Cli("--contrast") Contrast contrast,
        @Help("Images per MRCS file.") @Default("10000") @Min(1) @Max(10_000_000) @Cli("--stack-size") int stackSize,
        @Help("The STAR file to write; stacks and the truth volume go next to it.")
        @Default("simulated.star") @Cli({"-o", "--output"}) @CliOnly Path output) {

    enum Layout { RELION31, CRYOSRPNT }

    enum Contrast { AUTO, RELION, PHYSICAL }
}

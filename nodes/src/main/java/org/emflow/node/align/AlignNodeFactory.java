package org.emflow.node.align;

import java.util.List;
import org.emflow.compute.align.RefinementOptions;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingsSchema;

/** Align: gold-standard local refinement of 3-D projection alignment (SPARX sxlocal_ali3d). */
public final class AlignNodeFactory implements NodeFactory {
    static final String OU = "ou";
    static final String DELTA = "delta";
    static final String TS = "ts";
    static final String MAXIT = "maxit";
    static final String CHUNK = "chunk";
    static final String CENTER = "center";
    static final String CTF = "ctf";
    static final String SNR = "snr";
    static final String SYM = "sym";
    static final String SEED = "seed";
    static final String MPI = "mpi-tolerances";
    static final String FUNCTION = "function";
    static final String NPAD = "npad";
    static final String CONVERGED = "converged";

    private static final RefinementOptions DEFAULTS = RefinementOptions.defaults();

    @Override public String id() { return "align"; }
    @Override public String name() { return "Align"; }
    @Override public String category() { return "Cryo-EM/Refinement"; }
    @Override public String replaces() { return "SPARX sxlocal_ali3d (local refinement of 3-D projection alignment)"; }

    @Override
    public String shortDescription() {
        return "Local refinement of every projection's Euler angles and shift against gold-standard half-set references.";
    }

    @Override
    public String fullDescription() {
        return """
                For maxit iterations, the particles are reconstructed in two half sets split by particle (seeded), each half \
                map is normalised by its background, masked (the 3-D mask, or a ball of radius ou) and low-passed by the tanh \
                filter fitted to the half-map FSC, and every image is refined against the reference of its own half: a simplex \
                over the three Euler angles (steps delta, wider in rot and psi away from the equator) whose criterion projects \
                the reference with SPARX's Kaiser-Bessel gridding and searches the shift within ts pixels on a 2x-oversampled \
                cross-correlation. A final reconstruction gives the map, the half maps and their FSC, which is gold-standard.

                As sxlocal_ali3d: chunk rebuilds the references after each fraction of the images, center -1 fits the particles' \
                common 3-D offset to the shifts, center 1 centres the references by their phase centre of gravity, ctf makes \
                the references CTF-modulated and the reconstructions Wiener-corrected (snr), sym inserts every image once per \
                symmetry operator (SPARX's axis settings). Fixed against the original: independent half sets, a normalised \
                criterion, the images' astigmatic CTF, refined poses written out. Images are taken in RELION's sign (white particles) \
                and, with ctf, with RELION's CTF, so the maps have the sign of the density, as relion_reconstruct's.""";
    }

    @Override
    public List<Port> inputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "Particle images with the poses to start from (one row per image)."),
                Port.optional("mask", PortTypes.VOLUME, "3-D mask of the references and the FSC (default: a ball of radius ou)."));
    }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("particles", PortTypes.PARTICLES, "The particles with refined angles and origin offsets."),
                Port.of("map", PortTypes.VOLUME, "Reconstruction from all particles with the refined poses."),
                Port.of("half1", PortTypes.VOLUME, "Half map of the first half set."),
                Port.of("half2", PortTypes.VOLUME, "Half map of the second half set."),
                Port.of("fsc", PortTypes.FSC, "FSC of the half maps inside the mask (gold-standard)."),
                Port.of("slices", PortTypes.FILE, "PNG of the map's central XY, XZ and YZ slices."));
    }

    @Override
    public SettingsSchema settings() {
        return SettingsSchema.of(
                Setting.real(OU).def(DEFAULTS.outerRadius()).min(-1).cli("--ou")
                        .help("Outer radius of the 2-D and 3-D masks in pixels; -1 = box/2 - 2 (what SPARX's code uses; its help says box/2 - 1)."),
                Setting.real(DELTA).def(DEFAULTS.delta()).min(1e-3).cli("--delta").help("Angular step of the simplex, degrees."),
                Setting.real(TS).def(DEFAULTS.ts()).min(0).cli("--ts").help("Shift search bracket in pixels; 0 keeps the shifts (masked correlation)."),
                Setting.integer(MAXIT).def(DEFAULTS.maxit()).range(0, 1000).cli("--maxit")
                        .help("Largest number of refinement iterations (fewer when the poses converge); one more reconstruction follows."),
                Setting.real(CHUNK).def(DEFAULTS.chunk()).cli("--chunk")
                        .help("Fraction of the images aligned between reference updates (1/chunk chunks; <= 0 means 1)."),
                Setting.choice(CENTER, "-1", "0", "1").def("0").cli("--center")
                        .help("-1: fit and remove the particles' common 3-D offset; 0: none; 1: centre the references by their phase centre."),
                Setting.bool(CTF).cli("--CTF").help("CTF-modulated references and Wiener-corrected reconstructions."),
                Setting.real(SNR).def(DEFAULTS.snr()).min(0).cli("--snr")
                        .help("SNR of the Wiener term with --CTF (0 = estimated per shell from the half sets)."),
                Setting.string(SYM).def(DEFAULTS.symmetry()).cli("--sym").help("Point group in SPARX's names: c1, cn, dn, tet, oct, icos."),
                Setting.integer(SEED).def(DEFAULTS.seed()).cli("--seed").help("Seed of the split of the particles into half sets."),
                Setting.bool(MPI).cli("--MPI")
                        .help("SPARX's MPI simplex tolerances (ftol 1, xtol 0.01: faster, coarser); emflow always uses all cores."),
                Setting.integer(NPAD).def(DEFAULTS.npad()).range(1, 4).cli("--npad")
                        .help("Padding (oversampling) of the reconstructions' Fourier volume, as SPARX documents it (its code overwrites "
                                + "the value with 2): 2 by default; 1 halves the memory per axis but makes worse references (noise-free "
                                + "poses drifted by 0.66 deg median at 1, 0.16 deg at 2); memory grows as npad^3."),
                Setting.real(CONVERGED).def(DEFAULTS.converged()).range(0, 1).cli("--converged")
                        .help("Stop once this fraction of the images moved less than 1 pixel in an iteration (SPARX's max 3-D pixel "
                                + "error on the circle of radius ou; its MPI code computes this 95 % test and ignores it); 0 runs all maxit "
                                + "iterations."),
                Setting.choice(FUNCTION, "ref_ali3d").def("ref_ali3d").cli("--function")
                        .help("Reference preparation; only SPARX's built-in ref_ali3d exists here."));
    }

    @Override
    public NodeModel createModel() {
        return new AlignNodeModel();
    }
}

package org.emflow.node.fsrec;

import java.util.ArrayList;
import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingsSchema;

/** Focal-series reconstruct: HRTEM exit-wave reconstruction configured like PyFSRec. Also the {@code fsrec} command. */
public final class FocalSeriesNodeFactory implements NodeFactory {
    static final String PRM = "prm";
    static final String OUT_DIR = "out-dir";
    static final String DEBUG = "debug";
    static final String SHOW_ALIGNMENT = "showalignment";
    static final String SHOW_AREA = "showarea";
    static final String PREALIGN_ONLY = "prealignonly";
    static final String BOXCAR = "boxcar";
    static final String LINITER = "liniter";
    static final String NONLINEAR = "nonlinear";
    static final String USE_PREVIOUS = "useprevious";
    static final String STEP_ANALYSIS = "stepanalysis";
    static final String AUTOFOCUS = "autofocus";
    static final String FORCE = "force";

    @Override public String id() { return "focal-series-reconstruct"; }
    @Override public String name() { return "Focal-series reconstruct"; }
    @Override public String category() { return "HRTEM"; }
    @Override public String replaces() { return "PyFSRec (command line: emflow fsrec --prm FILE.fsr)"; }

    @Override
    public String shortDescription() {
        return "Reconstructs the complex exit wave from an HRTEM through-focus series (PyFSRec, fixed and fast).";
    }

    @Override
    public String fullDescription() {
        return """
                Pre-aligns the images (sub-pixel centre-of-mass peak finder), then iterates a linear Schiske-type \
                least-squares reconstruction: each image is back-propagated to the exit plane through its transfer function \
                (defocus, C3, C5, coherence envelopes, capped inverse envelopes, Filtercutoff guard), the wave is simulated \
                forward, and every image is re-registered to its simulation. Options: focus-step analysis, autofocus \
                (minimum contrast), boxcar sums, a nonlinear refinement.

                Settings are those of a PyFSRec .fsr parameter file (give the file with prm, set keys directly, or both: \
                keys set here override the file's). The original's defects are fixed: the back-projection accumulator starts \
                at zero, inline comments work, a missing Range means all images, C5 is used, rectangular images and \
                anisotropic sampling work, displacements are re-centred. Writes the wave (.wav, raw complex64), the filtered \
                wave, the displacement and foci tables, a convergence table per iteration, and PNG pictures of amplitude and \
                phase.""";
    }

    @Override public List<Port> inputs() { return List.of(); }

    @Override
    public List<Port> outputs() {
        return List.of(Port.of("wave", PortTypes.WAVE, "The reconstructed exit wave."),
                Port.of("displacements", PortTypes.TABLE, "Per-image displacement (x, y in pixels) and focus (nm)."),
                Port.of("convergence", PortTypes.TABLE, "Per-iteration relative change of the wave and image residual."),
                Port.of("amplitude", PortTypes.FILE, "PNG picture of the wave's amplitude."),
                Port.of("phase", PortTypes.FILE, "PNG picture of the wave's phase."));
    }

    @Override
    public SettingsSchema settings() {
        List<Setting.Builder> b = new ArrayList<>();
        b.add(Setting.path(PRM).cli("--prm").files("fsr").help("PyFSRec parameter file (.fsr); keys set below override it."));
        b.add(Setting.path(OUT_DIR).cli("--out-dir").cliOnly().help("Write the outputs here instead of the .fsr file's OUTPUTPATH."));
        b.add(Setting.bool(FORCE).cli("--force").cliOnly()
                .help("Replace the outputs of an earlier reconstruction in the output folder (otherwise that is an error)."));
        b.add(Setting.bool(DEBUG).cli("--debug").help("Also write the filter denominator and the final simulated images."));
        b.add(Setting.bool(SHOW_ALIGNMENT).cli("--showalignment").help("Log every registration step and plot the displacements after pre-alignment and at the end"
                + " (<out>_alignment.png)."));
        b.add(Setting.bool(SHOW_AREA).cli("--showarea").cliOnly().help("Only write <out>_referenceframe.png: the first image with the AREA marked."));
        b.add(Setting.bool(PREALIGN_ONLY).cli("--prealignonly").cliOnly()
                .help("Stop after the pre-alignment, writing <out>_dxy.csv only (an existing reconstruction is kept)."));
        b.add(Setting.integer(BOXCAR).def(0).range(0, 1000).cli("--boxcar").cliOnly()
                .help("After the alignment, write sums of M consecutive aligned images and stop (0 = off)."));
        b.add(Setting.integer(LINITER).def(0).range(0, 10_000).cli("--liniter").help("Number of linear iterations (0 = LinearIterations of the parameters)."));
        b.add(Setting.bool(NONLINEAR).cli("--nonlinear").help("Experimental nonlinear refinement after the linear iterations."));
        b.add(Setting.bool(USE_PREVIOUS).cli("--useprevious").cliOnly()
                .help("Continue from the previous run's _foci.csv, _dxy.csv and .wav in the output folder."));
        b.add(Setting.bool(STEP_ANALYSIS).cli("--stepanalysis").help("Focus-step analysis of the reconstructed wave."));
        b.add(Setting.bool(AUTOFOCUS).cli("--autofocus").help("Find the minimum-contrast focus of the reconstructed wave."));
        b.addAll(FsrKeys.settings());
        return SettingsSchema.of(b.toArray(Setting.Builder[]::new));
    }

    @Override
    public List<String> cliAliases() {
        return List.of("fsrec");
    }

    @Override
    public boolean cliSavesOutputs() {
        return false;
    }

    @Override
    public NodeModel createModel() {
        return new FocalSeriesNodeModel();
    }
}

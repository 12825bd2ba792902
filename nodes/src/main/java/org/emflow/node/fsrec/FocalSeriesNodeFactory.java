package org.emflow.node.fsrec;

import java.util.List;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeModel;
import org.emflow.sdk.Port;
import org.emflow.sdk.SettingsSchema;

/** Focal-series reconstruct: HRTEM exit-wave reconstruction configured like PyFSRec. Also the {@code fsrec} command. */
public final class FocalSeriesNodeFactory implements NodeFactory {
    /**
     * The node's own settings, then the .fsr keys; made when first asked for (the registry makes every factory, and a
     * run of another node should not pay for this one's schema).
     */
    private static final class Schema {
        static final SettingsSchema SCHEMA = SettingsSchema.of(FocalSeriesSettings.class).and(FsrKeys.settings());
    }

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
        return Schema.SCHEMA;
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

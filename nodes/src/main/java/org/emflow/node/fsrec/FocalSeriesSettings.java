package org.emflow.node.fsrec;

import java.nio.file.Path;
import org.emflow.sdk.Cli;
import org.emflow.sdk.CliOnly;
import org.emflow.sdk.Default;
import org.emflow.sdk.Files;
import org.emflow.sdk.Help;
import org.emflow.sdk.Max;
import org.emflow.sdk.Min;

/**
 * The focal-series node's own settings (PyFSRec's flags); the .fsr parameter keys follow them in the schema
 * ({@link FsrKeys}, from the compute library's list).
 */
record FocalSeriesSettings(
        @Help("PyFSRec parameter file (.fsr); keys set below override it.") @Cli("--prm") @Files("fsr") Path prm,
        @Help("Write the outputs here instead of the .fsr file's OUTPUTPATH.") @Cli("--out-dir") @CliOnly Path outDir,
        @Help("Replace the outputs of an earlier reconstruction in the output folder (otherwise that is an error).")
        @Cli("--force") @CliOnly boolean force,
        @Help("Also write the filter denominator and the final simulated images.") @Cli("--debug") boolean debug,
        @Help("Log every registration step and plot the displacements after pre-alignment and at the end"
                + " (<out>_alignment.png).") @Cli("--showalignment") boolean showalignment,
        @Help("Only write <out>_referenceframe.png: the first image with the AREA marked.")
        @Cli("--showarea") @CliOnly boolean showarea,
        @Help("Stop after the pre-alignment, writing <out>_dxy.csv only (an existing reconstruction is kept).")
        @Cli("--prealignonly") @CliOnly boolean prealignonly,
        @Help("After the alignment, write sums of M consecutive aligned images and stop (0 = off).")
        @Default("0") @Min(0) @Max(1000) @Cli("--boxcar") @CliOnly int boxcar,
        @Help("Number of linear iterations (0 = LinearIterations of the parameters).")
        @Default("0") @Min(0) @Max(10_000) @Cli("--liniter") int liniter,
        @Help("Experimental nonlinear refinement after the linear iterations.") @Cli("--nonlinear") boolean nonlinear,
        @Help("Continue from the previous run's _foci.csv, _dxy.csv and .wav in the output folder.")
        @Cli("--useprevious") @CliOnly boolean useprevious,
        @Help("Focus-step analysis of the reconstructed wave.") @Cli("--stepanalysis") boolean stepanalysis,
        @Help("Find the minimum-contrast focus of the reconstructed wave.") @Cli("--autofocus") boolean autofocus) {
}

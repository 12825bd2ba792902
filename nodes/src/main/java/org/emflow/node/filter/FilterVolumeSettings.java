package org.emflow.node.filter;

import org.emflow.compute.fsc.LowPassFilter;
import org.emflow.sdk.Cli;
import org.emflow.sdk.Default;
import org.emflow.sdk.Help;
import org.emflow.sdk.Min;

/** The settings of the filter-volume node. */
record FilterVolumeSettings(
        @Help("Cut-off resolution in Angstrom; empty = the FSC input's 0.143 resolution.")
        @Min(0) @Cli({"--resolution", "--lowpass"}) Double resolution,
        @Help("hard = binary sphere as tomoDRGN; soft = raised-cosine edge two shells wide (less ringing).")
        @Default("soft") @Cli("--edge") LowPassFilter.Edge edge) {
}

package org.emflow.node.weight;

import org.emflow.sdk.Cli;
import org.emflow.sdk.Default;
import org.emflow.sdk.Help;

/** The settings of the weight-images node. */
record WeightImagesSettings(
        @Help("Apply Grant & Grigorieff dose weights from each image's cumulative dose.")
        @Default("true") @Cli({"--dose-weight", "--recon-dose-weight"}) boolean dose,
        @Help("Apply cos(tilt) weights from each image's tilt angle.")
        @Default("true") @Cli({"--tilt-weight", "--recon-tilt-weight"}) boolean tilt,
        @Help("Also write the weighted images as weighted.mrcs (float32), in the order of the table.")
        @Cli("--write-images") boolean writeImages) {
}

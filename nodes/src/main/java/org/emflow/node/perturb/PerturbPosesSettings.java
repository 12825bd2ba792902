package org.emflow.node.perturb;

import org.emflow.sdk.Cli;
import org.emflow.sdk.Default;
import org.emflow.sdk.Help;
import org.emflow.sdk.Max;
import org.emflow.sdk.Min;

/** The settings of the perturb-poses node. */
record PerturbPosesSettings(
        @Help("Standard deviation of the rotation added to each view, degrees.")
        @Default("3.0") @Min(0) @Max(90) @Cli("--angle") double angle,
        @Help("Standard deviation of the error added to each origin offset, pixels per axis.")
        @Default("1.0") @Min(0) @Max(1000) @Cli("--shift") double shift,
        @Help("Seed of the random errors.") @Default("1") @Cli("--seed") long seed) {
}

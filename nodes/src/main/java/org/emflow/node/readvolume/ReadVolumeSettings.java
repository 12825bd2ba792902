package org.emflow.node.readvolume;

import java.nio.file.Path;
import org.emflow.sdk.Cli;
import org.emflow.sdk.Default;
import org.emflow.sdk.Files;
import org.emflow.sdk.Help;
import org.emflow.sdk.Min;
import org.emflow.sdk.Positional;
import org.emflow.sdk.Required;

/** The settings of the read-volume node. */
record ReadVolumeSettings(
        @Help("The MRC map to read.") @Required @Positional(0) @Files({"mrc", "map", "rec", "mrcs"}) Path file,
        @Help("Angstrom per voxel; 0 = as in the file's header.")
        @Default("0") @Min(0) @Cli({"--pixel-size", "--angpix"}) double pixelSize) {
}

package org.emflow.node.backproject;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.emflow.cli.CliCommand;
import org.emflow.cli.CompositeCommand;
import org.emflow.cli.CompositeCommand.Product;
import org.emflow.cli.CompositeCommand.Step;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.ports.FscPortObject;
import org.emflow.sdk.NodeRegistry;
import picocli.CommandLine;

/**
 * {@code emflow backproject-voxel}: drop-in for tomoDRGN's {@code backproject_voxel}, as the chain
 * read-star, weight-images, backproject, fsc (half maps) and filter-volume. Flags are the nodes' own.
 * Dose and tilt weights are off unless asked for, as in the original; the CTF correction, padding and
 * weighting default to emflow's better choices ({@code --ctf phase-flip --padding 1 --weighting
 * original-attenuation} reproduce the original), and the low-pass edge is hard as in the original.
 */
public final class BackprojectVoxelCommand implements CliCommand {
    @Override
    public String name() {
        return "backproject-voxel";
    }

    @Override
    public CommandLine create(NodeRegistry registry) {
        return CompositeCommand.create(registry, name(), new String[] {
                "Reconstruct a volume from pre-aligned tilt-series particle images (drop-in for tomoDRGN backproject_voxel).",
                "",
                "Reads the particles (any supported STAR layout), optionally dose- and tilt-weights them, back-projects them "
                        + "into a full map and two half maps split by particle, computes the half-map FSC and low-passes the full "
                        + "map at its 0.143 resolution (or --lowpass). Images are sign-inverted by default, as the original does "
                        + "(--uninvert-data turns it off)."},
                List.of(new Step("read", "read-star"),
                        new Step("weight", "weight-images", Map.of("dose", "false", "tilt", "false")),
                        new Step("backproject", "backproject"),
                        new Step("fsc", "fsc"),
                        new Step("filter", "filter-volume", Map.of("edge", "hard"))),
                List.of(new String[] {"weight.particles", "read.particles"},
                        new String[] {"backproject.particles", "weight.particles"},
                        new String[] {"fsc.a", "backproject.half1"},
                        new String[] {"fsc.b", "backproject.half2"},
                        new String[] {"filter.volume", "backproject.map"},
                        new String[] {"filter.fsc", "fsc.fsc"}),
                List.of(new Product("backproject", "map.mrc", ".mrc"),
                        new Product("filter", "volume.mrc", "_filt.mrc"),
                        new Product("backproject", "half1.mrc", "_half1.mrc"),
                        new Product("backproject", "half2.mrc", "_half2.mrc"),
                        new Product("fsc", "fsc.csv", "_FSC.csv"),
                        new Product("fsc", "fsc.png", "_FSC.png"),
                        new Product("backproject", "map_slices.png", "_slices.png")),
                "OUT.mrc",
                (result, out) -> {
                    FscCurve c = ((FscPortObject) result.node("fsc").outputs().get(0)).curve();
                    out.printf(Locale.ROOT, "Map-map FSC falls below correlation 0.143 at resolution %.2f A (interpolated: %.2f A)%n",
                            c.resolutionFirstBelow(0.143), c.resolution0143());
                });
    }
}

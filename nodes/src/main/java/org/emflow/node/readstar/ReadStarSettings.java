package org.emflow.node.readstar;

import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.particles.SortOrder;
import org.emflow.compute.particles.StarLayout;
import org.emflow.sdk.Cli;
import org.emflow.sdk.CliOnly;
import org.emflow.sdk.Default;
import org.emflow.sdk.Files;
import org.emflow.sdk.Help;
import org.emflow.sdk.Key;
import org.emflow.sdk.Min;
import org.emflow.sdk.Positional;
import org.emflow.sdk.Required;
import org.emflow.sdk.Setting;

/** The settings of the read-star node (tomoDRGN's selection options). */
record ReadStarSettings(
        @Help("The particle STAR file, or a RELION 5 optimisation set (its particles and tomograms stars are read).")
        @Required @Positional(0) @Files("star") Path file,
        @Help("Folder holding the image stacks, when the paths in the star file do not resolve from its own folder.")
        @Cli("--datadir") @Files(Setting.FOLDER) Path datadir,
        @Help("Particle indices to keep (0-based; .pkl, .npy or text).")
        @Cli({"--ind", "--ind-ptcls"}) @Files({"pkl", "npy", "txt"}) Path ind,
        @Help("Image indices to keep (0-based; applied before the particle indices).")
        @Cli("--ind-imgs") @Files({"pkl", "npy", "txt"}) Path indImgs,
        @Help("Keep only the first N particles after the other selections (0 = all).")
        @Default("0") @Min(0) @Cli({"--first", "--use-first-nptcls"}) int first,
        @Help("Keep only the first N images of each particle, after sorting; particles with fewer are dropped (0 = all).")
        @Default("0") @Min(0) @Cli("--use-first-ntilts") int useFirstNtilts,
        @Help("Order of each particle's images before --use-first-ntilts.")
        @Default("unsorted") @Cli("--sort-ptcl-imgs") Sort sortPtclImgs,
        @Help("Seed of the random image order (--sort-ptcl-imgs random).") @Default("0") @Cli("--sort-seed") long sortSeed,
        @Help("The program that wrote the file; auto detects it from the columns. Another value is checked against the detected layout.")
        @Default("auto") @Cli("--source-software") Source sourceSoftware,
        @Help("Accepted for tomoDRGN compatibility: images are always streamed from disk, never loaded whole.")
        @Cli("--lazy") boolean lazy,
        @Help("Print what was detected as one JSON object instead of text.") @Cli("--json") @CliOnly boolean json,
        @Help("Write the selected particles to this STAR file, in the input's layout and columns.")
        @Cli({"-o", "--output"}) @CliOnly Path output) {

    /** tomoDRGN's --sort-ptcl-imgs (its spellings). */
    enum Sort {
        UNSORTED(SortOrder.UNSORTED), @Key("dose_ascending") DOSE_ASCENDING(SortOrder.DOSE_ASCENDING), RANDOM(SortOrder.RANDOM);

        final SortOrder order;

        Sort(SortOrder order) {
            this.order = order;
        }
    }

    /** tomoDRGN's --source-software values and the layouts they write (none for auto: any). */
    enum Source {
        AUTO(List.of()),
        WARP(List.of(StarLayout.RELION_3_0_IMAGE_SERIES)),
        CRYOSRPNT(List.of(StarLayout.RELION_3_0_IMAGE_SERIES)),
        RELION(List.of(StarLayout.RELION_3_1_OPTICS, StarLayout.RELION_5_OPTIMISATION_SET)),
        NEXTPYP(List.of(StarLayout.RELION_3_1_OPTICS)),
        WARPTOOLS(List.of(StarLayout.RELION_5_OPTIMISATION_SET)),
        CISTEM(List.of(StarLayout.CISTEM));

        final List<StarLayout> layouts;

        Source(List<StarLayout> layouts) {
            this.layouts = layouts;
        }
    }
}

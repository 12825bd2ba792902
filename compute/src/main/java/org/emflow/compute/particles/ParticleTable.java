package org.emflow.compute.particles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.emflow.compute.io.star.StarFile;

/**
 * A particle table as read and selected: the images that will be used, each with its own resolved
 * pose, shift, CTF, dose and tilt ({@link ImageRecord}), and the STAR file(s) it came from with the
 * row (and frame) of each image, so that a selected table can be written back in the input's layout
 * ({@link ParticleTableWriter}). Immutable.
 */
public final class ParticleTable {
    private final StarLayout layout;
    private final Path source;
    private final StarFile particlesStar;
    private final String particlesBlock;
    private final Path tomogramsStarPath;
    private final List<ImageRecord> images;
    private final int[] imageRows;
    private final int[] imageFrames;
    private final int[] framesPerRow;
    private final List<String> particleIds;
    private final int boxSize;
    private final boolean posesRefined;

    ParticleTable(StarLayout layout, Path source, StarFile particlesStar, String particlesBlock, Path tomogramsStarPath,
                  List<ImageRecord> images, int[] imageRows, int[] imageFrames, int[] framesPerRow,
                  List<String> particleIds, int boxSize) {
        this.layout = layout;
        this.source = source;
        this.particlesStar = particlesStar;
        this.particlesBlock = particlesBlock;
        this.tomogramsStarPath = tomogramsStarPath;
        this.images = List.copyOf(images);
        this.imageRows = imageRows.clone();
        this.imageFrames = imageFrames.clone();
        this.framesPerRow = framesPerRow == null ? null : framesPerRow.clone();
        this.particleIds = List.copyOf(particleIds);
        this.boxSize = boxSize;
        this.posesRefined = false;
    }

    private ParticleTable(ParticleTable t, List<ImageRecord> images) {
        this.layout = t.layout;
        this.source = t.source;
        this.particlesStar = t.particlesStar;
        this.particlesBlock = t.particlesBlock;
        this.tomogramsStarPath = t.tomogramsStarPath;
        this.images = List.copyOf(images);
        this.imageRows = t.imageRows;
        this.imageFrames = t.imageFrames;
        this.framesPerRow = t.framesPerRow;
        this.particleIds = t.particleIds;
        this.boxSize = t.boxSize;
        this.posesRefined = true;
    }

    /**
     * This table with other poses for its images (same images, same order: a refinement's result); writing it
     * writes those poses ({@link ParticleTableWriter#writeWithPoses}).
     */
    public ParticleTable withRefinedPoses(List<ImageRecord> refined) {
        if (refined.size() != images.size()) {
            throw new IllegalArgumentException(refined.size() + " poses for " + images.size() + " images");
        }
        return new ParticleTable(this, refined);
    }

    /** True when the poses are a refinement's, not the file's. */
    public boolean posesRefined() {
        return posesRefined;
    }

    public StarLayout layout() {
        return layout;
    }

    /** The file that was read (the optimisation set for RELION 5 sets). */
    public Path source() {
        return source;
    }

    /** The images that will be used, grouped by particle, in processing order. */
    public List<ImageRecord> images() {
        return images;
    }

    public int imageCount() {
        return images.size();
    }

    /** Particles with at least one selected image. */
    public int particleCount() {
        return particleIds.size();
    }

    /** The identifier of each selected particle, by {@link ImageRecord#particle()}. */
    public List<String> particleIds() {
        return particleIds;
    }

    /** Image side in pixels (from the stacks' headers). */
    public int boxSize() {
        return boxSize;
    }

    /** The most common pixel size of the images, Angstrom. */
    public double pixelSize() {
        java.util.Map<Double, Integer> counts = new java.util.HashMap<>();
        double best = Double.NaN;
        int bestCount = 0;
        for (ImageRecord r : images) {
            int c = counts.merge(r.pixelSize(), 1, Integer::sum);
            if (c > bestCount) {
                bestCount = c;
                best = r.pixelSize();
            }
        }
        return best;
    }

    /** Distinct tomogram names in order of first appearance ("" for layouts without one). */
    public List<String> tomograms() {
        LinkedHashSet<String> t = new LinkedHashSet<>();
        for (ImageRecord r : images) {
            t.add(r.tomogram());
        }
        return new ArrayList<>(t);
    }

    /** True when every image has CTF parameters. */
    public boolean hasCtf() {
        return !images.isEmpty() && images.stream().allMatch(r -> r.ctf() != null);
    }

    /** True when the images were multiplied by their CTF already (RELION/WarpTools premultiplied stacks). */
    public boolean ctfPremultiplied() {
        return !images.isEmpty() && images.get(0).ctfPremultiplied();
    }

    /** {min, max} of the images' cumulative dose (NaN, NaN when unknown). */
    public double[] doseRange() {
        return range(true);
    }

    /** {min, max} of the images' tilt angle, degrees (NaN, NaN when unknown). */
    public double[] tiltRange() {
        return range(false);
    }

    private double[] range(boolean dose) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ImageRecord r : images) {
            double v = dose ? r.dose() : r.tiltAngle();
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
    }

    /** The STAR file holding the particle rows (for optimisation sets, the particles star). */
    public StarFile particlesStar() {
        return particlesStar;
    }

    /** The name of the block of {@link #particlesStar()} holding the particle rows. */
    public String particlesBlock() {
        return particlesBlock;
    }

    /** The tomograms star of an optimisation set, else null. */
    public Path tomogramsStar() {
        return tomogramsStarPath;
    }

    /** For each image, its row in the particles block (0-based). */
    public int[] imageRows() {
        return imageRows.clone();
    }

    /** For each image, its frame (tilt index) in an optimisation set's per-particle stack; -1 for other layouts. */
    public int[] imageFrames() {
        return imageFrames.clone();
    }

    /** For optimisation sets, each particle row's number of frames; else null. */
    int[] framesPerRow() {
        return framesPerRow;
    }

    @Override
    public String toString() {
        return layout.description() + ": " + particleCount() + " particles, " + imageCount() + " images, box "
                + boxSize + ", " + pixelSize() + " A/px, " + tomograms().size() + " tomograms";
    }
}

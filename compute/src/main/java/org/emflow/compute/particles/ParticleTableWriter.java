package org.emflow.compute.particles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.io.star.StarBlock;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.io.star.StarWriter;
import org.emflow.compute.util.BadInputException;

/**
 * Writes a (selected) particle table back in its input's layout: the same blocks in the same order,
 * every column kept, only the selected rows (images in processing order). Image paths are kept as
 * written when they still lead to the same file from the output's folder, else rewritten relative to
 * it. For an optimisation set, the particles star gets the selected rows with rlnTomoVisibleFrames
 * set to 1 for the selected frames only, and an optimisation set {@code <stem>_optimisation_set.star}
 * is written next to it, naming it and the input's tomograms star.
 */
public final class ParticleTableWriter {
    private ParticleTableWriter() {
    }

    /** Writes {@code table} to {@code target} (and, for optimisation sets, its optimisation set). */
    public static void write(ParticleTable table, Path target, boolean overwrite) throws IOException {
        if (table.posesRefined()) {
            writeWithPoses(table, table.images(), target, overwrite);
            return;
        }
        Path folder = target.toAbsolutePath().getParent();
        StarFile in = table.particlesStar();
        StarLoop loop = in.requireBlock(table.particlesBlock()).requireLoop();
        StarLoop out;
        if (table.layout() == StarLayout.RELION_5_OPTIMISATION_SET) {
            out = optimisationSetRows(table, loop, table.imageRows(), folder);
        } else {
            out = rowsFor(table, loop, folder);
        }
        StarFile result = in.withBlock(table.particlesBlock(), in.requireBlock(table.particlesBlock()).withLoop(out));
        StarWriter.write(target, result, overwrite);
        if (table.layout() == StarLayout.RELION_5_OPTIMISATION_SET) {
            Map<String, String> pairs = new LinkedHashMap<>();
            pairs.put(OptimisationSetReader.PARTICLES_FILE, target.getFileName().toString());
            pairs.put(OptimisationSetReader.TOMOGRAMS_FILE, ParticleStarBuilder.relative(table.tomogramsStar(), folder));
            StarWriter.write(optimisationSetOf(target.toAbsolutePath()),
                    new StarFile(null, List.of(StarBlock.ofPairs("", pairs))), overwrite);
        }
    }

    /**
     * Writes {@code table} with the poses of {@code refined} (one per image, in the table's order): the RELION
     * Euler angles and origin offsets of every row (Angstrom columns when the input has them, else pixels), all
     * other columns as read. Only layouts with one row per image carry per-image poses.
     *
     * @throws BadInputException for an optimisation set or a cisTEM star (poses per particle or in other columns)
     */
    public static void writeWithPoses(ParticleTable table, List<ImageRecord> refined, Path target, boolean overwrite) throws IOException {
        if (table.layout() == StarLayout.RELION_5_OPTIMISATION_SET || table.layout() == StarLayout.CISTEM) {
            throw new BadInputException("refined poses are written to RELION stars with one row per image; the " + table.layout()
                    + " keeps its poses elsewhere");
        }
        if (refined.size() != table.imageCount()) {
            throw new IllegalArgumentException(refined.size() + " poses for " + table.imageCount() + " images");
        }
        StarFile in = table.particlesStar();
        StarLoop loop = rowsFor(table, in.requireBlock(table.particlesBlock()).requireLoop(), target.toAbsolutePath().getParent());
        int n = refined.size();
        String[] rot = new String[n], tilt = new String[n], psi = new String[n], ox = new String[n], oy = new String[n];
        boolean angst = loop.hasColumn("rlnOriginXAngst") || !loop.hasColumn("rlnOriginX") && table.layout() == StarLayout.RELION_3_1_OPTICS;
        for (int i = 0; i < n; i++) {
            ImageRecord r = refined.get(i);
            rot[i] = num(r.rot());
            tilt[i] = num(r.tilt());
            psi[i] = num(r.psi());
            double f = angst ? r.pixelSize() : 1;
            ox[i] = num(r.originX() * f);
            oy[i] = num(r.originY() * f);
        }
        loop = loop.withColumn("rlnAngleRot", rot).withColumn("rlnAngleTilt", tilt).withColumn("rlnAnglePsi", psi)
                .withColumn(angst ? "rlnOriginXAngst" : "rlnOriginX", ox).withColumn(angst ? "rlnOriginYAngst" : "rlnOriginY", oy);
        StarFile result = in.withBlock(table.particlesBlock(), in.requireBlock(table.particlesBlock()).withLoop(loop));
        StarWriter.write(target, result, overwrite);
    }

    /** The table's rows, image names rewritten relative to {@code folder} where they would not resolve from there. */
    private static StarLoop rowsFor(ParticleTable table, StarLoop loop, Path folder) {
        List<ImageRecord> images = table.images();
        StarLoop out = loop.selectRows(table.imageRows());
        String column = table.layout() == StarLayout.CISTEM ? "cisTEMOriginalImageFilename" : "rlnImageName";
        int col = out.column(column);
        String[] names = new String[images.size()];
        boolean changed = false;
        // Rows of one stack follow each other: resolve each (written path, stack) pair once, not per row.
        String lastPath = null;
        Path lastFile = null;
        boolean lastSame = false;
        for (int i = 0; i < names.length; i++) {
            String written = out.get(i, col);
            String path = StarImageName.path(written);
            Path file = images.get(i).source().file();
            if (!path.equals(lastPath) || !file.equals(lastFile)) {
                lastPath = path;
                lastFile = file;
                lastSame = sameFile(folder, path, file);
            }
            if (lastSame) {
                names[i] = written;
            } else {
                String rel = ParticleStarBuilder.relative(images.get(i).source().file(), folder);
                names[i] = column.equals("rlnImageName") ? StarImageName.format(images.get(i).source().index(), rel) : rel;
                changed = true;
            }
        }
        return changed ? out.withColumn(column, names) : out;
    }

    private static String num(double v) {
        return String.format(java.util.Locale.ROOT, "%.6f", v);
    }

    /**
     * The optimisation set that {@link #write} puts next to the particles star {@code target} of a RELION 5
     * set: {@code <stem>_optimisation_set.star}. Reading a written table back means reading this file when it
     * exists (the particles star alone lacks the tomograms star).
     */
    public static Path optimisationSetOf(Path target) {
        String name = target.getFileName().toString();
        String stem = name.endsWith(".star") ? name.substring(0, name.length() - 5) : name;
        return target.resolveSibling(stem + "_optimisation_set.star");
    }

    /** Writes images that have no input table, as RELION 3.1+ optics + particles or RELION 3.0 (cryoSRPNT). */
    public static void writeNew(List<ImageRecord> images, int boxSize, StarLayout layout, Path target, boolean overwrite)
            throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        StarFile f = switch (layout) {
            case RELION_3_1_OPTICS -> ParticleStarBuilder.relion31(images, boxSize, folder);
            case RELION_3_0_IMAGE_SERIES -> ParticleStarBuilder.relion30(images, folder);
            default -> throw new IllegalArgumentException("new tables are written as RELION 3.0 or 3.1, not " + layout);
        };
        StarWriter.write(target, f, overwrite);
    }

    private static boolean sameFile(Path folder, String written, Path file) {
        try {
            return folder.resolve(written).normalize().equals(file.toAbsolutePath().normalize());
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static StarLoop optimisationSetRows(ParticleTable table, StarLoop loop, int[] rows, Path folder) {
        int[] frames = table.imageFrames();
        int[] framesPerRow = table.framesPerRow();
        Map<Integer, int[]> flags = new LinkedHashMap<>();
        Map<Integer, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            flags.computeIfAbsent(r, k -> new int[framesPerRow[k]])[frames[i]] = 1;
            files.put(r, table.images().get(i).source().file());
        }
        int[] kept = flags.keySet().stream().mapToInt(Integer::intValue).toArray();
        StarLoop out = loop.selectRows(kept);
        String[] visible = new String[kept.length];
        String[] names = new String[kept.length];
        boolean changed = false;
        int col = out.column("rlnImageName");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < kept.length; i++) {
            parts.clear();
            for (int f : flags.get(kept[i])) {
                parts.add(Integer.toString(f));
            }
            visible[i] = "[" + String.join(",", parts) + "]";
            String written = out.get(i, col);
            Path file = files.get(kept[i]);
            if (sameFile(folder, written, file)) {
                names[i] = written;
            } else {
                names[i] = ParticleStarBuilder.relative(file, folder);
                changed = true;
            }
        }
        out = out.withColumn("rlnTomoVisibleFrames", visible);
        return changed ? out.withColumn("rlnImageName", names) : out;
    }
}

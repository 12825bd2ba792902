package org.emflow.compute.particles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarReader;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;

/**
 * Reads a particle table in any {@link StarLayout}, applies the {@link Selection}, finds the image
 * stacks ({@link ImagePathResolver}) and checks every selected image against its stack's header.
 */
public final class ParticleTableReader {
    private ParticleTableReader() {
    }

    public static ParticleTable read(Path star, ReadOptions options) throws IOException {
        return read(star, options, Monitor.NONE);
    }

    /**
     * @throws BadInputException for any problem with the star file, the selection, or the stacks (message
     *         names the file and the line, column or index)
     */
    public static ParticleTable read(Path star, ReadOptions options, Monitor monitor) throws IOException {
        monitor.progress(0, "reading " + star);
        if (org.emflow.compute.io.mrc.MrcImageLoader.isHdf(star)) {
            ParticleTable t = Eman2StackTable.read(star, options);
            monitor.info("read " + star + ": EMAN2/SPARX HDF stack, " + t.imageCount() + " images");
            return t;
        }
        StarFile file = StarReader.read(star);
        StarLayout layout;
        StarFile particlesStar;
        String block;
        Path tomograms = null;
        List<Candidate> all;
        List<String> ids;
        int[] framesPerRow = null;
        long imageKeys;
        if (OptimisationSetReader.isOptimisationSet(file)) {
            OptimisationSetReader.Result r = OptimisationSetReader.read(star, file);
            layout = StarLayout.RELION_5_OPTIMISATION_SET;
            particlesStar = r.particlesStar();
            block = "particles";
            tomograms = r.tomogramsStar();
            all = r.candidates();
            ids = r.particleIds();
            framesPerRow = r.framesPerRow();
            long total = 0;
            for (int f : framesPerRow) {
                total += f;
            }
            imageKeys = total;
        } else {
            ImageSeriesReader.Result r = ImageSeriesReader.read(file);
            layout = r.layout();
            particlesStar = file;
            block = r.block();
            all = r.candidates();
            ids = r.particleIds();
            imageKeys = particlesStar.block(block).loop().rowCount();
        }
        monitor.info("read " + star + ": " + layout.description() + ", " + ids.size() + " particles, " + all.size()
                + " images");
        monitor.checkCanceled();
        List<Candidate> kept = ImageSelector.select(all, imageKeys, ids.size(), options.selection(), star.toString());

        LinkedHashSet<String> written = new LinkedHashSet<>();
        for (Candidate k : kept) {
            written.add(k.path);
        }
        Map<String, Path> resolved = ImagePathResolver.resolve(new ArrayList<>(written), star, options.dataDir());
        Map<Path, StackHeader> headers = new HashMap<>();
        int done = 0;
        for (Path p : resolved.values()) {
            if (!headers.containsKey(p)) {
                headers.put(p, StackHeader.of(p));
            }
            if (++done % 1000 == 0) {
                monitor.checkCanceled();
                monitor.progress(0.1 + 0.8 * done / resolved.size(), "checked " + done + " stacks");
            }
        }
        int box = checkBox(headers, star);

        // particles renumbered in order of first appearance among the kept images
        Map<Integer, Integer> particleIndex = new HashMap<>();
        List<String> keptIds = new ArrayList<>();
        List<ImageRecord> records = new ArrayList<>(kept.size());
        int[] rows = new int[kept.size()];
        int[] frames = new int[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            Candidate k = kept.get(i);
            Path p = resolved.get(k.path);
            StackHeader h = headers.get(p);
            int index = k.frame < 0 ? k.stackIndex : stackIndexOfFrame(k, h, star);
            if (k.bareName && h.nz() > 1) {
                throw new BadInputException(star + ": line " + k.line + ": image name '" + k.path + "' has no N@, but "
                        + p + " holds " + h.nz() + " images: write N@" + k.path + " to say which one");
            }
            if (index >= h.nz()) {
                throw new BadInputException(star + ": line " + k.line + ": image " + StarImageName.format(index, k.path)
                        + " is past the end of its stack " + p + ", which has " + h.nz() + " images");
            }
            double px = Double.isNaN(k.pixelSize) ? h.pixelSize() : k.pixelSize;
            if (!Double.isNaN(k.pixelSize) && !(px > 0)) { // it said "no pixel size column" about a column holding 0
                throw new BadInputException(star + ": line " + k.line + ": the table gives this image a pixel size of " + px
                        + " A, which must be positive");
            }
            if (!(px > 0)) {
                throw new BadInputException(star + ": line " + k.line + ": no pixel size (no pixel size column, and the"
                        + " header of " + p + " has none)");
            }
            int particle = particleIndex.computeIfAbsent(k.particle, key -> {
                keptIds.add(ids.get(key));
                return keptIds.size() - 1;
            });
            records.add(new ImageRecord(new ImageSource(p, index), particle, ids.get(k.particle), k.tomogram, px, k.rot,
                    k.tilt, k.psi, k.originX, k.originY, k.ctf, k.dose, k.tiltAngle, k.premultiplied));
            rows[i] = k.row;
            frames[i] = k.frame;
        }
        monitor.progress(1, "read " + records.size() + " images");
        return new ParticleTable(layout, star, particlesStar, block, tomograms, records, rows, frames, framesPerRow,
                keptIds, box);
    }

    /**
     * An optimisation set's per-particle stack holds either every tilt (index = frame, as WarpTools writes)
     * or only the visible ones (index = rank among the visible frames).
     */
    private static int stackIndexOfFrame(Candidate k, StackHeader h, Path star) {
        if (h.nz() == k.frameCount) {
            return k.frame;
        }
        if (h.nz() == k.visibleCount) {
            return k.visibleRank;
        }
        throw new BadInputException(star + ": line " + k.line + ": stack " + k.path + " has " + h.nz() + " images, but"
                + " the particle has " + k.frameCount + " frames of which " + k.visibleCount + " are visible");
    }

    private static int checkBox(Map<Path, StackHeader> headers, Path star) {
        int box = -1;
        Path first = null;
        for (Map.Entry<Path, StackHeader> e : headers.entrySet()) {
            StackHeader h = e.getValue();
            if (h.complex()) {
                throw new BadInputException(e.getKey() + ": complex MRC (mode 4) cannot hold particle images");
            }
            if (h.nx() != h.ny()) {
                throw new BadInputException(e.getKey() + ": images are " + h.nx() + " x " + h.ny() + "; particle images must be square");
            }
            if (box < 0) {
                box = h.nx();
                first = e.getKey();
            } else if (h.nx() != box) {
                throw new BadInputException(star + ": stacks of different box sizes: " + first + " is " + box + " px, "
                        + e.getKey() + " is " + h.nx() + " px");
            }
        }
        return box;
    }
}

package org.emflow.compute.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.emflow.compute.image.Volume;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.io.mrc.MrcHeader;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.io.mrc.MrcStackWriter;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;

/**
 * {@link TiltSeriesSimulator} split into parts that run apart (the tasks of a cluster job array) and a merge, with
 * the same files as one run: every image, the stacks they are in and the STAR file.
 *
 * <p><b>The split.</b> Part k of N simulates the particles {@code [b[k], b[k+1])} of {@link #boundaries}, all tilt
 * images of each. The boundaries are the even split {@code floor(k·P/N)}, each moved to the nearest particle at which
 * a stack ends when that is at most {@code P/(8N)} particles away (so at most 1/8 of a part's size off balance): a
 * stack then lies in one part. A part beyond the particles is empty. Each image is drawn as in one run: the plan's
 * stream is replayed from the seed up to the part's last particle ({@link TiltSeriesSimulator#plan(SimulationOptions,
 * double, List, int, int)}), and the noise of image i comes from seed and i, its index in the whole simulation.
 *
 * <p><b>A part</b> writes into its folder, for each stack of the whole simulation it has images of, either that stack
 * whole, under its final name ({@code <stem>_00003.mrcs}), or, when the stack also holds another part's images, the
 * piece it has ({@code <stem>_00003.sections5-8.mrcs}, sections 1-based), and last the manifest {@link #MANIFEST}
 * (part, particles, images, the pieces, and a fingerprint of everything that decides the images).
 *
 * <p><b>The merge</b> checks the manifests against its own split and fingerprint, hard-links each whole stack into
 * the output folder (copies it where the file system cannot link), writes each stack that several parts hold by
 * appending their pieces' sections in order (the same sections appended one at a time as one run does, so the
 * same data and header statistics), and writes the truth volume and the STAR file of the whole plan, naming the
 * stacks in the output folder: the same table as one run. The part folders are only read.
 */
public final class SimulationSplit {
    /** The manifest a part writes last into its folder. */
    public static final String MANIFEST = "simulate-part.txt";
    private static final String HEADER = "emflow simulate-tilt-series part, format 1";

    private SimulationSplit() {
    }

    /** One part's images of one stack: sections {@code first .. first + count - 1} (0-based) of stack {@code stack}. */
    public record Piece(int stack, int first, int count, String file) {
    }

    /** What a part wrote. */
    public record PartResult(int part, int parts, int firstParticle, int endParticle, List<Piece> pieces) {
    }

    /**
     * The particle boundaries of {@code parts} parts ({@code parts + 1} numbers, from 0 to {@code particles}): part k
     * simulates particles {@code [b[k], b[k+1])}. See the class comment.
     */
    public static int[] boundaries(int particles, int tilts, int stackSize, int parts) {
        if (parts < 1 || particles < 0 || tilts < 1 || stackSize < 1) {
            throw new IllegalArgumentException("cannot split " + particles + " particles x " + tilts + " tilts in stacks of "
                    + stackSize + " into " + parts + " parts");
        }
        long aligned = stackSize / gcd(tilts, stackSize); // a stack ends after particle p when p is a multiple of this
        long tolerance = particles / (8L * parts);
        int[] b = new int[parts + 1];
        for (int k = 1; k < parts; k++) {
            long ideal = (long) k * particles / parts;
            long down = ideal / aligned * aligned;
            long up = Math.min(down + aligned, particles); // the last stack ends with the last particle
            long snap = ideal - down <= up - ideal ? down : up;
            b[k] = (int) (Math.abs(snap - ideal) <= tolerance ? snap : ideal);
        }
        b[parts] = particles;
        return b;
    }

    /** {@link #boundaries(int, int, int, int)} of the simulation {@code o}. */
    public static int[] boundaries(SimulationOptions o, int parts) {
        return boundaries(o.particles(), o.tilts().size(), o.stackSize(), parts);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /**
     * Simulates part {@code part} (0-based) of {@code parts} of the simulation of {@code map} (null: the phantom)
     * into {@code folder}: its stacks or pieces of stacks named after {@code stem}, then the manifest.
     */
    public static PartResult runPart(SimulationOptions o, Volume map, Path folder, String stem, int part, int parts,
                                     Monitor monitor) throws IOException {
        if (part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
        TiltSeriesSimulator.Outputs out = TiltSeriesSimulator.outputs(o, map, folder.resolve(stem + ".star"));
        int[] b = boundaries(o, parts);
        int tilts = o.tilts().size(), size = o.stackSize();
        int total = o.particles() * tilts;
        int firstImage = b[part] * tilts, endImage = b[part + 1] * tilts;
        List<Piece> pieces = new ArrayList<>();
        if (endImage > firstImage) {
            for (int s = firstImage / size; s <= (endImage - 1) / size; s++) {
                int stackStart = s * size, stackEnd = Math.min(total, stackStart + size);
                int from = Math.max(firstImage, stackStart), to = Math.min(endImage, stackEnd);
                boolean whole = from == stackStart && to == stackEnd;
                String file = whole ? TiltSeriesSimulator.stackName(stem, s)
                        : String.format(Locale.ROOT, "%s_%05d.sections%d-%d.mrcs", stem, s + 1, from - stackStart + 1, to - stackStart);
                pieces.add(new Piece(s, from - stackStart, to - from, file));
            }
        }
        List<Path> files = new ArrayList<>();
        for (Piece p : pieces) {
            files.add(folder.resolve(p.file()));
        }
        Path manifest = folder.resolve(MANIFEST);
        files.add(manifest);
        TiltSeriesSimulator.refuseExisting(o, files);
        monitor.info(String.format(Locale.ROOT, "Simulating part %d of %d: particles %d to %d of %d (%d images) -> %s",
                part + 1, parts, b[part] + 1, b[part + 1], o.particles(), endImage - firstImage, folder));
        List<ImageRecord> records = TiltSeriesSimulator.plan(o, out.px(), out.stacks(), b[part], b[part + 1]);
        int firstStack = firstImage / size;
        TiltSeriesSimulator.simulate(o, out.map(), out.px(), records, firstImage, s -> files.get(s - firstStack), monitor);

        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("part ").append(part).append(" of ").append(parts).append('\n');
        text.append("particles ").append(b[part]).append(' ').append(b[part + 1]).append('\n');
        text.append("images ").append(firstImage).append(' ').append(endImage).append('\n');
        text.append("fingerprint ").append(fingerprint(o, out)).append('\n');
        for (Piece p : pieces) {
            text.append("stack ").append(p.stack() + 1).append(' ').append(p.first()).append(' ').append(p.count()).append(' ')
                    .append(p.file()).append('\n');
        }
        AtomicFiles.write(manifest, o.overwrite(), tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        return new PartResult(part, parts, b[part], b[part + 1], List.copyOf(pieces));
    }

    /**
     * Merges the folders of all parts (in part order) of the simulation of {@code map} (null: the phantom) into the
     * files one {@link TiltSeriesSimulator#run} into {@code outStar} writes, and returns what it returns.
     *
     * @throws BadInputException when a folder holds no finished part, or a part of another split or simulation
     */
    public static TiltSeriesSimulator.Result merge(SimulationOptions o, Volume map, List<Path> partFolders, Path outStar,
                                                   Monitor monitor) throws IOException {
        TiltSeriesSimulator.Outputs out = TiltSeriesSimulator.outputs(o, map, outStar);
        List<Path> all = new ArrayList<>(out.stacks());
        all.add(out.truth());
        all.add(out.star());
        TiltSeriesSimulator.refuseExisting(o, all);
        int parts = partFolders.size();
        if (parts == 0) {
            throw new IllegalArgumentException("no part to merge");
        }
        int[] b = boundaries(o, parts);
        String fingerprint = fingerprint(o, out);
        int size = o.stackSize(), total = o.particles() * o.tilts().size();
        List<List<Path>> sources = new ArrayList<>();
        List<List<Piece>> pieces = new ArrayList<>();
        for (int s = 0; s < out.stacks().size(); s++) {
            sources.add(new ArrayList<>());
            pieces.add(new ArrayList<>());
        }
        for (int k = 0; k < parts; k++) {
            Path folder = partFolders.get(k);
            PartResult r = readManifest(folder, fingerprint);
            if (r.part() != k || r.parts() != parts || r.firstParticle() != b[k] || r.endParticle() != b[k + 1]) {
                throw new BadInputException(folder.resolve(MANIFEST) + ": part " + (r.part() + 1) + " of " + r.parts()
                        + " (particles " + r.firstParticle() + " to " + r.endParticle() + "), not part " + (k + 1) + " of "
                        + parts + " (particles " + b[k] + " to " + b[k + 1] + ")");
            }
            for (Piece p : r.pieces()) {
                if (p.stack() < 0 || p.stack() >= pieces.size()) {
                    throw new BadInputException(folder.resolve(MANIFEST) + ": no stack " + (p.stack() + 1) + " in this simulation");
                }
                pieces.get(p.stack()).add(p);
                sources.get(p.stack()).add(folder.resolve(p.file()));
            }
        }
        monitor.info(String.format(Locale.ROOT, "Merging %d part(s): %d stack(s) -> %s", parts, out.stacks().size(), outStar));
        int linked = 0;
        for (int s = 0; s < out.stacks().size(); s++) {
            monitor.checkCanceled();
            int count = Math.min(size, total - s * size);
            List<Piece> ps = pieces.get(s);
            int next = 0;
            for (int i = 0; i < ps.size(); i++) {
                Piece p = ps.get(i);
                if (p.first() != next || p.count() < 1) {
                    throw new BadInputException(sources.get(s).get(i) + ": sections " + (p.first() + 1) + " to "
                            + (p.first() + p.count()) + " of stack " + (s + 1) + ", expected from section " + (next + 1));
                }
                checkPiece(sources.get(s).get(i), o.box(), p.count());
                next += p.count();
            }
            if (next != count) {
                throw new BadInputException("the parts hold " + next + " of the " + count + " images of stack " + (s + 1));
            }
            Path target = out.stacks().get(s);
            if (ps.size() == 1) {
                linkOrCopy(sources.get(s).get(0), target, o.overwrite());
                linked++;
            } else {
                concatenate(sources.get(s), o.box(), out.px(), target, o.overwrite());
            }
            monitor.progress((double) (s + 1) / out.stacks().size(), "merged " + (s + 1) + " of " + out.stacks().size() + " stacks");
        }
        monitor.info(String.format(Locale.ROOT, "%d stack(s) linked from the parts, %d assembled from pieces", linked,
                out.stacks().size() - linked));
        return TiltSeriesSimulator.finish(o, out, TiltSeriesSimulator.plan(o, out.px(), out.stacks()));
    }

    private static void checkPiece(Path file, int box, int count) throws IOException {
        MrcHeader h = MrcReader.readHeader(file);
        if (h.nx() != box || h.ny() != box || h.nz() != count || h.mode() != MrcMode.FLOAT32) {
            throw new BadInputException(file + ": " + h.nx() + " x " + h.ny() + " x " + h.nz() + " (" + h.mode() + "), expected "
                    + box + " x " + box + " x " + count + " float32 images");
        }
    }

    /** Hard-links {@code source} to {@code target} (through a temporary name), or copies it where linking fails. */
    static void linkOrCopy(Path source, Path target, boolean overwrite) throws IOException {
        if (!overwrite && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "output exists (use --force to overwrite)");
        }
        Path tmp = AtomicFiles.temporaryFor(target);
        boolean done = false;
        try {
            Files.delete(tmp);
            try {
                Files.createLink(tmp, source);
            } catch (UnsupportedOperationException | IOException e) { // another file system, or no hard links there
                Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            AtomicFiles.commit(tmp, target, overwrite);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void concatenate(List<Path> pieces, int box, double px, Path target, boolean overwrite) throws IOException {
        float[] image = new float[box * box];
        try (MrcStackWriter w = MrcStackWriter.stack(target, box, box, px, MrcMode.FLOAT32, overwrite)) {
            boolean done = false;
            try {
                for (Path piece : pieces) {
                    try (MrcReader r = MrcReader.open(piece)) {
                        for (int z = 0; z < r.sections(); z++) {
                            r.readSection(z, image);
                            w.append(image);
                        }
                    }
                }
                done = true;
            } finally {
                if (!done) {
                    w.abort();
                }
            }
        }
    }

    /** SHA-256 of everything that decides the images: the settings but the layout, threads and overwrite, and the map. */
    static String fingerprint(SimulationOptions o, TiltSeriesSimulator.Outputs out) {
        StringBuilder s = new StringBuilder();
        s.append(o.box()).append(' ').append(out.px()).append(' ').append(o.particles()).append(" [");
        for (int t = 0; t < o.tilts().size(); t++) {
            s.append(o.tilts().angle(t)).append(',');
        }
        s.append("] ").append(o.dosePerTilt()).append(' ').append(o.defocusMin()).append(' ').append(o.defocusMax()).append(' ')
                .append(o.defocusSpread()).append(' ').append(o.astigmatism()).append(' ').append(o.voltage()).append(' ')
                .append(o.cs()).append(' ').append(o.ampContrast()).append(' ').append(o.snr()).append(' ').append(o.shiftSigma())
                .append(' ').append(o.seed()).append(' ').append(o.stackSize()).append(' ').append(o.invertContrast());
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(s.toString().getBytes(StandardCharsets.UTF_8));
            float[] data = out.map().data();
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < data.length; ) {
                buf.clear();
                for (; i < data.length && buf.remaining() >= 4; i++) {
                    buf.putFloat(data[i]);
                }
                md.update(buf.flip());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    private static PartResult readManifest(Path folder, String fingerprint) throws IOException {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(folder + ": no finished part of a simulation (no " + MANIFEST + ")");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        try {
            if (lines.size() < 5 || !lines.get(0).equals(HEADER)) {
                throw new IllegalArgumentException("not a part manifest");
            }
            String[] part = field(lines.get(1), "part").split(" of ");
            String[] particles = field(lines.get(2), "particles").split(" ");
            if (!field(lines.get(4), "fingerprint").equals(fingerprint)) {
                throw new BadInputException(file + ": a part of another simulation (other settings or another map)");
            }
            List<Piece> pieces = new ArrayList<>();
            for (String line : lines.subList(5, lines.size())) {
                String[] f = field(line, "stack").split(" ", 4);
                pieces.add(new Piece(Integer.parseInt(f[0]) - 1, Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3]));
            }
            return new PartResult(Integer.parseInt(part[0]), Integer.parseInt(part[1]), Integer.parseInt(particles[0]),
                    Integer.parseInt(particles[1]), pieces);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new BadInputException(file + ": unreadable part manifest (" + e.getMessage() + ")", e);
        }
    }

    private static String field(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("expected '" + key + " ...', found '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }
}

package org.emflow.compute.variability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.AtomicFiles;
import org.emflow.compute.io.mrc.MrcHeader;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.io.mrc.MrcStackWriter;
import org.emflow.compute.io.mrc.MrcWriter;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.InMemoryImages;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.util.WorkerPool;

/**
 * {@link Variability} split into parts that run apart (the tasks of a cluster job array) and a merge, with the result
 * of one run, bit for bit: every work unit's result depends only on the inputs, not on which part computes it or with
 * how many threads, and the merge does the rest in the order one run does it.
 *
 * <ul>
 * <li><b>groups</b>: the units are the groups, one per image. Part k computes the 2-D average and variance of the
 *     groups k·n/N to (k+1)·n/N − 1 in order of their centre's latitude (the polar angle of its direction, d and −d
 *     identified, then the azimuth): a band of the sphere, so the part reads and prepares only the images in the
 *     groups of its band (SPARX's MPI ranks split the same way). It writes the two stacks of its maps. The merge
 *     puts every map at its centre and reconstructs ave3D and var3D, as one run does.</li>
 * <li><b>bootstrap</b>: the units are the bootstrap volumes. A part reads all images, replays the resampling stream of
 *     the volumes before its range and reconstructs its volumes, each written whole. The merge takes their voxel mean
 *     and variance in volume order (the same Welford updates as one run).</li>
 * <li><b>var_input</b>: the units are the images, which a part reads and decimates; the merge reconstructs var3D from
 *     all of them.</li>
 * </ul>
 * A part with no units writes only its manifest ({@link #MANIFEST}, written last: part, method, range, the rows of
 * its results and a fingerprint of the settings and the particle table).
 */
public final class VariabilitySplit {
    /** The manifest a part writes last into its folder. */
    public static final String MANIFEST = "variance-part.txt";
    static final String AVE_2D = "ave2D.mrcs";
    static final String VAR_2D = "var2D.mrcs";
    static final String VAR_INPUT = "var2D_input.mrcs";
    private static final String HEADER = "emflow variance part, format 1";

    private VariabilitySplit() {
    }

    /** What the parts split. */
    public enum Kind {
        /** Groups, one per image (the group method). */
        GROUPS,
        /** Bootstrap volumes. */
        BOOTSTRAP,
        /** Images (2-D variances in: only their reconstruction). */
        VAR_INPUT
    }

    /** What a part did: units {@code first} to {@code end} − 1 of {@code units}, and how many images it read. */
    public record PartResult(int part, int parts, Kind kind, int first, int end, int units, int imagesRead) {
    }

    public static Kind kind(VariabilityOptions o) {
        return o.varianceInput() ? Kind.VAR_INPUT : o.method() == VariabilityOptions.Method.BOOTSTRAP ? Kind.BOOTSTRAP : Kind.GROUPS;
    }

    /** The number of units the parts split for {@code images} images. */
    public static int units(VariabilityOptions o, int images) {
        return kind(o) == Kind.BOOTSTRAP ? o.bootstrapVolumes() : images;
    }

    /** Part k does units {@code b[k]} to {@code b[k+1]} − 1: the even split floor(k·units/parts). */
    public static int[] boundaries(int units, int parts) {
        if (parts < 1 || units < 0) {
            throw new IllegalArgumentException(units + " units in " + parts + " parts");
        }
        int[] b = new int[parts + 1];
        for (int k = 0; k <= parts; k++) {
            b[k] = (int) ((long) k * units / parts);
        }
        return b;
    }

    /**
     * The group centres (images) in order of latitude: the polar angle of the centre's projection direction with d and
     * −d identified (0 at the poles, 90° at the equator), then its azimuth, then the image index.
     */
    static int[] latitudeOrder(Variability.GroupIndex index) {
        int n = index.view.length / index.order;
        double[] polar = new double[n], azimuth = new double[n];
        for (int c = 0; c < n; c++) {
            double[] m = index.view[c * index.order];
            double x = m[6], y = m[7], z = m[8];
            if (z < 0) {
                x = -x;
                y = -y;
                z = -z;
            }
            polar[c] = Math.acos(Math.min(1, z));
            azimuth[c] = Math.atan2(y, x);
        }
        return IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(c -> polar[c]).thenComparingDouble(c -> azimuth[c]).thenComparingInt(c -> c))
                .mapToInt(Integer::intValue).toArray();
    }

    /**
     * Runs part {@code part} (0-based) of {@code parts} of {@link Variability#run} on {@code images}, writing its
     * results and then the manifest into {@code folder}.
     */
    public static PartResult runPart(List<ImageRecord> images, ImageLoader loader, int box, double pixelSize, VariabilityOptions o,
                                     int part, int parts, Path folder, boolean overwrite, Monitor monitor) throws IOException {
        if (part < 0 || part >= parts) {
            throw new IllegalArgumentException("part " + part + " of " + parts);
        }
        Variability.Setup s = Variability.setup(images, box, pixelSize, o);
        Kind kind = kind(o);
        int units = units(o, images.size());
        int[] b = boundaries(units, parts);
        int from = b[part], to = b[part + 1];
        StringBuilder m = new StringBuilder(HEADER).append('\n');
        m.append("part ").append(part).append(" of ").append(parts).append('\n');
        m.append("kind ").append(kind.name().toLowerCase(Locale.ROOT)).append('\n');
        m.append("units ").append(from).append(' ').append(to).append(" of ").append(units).append('\n');
        m.append("fingerprint ").append(fingerprint(images, box, pixelSize, o)).append('\n');
        monitor.info(String.format(Locale.ROOT, "3-D variability (%s), part %d of %d: %s %d to %d of %d, decimated to %d",
                kind.name().toLowerCase(Locale.ROOT), part + 1, parts, kind == Kind.GROUPS ? "groups" : kind == Kind.BOOTSTRAP ? "volumes"
                        : "images", from + 1, to, units, s.nx()));
        int read = 0;
        if (to > from) {
            List<ImageRecord> decimated = Variability.decimated(s, images);
            WorkerPool workers = WorkerPool.of(monitor, o.threads());
            try {
                ForkJoinPool pool = workers.pool();
                switch (kind) {
                    case GROUPS -> {
                        Variability.GroupIndex index = new Variability.GroupIndex(decimated, s.group(), o.imagesPerGroup());
                        int[] centres = Arrays.copyOfRange(latitudeOrder(index), from, to);
                        int[] needed = index.members(centres);
                        read = needed.length;
                        monitor.info("the groups of this part have members in " + needed.length + " of the " + images.size() + " images");
                        float[][] data = Variability.prepare(s, images, loader, needed, o, pool, monitor.sub(0, 0.4));
                        Variability.GroupMaps maps = Variability.groupMaps(index, decimated, data, s.nx(), o, centres, pool,
                                monitor.sub(0.4, 1));
                        writeStack(folder.resolve(AVE_2D), maps.ave(), s, overwrite);
                        writeStack(folder.resolve(VAR_2D), maps.var(), s, overwrite);
                        for (Variability.Group g : maps.groups()) {
                            m.append("group ").append(g.centre()).append(' ').append(g.radius()).append('\n');
                        }
                    }
                    case BOOTSTRAP -> {
                        read = images.size();
                        float[][] data = Variability.prepare(s, images, loader, null, o, pool, monitor.sub(0, 0.3));
                        InMemoryImages memory = new InMemoryImages(Variability.DECIMATED, data);
                        Variability.bootstrap(decimated, memory, s, o, from, to, (rep, v) -> {
                            String name = String.format(Locale.ROOT, "bootstrap_%05d.mrc", rep + 1);
                            MrcWriter.writeVolume(folder.resolve(name), v, MrcMode.FLOAT32, overwrite);
                            m.append("volume ").append(rep).append(' ').append(name).append('\n');
                        }, monitor.sub(0.3, 1));
                    }
                    case VAR_INPUT -> {
                        read = to - from;
                        int[] which = IntStream.range(from, to).toArray();
                        float[][] data = Variability.prepare(s, images, loader, which, o, pool, monitor);
                        writeStack(folder.resolve(VAR_INPUT), Arrays.copyOfRange(data, from, to), s, overwrite);
                    }
                    default -> throw new IllegalStateException(kind.toString());
                }
            } finally {
                workers.close();
            }
        }
        AtomicFiles.write(folder.resolve(MANIFEST), overwrite, tmp -> Files.writeString(tmp, m, StandardCharsets.UTF_8));
        monitor.progress(1, "part " + (part + 1) + " of " + parts + " done");
        return new PartResult(part, parts, kind, from, to, units, read);
    }

    /**
     * Merges the folders of all parts (in part order) into what {@link Variability#run} returns for the same images and
     * options. The images are not read (only their table).
     *
     * @throws BadInputException when a folder holds no finished part, or a part of another split, setting or table
     */
    public static Variability.Result merge(List<ImageRecord> images, int box, double pixelSize, VariabilityOptions o,
                                           List<Path> partFolders, Monitor monitor) throws IOException {
        Variability.Setup s = Variability.setup(images, box, pixelSize, o);
        Kind kind = kind(o);
        int n = images.size(), nx = s.nx(), parts = partFolders.size();
        if (parts == 0) {
            throw new IllegalArgumentException("no part to merge");
        }
        int units = units(o, n);
        int[] b = boundaries(units, parts);
        String fingerprint = fingerprint(images, box, pixelSize, o);
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            rows.add(readManifest(partFolders.get(k), k, parts, kind, b[k], b[k + 1], units, fingerprint));
        }
        monitor.info(String.format(Locale.ROOT, "3-D variability (%s): merging %d part(s) of %d %s", kind.name().toLowerCase(Locale.ROOT),
                parts, units, kind == Kind.BOOTSTRAP ? "volumes" : kind == Kind.GROUPS ? "groups" : "images"));
        List<ImageRecord> decimated = Variability.decimated(s, images);
        Variability.Result raw;
        switch (kind) {
            case GROUPS -> {
                Variability.GroupIndex index = new Variability.GroupIndex(decimated, s.group(), o.imagesPerGroup());
                int[] order = latitudeOrder(index);
                float[][] ave = new float[n][], var = new float[n][];
                Variability.Group[] table = new Variability.Group[n];
                for (int k = 0; k < parts; k++) {
                    Path folder = partFolders.get(k);
                    List<String> groups = rows.get(k);
                    int count = b[k + 1] - b[k];
                    if (groups.size() != count) {
                        throw bad(folder, groups.size() + " groups, expected " + count);
                    }
                    if (count == 0) {
                        continue;
                    }
                    float[][] a = readStack(folder.resolve(AVE_2D), nx, count), v = readStack(folder.resolve(VAR_2D), nx, count);
                    for (int j = 0; j < count; j++) {
                        String[] f = row(folder, groups.get(j), "group");
                        int c = Integer.parseInt(f[0]);
                        if (c != order[b[k] + j]) {
                            throw bad(folder, "group " + (j + 1) + " is centred on image " + c + ", expected " + order[b[k] + j]);
                        }
                        ImageRecord r = decimated.get(c);
                        ave[c] = a[j];
                        var[c] = v[j];
                        table[c] = new Variability.Group(c, r.rot(), r.tilt(), r.psi(), o.imagesPerGroup(), Double.parseDouble(f[1]));
                    }
                    monitor.checkCanceled();
                }
                raw = Variability.groupVolumes(decimated, ave, var, List.of(table), s, o, monitor);
            }
            case BOOTSTRAP -> {
                Variability.BootstrapMoments moments = new Variability.BootstrapMoments();
                for (int k = 0; k < parts; k++) {
                    Path folder = partFolders.get(k);
                    List<String> volumes = rows.get(k);
                    if (volumes.size() != b[k + 1] - b[k]) {
                        throw bad(folder, volumes.size() + " volumes, expected " + (b[k + 1] - b[k]));
                    }
                    for (int j = 0; j < volumes.size(); j++) {
                        String[] f = row(folder, volumes.get(j), "volume");
                        if (Integer.parseInt(f[0]) != b[k] + j) {
                            throw bad(folder, "volume " + f[0] + " where volume " + (b[k] + j) + " was expected");
                        }
                        Volume vol;
                        try (MrcReader r = MrcReader.open(folder.resolve(f[1]))) {
                            check(r.header(), folder.resolve(f[1]), nx, nx);
                            vol = r.readVolume();
                        }
                        moments.add(vol.data());
                        monitor.checkCanceled();
                        monitor.progress(0.3 + 0.7 * (b[k] + j + 1.0) / units, "bootstrap volume " + (b[k] + j + 1) + " of " + units);
                    }
                }
                Volume[] mv = moments.result(nx, s.pixel2D());
                raw = new Variability.Result(mv[0], mv[1], null, null, List.of(), nx, s.pixel2D());
            }
            case VAR_INPUT -> {
                float[][] data = new float[n][];
                for (int k = 0; k < parts; k++) {
                    int count = b[k + 1] - b[k];
                    if (count > 0) {
                        System.arraycopy(readStack(partFolders.get(k).resolve(VAR_INPUT), nx, count), 0, data, b[k], count);
                    }
                }
                raw = new Variability.Result(null, Variability.reconstruct(decimated, new InMemoryImages(Variability.DECIMATED, data), nx,
                        s.pixel2D(), s.group(), o, false, monitor.sub(0.3, 1)), null, null, List.of(), nx, s.pixel2D());
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        Variability.Result result = Variability.finish(raw, s, o);
        monitor.progress(1, "done");
        return result;
    }

    private static void writeStack(Path target, float[][] maps, Variability.Setup s, boolean overwrite) throws IOException {
        MrcStackWriter w = MrcStackWriter.stack(target, s.nx(), s.nx(), s.pixel2D(), MrcMode.FLOAT32, overwrite);
        boolean done = false;
        try {
            for (float[] map : maps) {
                w.append(map);
            }
            w.close();
            done = true;
        } finally {
            if (!done) {
                w.abort();
            }
        }
    }

    private static float[][] readStack(Path file, int nx, int count) throws IOException {
        try (MrcReader r = MrcReader.open(file)) {
            check(r.header(), file, nx, count);
            float[][] maps = new float[count][nx * nx];
            for (int z = 0; z < count; z++) {
                r.readSection(z, maps[z]);
            }
            return maps;
        }
    }

    private static void check(MrcHeader h, Path file, int nx, int nz) {
        if (h.nx() != nx || h.ny() != nx || h.nz() != nz || h.mode() != MrcMode.FLOAT32) {
            throw new BadInputException(file + ": " + h.nx() + " x " + h.ny() + " x " + h.nz() + " (" + h.mode() + "), expected "
                    + nx + " x " + nx + " x " + nz + " float32");
        }
    }

    /**
     * SHA-256 of what decides the results: the options but threads and keep2D, the box and pixel size, and every image's
     * record (stack file name and index, particle, pose, shifts, CTF).
     */
    static String fingerprint(List<ImageRecord> images, int box, double pixelSize, VariabilityOptions o) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((o.withThreads(1).withKeep2D(false) + " " + box + " " + pixelSize + "\n").getBytes(StandardCharsets.UTF_8));
            StringBuilder line = new StringBuilder();
            for (ImageRecord r : images) {
                line.setLength(0);
                line.append(r.source().file().getFileName()).append('@').append(r.source().index()).append(' ').append(r.particle())
                        .append(' ').append(r.pixelSize()).append(' ').append(r.rot()).append(' ').append(r.tilt()).append(' ')
                        .append(r.psi()).append(' ').append(r.originX()).append(' ').append(r.originY()).append(' ').append(r.ctf())
                        .append(' ').append(r.ctfPremultiplied()).append('\n');
                md.update(line.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /** The result rows of a part's manifest, after checking that it is part k of this split. */
    private static List<String> readManifest(Path folder, int k, int parts, Kind kind, int from, int to, int units, String fingerprint)
            throws IOException {
        Path file = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(folder + ": no finished part of a variance run (no " + MANIFEST + ")");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        try {
            if (lines.size() < 5 || !lines.get(0).equals(HEADER)) {
                throw new IllegalArgumentException("not a part manifest");
            }
            String expected = "part " + k + " of " + parts + ", kind " + kind.name().toLowerCase(Locale.ROOT) + ", units " + from + " "
                    + to + " of " + units;
            String found = lines.get(1) + ", " + lines.get(2) + ", " + lines.get(3);
            if (!found.equals(expected)) {
                throw bad(folder, found + ", not " + expected);
            }
            if (!field(lines.get(4), "fingerprint").equals(fingerprint)) {
                throw bad(folder, "a part of another run (other settings or another particle table)");
            }
            return lines.subList(5, lines.size());
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new BadInputException(file + ": unreadable part manifest (" + e.getMessage() + ")", e);
        }
    }

    /** The two fields of a result row "key a b" (b may hold spaces), numbers checked. */
    private static String[] row(Path folder, String line, String key) {
        try {
            String[] f = field(line, key).split(" ", 2);
            Integer.parseInt(f[0]);
            if (key.equals("group")) {
                Double.parseDouble(f[1]);
            }
            return f;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw bad(folder, "unreadable row '" + line + "'");
        }
    }

    private static BadInputException bad(Path folder, String why) {
        return new BadInputException(folder.resolve(MANIFEST) + ": " + why);
    }

    private static String field(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("expected '" + key + " ...', found '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }
}

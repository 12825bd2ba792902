package org.emflow.compute.variability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.fourier.FourierResize;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.geometry.PointGroup;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ImageSource;
import org.emflow.compute.particles.InMemoryImages;
import org.emflow.compute.recon.BackprojectOptions;
import org.emflow.compute.recon.Backprojector;
import org.emflow.compute.recon.CtfMode;
import org.emflow.compute.recon.SymmetryExpansion;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.util.WorkerPool;

/**
 * 3-D variability from aligned projections (SPARX's sx3dvariability, specs/sparx.md §B), by two methods:
 *
 * <ul>
 * <li><b>GROUPS</b> (SPARX's): around every image, the group of the img_per_grp nearest views (image × symmetry
 *     operator; a direction and its antipode identified, {@link ViewNeighbours}), each brought into the centre's
 *     frame ({@link InPlaneFrame}); the group's 2-D average and variance ({@link GroupStatistics}) are reconstructed
 *     at the centre's pose into ave3D and var3D, like projections. var3D is high where projections of neighbouring
 *     views disagree: structural heterogeneity, but also alignment error.</li>
 * <li><b>BOOTSTRAP</b> (Penczek, Yang, Frank &amp; Spahn 2006, J Struct Biol 154:168): reconstructions from the
 *     particles resampled with replacement (tilt images of a particle stay together), their voxel mean (ave3D) and
 *     unbiased voxel variance (var3D): the variance of the reconstruction itself, in map units.</li>
 * </ul>
 * Both work on the windowed, decimated, normalised images ({@link PreparedImages}); the maps are masked to a sphere
 * of radius nx/2 with the outer-shell mean subtracted (SPARX's reconstruction), resampled back to the window and
 * padded to the original box, with the original pixel size.
 *
 * <p>Defects of the original fixed here: the in-plane rotation is the exact one between the two views (SPARX's
 * Δφ is exact only at the poles); CTF and non-CTF 2-D variances have the same scale; 2-D maps are variances (SPARX
 * HEAD writes standard deviations under that name); the pixel size is kept (SPARX writes 1.0).
 */
public final class Variability {
    /** One group: its centre image, the centre's pose, its size and angular radius (degrees). */
    public record Group(int centre, double rot, double tilt, double psi, int members, double radius) {
    }

    /**
     * The maps (ave3D null with --VAR), the 2-D group maps at the decimated size (null unless kept; image i is the group
     * centred on image i, at its pose), the groups (empty for BOOTSTRAP), and the decimated box and pixel size.
     */
    public record Result(Volume ave3D, Volume var3D, float[][] ave2D, float[][] var2D, List<Group> groups, int box2D,
                         double pixelSize2D) {
    }

    private Variability() {
    }

    /** The memory (bytes) the run holds, SPARX's estimate without its overhead: 4·nx²·(images + 2·groups). */
    public static long memoryEstimate(int images, int nx, VariabilityOptions o) {
        long maps = o.method() == VariabilityOptions.Method.GROUPS && !o.varianceInput() ? 2L * images : 0;
        return 4L * nx * nx * (images + maps + o.imagesPerGroup());
    }

    /** The name of the decimated particles held in memory (their sources' file). */
    static final String DECIMATED = "decimated particles";

    /**
     * What a run works at, from the checked inputs: the window, the decimated size nx and the factor to it, the 2-D
     * pixel size, the point group (SPARX's axes), and whether the group method runs.
     */
    record Setup(int box, double pixelSize, int window, int nx, double factor, double pixel2D, PointGroup group, boolean groups) {
    }

    static Setup setup(List<ImageRecord> images, int box, double pixelSize, VariabilityOptions o) {
        if (images.isEmpty()) {
            throw new BadInputException("no images (zero images after selection)");
        }
        if (!(pixelSize > 0)) {
            throw new BadInputException("pixel size must be positive: " + pixelSize);
        }
        if (o.window() > box) {
            throw new BadInputException("setting 'window' " + o.window() + " is larger than the box of " + box + " pixels");
        }
        PointGroup group = PointGroup.of(o.symmetry(), PointGroup.Convention.SPARX);
        if (o.ctf()) {
            for (ImageRecord r : images) {
                if (r.ctf() == null) {
                    throw new BadInputException("--CTF needs CTF parameters, but image " + r.source() + " has none");
                }
                if (r.ctfPremultiplied()) {
                    throw new BadInputException("--CTF needs images that were not multiplied by their CTF; image " + r.source() + " was");
                }
            }
        }
        boolean groups = o.method() == VariabilityOptions.Method.GROUPS && !o.varianceInput();
        long views = (long) images.size() * group.order();
        if (groups && o.imagesPerGroup() > views) {
            throw new BadInputException("setting 'img_per_grp' " + o.imagesPerGroup() + " is larger than the " + views
                    + " views in the data (" + images.size() + " images × " + group.order() + " symmetry operators)");
        }
        int window = o.window() == 0 ? box : o.window();
        int nx = Decimation.size(box, o.window(), o.decimate());
        double factor = (double) nx / window;
        return new Setup(box, pixelSize, window, nx, factor, pixelSize / factor, group, groups);
    }

    public static Result run(List<ImageRecord> images, ImageLoader loader, int box, double pixelSize,
                             VariabilityOptions o, Monitor monitor) throws IOException {
        Setup s = setup(images, box, pixelSize, o);
        monitor.info(String.format("3-D variability (%s) of %d images: box %d, window %d, decimated to %d (%.4g A/px), sym %s, CTF %s, "
                        + "img_per_grp %d, memory about %.2f GB",
                o.varianceInput() ? "2-D variances in" : o.method(), images.size(), box, s.window(), s.nx(), s.pixel2D(), s.group().name(),
                o.ctf(), o.imagesPerGroup(), memoryEstimate(images.size(), s.nx(), o) / 1e9));

        WorkerPool workers = WorkerPool.of(monitor, o.threads());
        try {
            ForkJoinPool pool = workers.pool();
            float[][] data = prepare(s, images, loader, null, o, pool, monitor.sub(0, 0.3));
            InMemoryImages memory = new InMemoryImages(DECIMATED, data);
            List<ImageRecord> decimated = decimated(s, images);
            Result raw;
            if (o.varianceInput()) {
                raw = new Result(null, reconstruct(decimated, memory, s.nx(), s.pixel2D(), s.group(), o, false, monitor.sub(0.3, 1)),
                        null, null, List.of(), s.nx(), s.pixel2D());
            } else if (s.groups()) {
                GroupIndex index = new GroupIndex(decimated, s.group(), o.imagesPerGroup());
                GroupMaps maps = groupMaps(index, decimated, data, s.nx(), o, IntStream.range(0, images.size()).toArray(), pool,
                        monitor.sub(0.3, 0.7));
                raw = groupVolumes(decimated, maps.ave(), maps.var(), List.of(maps.groups()), s, o, monitor);
            } else {
                BootstrapMoments moments = new BootstrapMoments();
                bootstrap(decimated, memory, s, o, 0, o.bootstrapVolumes(), (rep, v) -> moments.add(v.data()), monitor.sub(0.3, 1));
                Volume[] mv = moments.result(s.nx(), s.pixel2D());
                raw = new Result(mv[0], mv[1], null, null, List.of(), s.nx(), s.pixel2D());
            }
            Result result = finish(raw, s, o);
            monitor.progress(1, "done");
            return result;
        } finally {
            workers.close();
        }
    }

    /**
     * The images as the variability works on them ({@link PreparedImages}): all of them ({@code which} null), or only
     * images {@code which} (the others null), each the same as when all are read.
     */
    static float[][] prepare(Setup s, List<ImageRecord> images, ImageLoader loader, int[] which, VariabilityOptions o,
                             ForkJoinPool pool, Monitor monitor) throws IOException {
        boolean normalise = o.normalise() && !o.varianceInput();
        double fl = o.varianceInput() ? 0 : o.lowPass();
        List<ImageRecord> subset = images;
        if (which != null) {
            subset = new ArrayList<>(which.length);
            for (int i : which) {
                subset.add(images.get(i));
            }
        }
        PreparedImages p = PreparedImages.read(subset, loader, s.box(), o.window(), s.nx(), normalise, fl, o.falloff(), pool, monitor);
        if (which == null) {
            return p.data;
        }
        float[][] data = new float[images.size()][];
        for (int j = 0; j < which.length; j++) {
            data[which[j]] = p.data[j];
        }
        return data;
    }

    /** The records of the decimated images: image i is {@code (DECIMATED, i)}, shifts and pixel size in decimated pixels. */
    static List<ImageRecord> decimated(Setup s, List<ImageRecord> images) {
        List<ImageRecord> decimated = new ArrayList<>(images.size());
        java.nio.file.Path name = java.nio.file.Path.of(DECIMATED);
        for (int i = 0; i < images.size(); i++) {
            ImageRecord r = images.get(i);
            decimated.add(new ImageRecord(new ImageSource(name, i), r.particle(), r.particleId(), r.tomogram(), s.pixel2D(), r.rot(),
                    r.tilt(), r.psi(), r.originX() * s.factor(), r.originY() * s.factor(), r.ctf(), r.dose(), r.tiltAngle(),
                    r.ctfPremultiplied()));
        }
        return decimated;
    }

    /** The maps back at the original box and pixel size; the 2-D maps kept when asked for. */
    static Result finish(Result raw, Setup s, VariabilityOptions o) {
        return new Result(raw.ave3D == null ? null : finish(raw.ave3D, s.window(), s.box(), s.pixelSize()),
                finish(raw.var3D, s.window(), s.box(), s.pixelSize()), o.keep2D() ? raw.ave2D : null, o.keep2D() ? raw.var2D : null,
                raw.groups, s.nx(), s.pixel2D());
    }

    /** Every view (image × symmetry operator) and the index of their directions, for the groups' neighbour search. */
    static final class GroupIndex {
        final int order;
        final int k;
        final double[][] view;
        final ViewNeighbours neighbours;

        GroupIndex(List<ImageRecord> images, PointGroup group, int k) {
            int n = images.size();
            this.order = group.order();
            this.k = k;
            this.view = new double[n * order][];
            float[] directions = new float[3 * n * order];
            for (int i = 0; i < n; i++) {
                ImageRecord r = images.get(i);
                double[] a = Conventions.eulerMatrix(r.rot(), r.tilt(), r.psi());
                for (int s = 0; s < order; s++) {
                    double[] m = s == 0 ? a : Conventions.multiply(a, group.operator(s));
                    int v = i * order + s;
                    view[v] = m;
                    directions[3 * v] = (float) m[6];
                    directions[3 * v + 1] = (float) m[7];
                    directions[3 * v + 2] = (float) m[8];
                }
            }
            this.neighbours = new ViewNeighbours(directions, k);
        }

        /** The images whose views are in the groups of {@code centres}, in increasing order. */
        int[] members(int[] centres) {
            boolean[] used = new boolean[view.length / order];
            ViewNeighbours.Searcher search = neighbours.searcher();
            int[] members = new int[k];
            boolean[] mirror = new boolean[k];
            for (int c : centres) {
                double[] centre = view[c * order];
                search.nearest(centre[6], centre[7], centre[8], k, c * order, members, mirror, null);
                for (int v : members) {
                    used[v / order] = true;
                }
            }
            return IntStream.range(0, used.length).filter(i -> used[i]).toArray();
        }
    }

    /** The 2-D average and variance of the groups centred on {@code centres} (in that order), and their table rows. */
    record GroupMaps(float[][] ave, float[][] var, Group[] groups) {
    }

    /**
     * The groups centred on {@code centres}: each centre's k nearest views, brought into its frame, their average and
     * variance. {@code data} holds the prepared images (at least those of the groups' members).
     */
    static GroupMaps groupMaps(GroupIndex index, List<ImageRecord> images, float[][] data, int nx, VariabilityOptions o,
                               int[] centres, ForkJoinPool pool, Monitor gm) throws IOException {
        int n = centres.length, order = index.order, k = index.k;
        double[][] view = index.view;
        float[][] ave = new float[n][];
        float[][] var = new float[n][];
        Group[] table = new Group[n];
        Map<Thread, GroupWork> works = new ConcurrentHashMap<>();
        int block = 256;
        for (int from = 0; from < n; from += block) {
            gm.checkCanceled();
            int to = Math.min(n, from + block), start = from;
            PreparedImages.run(pool, () -> IntStream.range(start, to).parallel().forEach(g -> {
                GroupWork w = works.computeIfAbsent(Thread.currentThread(),
                        t -> new GroupWork(index.neighbours, k, nx, images.get(0).pixelSize(), o.ctf()));
                int c = centres[g];
                double[] centre = view[c * order];
                w.search.nearest(centre[6], centre[7], centre[8], k, c * order, w.members, w.mirror, w.angle);
                for (int j = 0; j < k; j++) {
                    int v = w.members[j], img = v / order;
                    ImageRecord r = images.get(img);
                    InPlaneFrame frame = InPlaneFrame.of(centre, view[v], w.mirror[j]);
                    frame.apply(data[img], nx, r.originX(), r.originY(), w.aligned[j]);
                    if (o.ctf()) {
                        CtfParams p = r.ctf();
                        w.ctf[j] = new Ctf(new CtfParams(p.defocusU(), p.defocusV(), frame.ctfAngle(p.defocusAngle()), p.voltage(),
                                p.cs(), p.ampContrast(), p.phaseShift(), p.bFactor(), p.scale()));
                    }
                }
                float[] a = new float[nx * nx], s = new float[nx * nx];
                w.stats.compute(w.aligned, w.ctf, k, a, s);
                ave[g] = a;
                var[g] = s;
                ImageRecord r = images.get(c);
                table[g] = new Group(c, r.rot(), r.tilt(), r.psi(), k, w.angle[k - 1]);
            }));
            gm.progress((double) to / n, "group " + to + " of " + n);
        }
        return new GroupMaps(ave, var, table);
    }

    /** ave3D and var3D reconstructed from the 2-D maps of every group (map c is the group centred on image c). */
    static Result groupVolumes(List<ImageRecord> images, float[][] ave, float[][] var, List<Group> table, Setup setup,
                               VariabilityOptions o, Monitor monitor) throws IOException {
        int n = images.size(), nx = setup.nx();
        PointGroup group = setup.group();
        List<ImageRecord> poses = new ArrayList<>(n);
        InMemoryImages aveImages = new InMemoryImages("2-D averages", ave);
        InMemoryImages varImages = new InMemoryImages("2-D variances", var);
        for (int c = 0; c < n; c++) {
            ImageRecord r = images.get(c);
            poses.add(new ImageRecord(aveImages.source(c), c, r.particleId(), r.tomogram(), r.pixelSize(), r.rot(), r.tilt(), r.psi(),
                    0, 0, null, Double.NaN, Double.NaN, false));
        }
        double px = images.get(0).pixelSize();
        Volume ave3 = reconstruct(poses, aveImages, nx, px, group, o, false, monitor.sub(0.7, 0.85));
        List<ImageRecord> varPoses = new ArrayList<>(n);
        for (ImageRecord r : poses) {
            varPoses.add(r.withSource(varImages.source(r.source().index())));
        }
        Volume var3 = reconstruct(varPoses, varImages, nx, px, group, o, false, monitor.sub(0.85, 1));
        return new Result(ave3, var3, ave, var, table, nx, px);
    }

    /** Receives bootstrap volume {@code rep} (0-based). */
    @FunctionalInterface
    interface VolumeSink {
        void accept(int rep, Volume v) throws IOException;
    }

    /**
     * Bootstrap volumes {@code from} to {@code to} − 1 of {@code o.bootstrapVolumes()}: the resampling draws of the
     * volumes before {@code from} are made and dropped (one stream from the seed), so volume r is the same whichever
     * range it is made in.
     */
    static void bootstrap(List<ImageRecord> images, ImageLoader memory, Setup s, VariabilityOptions o, int from, int to,
                          VolumeSink sink, Monitor monitor) throws IOException {
        Map<Integer, List<ImageRecord>> byParticle = new LinkedHashMap<>();
        for (ImageRecord r : images) {
            byParticle.computeIfAbsent(r.particle(), p -> new ArrayList<>()).add(r);
        }
        List<List<ImageRecord>> particles = new ArrayList<>(byParticle.values());
        Random random = new Random(o.seed());
        int b = o.bootstrapVolumes();
        monitor.info("bootstrap: " + (from == 0 && to == b ? b + " reconstructions" : "reconstructions " + (from + 1) + " to " + to
                + " of " + b) + " from " + particles.size() + " particles resampled with replacement (seed " + o.seed() + ")");
        int count = to - from;
        for (int rep = 0; rep < to; rep++) {
            monitor.checkCanceled();
            if (rep < from) {
                for (int i = 0; i < particles.size(); i++) {
                    random.nextInt(particles.size());
                }
                continue;
            }
            List<ImageRecord> sample = new ArrayList<>(images.size());
            for (int i = 0; i < particles.size(); i++) {
                sample.addAll(particles.get(random.nextInt(particles.size())));
            }
            int done = rep - from;
            Volume v = reconstruct(sample, memory, s.nx(), s.pixel2D(), s.group(), o, true,
                    quiet(monitor.sub((double) done / count, (done + 1.0) / count)));
            sink.accept(rep, v);
            monitor.progress((done + 1.0) / count, "bootstrap volume " + (rep + 1) + " of " + b);
        }
    }

    /** The voxel mean and unbiased variance of the bootstrap volumes, added in order (Welford: no volume kept). */
    static final class BootstrapMoments {
        private double[] mean;
        private double[] m2;
        private int count;

        void add(float[] d) {
            if (mean == null) {
                mean = new double[d.length];
                m2 = new double[d.length];
            }
            count++;
            for (int i = 0; i < d.length; i++) {
                double delta = d[i] - mean[i];
                mean[i] += delta / count;
                m2[i] += delta * (d[i] - mean[i]);
            }
        }

        Volume[] result(int nx, double px) {
            float[] ave = new float[mean.length], var = new float[mean.length];
            for (int i = 0; i < mean.length; i++) {
                ave[i] = (float) mean[i];
                var[i] = (float) (m2[i] / (count - 1));
            }
            return new Volume[] { new Volume(nx, nx, nx, ave, px), new Volume(nx, nx, nx, var, px) };
        }
    }

    /**
     * Reconstructs 2-D maps at their poses (with their symmetry mates) at the decimated size. Group maps are
     * reconstructed like SPARX's nn4: each first has its background mean (outside radius nx/2 − 2) subtracted,
     * so that var3D holds the variance above the noise level; bootstrap volumes are particle reconstructions
     * (Wiener CTF correction with SNR 1 under --CTF).
     */
    static Volume reconstruct(List<ImageRecord> maps, ImageLoader loader, int nx, double px, PointGroup group,
                              VariabilityOptions o, boolean particles, Monitor monitor) throws IOException {
        BackprojectOptions bo = BackprojectOptions.defaults().withDoseWeight(false).withTiltWeight(false).withInvertSign(false)
                .withPadding(o.padding()).withThreads(o.threads())
                .withCtfMode(particles && o.ctf() ? CtfMode.WIENER : CtfMode.NONE).withWienerSnr(1);
        ImageLoader source = particles ? loader : new ImageLoader() {
            @Override
            public void read(ImageSource s, float[] dst) throws IOException {
                loader.read(s, dst);
                PreparedImages.subtractBackground(dst, nx);
            }

            @Override
            public void close() {
            }
        };
        Volume v = Backprojector.run(SymmetryExpansion.expand(maps, group), source, nx, px, bo, monitor).full();
        return maskWithShellMean(v);
    }

    /** The map minus the mean of its shell nx/2 − 1 &lt; r ≤ nx/2, zero outside radius nx/2 (SPARX's reconstruction). */
    static Volume maskWithShellMean(Volume v) {
        int n = v.nx(), c = Conventions.origin(n);
        double outer = n / 2.0, inner = outer - 1;
        float[] d = v.data().clone();
        double s = 0;
        int count = 0;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r = Math.sqrt((double) (x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c));
                    if (r > inner && r <= outer) {
                        s += d[(z * n + y) * n + x];
                        count++;
                    }
                }
            }
        }
        float m = count > 0 ? (float) (s / count) : 0f;
        for (int z = 0; z < n; z++) {
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r2 = (double) (x - c) * (x - c) + (y - c) * (y - c) + (z - c) * (z - c);
                    int i = (z * n + y) * n + x;
                    d[i] = r2 > outer * outer ? 0f : d[i] - m;
                }
            }
        }
        return v.withData(d);
    }

    /** Back to the window's size (Fourier resampling) and into the original box (zero padding), original pixel size. */
    private static Volume finish(Volume v, int window, int box, double pixelSize) {
        Volume up = FourierResize.cube(v, window);
        return FourierResize.padCentred(up, box).withPixelSize(pixelSize);
    }

    private static Monitor quiet(Monitor m) {
        return new Monitor() {
            @Override
            public void progress(double fraction, String message) {
                m.progress(fraction, message);
            }

            @Override
            public boolean isCanceled() {
                return m.isCanceled();
            }

            @Override
            public ForkJoinPool pool() {
                return m.pool();
            }
        };
    }

    private static final class GroupWork {
        final ViewNeighbours.Searcher search;
        final int[] members;
        final boolean[] mirror;
        final double[] angle;
        final float[][] aligned;
        final Ctf[] ctf;
        final GroupStatistics stats;

        GroupWork(ViewNeighbours index, int k, int nx, double px, boolean ctf) {
            this.search = index.searcher();
            this.members = new int[k];
            this.mirror = new boolean[k];
            this.angle = new double[k];
            this.aligned = new float[k][nx * nx];
            this.ctf = new Ctf[k];
            this.stats = new GroupStatistics(nx, px, ctf);
        }
    }
}

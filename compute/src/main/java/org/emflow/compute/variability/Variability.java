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

    public static Result run(List<ImageRecord> images, ImageLoader loader, int box, double pixelSize,
                             VariabilityOptions o, Monitor monitor) throws IOException {
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
        double pixel2D = pixelSize / factor;
        monitor.info(String.format("3-D variability (%s) of %d images: box %d, window %d, decimated to %d (%.4g A/px), sym %s, CTF %s, "
                        + "img_per_grp %d, memory about %.2f GB",
                o.varianceInput() ? "2-D variances in" : o.method(), images.size(), box, window, nx, pixel2D, group.name(), o.ctf(),
                o.imagesPerGroup(), memoryEstimate(images.size(), nx, o) / 1e9));

        WorkerPool workers = WorkerPool.of(monitor, o.threads());
        try {
            ForkJoinPool pool = workers.pool();
            boolean normalise = o.normalise() && !o.varianceInput();
            double fl = o.varianceInput() ? 0 : o.lowPass();
            PreparedImages prepared = PreparedImages.read(images, loader, box, o.window(), nx, normalise, fl, o.falloff(), pool,
                    monitor.sub(0, 0.3));
            List<ImageRecord> decimated = new ArrayList<>(images.size());
            InMemoryImages memory = new InMemoryImages("decimated particles", prepared.data);
            for (int i = 0; i < images.size(); i++) {
                ImageRecord r = images.get(i);
                decimated.add(new ImageRecord(memory.source(i), r.particle(), r.particleId(), r.tomogram(), pixel2D, r.rot(),
                        r.tilt(), r.psi(), r.originX() * factor, r.originY() * factor, r.ctf(), r.dose(), r.tiltAngle(),
                        r.ctfPremultiplied())); // shifts and pixel size in decimated pixels
            }
            Result raw;
            if (o.varianceInput()) {
                raw = new Result(null, reconstruct(decimated, memory, nx, pixel2D, group, o, false, monitor.sub(0.3, 1)), null, null,
                        List.of(), nx, pixel2D);
            } else if (groups) {
                raw = groupMethod(decimated, prepared, group, o, pool, monitor);
            } else {
                Volume[] mv = bootstrap(decimated, memory, nx, pixel2D, group, o, monitor.sub(0.3, 1));
                raw = new Result(mv[0], mv[1], null, null, List.of(), nx, pixel2D);
            }
            // back to the original box and pixel size
            Result result = new Result(raw.ave3D == null ? null : finish(raw.ave3D, window, box, pixelSize),
                    finish(raw.var3D, window, box, pixelSize), o.keep2D() ? raw.ave2D : null, o.keep2D() ? raw.var2D : null,
                    raw.groups, nx, pixel2D);
            monitor.progress(1, "done");
            return result;
        } finally {
            workers.close();
        }
    }

    private static Result groupMethod(List<ImageRecord> images, PreparedImages prepared, PointGroup group,
                                      VariabilityOptions o, ForkJoinPool pool, Monitor monitor) throws IOException {
        int n = images.size(), order = group.order(), nx = prepared.nx, k = o.imagesPerGroup();
        double[][] view = new double[n * order][];
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
        ViewNeighbours index = new ViewNeighbours(directions, k);
        float[][] ave = new float[n][];
        float[][] var = new float[n][];
        Group[] table = new Group[n];
        Map<Thread, GroupWork> works = new ConcurrentHashMap<>();
        Monitor gm = monitor.sub(0.3, 0.7);
        int block = 256;
        for (int from = 0; from < n; from += block) {
            gm.checkCanceled();
            int to = Math.min(n, from + block), start = from;
            PreparedImages.run(pool, () -> IntStream.range(start, to).parallel().forEach(c -> {
                GroupWork w = works.computeIfAbsent(Thread.currentThread(), t -> new GroupWork(index, k, nx, images.get(0).pixelSize(), o.ctf()));
                double[] centre = view[c * order];
                w.search.nearest(centre[6], centre[7], centre[8], k, c * order, w.members, w.mirror, w.angle);
                for (int j = 0; j < k; j++) {
                    int v = w.members[j], img = v / order;
                    ImageRecord r = images.get(img);
                    InPlaneFrame frame = InPlaneFrame.of(centre, view[v], w.mirror[j]);
                    frame.apply(prepared.data[img], nx, r.originX(), r.originY(), w.aligned[j]);
                    if (o.ctf()) {
                        CtfParams p = r.ctf();
                        w.ctf[j] = new Ctf(new CtfParams(p.defocusU(), p.defocusV(), frame.ctfAngle(p.defocusAngle()), p.voltage(),
                                p.cs(), p.ampContrast(), p.phaseShift(), p.bFactor(), p.scale()));
                    }
                }
                float[] a = new float[nx * nx], s = new float[nx * nx];
                w.stats.compute(w.aligned, w.ctf, k, a, s);
                ave[c] = a;
                var[c] = s;
                ImageRecord r = images.get(c);
                table[c] = new Group(c, r.rot(), r.tilt(), r.psi(), k, w.angle[k - 1]);
            }));
            gm.progress((double) to / n, "group " + to + " of " + n);
        }
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
        return new Result(ave3, var3, ave, var, List.of(table), nx, px);
    }

    private static Volume[] bootstrap(List<ImageRecord> images, ImageLoader memory, int nx, double px, PointGroup group,
                                      VariabilityOptions o, Monitor monitor) throws IOException {
        Map<Integer, List<ImageRecord>> byParticle = new LinkedHashMap<>();
        for (ImageRecord r : images) {
            byParticle.computeIfAbsent(r.particle(), p -> new ArrayList<>()).add(r);
        }
        List<List<ImageRecord>> particles = new ArrayList<>(byParticle.values());
        Random random = new Random(o.seed());
        int b = o.bootstrapVolumes();
        monitor.info("bootstrap: " + b + " reconstructions from " + particles.size() + " particles resampled with replacement (seed " + o.seed() + ")");
        double[] mean = null, m2 = null;
        for (int rep = 0; rep < b; rep++) {
            monitor.checkCanceled();
            List<ImageRecord> sample = new ArrayList<>(images.size());
            for (int i = 0; i < particles.size(); i++) {
                sample.addAll(particles.get(random.nextInt(particles.size())));
            }
            Volume v = reconstruct(sample, memory, nx, px, group, o, true, quiet(monitor.sub((double) rep / b, (rep + 1.0) / b)));
            float[] d = v.data();
            if (mean == null) {
                mean = new double[d.length];
                m2 = new double[d.length];
            }
            // Welford: one pass, no replicate kept
            for (int i = 0; i < d.length; i++) {
                double delta = d[i] - mean[i];
                mean[i] += delta / (rep + 1);
                m2[i] += delta * (d[i] - mean[i]);
            }
            monitor.progress((rep + 1.0) / b, "bootstrap volume " + (rep + 1) + " of " + b);
        }
        float[] ave = new float[mean.length], var = new float[mean.length];
        for (int i = 0; i < mean.length; i++) {
            ave[i] = (float) mean[i];
            var[i] = (float) (m2[i] / (b - 1));
        }
        return new Volume[] { new Volume(nx, nx, nx, ave, px), new Volume(nx, nx, nx, var, px) };
    }

    /**
     * Reconstructs 2-D maps at their poses (with their symmetry mates) at the decimated size. Group maps are
     * reconstructed like SPARX's nn4: each first has its background mean (outside radius nx/2 − 2) subtracted,
     * so that var3D holds the variance above the noise level; bootstrap volumes are particle reconstructions
     * (Wiener CTF correction with SNR 1 under --CTF).
     */
    private static Volume reconstruct(List<ImageRecord> maps, ImageLoader loader, int nx, double px, PointGroup group,
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

package org.emflow.compute.sim;

import org.emflow.compute.particles.ParticleTableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.ctf.CtfParams;
import org.emflow.compute.recon.Projector;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcStackWriter;
import org.emflow.compute.io.mrc.MrcWriter;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ImageSource;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.util.WorkerPool;
import org.emflow.compute.weighting.DoseWeights;

/**
 * Simulates sub-tomogram tilt series with known poses: for each particle a uniformly random orientation
 * A0; for each tilt θ of the scheme the view Ry(θ)·A0 ({@link Conventions#stageTilt}), a random origin
 * offset, a per-image defocus around the particle's, the projection ({@link Projector}) multiplied by the
 * CTF ({@link Ctf}) and the dose weight of its cumulative exposure ({@link DoseWeights}), plus white
 * Gaussian noise of variance var(clean image)/SNR. Images are written streamed, in stacks of
 * {@code stackSize}, next to the STAR file ({@code <stem>_00001.mrcs}, …), with the map as
 * {@code <stem>_truth.mrc}. By default the images have the physical contrast (projection × CTF with
 * emflow's CTF, negative at low frequency; like tomoDRGN's simulator and the shared 10076 data):
 * reconstruct them with --uninvert-data. {@link SimulationOptions#invertContrast} writes RELION's
 * convention instead (white particles; RELION's CTF is positive at low frequency), for which
 * relion_reconstruct --ctf and emflow's default both give positive density.
 *
 * <p>STAR conventions: rlnCtfBfactor = −4 × cumulative dose (tomoDRGN's), rlnCtfScalefactor = cos(tilt),
 * rlnGroupName = particle id. Everything random comes from {@code seed}; per-image noise has its own
 * stream, so the files do not depend on the thread count.
 */
public final class TiltSeriesSimulator {
    private TiltSeriesSimulator() {
    }

    /** What was written. */
    public record Result(Path star, List<Path> stacks, Path truth, List<ImageRecord> images) {
    }

    /** Runs the simulation of {@code map} (null: the built-in {@link Phantom}). */
    public static Result run(SimulationOptions o, Volume map, Path outStar, Monitor monitor) throws IOException {
        Outputs out = outputs(o, map, outStar);
        List<Path> all = new ArrayList<>(out.stacks());
        all.add(out.truth());
        all.add(out.star());
        refuseExisting(o, all);
        monitor.info(String.format(Locale.ROOT, "Simulating %d particles x %d tilts = %d images, box %d, %.3f A/px, SNR %g, seed %d -> %s",
                o.particles(), o.tilts().size(), (long) o.particles() * o.tilts().size(), o.box(), out.px(), o.snr(), o.seed(), outStar));
        List<ImageRecord> records = plan(o, out.px(), out.stacks());
        simulate(o, out.map(), out.px(), records, 0, out.stacks()::get, monitor);
        return finish(o, out, records);
    }

    /**
     * The files of a simulation into {@code outStar}: the map checked against the box, the pixel size, and the names
     * of the stacks ({@code <stem>_00001.mrcs}, …) and of the truth volume next to the STAR file.
     */
    record Outputs(Volume map, double px, String stem, Path star, List<Path> stacks, Path truth) {
    }

    static Outputs outputs(SimulationOptions o, Volume map, Path outStar) {
        int n = o.box();
        if (map == null) {
            map = Phantom.create(n, o.pixelSize());
        }
        if (!map.isCube() || map.nx() != n) {
            throw new BadInputException("the map is " + map + " but the simulation box is " + n + " (resample the map or change setting 'box')");
        }
        double px = map.pixelSize() > 0 ? map.pixelSize() : o.pixelSize();
        String name = outStar.getFileName().toString();
        String stem = name.endsWith(".star") ? name.substring(0, name.length() - 5) : name;
        Path dir = outStar.toAbsolutePath().getParent();
        long total = (long) o.particles() * o.tilts().size();
        if (total > Integer.MAX_VALUE) {
            throw new BadInputException("too many images: " + total);
        }
        int stacks = (int) ((total + o.stackSize() - 1) / o.stackSize());
        List<Path> stackPaths = new ArrayList<>();
        for (int s = 0; s < stacks; s++) {
            stackPaths.add(dir.resolve(stackName(stem, s)));
        }
        return new Outputs(map, px, stem, outStar, List.copyOf(stackPaths), dir.resolve(stem + "_truth.mrc"));
    }

    /** The file name of stack {@code s} (0-based): {@code <stem>_00001.mrcs} for the first. */
    static String stackName(String stem, int s) {
        return String.format(Locale.ROOT, "%s_%05d.mrcs", stem, s + 1);
    }

    static void refuseExisting(SimulationOptions o, List<Path> outputs) {
        if (!o.overwrite()) {
            for (Path p : outputs) {
                if (Files.exists(p)) {
                    throw new BadInputException("output exists: " + p + " (use --force to overwrite)");
                }
            }
        }
    }

    /** Writes the truth volume and the STAR file of {@code records} (the whole plan), once the stacks are in place. */
    static Result finish(SimulationOptions o, Outputs out, List<ImageRecord> records) throws IOException {
        Volume map = out.map();
        MrcWriter.writeVolume(out.truth(), map.pixelSize() > 0 ? map : map.withPixelSize(out.px()), MrcMode.FLOAT32, o.overwrite());
        ParticleTableWriter.writeNew(records, o.box(), o.layout(), out.star(), o.overwrite());
        return new Result(out.star(), out.stacks(), out.truth(), records);
    }

    /**
     * Simulates {@code records}, the images {@code firstIndex}, {@code firstIndex + 1}, … of the whole plan (their
     * noise is drawn from their index in it), streaming each into stack {@code index / stackSize}: the file
     * {@code fileOfStack} gives for that stack, which starts with this range's first image of it.
     */
    static void simulate(SimulationOptions o, Volume map, double px, List<ImageRecord> records, int firstIndex,
                         IntFunction<Path> fileOfStack, Monitor monitor) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        int n = o.box();
        Projector projector = new Projector(map);
        // One slicer per thread of this run (a shared pool's threads outlive it: no ThreadLocal).
        java.util.Map<Thread, Projector.Slicer> slicers = new java.util.concurrent.ConcurrentHashMap<>();
        WorkerPool workerPool = WorkerPool.of(monitor, o.threads());
        ExecutorService pool = workerPool.pool();
        int batch = Math.max(o.threads() * 8, 64);
        float[][] buffers = new float[batch][n * n];
        MrcStackWriter writer = null;
        int currentStack = -1;
        List<Future<?>> fs = new ArrayList<>();
        try {
            for (int start = 0; start < records.size(); start += batch) {
                monitor.checkCanceled();
                int end = Math.min(records.size(), start + batch);
                fs.clear();
                for (int i = start; i < end; i++) {
                    final int idx = i;
                    final float[] out = buffers[i - start];
                    fs.add(pool.submit(() -> simulateImage(o, records.get(idx), firstIndex + idx, px,
                            slicers.computeIfAbsent(Thread.currentThread(), t -> projector.newSlicer()), out)));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                for (int i = start; i < end; i++) {
                    int s = (firstIndex + i) / o.stackSize();
                    if (s != currentStack) {
                        if (writer != null) {
                            writer.close();
                        }
                        writer = MrcStackWriter.stack(fileOfStack.apply(s), n, n, px, MrcMode.FLOAT32, o.overwrite());
                        currentStack = s;
                    }
                    writer.append(buffers[i - start]);
                }
                monitor.progress((double) end / records.size(), "simulated " + end + " of " + records.size() + " images");
            }
            if (writer != null) {
                writer.close();
                writer = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        } finally {
            if (writer != null) {
                writer.abort();
            }
            for (Future<?> f : fs) {
                f.cancel(true); // a failed or cancelled run leaves no task running on a shared pool
            }
            workerPool.close();
        }
    }

    /**
     * Poses, shifts, defocus and dose of every image, drawn from the seed in a fixed order; image i is
     * section i % stackSize of {@code stacks.get(i / stackSize)}.
     */
    public static List<ImageRecord> plan(SimulationOptions o, double px, List<Path> stacks) {
        return plan(o, px, stacks, 0, o.particles());
    }

    /**
     * The images of particles {@code from} (inclusive) to {@code to} (exclusive) of {@link #plan(SimulationOptions,
     * double, List)}, the same records: the draws of the particles before {@code from} are made and dropped (the
     * stream is sequential and the Gaussian draws take a varying number of its values, so it cannot be skipped),
     * those after {@code to} are not needed. Image p·tilts + t is particle p's tilt t.
     */
    public static List<ImageRecord> plan(SimulationOptions o, double px, List<Path> stacks, int from, int to) {
        if (from < 0 || to > o.particles() || from > to) {
            throw new IllegalArgumentException("particles " + from + ".." + to + " of " + o.particles());
        }
        SplittableRandom rnd = new SplittableRandom(o.seed());
        int tilts = o.tilts().size();
        List<ImageRecord> out = new ArrayList<>((to - from) * tilts);
        for (int p = 0; p < to; p++) {
            // Uniform on SO(3): rot and psi uniform, cos(tilt) uniform.
            double rot = rnd.nextDouble(-180, 180);
            double tilt = Math.toDegrees(Math.acos(rnd.nextDouble(-1, 1)));
            double psi = rnd.nextDouble(-180, 180);
            double dfMean = o.defocusMin() + (o.defocusMax() - o.defocusMin()) * rnd.nextDouble();
            double astigAngle = rnd.nextDouble(-90, 90);
            boolean kept = p >= from;
            double[] a0 = kept ? Conventions.eulerMatrix(rot, tilt, psi) : null;
            String id = kept ? String.format(Locale.ROOT, "%06d", p) : null;
            for (int t = 0; t < tilts; t++) {
                double ox = o.shiftSigma() * rnd.nextGaussian();
                double oy = o.shiftSigma() * rnd.nextGaussian();
                double df = dfMean + o.defocusSpread() * rnd.nextGaussian();
                if (!kept) {
                    continue;
                }
                double stage = o.tilts().angle(t);
                double[] e = Conventions.eulerAngles(Conventions.stageTilt(a0, stage));
                double dose = (t + 1) * o.dosePerTilt();
                CtfParams ctf = new CtfParams(df + o.astigmatism() / 2, df - o.astigmatism() / 2, astigAngle, o.voltage(), o.cs(),
                        o.ampContrast(), 0, -4 * dose, Math.cos(Math.toRadians(stage)));
                int index = p * tilts + t;
                ImageSource src = new ImageSource(stacks.get(index / o.stackSize()), index % o.stackSize());
                out.add(new ImageRecord(src, p, id, "", px, e[0], e[1], e[2], ox, oy, ctf, dose, stage, false));
            }
        }
        return out;
    }

    private static void simulateImage(SimulationOptions o, ImageRecord r, int index, double px, Projector.Slicer slicer,
                                      float[] out) {
        int n = o.box();
        float[] radial = new float[n / 2 + 2];
        double ds = 1.0 / (n * px);
        for (int i = 0; i < radial.length; i++) {
            radial[i] = (float) DoseWeights.weight(r.dose(), i * ds, r.ctf().voltage());
        }
        slicer.project(r.rot(), r.tilt(), r.psi(), r.originX(), r.originY(), new Ctf(r.ctf()), px, radial, out);
        if (o.invertContrast()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
        }
        if (o.snr() > 0 && !Double.isInfinite(o.snr())) {
            double s = 0, s2 = 0;
            for (float v : out) {
                s += v;
                s2 += v * v;
            }
            double var = s2 / out.length - (s / out.length) * (s / out.length);
            double sigma = Math.sqrt(var / o.snr());
            SplittableRandom noise = new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L + index + 1);
            for (int i = 0; i < out.length; i++) {
                out[i] += (float) (sigma * noise.nextGaussian());
            }
        }
    }


    /** Distinct particle ids in order (for tests and summaries). */
    static Map<String, Integer> particleCounts(List<ImageRecord> recs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (ImageRecord r : recs) {
            m.merge(r.particleId(), 1, Integer::sum);
        }
        return m;
    }
}

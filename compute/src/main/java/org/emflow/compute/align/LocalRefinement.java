package org.emflow.compute.align;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.fourier.KaiserBesselKernel;
import org.emflow.compute.fsc.Fsc;
import org.emflow.compute.fsc.FscCurve;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.geometry.PointGroup;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.recon.BackprojectOptions;
import org.emflow.compute.recon.BackprojectResult;
import org.emflow.compute.recon.Backprojector;
import org.emflow.compute.recon.CtfMode;
import org.emflow.compute.recon.HalfSets;
import org.emflow.compute.recon.Projector;
import org.emflow.compute.recon.SymmetryExpansion;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.util.WorkerPool;

/**
 * Local refinement of the poses of projections against a reconstruction from themselves (SPARX's
 * sxlocal_ali3d, specs/sparx.md §A.3), gold-standard: the images are split into two half sets by particle
 * (seeded, {@link HalfSets}), each half is reconstructed on its own and prepared as its own reference
 * ({@link ReferencePreparer}, the filter fitted to the FSC of the two halves), and every image is aligned
 * ({@link LocalAligner}) against the reference of its half only, so the final FSC is between independent halves.
 * Each of maxit iterations rebuilds the references before each chunk of images; one last reconstruction gives
 * the maps.
 *
 * <p>Differences from the original, each a fix: gold-standard halves (the original aligns every image to a
 * reference that contains it, and its FSC-derived filter feeds on that); the criterion is normalised
 * ({@link CascadedCcc}); the reference's CTF is the images' own astigmatic 2-D CTF, applied to each projection
 * (the original multiplies the volume by an isotropic 3-D CTF per defocus, ignoring astigmatism); reconstructions
 * are emflow's (Wiener CTF correction, trilinear insertion with gridding correction) with the symmetry of
 * --sym; the refined poses are returned (the original's serial path never stores them).
 */
public final class LocalRefinement {
    /** One reference update: which pass, the half-map resolution and the filter, and how much the poses moved. */
    public record Step(int iteration, int chunk, double resolution0143, TanhFit.Filter filter, double meanAngleChange,
                       double meanShiftChange, double meanScore, double[] centre) {
    }

    /**
     * One complete iteration (numbered from 1): the FSC of the half maps it aligned against (its first chunk's) and
     * every image's pose change: {@link PixelError} (pixels) and angle (degrees). Eight bytes per image each, so a
     * long refinement of many images keeps every iteration's figures; the poses themselves are not kept.
     */
    public record Iteration(int number, FscCurve fsc, double[] pixelErrors, double[] angleChanges) {
        /** The fraction of the images that moved less than one pixel. */
        public double fractionConverged() {
            return PixelError.fractionBelow(pixelErrors, 1.0);
        }
    }

    /** Told of each complete iteration and the poses after it, before the next begins (to write them, plots, a log). */
    public interface IterationListener {
        IterationListener NONE = (it, poses) -> { };

        void iterationDone(Iteration iteration, List<ImageRecord> poses) throws IOException;
    }

    /** The refined images, the final maps and FSC, every step, and whether the convergence stop ended it. */
    public record Result(List<ImageRecord> images, Volume full, Volume half1, Volume half2, FscCurve fsc, List<Step> steps,
                         List<Iteration> iterations, boolean converged) {
    }

    private LocalRefinement() {
    }

    public static Result run(List<ImageRecord> input, ImageLoader loader, int box, double pixelSize, Volume mask3d,
                             RefinementOptions o, Monitor monitor) throws IOException {
        return run(input, loader, box, pixelSize, mask3d, o, IterationListener.NONE, monitor);
    }

    public static Result run(List<ImageRecord> input, ImageLoader loader, int box, double pixelSize, Volume mask3d,
                             RefinementOptions o, IterationListener listener, Monitor monitor) throws IOException {
        if (input.isEmpty()) {
            throw new BadInputException("no images to refine");
        }
        PointGroup group = PointGroup.of(o.symmetry(), PointGroup.Convention.SPARX);
        if (o.ctf()) {
            for (ImageRecord r : input) {
                if (r.ctf() == null) {
                    throw new BadInputException("--CTF needs CTF parameters, but image " + r.source() + " has none");
                }
                if (r.ctfPremultiplied()) {
                    throw new BadInputException("--CTF needs images that were not multiplied by their CTF; image " + r.source() + " was");
                }
            }
        }
        double radius = o.radius(box);
        Volume mask = mask3d != null ? mask3d : ReferencePreparer.ball(box, radius, pixelSize);
        if (mask.nx() != box || !mask.isCube()) {
            throw new BadInputException("the 3-D mask is " + mask.nx() + "x" + mask.ny() + "x" + mask.nz() + ", the images " + box + "x" + box);
        }
        byte[] half = HalfSets.assign(input, o.seed());
        // Images in RELION's sign, with RELION's CTF when --CTF (Ctf.RELION_SIGN): the maps then have the sign of the
        // particles' density, as relion_reconstruct's, and each image is compared, sign-corrected, with the CTF-modulated
        // projection of its reference.
        BackprojectOptions recon = BackprojectOptions.defaults().withInvertSign(o.ctf() && Ctf.RELION_SIGN < 0).withDoseWeight(false).withTiltWeight(false)
                .withCtfMode(o.ctf() ? CtfMode.WIENER : CtfMode.NONE).withWienerSnr(o.ctf() ? o.snr() : 0).withSeed(o.seed())
                .withThreads(o.threads()).withPadding(o.npad()).withPadImages(o.npad() > 1);
        List<ImageRecord> images = new ArrayList<>(input);
        List<Step> steps = new ArrayList<>();
        List<Iteration> iterations = new ArrayList<>();
        int chunks = o.chunks();
        int passes = (o.maxit() + 1) * chunks;
        double ftol = o.coarse() ? 1.0 : 1e-4, xtol = o.coarse() ? 1e-2 : 1e-4;
        KaiserBesselKernel kb = new KaiserBesselKernel(box);
        boolean converged = false;
        try (WorkerPool workers = WorkerPool.of(monitor, o.threads())) {
            for (int it = 0; it < o.maxit() && !converged; it++) {
                double[] pixelErrors = new double[images.size()], angleChanges = new double[images.size()];
                FscCurve iterationFsc = null;
                for (int ic = 0; ic < chunks; ic++) {
                    monitor.checkCanceled();
                    double[] centre = null;
                    if (o.center() == -1) {
                        centre = AverageCentre.fit(images);
                        images = AverageCentre.apply(images, centre);
                    }
                    Monitor stepMonitor = monitor.sub((double) (it * chunks + ic) / passes, (double) (it * chunks + ic + 1) / passes);
                    BackprojectResult maps = Backprojector.run(SymmetryExpansion.expand(images, group), loader, box, pixelSize, recon,
                            stepMonitor.sub(0, 0.3));
                    FscCurve fsc = Fsc.compute(maps.half1(), maps.half2(), mask);
                    iterationFsc = iterationFsc == null ? fsc : iterationFsc;
                    double[] shift = o.center() == 1 ? ReferencePreparer.phaseCentre(maps.full()) : null;
                    if (shift != null) {
                        centre = shift;
                    }
                    ReferencePreparer.Prepared r1 = ReferencePreparer.prepare(maps.half1(), mask, fsc, shift);
                    ReferencePreparer.Prepared r2 = ReferencePreparer.prepare(maps.half2(), mask, fsc, shift);
                    Projector[] projectors = {new Projector(r1.reference(), kb), new Projector(r2.reference(), kb)};
                    int from = (int) ((long) ic * images.size() / chunks), to = (int) ((long) (ic + 1) * images.size() / chunks);
                    // both halves' references carry the same filter (fitted to their FSC): projections stop where it is negligible
                    double band = r1.filter().negligibleBeyond() * box;
                    double[] change = align(images, half, from, to, loader, box, projectors, band, radius, o, ftol, xtol, workers,
                            pixelErrors, angleChanges, stepMonitor.sub(0.3, 1));
                    Step s = new Step(it, ic, fsc.resolution0143(), r1.filter(), change[0], change[1], change[2], centre);
                    steps.add(s);
                    monitor.info(String.format(Locale.ROOT, "iteration %d chunk %d: half-map FSC 0.143 at %.2f A, tanh filter fl %.4f "
                            + "aa %.4f; poses moved %.3f deg, %.3f px on average; mean score %.4f", it + 1, ic + 1, s.resolution0143(),
                            s.filter().fl(), s.filter().aa(), s.meanAngleChange(), s.meanShiftChange(), s.meanScore()));
                }
                Iteration done = new Iteration(it + 1, iterationFsc, pixelErrors, angleChanges);
                iterations.add(done);
                converged = o.converged() > 0 && done.fractionConverged() >= o.converged();
                monitor.info(String.format(Locale.ROOT, "iteration %d: %.1f %% of the images moved less than 1 px (median %.3f px)%s",
                        it + 1, 100 * done.fractionConverged(), PoseErrors.median(pixelErrors),
                        converged ? String.format(Locale.ROOT, "; converged (stop at %.0f %%)", 100 * o.converged()) : ""));
                listener.iterationDone(done, java.util.Collections.unmodifiableList(images));
            }
            monitor.checkCanceled();
            if (o.center() == -1) {
                images = AverageCentre.apply(images, AverageCentre.fit(images));
            }
            BackprojectResult maps = Backprojector.run(SymmetryExpansion.expand(images, group), loader, box, pixelSize, recon,
                    monitor.sub((double) (passes - chunks) / passes, 1));
            FscCurve fsc = Fsc.compute(maps.half1(), maps.half2(), mask);
            steps.add(new Step(iterations.size(), 0, fsc.resolution0143(), null, Double.NaN, Double.NaN, Double.NaN, null));
            monitor.info(String.format(Locale.ROOT, "final reconstruction: half-map FSC 0.143 at %.2f A", fsc.resolution0143()));
            return new Result(images, maps.full(), maps.half1(), maps.half2(), fsc, steps, iterations, converged);
        }
    }

    /** Per-thread workspace: the image buffer and an aligner for each half. */
    private record Workspace(float[] image, LocalAligner[] aligners) {
    }

    /**
     * Aligns images [from, to) in place and records their pose changes in {@code pixelErrors} and {@code angleChanges}
     * (indexed as the images); returns {mean angle change, mean shift change, mean score}.
     */
    private static double[] align(List<ImageRecord> images, byte[] half, int from, int to, ImageLoader loader, int box,
                                    Projector[] projectors, double band, double radius, RefinementOptions o, double ftol, double xtol,
                                    WorkerPool workers, double[] pixelErrors, double[] angleChanges, Monitor monitor) throws IOException {
        Map<Thread, Workspace> spaces = new ConcurrentHashMap<>();
        ImageRecord[] out = new ImageRecord[to - from];
        double[] angle = new double[to - from], shift = new double[to - from], score = new double[to - from];
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        WorkerPool.await(workers.pool().submit(() -> IntStream.range(from, to).parallel().forEach(i -> {
            if (monitor.isCanceled()) {
                return;
            }
            Workspace w = spaces.computeIfAbsent(Thread.currentThread(), t -> new Workspace(new float[box * box], new LocalAligner[] {
                new LocalAligner(new CascadedCcc(projectors[0], radius, band), o.delta(), o.ts(), ftol, xtol),
                new LocalAligner(new CascadedCcc(projectors[1], radius, band), o.delta(), o.ts(), ftol, xtol)}));
            ImageRecord r = images.get(i);
            try {
                loader.read(r.source(), w.image());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Ctf ctf = o.ctf() ? new Ctf(r.ctf()) : null;
            if (ctf != null && Ctf.RELION_SIGN < 0) {
                float[] img = w.image();
                for (int k = 0; k < img.length; k++) {
                    img[k] = -img[k];
                }
            }
            LocalAligner.Pose p = w.aligners()[half[i] - 1].refine(w.image(), r.rot(), r.tilt(), r.psi(), r.originX(), r.originY(), ctf,
                    r.pixelSize());
            double[] canonical = Conventions.eulerAngles(Conventions.eulerMatrix(p.rot(), p.tilt(), p.psi()));
            out[i - from] = r.withPose(canonical[0], canonical[1], canonical[2], p.originX(), p.originY());
            angle[i - from] = angleBetween(r, out[i - from]);
            pixelErrors[i] = PixelError.max3d(r, out[i - from], radius);
            shift[i - from] = Math.hypot(p.originX() - r.originX(), p.originY() - r.originY());
            score[i - from] = p.score();
            int d = done.incrementAndGet();
            if (d % 64 == 0) {
                monitor.progress((double) d / (to - from), "aligned " + d + " of " + (to - from) + " images");
            }
        })));
        monitor.checkCanceled();
        for (int i = from; i < to; i++) {
            images.set(i, out[i - from]);
        }
        System.arraycopy(angle, 0, angleChanges, from, to - from);
        return new double[] {mean(angle), mean(shift), mean(score)};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    /** The angle (degrees) of the rotation between two images' views. */
    static double angleBetween(ImageRecord a, ImageRecord b) {
        return Conventions.angleBetween(new double[] {a.rot(), a.tilt(), a.psi()}, new double[] {b.rot(), b.tilt(), b.psi()});
    }
}

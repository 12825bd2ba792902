package org.emflow.compute.recon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.util.WorkerPool;
import org.emflow.compute.weighting.FrequencyWeights;

/**
 * Direct Fourier reconstruction of a map from particle images with known poses (central-slice
 * theorem; Penczek 2004 "Gridding-based direct Fourier inversion", Methods Enzymol 482; RELION's
 * BackProjector for the padding, trilinear insertion, weight normalisation and gridding correction): the
 * driver over a particle table. Each image becomes a slice ({@link ImagePreparer}: sign, origin offset,
 * transform, CTF, dose/tilt weights, position padding·A^T·k) that is scattered trilinearly into the padded
 * Fourier volume of its half set ({@link Reconstructor}: RELION's oversampling, the 3-D grid finer than the
 * 2-D samples), which then makes the full map (Wiener or plain) and the two half maps.
 *
 * <p>Streaming and threads: images are read, transformed and packed by z slab in batches (all threads, one
 * image each), then inserted by z slab (all threads, each slab visiting the images in order) while the next
 * batch is prepared, so memory holds two batches of packed samples and the result does not depend on the
 * thread count.
 */
public final class Backprojector {
    private Backprojector() {
    }

    /** Runs the reconstruction; {@code box} is the images' size in pixels, {@code pixelSize} the maps' Angstrom per voxel. */
    public static BackprojectResult run(List<ImageRecord> images, ImageLoader loader, int box, double pixelSize,
                                        BackprojectOptions options, Monitor monitor) throws IOException {
        FrequencyWeights weights = validate(images, box, pixelSize, options);
        byte[] half = HalfSets.assign(images, options.seed());
        int[] counts = countHalves(images, half);
        monitor.info(String.format("Reconstructing %d images (box %d, %.4g A/px, padding %d, CTF %s, dose weight %s, tilt weight %s, %s) with %d threads; half sets by particle: %d / %d particles, %d / %d images",
                images.size(), box, pixelSize, options.padding(), options.ctfMode(), options.doseWeight(), options.tiltWeight(),
                options.weighting(), options.threads(), counts[0], counts[1], counts[2], counts[3]));
        Reconstructor rec = newReconstructor(box, options);
        long tStart = System.nanoTime();
        accumulate(rec, images, half, loader, pixelSize, options, weights, monitor);
        long tInserted = System.nanoTime();
        BackprojectResult result = rec.finish(options, pixelSize, counts, monitor);
        monitor.info(String.format("Read, transformed and inserted the images in %.2f s, made the maps in %.2f s",
                (tInserted - tStart) / 1e9, (System.nanoTime() - tInserted) / 1e9));
        return result;
    }

    /** Checks the inputs every entry point shares (so that all parts of a split run fail alike); returns the weights. */
    private static FrequencyWeights validate(List<ImageRecord> images, int box, double pixelSize, BackprojectOptions options) {
        if (images.isEmpty()) {
            throw new BadInputException("no images to reconstruct (zero images after selection)");
        }
        if (box < 2) {
            throw new BadInputException("box size must be at least 2 pixels: " + box);
        }
        if (!(pixelSize > 0)) {
            throw new BadInputException("pixel size must be positive: " + pixelSize);
        }
        validateCtf(images, options);
        FrequencyWeights weights = new FrequencyWeights(options.doseWeight(), options.tiltWeight());
        weights.validate(images);
        return weights;
    }

    /** The empty reconstruction the options ask for (noise weights kept for the automatic Wiener term). */
    static Reconstructor newReconstructor(int box, BackprojectOptions options) {
        return new Reconstructor(box, options.padding(), options.padImages(), keepNoise(options));
    }

    static boolean keepNoise(BackprojectOptions options) {
        return options.ctfMode() == CtfMode.WIENER && options.wienerSnr() == 0;
    }

    /**
     * Inserts {@code images} (half set {@code half[i]} each) into {@code rec}, in their order: the one insertion path of a
     * whole run and of a part. Progress goes to the first 90 % of {@code monitor}.
     */
    private static void accumulate(Reconstructor rec, List<ImageRecord> images, byte[] half, ImageLoader loader,
                                   double pixelSize, BackprojectOptions options, FrequencyWeights weights, Monitor monitor)
            throws IOException {
        if (images.isEmpty()) {
            return; // an empty part of a split run
        }
        // No more slots than images (a small part of a split run would otherwise allocate two full batches); the
        // batch boundaries do not change the sums, every voxel receiving its samples in image order.
        int batch = Math.min(rec.batchSize(options.threads()), images.size());
        // Two sets of slots: while one batch is inserted, the next one is read and transformed, so no
        // core idles at a phase boundary (the insertion order, and so the sums, stay the same).
        Reconstructor.PackedSlice[][] slots = new Reconstructor.PackedSlice[2][batch];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < batch; i++) {
                slots[k][i] = rec.newPackedSlice();
            }
        }
        WorkerPool workerPool = WorkerPool.of(monitor, options.threads());
        ExecutorService pool = workerPool.pool();
        // One preparer per thread of this run (a shared pool's threads outlive it: no ThreadLocal).
        java.util.Map<Thread, ImagePreparer> preparers = new java.util.concurrent.ConcurrentHashMap<>();
        Monitor insertMonitor = monitor.sub(0, 0.9);
        try {
            int batches = (images.size() + batch - 1) / batch;
            for (int b = 0; b <= batches; b++) {
                monitor.checkCanceled();
                List<Callable<Void>> tasks = new ArrayList<>();
                if (b > 0) {
                    // insert batch b - 1, one task per slab
                    final Reconstructor.PackedSlice[] cur = slots[(b - 1) & 1];
                    final int nb = Math.min(images.size(), b * batch) - (b - 1) * batch;
                    for (int sl = 0; sl < rec.slabCount(); sl++) {
                        final int slab = sl;
                        tasks.add(() -> {
                            rec.insert(cur, nb, slab);
                            return null;
                        });
                    }
                }
                if (b < batches) {
                    // read and transform batch b
                    final Reconstructor.PackedSlice[] next = slots[b & 1];
                    int from = b * batch;
                    int to = Math.min(images.size(), from + batch);
                    for (int i = from; i < to; i++) {
                        final int idx = i;
                        final Reconstructor.PackedSlice slot = next[i - from];
                        tasks.add(() -> {
                            try {
                                preparers.computeIfAbsent(Thread.currentThread(), t -> new ImagePreparer(rec, options, weights, pixelSize))
                                        .prepare(images.get(idx), half[idx], loader, slot);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            return null;
                        });
                    }
                }
                invokeAll(pool, tasks);
                if (b > 0) {
                    int done = Math.min(images.size(), b * batch);
                    insertMonitor.progress((double) done / images.size(), "inserted " + done + " of " + images.size() + " images");
                }
            }
        } finally {
            workerPool.close();
        }
    }

    private static void validateCtf(List<ImageRecord> images, BackprojectOptions options) {
        for (ImageRecord r : images) {
            boolean needs = options.ctfMode() == CtfMode.WIENER
                    || (options.ctfMode() == CtfMode.PHASE_FLIP && !r.ctfPremultiplied());
            if (needs && r.ctf() == null) {
                throw new BadInputException("CTF correction (" + options.ctfMode() + ") needs CTF parameters, but image "
                        + r.source() + " has none (rlnDefocusU/V, rlnVoltage, rlnSphericalAberration, rlnAmplitudeContrast); use CTF mode NONE");
            }
            if (Double.isNaN(r.rot()) || Double.isNaN(r.tilt()) || Double.isNaN(r.psi())) {
                throw new BadInputException("image " + r.source() + " has no pose (rlnAngleRot/Tilt/Psi)");
            }
        }
    }

    private static int[] countHalves(List<ImageRecord> images, byte[] half) {
        java.util.Set<Integer> p1 = new java.util.HashSet<>();
        java.util.Set<Integer> p2 = new java.util.HashSet<>();
        int i1 = 0, i2 = 0;
        for (int i = 0; i < half.length; i++) {
            if (half[i] == 1) {
                p1.add(images.get(i).particle());
                i1++;
            } else {
                p2.add(images.get(i).particle());
                i2++;
            }
        }
        return new int[] { p1.size(), p2.size(), i1, i2 };
    }

    private static void invokeAll(ExecutorService pool, List<Callable<Void>> tasks) throws IOException {
        List<Future<Void>> fs;
        try {
            fs = pool.invokeAll(tasks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
        for (Future<Void> f : fs) {
            WorkerPool.await(f);
        }
    }
}

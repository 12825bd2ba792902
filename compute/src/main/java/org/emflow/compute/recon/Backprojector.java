package org.emflow.compute.recon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
 *
 * <p>Split runs (a cluster's job array): {@link #runPart} inserts the images of a contiguous range of whole particles
 * with the half sets of the whole run and returns its {@link PartialSums}, which are saved one file per part;
 * {@link #merge} adds the parts' sums in part order and finishes them as {@link #run} does (bit-identical with one
 * part, within {@link #MERGE_MAX_DIFFERENCE} and {@link #MERGE_MIN_FSC} with more).
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

    /**
     * How far the maps of a {@link #merge} of several parts may be from {@link #run}'s: max |merged − run| over the
     * voxels, relative to max |run|, for the full map and each half map. Measured (2 to 100 parts, parts beyond the
     * particle count included): at most 6.6e-7 on the shared data (classD, classE, WarpTools, box 32; defaults, padding
     * 2 with padded images, phase flip, constant SNR), 4.4e-7 on a simulated box-128 set of 300 particles × 41 tilts
     * (4 and 7 parts) and 1.06e-6 on the 50,020-image box-128 benchmark set (1,220 particles, 4 parts): the rounding
     * grows slowly with the number of images summed into a voxel, so the bound leaves a margin of about 10 there. A
     * real bug is far outside it: the part of one particle of 72 (classD, 72 parts) lost or added twice changes the
     * full map by 1.3e-2 and its half map by 5e-2 to 7e-2 of their maximum; a third of the benchmark set lost, 1.2e-2;
     * one particle of its 1,220 left out, 9e-4.
     */
    public static final double MERGE_MAX_DIFFERENCE = 1e-5;

    /**
     * The least FSC, in every shell up to Nyquist, between a map of a {@link #merge} of several parts and {@link #run}'s.
     * Measured: at least 0.9999998 (the box-128 benchmark set, full map; 0.9999999954 on the shared data; the half maps
     * 1.0 to ten digits). The part of one particle of 72 lost or added twice gives 0.988 to 0.995.
     */
    public static final double MERGE_MIN_FSC = 0.99999;

    /**
     * Part {@code part} (0-based) of {@code parts} of {@link #run}, for a cluster that runs the parts side by side and
     * {@link #merge}s them: the sums of the part's images ({@link #partImages}: a contiguous range of whole particles),
     * inserted as {@link #run} inserts them, with each image in the half set it has in the whole run. A part without
     * particles (more parts than particles) is valid and has empty sums. Save them with {@link PartialSums#write}.
     */
    public static PartialSums runPart(List<ImageRecord> images, ImageLoader loader, int box, double pixelSize,
                                      BackprojectOptions options, int part, int parts, Monitor monitor) throws IOException {
        PartSplit.checkParts(part, parts);
        FrequencyWeights weights = validate(images, box, pixelSize, options);
        PartSplit split = new PartSplit(images, options.seed(), parts);
        int[] idx = split.images(part);
        List<ImageRecord> mine = new ArrayList<>(idx.length);
        byte[] half = new byte[idx.length];
        for (int i = 0; i < idx.length; i++) {
            mine.add(images.get(idx[i]));
            half[i] = split.half[idx[i]];
        }
        int[] range = split.range(part);
        int[] counts = split.counts(part);
        monitor.info(String.format("Part %d of %d: particles %d..%d of %d, %d of %d images (box %d, %.4g A/px, padding %d, CTF %s, dose weight %s, tilt weight %s, %s) with %d threads; half sets by particle: %d / %d particles, %d / %d images",
                part, parts, range[0], range[1] - 1, split.particles, mine.size(), images.size(), box, pixelSize, options.padding(),
                options.ctfMode(), options.doseWeight(), options.tiltWeight(), options.weighting(), options.threads(),
                counts[0], counts[1], counts[2], counts[3]));
        Reconstructor rec = newReconstructor(box, options);
        long tStart = System.nanoTime();
        accumulate(rec, mine, half, loader, pixelSize, options, weights, monitor);
        monitor.progress(1.0, "done");
        monitor.info(String.format("Read, transformed and inserted the part's images in %.2f s", (System.nanoTime() - tStart) / 1e9));
        return new PartialSums(PartialSums.Header.of(box, pixelSize, options, split, part), rec);
    }

    /**
     * The maps of {@link #run} from the sums of its parts ({@link #runPart}, saved with {@link PartialSums#write}), given
     * in part order, for the same images and settings: each file is checked against the part the table and settings
     * give (layout, settings, split and counts; {@link BadInputException} naming the file otherwise) and its sums are
     * added, in part order, to one running sum (one file's chunk in memory at a time, never a second volume), which
     * is then finished as {@link #run} finishes. The half-set counts are the whole table's.
     *
     * <p>Tolerance: with one part the maps are bit-identical to {@link #run}'s; with more they differ only by float
     * summation order (each voxel's sum is grouped by part), within {@link #MERGE_MAX_DIFFERENCE} × max |map| voxel by
     * voxel and with an FSC against {@link #run}'s map of at least {@link #MERGE_MIN_FSC} in every shell up to Nyquist,
     * for the full map and each half map.
     *
     * @param partFiles the parts' sums files, part 0 first; their number is the number of parts
     */
    public static BackprojectResult merge(List<ImageRecord> images, List<Path> partFiles, int box, double pixelSize,
                                          BackprojectOptions options, Monitor monitor) throws IOException {
        validate(images, box, pixelSize, options);
        if (partFiles.isEmpty()) {
            throw new BadInputException("no part files to merge");
        }
        int parts = partFiles.size();
        PartSplit split = new PartSplit(images, options.seed(), parts);
        int[] counts = countHalves(images, split.half);
        monitor.info(String.format("Merging the sums of %d parts: %d images (box %d, %.4g A/px, padding %d, CTF %s, dose weight %s, tilt weight %s, %s); half sets by particle: %d / %d particles, %d / %d images",
                parts, images.size(), box, pixelSize, options.padding(), options.ctfMode(), options.doseWeight(), options.tiltWeight(),
                options.weighting(), counts[0], counts[1], counts[2], counts[3]));
        Reconstructor rec = newReconstructor(box, options);
        ByteBuffer buffer = ByteBuffer.allocateDirect(PartialSums.CHUNK_BYTES);
        float[] scratch = new float[PartialSums.CHUNK_BYTES / Float.BYTES];
        Monitor readMonitor = monitor.sub(0, 0.9);
        long tStart = System.nanoTime();
        for (int k = 0; k < parts; k++) {
            monitor.checkCanceled();
            PartialSums.addTo(partFiles.get(k), PartialSums.Header.of(box, pixelSize, options, split, k), rec, buffer, scratch);
            readMonitor.progress((k + 1.0) / parts, "added part " + (k + 1) + " of " + parts);
        }
        long tAdded = System.nanoTime();
        BackprojectResult result = rec.finish(options, pixelSize, counts, monitor);
        monitor.info(String.format("Read and added the parts' sums in %.2f s, made the maps in %.2f s",
                (tAdded - tStart) / 1e9, (System.nanoTime() - tAdded) / 1e9));
        return result;
    }

    /**
     * Particles [from, to) of part {@code part} of {@code parts} among {@code particles}, in order of first appearance:
     * contiguous ranges as even as possible (the first particles mod parts parts have one more), empty for the parts
     * from {@code particles} on when there are more parts than particles.
     */
    public static int[] particleRange(int particles, int part, int parts) {
        return PartSplit.range(particles, part, parts);
    }

    /** Indices into {@code images} (in their order) of part {@code part} of {@code parts}: all images of its particles. */
    public static int[] partImages(List<ImageRecord> images, int part, int parts) {
        PartSplit.checkParts(part, parts);
        return new PartSplit(images, 0L, parts).images(part);
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

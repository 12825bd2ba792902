package org.emflow.compute.recon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.fourier.GriddingCorrection;
import org.emflow.compute.fourier.TrilinearKernel;
import org.emflow.compute.geometry.CentredFft2;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.image.Volume;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.util.BadInputException;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.util.WorkerPool;
import org.emflow.compute.weighting.FrequencyWeights;
import org.jtransforms.fft.FloatFFT_3D;

/**
 * Direct Fourier reconstruction of a map from particle images with known poses (central-slice
 * theorem; Penczek 2004 "Gridding-based direct Fourier inversion", Methods Enzymol 482; RELION's
 * BackProjector for the padding, trilinear insertion, weight normalisation and gridding correction).
 *
 * <p>Each image is sign-inverted (optional), transformed at its own size ({@link CentredFft2}, origin
 * offset applied), CTF-corrected (none, phase flip, or Wiener: data × CTF and weight × CTF²), multiplied by its
 * dose/tilt weights (in data and weight, or data only like the original) and scattered trilinearly into
 * the padded Fourier volume of its half set at padding·A^T·k (RELION's oversampling: the 3-D grid is
 * finer than the 2-D samples). The half maps are always sum(data) / max(sum(weight), floor), without
 * the Wiener term, as a gold-standard FSC needs. Maps are sum(data) / max(sum(weight) + 1/SNR, floor), inverse
 * transformed, cropped, gridding-corrected and optionally mirrored in z.
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

        byte[] half = HalfSets.assign(images, options.seed());
        int[] counts = countHalves(images, half);
        monitor.info(String.format("Reconstructing %d images (box %d, %.4g A/px, padding %d, CTF %s, dose weight %s, tilt weight %s, %s) with %d threads; half sets by particle: %d / %d particles, %d / %d images",
                images.size(), box, pixelSize, options.padding(), options.ctfMode(), options.doseWeight(), options.tiltWeight(),
                options.weighting(), options.threads(), counts[0], counts[1], counts[2], counts[3]));

        int big = CentredFft2.paddedSize(box, options.padding());
        int imagePadding = options.padImages() ? options.padding() : 1;
        SlicePoints points = new SlicePoints(box, options.padding(), imagePadding);
        int n2d = CentredFft2.paddedSize(box, imagePadding);
        final double scale = (double) big / n2d;
        boolean keepQ = options.ctfMode() == CtfMode.WIENER && options.wienerSnr() == 0;
        FourierAccumulator[] acc = { new FourierAccumulator(big, keepQ), new FourierAccumulator(big, keepQ) };
        Slabs slabs = new Slabs(big);
        int batch = batchSize(slabs.typicalEntries(points.count), options.threads());
        // Two sets of slots: while one batch is inserted, the next one is read and transformed, so no
        // core idles at a phase boundary (the insertion order, and so the sums, stay the same).
        Prepared[][] slots = new Prepared[2][batch];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < batch; i++) {
                slots[k][i] = new Prepared(slabs.typicalEntries(points.count), slabs.count);
            }
        }
        WorkerPool workerPool = WorkerPool.of(monitor, options.threads());
        ExecutorService pool = workerPool.pool();
        // One workspace per thread of this run (a shared pool's threads outlive it: no ThreadLocal).
        java.util.Map<Thread, Worker> workers = new java.util.concurrent.ConcurrentHashMap<>();
        Monitor insertMonitor = monitor.sub(0, 0.9);
        long tStart = System.nanoTime();
        try {
            int batches = (images.size() + batch - 1) / batch;
            for (int b = 0; b <= batches; b++) {
                monitor.checkCanceled();
                List<Callable<Void>> tasks = new ArrayList<>();
                if (b > 0) {
                    // insert batch b - 1
                    final Prepared[] cur = slots[(b - 1) & 1];
                    final int nb = Math.min(images.size(), b * batch) - (b - 1) * batch;
                    for (int sl = 0; sl < slabs.count; sl++) {
                        final int slab = sl;
                        tasks.add(() -> {
                            for (int j = 0; j < nb; j++) {
                                Prepared p = cur[j];
                                acc[p.half - 1].insertPacked(p.codes, p.packed, p.slabStart[slab], p.slabStart[slab + 1]);
                            }
                            return null;
                        });
                    }
                }
                if (b < batches) {
                    // read and transform batch b
                    final Prepared[] next = slots[b & 1];
                    int from = b * batch;
                    int to = Math.min(images.size(), from + batch);
                    for (int i = from; i < to; i++) {
                        final int idx = i;
                        final Prepared slot = next[i - from];
                        tasks.add(() -> {
                            workers.computeIfAbsent(Thread.currentThread(), t -> new Worker(box, imagePadding, points.count, slabs.count))
                                    .prepare(images.get(idx), half[idx], loader, pixelSize, scale, options, weights, points,
                                    slabs, slot);
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
        long tInserted = System.nanoTime();
        acc[0].symmetrise();
        acc[1].symmetrise();

        boolean wiener = options.ctfMode() == CtfMode.WIENER;
        boolean autoSnr = wiener && options.wienerSnr() == 0;
        double reg = wiener && !autoSnr ? 1.0 / options.wienerSnr() : 0.0;
        double floor = wiener ? 0.0 : options.minWeight();
        double[] shellReg = null;
        if (autoSnr) {
            shellReg = FourierAccumulator.wienerRegulariser(acc[0], acc[1], (double) big / box, options.snrScale());
            monitor.info("Wiener SNR per shell estimated from the half sets");
        }
        float[] spectrum = new float[Math.multiplyExact(2, Math.multiplyExact(big, big * big))];
        FloatFFT_3D fft = new FloatFFT_3D(big, big, big);
        monitor.progress(0.9, "inverse transforms");
        Volume full = toMap(new FourierAccumulator[] { acc[0], acc[1] }, shellReg, reg, floor, spectrum, fft, box, pixelSize, options);
        monitor.checkCanceled();
        // Half maps without the Wiener term: a gold-standard FSC needs unfiltered halves (a Wiener-attenuated
        // high-frequency band is swamped by what the FSC mask's edge leaks from low frequencies, which
        // inflates the masked FSC up to Nyquist).
        Volume h1 = toMap(new FourierAccumulator[] { acc[0] }, null, 0.0, options.minWeight(), spectrum, fft, box, pixelSize, options);
        monitor.checkCanceled();
        Volume h2 = toMap(new FourierAccumulator[] { acc[1] }, null, 0.0, options.minWeight(), spectrum, fft, box, pixelSize, options);
        monitor.progress(1.0, "done");
        monitor.info(String.format("Read, transformed and inserted the images in %.2f s, made the maps in %.2f s",
                (tInserted - tStart) / 1e9, (System.nanoTime() - tInserted) / 1e9));
        return new BackprojectResult(full, h1, h2, counts[0], counts[1], counts[2], counts[3]);
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

    /**
     * Images per batch: every batch streams both half volumes through the cache once (each slab task loads
     * its slab, adds the batch, writes it back), so larger batches cost less per image (measured on box 128,
     * one core: 84 images per batch 0.47 ms per image, 168 images 0.44 ms, 336 images 0.40 ms); bounded by
     * memory: 64 MB per set (268 box-128 images) peaks at 526 MB resident on 50,020 box-128 images, 96 MB at
     * 589 MB for 1 % less time.
     */
    private static int batchSize(int entries, int threads) {
        long bytesPerImage = (long) (FourierAccumulator.PACKED + 1) * Float.BYTES * entries + 200;
        long budget = BATCH_BYTES; // per set of slots; two sets
        int b = (int) Math.max(1, Math.min(4096, budget / bytesPerImage));
        return Math.max(b, threads);
    }

    /** Bytes of packed samples per batch (two batches are held: one inserted while the next is prepared). */
    static final long BATCH_BYTES = 64L << 20;

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

    private static Volume toMap(FourierAccumulator[] parts, double[] shellReg, double reg, double floor, float[] spectrum, FloatFFT_3D fft,
                                int box, double pixelSize, BackprojectOptions options) {
        int big = parts[0].size;
        FourierAccumulator.normalise(parts, shellReg, (double) big / box, reg, floor, spectrum);
        fft.complexInverse(spectrum, true);
        int off = big / 2 - box / 2;
        float[] out = new float[box * box * box];
        double[] grid = options.griddingCorrection() ? GriddingCorrection.factors(TrilinearKernel.INSTANCE, box, big)
                : GriddingCorrection.none(box);
        for (int z = 0; z < box; z++) {
            int zo = options.flipZ() ? Conventions.flipZ(z, box) : z;
            for (int y = 0; y < box; y++) {
                int src = 2 * (((z + off) * big + (y + off)) * big + off);
                int dst = (zo * box + y) * box;
                double gzy = grid[z] * grid[y];
                for (int x = 0; x < box; x++) {
                    out[dst + x] = (float) (spectrum[src + 2 * x] * gzy * grid[x]);
                }
            }
        }
        return new Volume(box, box, box, out, pixelSize);
    }

    /**
     * The 2-D frequencies a slice contributes, in the image's own (unpadded) frequency units: kx ≥ 0 and
     * padding·|k| ≤ N/2 − 1, so that every trilinear corner in the padded volume exists; row order, with
     * their radius and their index in the {@link CentredFft2} half spectrum of the n-box.
     */
    static final class SlicePoints {
        final short[] kx;
        final short[] ky;
        final float[] radius;
        final int[] spectrumIndex;
        /** |k|² in unpadded units, and cos, sin of twice the azimuth, for the CTF. */
        final float[] k2;
        final float[] cos2a;
        final float[] sin2a;
        final int count;

        SlicePoints(int box, int padding, int imagePadding) {
            int big = CentredFft2.paddedSize(box, padding);
            int n2d = CentredFft2.paddedSize(box, imagePadding);
            int h = n2d / 2;
            double rmax = (big / 2 - 1) / ((double) big / n2d);
            int r = (int) Math.floor(rmax);
            List<int[]> pts = new ArrayList<>();
            for (int y = -r; y <= r; y++) {
                for (int x = 0; x <= r; x++) {
                    if (x * x + y * y <= rmax * rmax && x < h && y >= -h && y < h) {
                        pts.add(new int[] { x, y });
                    }
                }
            }
            count = pts.size();
            kx = new short[count];
            ky = new short[count];
            radius = new float[count];
            spectrumIndex = new int[count];
            k2 = new float[count];
            cos2a = new float[count];
            sin2a = new float[count];
            int width = n2d / 2;
            for (int i = 0; i < count; i++) {
                int[] p = pts.get(i);
                kx[i] = (short) p[0];
                ky[i] = (short) p[1];
                radius[i] = (float) Math.sqrt(p[0] * p[0] + p[1] * p[1]);
                spectrumIndex[i] = (p[1] + h) * width + p[0];
                double rr = (double) p[0] * p[0] + (double) p[1] * p[1];
                k2[i] = (float) rr;
                cos2a[i] = rr > 0 ? (float) ((p[0] * p[0] - p[1] * p[1]) / rr) : 1f;
                sin2a[i] = rr > 0 ? (float) (2.0 * p[0] * p[1] / rr) : 0f;
            }
        }
    }

    /**
     * The z slabs insertion is split into: few enough planes that a slab of both half volumes stays near the
     * core (about 4 MB; an image touches one half, 2 MB) while a batch of images is inserted into it, one slab
     * per task. Thicker slabs mean fewer samples packed twice (one in {@code planes} straddles two slabs):
     * 8 planes of box 128 ran 3–5 % faster than 4, 2 planes 20 % slower.
     */
    static final class Slabs {
        final int size;
        final int planes;
        final int count;

        Slabs(int size) {
            this.size = size;
            long planeBytes = 2L * size * (size / 2 + 1) * FourierAccumulator.STRIDE * Float.BYTES;
            long fit = Math.max(2, Math.min(size, (4L << 20) / planeBytes));
            this.planes = Integer.highestOneBit((int) fit); // a power of two: slab = z >> log2(planes)
            this.count = (size + planes - 1) / planes;
        }

        /**
         * Packed entries of a typical slice of {@code points} samples: a sample is packed twice when its two z
         * corners fall into different slabs, about one in {@code planes}; twice that leaves a margin.
         */
        int typicalEntries(int points) {
            return points + 2 * (points / planes);
        }
    }

    /** One image's contribution, ready to insert: its samples packed by z slab ({@link FourierAccumulator#packBySlab}). */
    static final class Prepared {
        int[] codes;
        float[] packed;
        final int[] slabStart;
        int half;

        Prepared(int entries, int slabs) {
            codes = new int[entries];
            packed = new float[entries * FourierAccumulator.PACKED];
            slabStart = new int[slabs + 1];
        }

        /** Grows the packed arrays (rare: a slice lying along slab boundaries has up to twice its samples). */
        void ensureCapacity(int entries) {
            if (entries > codes.length) {
                codes = new int[entries];
                packed = new float[entries * FourierAccumulator.PACKED];
            }
        }
    }

    /** Per-thread buffers: image, transform, weight profile. */
    static final class Worker {
        final int box;
        final float[] image;
        final CentredFft2 fft;
        final float[] specRe;
        final float[] specIm;
        final float[] radial;
        final float[] s2;
        final float[] ctfValues;
        /** One image's samples before packing: values, weights, noise weights, 3-D positions. */
        final float[] re, im, w, q, px, py, pz;
        final int[] counts;
        final int[] pairs;

        Worker(int box, int imagePadding, int points, int slabs) {
            this.box = box;
            this.image = new float[box * box];
            this.fft = new CentredFft2(box, imagePadding);
            this.specRe = new float[fft.outputLength()];
            this.specIm = new float[fft.outputLength()];
            this.radial = new float[fft.size() / 2 + 3];
            this.s2 = new float[points];
            this.ctfValues = new float[points];
            this.re = new float[points];
            this.im = new float[points];
            this.w = new float[points];
            this.q = new float[points];
            this.px = new float[points];
            this.py = new float[points];
            this.pz = new float[points];
            this.counts = new int[slabs + 1];
            this.pairs = new int[points];
        }

        void prepare(ImageRecord r, int half, ImageLoader loader, double pixelSize, double scale, BackprojectOptions o,
                     FrequencyWeights weights, SlicePoints pts, Slabs slabs, Prepared out) {
            try {
                loader.read(r.source(), image);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fft.transform(image, o.invertSign() ? -1f : 1f, r.originX(), r.originY(), specRe, specIm);
            // Frequencies of this image in 1/A from its own pixel size (the map's when the table has none).
            double ds = 1.0 / (fft.size() * (r.pixelSize() > 0 ? r.pixelSize() : pixelSize));
            boolean weighted = !weights.isIdentity();
            if (weighted) {
                weights.radialProfile(r, ds, radial);
            }
            CtfMode mode = o.ctfMode();
            boolean applyCtf = mode == CtfMode.WIENER || (mode == CtfMode.PHASE_FLIP && !r.ctfPremultiplied());
            Ctf ctf = applyCtf ? new Ctf(r.ctf()) : null;
            if (ctf != null) {
                float ds2 = (float) (ds * ds);
                for (int i = 0; i < pts.count; i++) {
                    s2[i] = pts.k2[i] * ds2;
                }
                ctf.values(s2, pts.cos2a, pts.sin2a, pts.count, ctfValues);
            }
            boolean weightInNorm = o.weighting() == WeightingMode.WEIGHTED_MEAN;
            for (int i = 0; i < pts.count; i++) {
                int si = pts.spectrumIndex[i];
                float vr = specRe[si];
                float vi = specIm[si];
                float f = 1f;
                if (weighted) {
                    float rad = pts.radius[i];
                    int k = (int) rad;
                    float t = rad - k;
                    f = radial[k] * (1 - t) + radial[k + 1] * t;
                }
                float dataFactor;
                float weight;
                if (ctf == null) {
                    dataFactor = f;
                    weight = weightInNorm ? f : 1f;
                } else {
                    float c = ctfValues[i];
                    if (mode == CtfMode.PHASE_FLIP) {
                        dataFactor = Math.signum(c) * f;
                        weight = weightInNorm ? f : 1f;
                    } else if (r.ctfPremultiplied()) {
                        // The data already carry one CTF factor: sum(c·x) is the data itself.
                        dataFactor = f;
                        weight = c * c * (weightInNorm ? f : 1f);
                    } else {
                        dataFactor = c * f;
                        weight = c * c * (weightInNorm ? f : 1f);
                    }
                }
                re[i] = vr * dataFactor;
                im[i] = vi * dataFactor;
                w[i] = weight;
                // Noise variance of the inserted value in units of the image noise σ²: premultiplied data
                // carry their CTF factor on the noise too.
                float noiseFactor = ctf != null && r.ctfPremultiplied() ? dataFactor * ctfValues[i] : dataFactor;
                q[i] = noiseFactor * noiseFactor;
            }
            FourierAccumulator.slicePositions(Conventions.eulerMatrix(r.rot(), r.tilt(), r.psi()), scale, pts.kx, pts.ky,
                    pts.count, im, px, py, pz);
            int entries = FourierAccumulator.countBySlab(pz, pts.count, slabs.size, slabs.planes, slabs.count, counts, pairs);
            out.ensureCapacity(entries);
            FourierAccumulator.packBySlab(px, py, pz, pts.count, re, im, w, q, slabs.size, slabs.count, out.codes, out.packed,
                    out.slabStart, counts, pairs);
            out.half = half;
        }
    }
}

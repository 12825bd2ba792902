package org.emflow.compute.recon;

import org.emflow.compute.fourier.GriddingCorrection;
import org.emflow.compute.fourier.SliceGeometry;
import org.emflow.compute.fourier.TrilinearKernel;
import org.emflow.compute.geometry.CentredFft2;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.image.Volume;
import org.jtransforms.fft.FloatFFT_3D;

/**
 * The two half-set Fourier volumes of a reconstruction and what turns them into maps: slices prepared by
 * {@link ImagePreparer} ({@link PackedSlice}) are inserted slab by slab ({@link #insert(PackedSlice[], int, int)},
 * safe from several threads on distinct slabs, each voxel receiving its samples in slice order, so the sums do
 * not depend on the thread count), then {@link #finish} normalises (Wiener or plain), inverse transforms, crops
 * and gridding-corrects the full map and the two half maps. {@link Backprojector#run} drives it over a particle
 * table; the padding, trilinear insertion and normalisation are RELION's BackProjector's (see there).
 */
public final class Reconstructor {
    final int box;
    final int big;
    final int imagePadding;
    /** Padded 3-D grid units per 2-D frequency unit. */
    final double scale;
    final SliceGeometry slice;
    /** Index of each slice frequency in {@link CentredFft2}'s half spectrum of the (padded) image. */
    final int[] spectrumIndex;
    final Slabs slabs;
    private final FourierAccumulator[] acc;

    /**
     * A reconstruction of {@code box}-pixel images into a volume padded {@code padding}× ({@code padImages}: the
     * images are padded as much before their transform); {@code keepNoise}: the squared weights the automatic
     * Wiener term needs are summed too.
     */
    public Reconstructor(int box, int padding, boolean padImages, boolean keepNoise) {
        this.box = box;
        this.big = CentredFft2.paddedSize(box, padding);
        this.imagePadding = padImages ? padding : 1;
        int n2d = CentredFft2.paddedSize(box, imagePadding);
        this.scale = (double) big / n2d;
        // kx ≥ 0 and padding·|k| ≤ N/2 − 1 in the image's own frequency units, so every trilinear corner in the
        // padded volume exists.
        int h = n2d / 2;
        double rmax = (big / 2 - 1) / scale;
        int r = (int) Math.floor(rmax);
        this.slice = new SliceGeometry(Math.min(r, h - 1), Math.max(-r, -h), Math.min(r, h - 1), rmax * rmax);
        this.spectrumIndex = new int[slice.count];
        for (int i = 0; i < slice.count; i++) {
            spectrumIndex[i] = (slice.ky[i] + h) * (n2d / 2) + slice.kx[i];
        }
        this.slabs = new Slabs(big);
        this.acc = new FourierAccumulator[] { new FourierAccumulator(big, keepNoise), new FourierAccumulator(big, keepNoise) };
    }

    /** The sums of half set {@code half} (1 or 2), for saving and merging the parts of a split run. */
    FourierAccumulator half(int half) {
        return acc[half - 1];
    }

    /** The slabs a batch is inserted in, one task each. */
    public int slabCount() {
        return slabs.count;
    }

    /**
     * Slices per batch for {@code threads} threads: every batch streams both half volumes through the cache once
     * (each slab task loads its slab, adds the batch, writes it back), so larger batches cost less per image
     * (measured on box 128, one core: 84 slices per batch 0.47 ms per image, 168 slices 0.44 ms, 336 slices 0.40 ms);
     * bounded by memory: 64 MB per set (268 box-128 slices) peaks at 526 MB resident on 50,020 box-128 images,
     * 96 MB at 589 MB for 1 % less time.
     */
    public int batchSize(int threads) {
        long bytesPerSlice = (long) (FourierAccumulator.PACKED + 1) * Float.BYTES * slabs.typicalEntries(slice.count) + 200;
        int b = (int) Math.max(1, Math.min(4096, BATCH_BYTES / bytesPerSlice));
        return Math.max(b, threads);
    }

    /** Bytes of packed samples per batch (a driver holds two: one inserted while the next is prepared). */
    static final long BATCH_BYTES = 64L << 20;

    /** Room for one prepared slice. */
    public PackedSlice newPackedSlice() {
        return new PackedSlice(slabs.typicalEntries(slice.count), slabs.count);
    }

    /** Inserts slab {@code slab} of the first {@code count} slices of {@code batch}, in their order. */
    public void insert(PackedSlice[] batch, int count, int slab) {
        for (int j = 0; j < count; j++) {
            PackedSlice p = batch[j];
            acc[p.half - 1].insertPacked(p.codes, p.packed, p.slabStart[slab], p.slabStart[slab + 1]);
        }
    }

    /**
     * The maps: sum(data) / max(sum(weight) + 1/SNR, floor) for the full map (the Wiener term per shell from the half
     * sets when the options' SNR is 0), and the half maps always sum(data) / max(sum(weight), floor) without it, as a
     * gold-standard FSC needs (a Wiener-attenuated high-frequency band is swamped by what the FSC mask's edge leaks
     * from low frequencies, which inflates the masked FSC up to Nyquist); each inverse transformed, cropped,
     * gridding-corrected and optionally mirrored in z. Ends the reconstruction (the sums are symmetrised in place).
     */
    public BackprojectResult finish(BackprojectOptions options, double pixelSize, int[] counts,
                                    org.emflow.compute.util.Monitor monitor) {
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
        Volume full = toMap(new FourierAccumulator[] { acc[0], acc[1] }, shellReg, reg, floor, spectrum, fft, pixelSize, options);
        monitor.checkCanceled();
        Volume h1 = toMap(new FourierAccumulator[] { acc[0] }, null, 0.0, options.minWeight(), spectrum, fft, pixelSize, options);
        monitor.checkCanceled();
        Volume h2 = toMap(new FourierAccumulator[] { acc[1] }, null, 0.0, options.minWeight(), spectrum, fft, pixelSize, options);
        monitor.progress(1.0, "done");
        return new BackprojectResult(full, h1, h2, counts[0], counts[1], counts[2], counts[3]);
    }

    private Volume toMap(FourierAccumulator[] parts, double[] shellReg, double reg, double floor, float[] spectrum, FloatFFT_3D fft,
                         double pixelSize, BackprojectOptions options) {
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

    /** One slice's contribution, ready to insert: its samples packed by z slab ({@link FourierAccumulator#packBySlab}). */
    public static final class PackedSlice {
        int[] codes;
        float[] packed;
        final int[] slabStart;
        int half;

        PackedSlice(int entries, int slabs) {
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
}

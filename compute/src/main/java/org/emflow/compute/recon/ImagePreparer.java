package org.emflow.compute.recon;

import java.io.IOException;
import org.emflow.compute.ctf.Ctf;
import org.emflow.compute.fourier.SliceGeometry;
import org.emflow.compute.geometry.CentredFft2;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.weighting.FrequencyWeights;

/**
 * Turns one particle image into the slice a {@link Reconstructor} inserts: read, sign-inverted (optional),
 * transformed at its own size with its RELION origin offset applied ({@link CentredFft2}), CTF-corrected (none,
 * phase flip, or Wiener: data × CTF and weight × CTF²; premultiplied data carry their CTF already), multiplied by
 * its dose/tilt weights (in data and weight, or data only like the original), placed at padding·A^T·k with
 * A its pose's rotation ({@link Conventions#eulerMatrix}) and packed by z slab. Holds one thread's buffers: one
 * per thread.
 */
public final class ImagePreparer {
    private final Reconstructor rec;
    private final BackprojectOptions o;
    private final FrequencyWeights weights;
    private final double mapPixelSize;
    private final float[] image;
    private final CentredFft2 fft;
    private final float[] specRe;
    private final float[] specIm;
    private final float[] radial;
    private final float[] s2;
    private final float[] ctfValues;
    /** One image's samples before packing: values, weights, noise weights, 3-D positions. */
    private final float[] re, im, w, q, px, py, pz;
    private final int[] counts;
    private final int[] pairs;

    /** For images of {@code rec}'s box; {@code mapPixelSize} stands in for images whose table gives none. */
    public ImagePreparer(Reconstructor rec, BackprojectOptions options, FrequencyWeights weights, double mapPixelSize) {
        this.rec = rec;
        this.o = options;
        this.weights = weights;
        this.mapPixelSize = mapPixelSize;
        int points = rec.slice.count;
        this.image = new float[rec.box * rec.box];
        this.fft = new CentredFft2(rec.box, rec.imagePadding);
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
        this.counts = new int[rec.slabs.count + 1];
        this.pairs = new int[points];
    }

    /** Prepares image {@code r} of half set {@code half} (1 or 2) into {@code out}. */
    public void prepare(ImageRecord r, int half, ImageLoader loader, Reconstructor.PackedSlice out) throws IOException {
        SliceGeometry pts = rec.slice;
        loader.read(r.source(), image);
        fft.transform(image, o.invertSign() ? -1f : 1f, r.originX(), r.originY(), specRe, specIm);
        // Frequencies of this image in 1/A from its own pixel size (the map's when the table has none).
        double ds = 1.0 / (fft.size() * (r.pixelSize() > 0 ? r.pixelSize() : mapPixelSize));
        boolean weighted = !weights.isIdentity();
        if (weighted) {
            weights.radialProfile(r, ds, radial);
        }
        CtfMode mode = o.ctfMode();
        boolean applyCtf = mode == CtfMode.WIENER || (mode == CtfMode.PHASE_FLIP && !r.ctfPremultiplied());
        Ctf ctf = applyCtf ? new Ctf(r.ctf()) : null;
        if (ctf != null) {
            pts.ctf(ctf, ds, s2, ctfValues);
        }
        boolean weightInNorm = o.weighting() == WeightingMode.WEIGHTED_MEAN;
        int[] spectrumIndex = rec.spectrumIndex;
        for (int i = 0; i < pts.count; i++) {
            int si = spectrumIndex[i];
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
        Reconstructor.Slabs slabs = rec.slabs;
        int entries = FourierAccumulator.slicePositionsBySlab(Conventions.eulerMatrix(r.rot(), r.tilt(), r.psi()), rec.scale,
                pts.kx, pts.ky, pts.count, im, px, py, pz, slabs.size, slabs.planes, slabs.count, counts, pairs);
        out.ensureCapacity(entries);
        FourierAccumulator.packBySlab(px, py, pz, pts.count, re, im, w, q, slabs.size, slabs.count, out.codes, out.packed,
                out.slabStart, counts, pairs);
        out.half = half;
    }
}

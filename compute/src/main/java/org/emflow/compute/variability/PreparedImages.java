package org.emflow.compute.variability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.emflow.compute.fsc.LowPassFilter;
import org.emflow.compute.geometry.Conventions;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.util.WorkerPool;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * The particle images as the variability works on them, read once (streamed, all threads) and kept at the decimated
 * size: windowed and decimated ({@link Decimation}), normalised by the background outside radius nx/2 − 2 (mean 0,
 * standard deviation 1 there, SPARX's default), tanh low-pass filtered (fl, aa in cycles per decimated pixel).
 */
final class PreparedImages {
    final int nx;
    final float[][] data;

    private PreparedImages(int nx, float[][] data) {
        this.nx = nx;
        this.data = data;
    }

    static PreparedImages read(List<ImageRecord> images, ImageLoader loader, int box, int window, int nx,
                               boolean normalise, double fl, double aa, ForkJoinPool pool, Monitor monitor) throws IOException {
        int n = images.size();
        float[][] data = new float[n][];
        Map<Thread, Work> works = new ConcurrentHashMap<>();
        int block = 512;
        for (int from = 0; from < n; from += block) {
            monitor.checkCanceled();
            int to = Math.min(n, from + block);
            int start = from;
            run(pool, () -> IntStream.range(start, to).parallel().forEach(i -> {
                Work w = works.computeIfAbsent(Thread.currentThread(), t -> new Work(box, window, nx));
                try {
                    loader.read(images.get(i).source(), w.raw);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                float[] out = new float[nx * nx];
                w.decimation.apply(w.raw, out);
                if (normalise) {
                    normalise(out, nx);
                }
                if (fl > 0) {
                    w.lowPass(out, fl, aa);
                }
                data[i] = out;
            }));
            monitor.progress((double) to / n, "read " + to + " of " + n + " images");
        }
        return new PreparedImages(nx, data);
    }

    /**
     * Mean and standard deviation (n − 1) of the background: the pixels outside radius nx/2 − 2 (SPARX's
     * {@code model_circle(nx/2 − 2)} complement), or null when fewer than 2 pixels lie there.
     */
    static double[] background(float[] img, int nx) {
        double r = nx / 2.0 - 2, r2 = r * r;
        int c = Conventions.origin(nx);
        double s = 0, ss = 0;
        int count = 0;
        for (int y = 0; y < nx; y++) {
            for (int x = 0; x < nx; x++) {
                if ((x - c) * (x - c) + (y - c) * (y - c) > r2) {
                    double v = img[y * nx + x];
                    s += v;
                    ss += v * v;
                    count++;
                }
            }
        }
        if (count < 2) {
            return null;
        }
        double mean = s / count;
        return new double[] { mean, Math.sqrt(Math.max(0, (ss - count * mean * mean) / (count - 1))) };
    }

    /** Mean 0 and standard deviation 1 over the {@link #background} (only the mean when it is flat). */
    static void normalise(float[] img, int nx) {
        double[] b = background(img, nx);
        if (b == null) {
            return;
        }
        double mean = b[0], sd = b[1];
        float inv = sd > 1e-12 * Math.max(1, Math.abs(mean)) ? (float) (1 / sd) : 1f;
        for (int i = 0; i < img.length; i++) {
            img[i] = (float) ((img[i] - mean) * inv);
        }
    }

    /** Subtracts the mean of the {@link #background}. */
    static void subtractBackground(float[] img, int nx) {
        double[] b = background(img, nx);
        if (b != null) {
            float m = (float) b[0];
            for (int i = 0; i < img.length; i++) {
                img[i] -= m;
            }
        }
    }

    /** Runs {@code task} (a parallel stream) on {@code pool}, rethrowing what it threw ({@link WorkerPool#await}). */
    static void run(ForkJoinPool pool, Runnable task) throws IOException {
        WorkerPool.await(pool.submit(task));
    }

    private static final class Work {
        final float[] raw;
        final Decimation decimation;
        final int nx;
        FloatFFT_2D fft;
        float[] spectrum;

        Work(int box, int window, int nx) {
            this.raw = new float[box * box];
            this.decimation = new Decimation(box, window, nx);
            this.nx = nx;
        }

        /** SPARX's tanh low-pass ({@link LowPassFilter#tanhGain}), f in cycles per pixel. */
        void lowPass(float[] img, double fl, double aa) {
            if (fft == null) {
                fft = new FloatFFT_2D(nx, nx);
                spectrum = new float[2 * nx * nx];
            }
            for (int i = 0; i < img.length; i++) {
                spectrum[2 * i] = img[i];
                spectrum[2 * i + 1] = 0f;
            }
            fft.complexForward(spectrum);
            for (int y = 0; y < nx; y++) {
                double fy = (double) (y < (nx + 1) / 2 ? y : y - nx) / nx;
                for (int x = 0; x < nx; x++) {
                    double fx = (double) (x < (nx + 1) / 2 ? x : x - nx) / nx;
                    float g = (float) LowPassFilter.tanhGain(Math.sqrt(fx * fx + fy * fy), fl, aa);
                    int o = 2 * (y * nx + x);
                    spectrum[o] *= g;
                    spectrum[o + 1] *= g;
                }
            }
            fft.complexInverse(spectrum, true);
            for (int i = 0; i < img.length; i++) {
                img[i] = spectrum[2 * i];
            }
        }
    }
}

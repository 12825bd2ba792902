package org.emflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcWriter;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.recon.BackprojectOptions;
import org.emflow.compute.recon.BackprojectResult;
import org.emflow.compute.recon.Backprojector;
import org.emflow.compute.recon.CtfMode;

/**
 * Benchmark driver: reconstructs a simulated set from its files, streaming the stacks, and prints images
 * per second and the peak resident memory (VmHWM). {@code BackprojectFiles IN.star OUT.mrc [threads]
 * [padding] [ctf: none|flip|wiener] [gridding: true|false] [pad images: true|false]}. Compare with {@code relion_reconstruct --i IN.star --o X.mrc --ctf}
 * under {@code /usr/bin/time -v} (see bench/run-backproject.sh).
 */
public final class BackprojectFiles {
    public static void main(String[] args) throws Exception {
        Path star = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        int padding = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        CtfMode ctf = args.length > 4 ? switch (args[4]) {
            case "none" -> CtfMode.NONE;
            case "flip" -> CtfMode.PHASE_FLIP;
            default -> CtfMode.WIENER;
        } : CtfMode.WIENER;
        long t0 = System.nanoTime();
        ParticleTable t = ParticleTableReader.read(star, ReadOptions.DEFAULT);
        long t1 = System.nanoTime();
        boolean gridding = args.length > 5 && Boolean.parseBoolean(args[5]);
        // The simulated sets follow RELION's sign (white particles): the default inversion applies, as for RELION.
        BackprojectOptions o = BackprojectOptions.defaults().withThreads(threads).withPadding(padding)
                .withCtfMode(ctf).withGriddingCorrection(gridding).withPadImages(args.length > 6 && Boolean.parseBoolean(args[6]));
        BackprojectResult r;
        try (MrcImageLoader loader = new MrcImageLoader()) {
            r = Backprojector.run(t.images(), loader, t.boxSize(), t.pixelSize(), o, new ConsoleMonitor());
        }
        long t2 = System.nanoTime();
        MrcWriter.writeVolume(out, r.full(), MrcMode.FLOAT32, true);
        long t3 = System.nanoTime();
        double recon = (t2 - t1) / 1e9;
        System.out.printf(Locale.ROOT, "images %d box %d threads %d padding %d ctf %s: star %.2f s, reconstruction %.2f s (%.0f images/s), write %.2f s, total %.2f s, peak RSS %s%n",
                t.imageCount(), t.boxSize(), threads, padding, ctf, (t1 - t0) / 1e9, recon, t.imageCount() / recon,
                (t3 - t2) / 1e9, (t3 - t0) / 1e9, peakRss());
    }

    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return "n/a";
    }
}

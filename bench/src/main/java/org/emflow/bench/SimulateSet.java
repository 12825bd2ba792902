package org.emflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.emflow.compute.sim.SimulationOptions;
import org.emflow.compute.sim.TiltScheme;
import org.emflow.compute.sim.TiltSeriesSimulator;

/**
 * Writes a benchmark set: {@code SimulateSet OUT.star BOX PARTICLES TILTS [SNR] [SEED]}, e.g.
 * {@code SimulateSet /tmp/b128/sim.star 128 1220 -60:60:3 0.1 1} (50,020 images), RELION 3.1 layout.
 */
public final class SimulateSet {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        SimulationOptions o = SimulationOptions.defaults().withBox(Integer.parseInt(args[1]))
                .withParticles(Integer.parseInt(args[2])).withTilts(TiltScheme.parse(args[3]))
                .withSnr(args.length > 4 ? Double.parseDouble(args[4]) : 0.1)
                .withSeed(args.length > 5 ? Long.parseLong(args[5]) : 1L).withOverwrite(true)
                .withInvertContrast(true); // RELION's sign, so that relion_reconstruct --ctf gives positive density
        long t0 = System.nanoTime();
        TiltSeriesSimulator.Result r = TiltSeriesSimulator.run(o, null, out, new ConsoleMonitor());
        System.out.printf("wrote %d images in %d stacks in %.1f s%n", r.images().size(), r.stacks().size(),
                (System.nanoTime() - t0) / 1e9);
    }
}

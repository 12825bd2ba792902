package org.emflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ImageSource;
import org.emflow.compute.sim.SimulationOptions;
import org.emflow.compute.sim.TiltScheme;
import org.emflow.compute.sim.TiltSeriesSimulator;

/**
 * A benchmark input without disk I/O: {@code images} records with the simulator's tilt-series poses and CTFs
 * (-60:60:3, 41 tilts), every one reading the same noise image from memory.
 */
final class NoiseSet {
    final List<ImageRecord> records;
    final ImageLoader loader;

    NoiseSet(int box, int images) {
        int tilts = 41;
        SimulationOptions o = SimulationOptions.defaults().withBox(box).withParticles((images + tilts - 1) / tilts)
                .withTilts(TiltScheme.parse("-60:60:3"));
        // enough stack names for any stack size: the loader ignores them
        List<ImageRecord> plan = TiltSeriesSimulator.plan(o, o.pixelSize(), Collections.nCopies(images + 1, Path.of("mem")));
        records = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            ImageRecord r = plan.get(i);
            records.add(new ImageRecord(new ImageSource(Path.of("mem"), i), r.particle(), r.particleId(), "", r.pixelSize(),
                    r.rot(), r.tilt(), r.psi(), r.originX(), r.originY(), r.ctf(), r.dose(), r.tiltAngle(), false));
        }
        float[] noise = new float[box * box];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) rnd.nextGaussian();
        }
        loader = new ImageLoader() {
            @Override
            public void read(ImageSource source, float[] dst) {
                System.arraycopy(noise, 0, dst, 0, noise.length);
            }

            @Override
            public void close() {
            }
        };
    }
}

package org.emflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ImageSource;
import org.emflow.compute.sim.SimulationOptions;
import org.emflow.compute.sim.TiltScheme;
import org.emflow.compute.util.Monitor;
import org.emflow.compute.variability.Variability;
import org.emflow.compute.variability.VariabilityOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole variability computation without disk I/O: {@code images} noise images of box {@code box} with the
 * simulator's tilt-series poses and CTFs, held in memory, decimated by 0.25 as SPARX's default. Score: seconds per
 * run. Run briefly: {@code java -jar bench/target/benchmarks.jar VariabilityBenchmark -f 1 -wi 1 -i 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class VariabilityBenchmark {
    @Param({ "128" })
    public int box;
    @Param({ "10000" })
    public int images;
    @Param({ "groups", "groups-ctf" })
    public String method;

    private List<ImageRecord> records;
    private ImageLoader loader;

    @Setup(Level.Trial)
    public void setup() {
        int tilts = 41;
        SimulationOptions o = SimulationOptions.defaults().withBox(box).withParticles((images + tilts - 1) / tilts)
                .withTilts(TiltScheme.parse("-60:60:3"));
        List<ImageRecord> plan = org.emflow.compute.sim.TiltSeriesSimulator.plan(o, o.pixelSize(),
                java.util.Collections.nCopies(images + 1, Path.of("mem"))); // enough stacks for any stack size
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

    @Benchmark
    public Variability.Result run() throws Exception {
        VariabilityOptions o = VariabilityOptions.defaults().withCtf(method.endsWith("ctf"));
        return Variability.run(records, loader, box, 4.0, o, Monitor.NONE);
    }
}

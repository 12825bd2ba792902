package org.emflow.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
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
        NoiseSet set = new NoiseSet(box, images);
        records = set.records;
        loader = set.loader;
    }

    @Benchmark
    public Variability.Result run() throws Exception {
        VariabilityOptions o = VariabilityOptions.defaults().withCtf(method.endsWith("ctf"));
        return Variability.run(records, loader, box, 4.0, o, Monitor.NONE);
    }
}

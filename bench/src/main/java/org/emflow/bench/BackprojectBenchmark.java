package org.emflow.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.recon.BackprojectOptions;
import org.emflow.compute.recon.BackprojectResult;
import org.emflow.compute.recon.Backprojector;
import org.emflow.compute.util.Monitor;
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
 * Insertion throughput of the back projector without disk I/O: {@code images} random-noise images of the
 * given box with simulated poses and CTFs, held in memory. Score: seconds per reconstruction; images per
 * second = images / score. Run briefly: {@code java -jar bench/target/benchmarks.jar BackprojectBenchmark -f 1 -wi 1 -i 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BackprojectBenchmark {
    @Param({ "128" })
    public int box;
    @Param({ "2000" })
    public int images;
    @Param({ "1", "2" })
    public int padding;

    private List<ImageRecord> records;
    private ImageLoader loader;

    @Setup(Level.Trial)
    public void setup() {
        NoiseSet set = new NoiseSet(box, images);
        records = set.records;
        loader = set.loader;
    }

    @Benchmark
    public BackprojectResult reconstruct() throws Exception {
        return Backprojector.run(records, loader, box, 4.0, BackprojectOptions.defaults().withPadding(padding), Monitor.NONE);
    }
}

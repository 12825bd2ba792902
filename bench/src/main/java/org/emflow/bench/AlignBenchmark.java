package org.emflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.emflow.compute.align.LocalRefinement;
import org.emflow.compute.align.RefinementOptions;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.sim.PosePerturbation;
import org.emflow.compute.sim.SimulationOptions;
import org.emflow.compute.sim.TiltScheme;
import org.emflow.compute.sim.TiltSeriesSimulator;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * One iteration of local refinement (align / sxlocal_ali3d): {@code images} single-particle images of the phantom
 * (box {@code box}, SNR 0.1, CTF), simulated once into a temporary folder, poses perturbed by 3 deg and 1 px, then
 * refined with --CTF --snr=0 --maxit=1 (reconstructions of both half sets, the alignment of every image, the final
 * reconstruction). Score: seconds per iteration. Run briefly:
 * {@code java -jar bench/target/benchmarks.jar AlignBenchmark -f 1 -wi 1 -i 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AlignBenchmark {
    @Param({ "64" })
    public int box;
    @Param({ "2000" })
    public int images;
    @Param({ "serial", "mpi-tolerances" })
    public String tolerances;

    private Path folder;
    private List<ImageRecord> records;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        folder = Files.createTempDirectory("emflow-align-bench");
        SimulationOptions o = SimulationOptions.defaults().withBox(box).withParticles(images).withTilts(TiltScheme.parse("0"))
                .withSnr(0.1).withSeed(1).withOverwrite(true).withInvertContrast(true);
        Path star = folder.resolve("sim.star");
        TiltSeriesSimulator.run(o, null, star, Monitor.NONE);
        records = PosePerturbation.apply(ParticleTableReader.read(star, ReadOptions.DEFAULT).images(), 3, 1, 1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public LocalRefinement.Result iteration() throws Exception {
        RefinementOptions o = RefinementOptions.defaults().withMaxit(1).withCtf(true).withSnr(0).withConverged(0)
                .withCoarse(tolerances.equals("mpi-tolerances"));
        try (MrcImageLoader loader = new MrcImageLoader()) {
            return LocalRefinement.run(records, loader, box, records.get(0).pixelSize(), null, o, Monitor.NONE);
        }
    }
}

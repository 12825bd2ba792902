package org.emflow.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.io.star.StarReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parses a particle star of {@code rows} rows (RELION 3.1 optics + particles, 17 columns like the
 * tomoDRGN test data plus an optics group) and reads every numeric column as double[].
 * Run: {@code mvn -B -Pbench -DskipTests package && java -jar bench/target/benchmarks.jar StarParse -f 1 -wi 1 -i 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class StarParseBenchmark {
    @Param({"1000000"})
    public int rows;

    private Path file;

    @Setup(Level.Trial)
    public void writeStar() throws IOException {
        file = Files.createTempFile("emflow-bench-", ".star");
        Random rnd = new Random(42);
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("# version 30001\n\ndata_optics\n\nloop_\n_rlnOpticsGroup #1\n_rlnOpticsGroupName #2\n"
                    + "_rlnImagePixelSize #3\n_rlnVoltage #4\n_rlnSphericalAberration #5\n_rlnAmplitudeContrast #6\n"
                    + "1 opticsGroup1 13.1 300.0 2.7 0.1\n\n\ndata_particles\n\nloop_\n");
            String[] cols = {"rlnImageName", "rlnDefocusU", "rlnDefocusV", "rlnDefocusAngle", "rlnPhaseShift",
                "rlnAngleRot", "rlnAngleTilt", "rlnAnglePsi", "rlnOriginXAngst", "rlnOriginYAngst", "rlnCtfBfactor",
                "rlnCtfScalefactor", "rlnGroupName", "rlnOpticsGroup", "rlnTomoName", "rlnRandomSubset",
                "rlnMicrographPreExposure"};
            for (int c = 0; c < cols.length; c++) {
                w.write("_" + cols[c] + " #" + (c + 1) + "\n");
            }
            for (int r = 0; r < rows; r++) {
                w.write(String.format(Locale.ROOT,
                        "%d@Extract/job001/stacks/ts_%03d.mrcs %.3f %.3f %.3f 0.0 %.6f %.6f %.6f %.5f %.5f %.1f %.7f %03d_%06d 1 TS_%03d %d %.3f%n",
                        r % 41 + 1, r / 41000, 10000 + rnd.nextDouble() * 20000, 10000 + rnd.nextDouble() * 20000,
                        rnd.nextDouble() * 180, rnd.nextDouble() * 360 - 180, rnd.nextDouble() * 180,
                        rnd.nextDouble() * 360 - 180, rnd.nextGaussian() * 20, rnd.nextGaussian() * 20,
                        -4.0 * (r % 41) * 3, Math.cos(Math.toRadians((r % 41) * 3 - 60)), r / 41000, r / 41,
                        r / 41000, r % 2 + 1, (r % 41) * 3.0));
            }
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public double parseAndReadNumericColumns() throws IOException {
        StarFile f = StarReader.read(file);
        StarLoop p = f.requireBlock("particles").requireLoop();
        double sum = 0;
        for (int c = 1; c < p.columnCount(); c++) {
            String name = p.columns().get(c);
            if (name.equals("rlnGroupName") || name.equals("rlnTomoName")) {
                continue;
            }
            sum += p.doubles(c)[p.rowCount() - 1];
        }
        return sum;
    }

    @Benchmark
    public int parseOnly() throws IOException {
        return StarReader.read(file).requireBlock("particles").requireLoop().rowCount();
    }
}

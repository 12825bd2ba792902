package org.emflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.emflow.compute.fsrec.FsrParameterFile;
import org.emflow.compute.fsrec.FsrParameters;
import org.emflow.compute.fsrec.FsrecOptions;
import org.emflow.compute.fsrec.FsrecRunner;
import org.emflow.compute.util.Monitor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * PyFSRec reconstruction of the shipped example (30 images of 512 x 512), default run with
 * {@code iterations} linear iterations. Needs -Demflow.shared=DIR (the folder holding data/pyfsrec/example).
 * Run briefly: {@code java -jar bench/target/benchmarks.jar FsrecBenchmark -f 1 -wi 1 -i 2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FsrecBenchmark {
    @Param({"20"})
    public int iterations;

    private FsrParameters params;

    @Setup
    public void setup() throws Exception {
        Path dir = Path.of(System.getProperty("emflow.shared", "../shared"), "data", "pyfsrec", "example");
        Path out = Files.createTempDirectory("fsrec-bench");
        Map<String, String> map = FsrParameterFile.readMap(dir.resolve("config-example.fsr"));
        map.put("INPUT/OUTPUT.INPUTPATH", dir.toAbsolutePath().toString());
        map.put("INPUT/OUTPUT.OUTPUTPATH", out.toString());
        params = FsrParameters.fromMap(map, dir);
    }

    @Benchmark
    public double defaultRun() throws Exception {
        return FsrecRunner.run(params, FsrecOptions.defaults().withLinIter(iterations), null, Monitor.NONE).wave().meanIntensity();
    }
}

package org.emflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.emflow.compute.fsrec.FsrParameterFile;
import org.emflow.compute.fsrec.FsrParameters;
import org.emflow.compute.fsrec.FsrecOptions;
import org.emflow.compute.fsrec.FsrecResult;
import org.emflow.compute.fsrec.FsrecRunner;
import org.emflow.compute.util.Monitor;

/**
 * One end-to-end PyFSRec run on the shipped example, for CPU time and peak memory under
 * {@code /usr/bin/time -v}:
 * <pre>
 * java -Xmx400m -cp bench/target/benchmarks.jar org.emflow.bench.FsrecExampleRun ../shared/data/pyfsrec/example OUTDIR [default|stepanalysis] [threads] [iterations]
 * </pre>
 * With -Dverbose=true the first line of every log message is printed with the elapsed time.
 * The default mode is the original's default run (pre-alignment and LinearIterations=20). "stepanalysis"
 * runs {@code --stepanalysis} on the wave a default run left in OUTDIR. threads 0 = all cores; iterations 0 =
 * LinearIterations of the example (20).
 */
public final class FsrecExampleRun {
    private FsrecExampleRun() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean step = args.length > 2 && args[2].equals("stepanalysis");
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int iterations = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Files.createDirectories(out);
        Map<String, String> map = FsrParameterFile.readMap(dir.resolve("config-example.fsr"));
        map.put("INPUT/OUTPUT.INPUTPATH", dir.toAbsolutePath().toString());
        map.put("INPUT/OUTPUT.OUTPUTPATH", out.toAbsolutePath().toString());
        FsrParameters p = FsrParameters.fromMap(map, dir);
        long t0 = System.nanoTime();
        boolean verbose = Boolean.getBoolean("verbose");
        FsrecResult r = FsrecRunner.run(p, FsrecOptions.defaults().withStepAnalysis(step).withThreads(threads).withLinIter(iterations), null, verbose ? new ConsoleMonitor() : Monitor.NONE);
        double s = (System.nanoTime() - t0) / 1e9;
        if (step) {
            System.out.printf("step analysis: step %.4f nm, r^2 %.5f, %.2f s wall%n", r.stepAnalysis().step(), r.stepAnalysis().r2(), s);
        } else {
            System.out.printf("reconstruction: mean |psi|^2 %.6f, %d iterations, %.2f s wall%n", r.wave().meanIntensity(),
                    r.iterations().size(), s);
        }
    }
}

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
 * java -Xmx400m -cp bench/target/benchmarks.jar org.emflow.bench.FsrecExampleRun ../shared/data/pyfsrec/example OUTDIR [default|stepanalysis] [threads] [iterations] [runs]
 * </pre>
 * With -Dverbose=true the first line of every log message is printed with the elapsed time.
 * The default mode is the original's default run (pre-alignment and LinearIterations=20). "stepanalysis"
 * runs {@code --stepanalysis} on the wave a default run left in OUTDIR. threads 0 = all cores; iterations 0 =
 * LinearIterations of the example (20). With runs &gt; 1 the run is repeated in the same JVM and each run's wall
 * and process CPU time is printed: the later runs show the cost of a warm JVM (no class loading, compiled code).
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
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        Files.createDirectories(out);
        Map<String, String> map = FsrParameterFile.readMap(dir.resolve("config-example.fsr"));
        map.put("INPUT/OUTPUT.INPUTPATH", dir.toAbsolutePath().toString());
        map.put("INPUT/OUTPUT.OUTPUTPATH", out.toAbsolutePath().toString());
        FsrParameters p = FsrParameters.fromMap(map, dir);
        boolean verbose = Boolean.getBoolean("verbose");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int run = 1; run <= runs; run++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            FsrecResult r = FsrecRunner.run(p, FsrecOptions.defaults().withStepAnalysis(step).withThreads(threads).withLinIter(iterations),
                    null, verbose ? new ConsoleMonitor() : Monitor.NONE);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            if (step) {
                System.out.printf("run %d: step analysis: step %.4f nm, r^2 %.5f, %.2f s wall, %.2f s CPU%n", run, r.stepAnalysis().step(),
                        r.stepAnalysis().r2(), s, cpu);
            } else {
                System.out.printf("run %d: reconstruction: mean |psi|^2 %.6f, %d iterations, %.2f s wall, %.2f s CPU%n", run,
                        r.wave().meanIntensity(), r.iterations().size(), s, cpu);
            }
        }
    }
}

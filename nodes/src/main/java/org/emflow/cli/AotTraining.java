package org.emflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run behind the launcher's ahead-of-time cache (JDK 25+, JEP 483/514/515: classes loaded and linked,
 * and method profiles, recorded once at package time so a run starts with them): a few real commands in one JVM,
 * {@code dist/aot-cache.sh} runs it under {@code -XX:AOTCacheOutput}. Always the quickstart workflow (simulate,
 * weight, back-project, FSC, filter: in the repository); the focal-series example too when the shared data sit
 * beside the repository. Output goes to a temporary folder that is deleted.
 *
 * <p>Arguments: the repository root, then optionally the shared data folder.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args[0]).toAbsolutePath().normalize();
        Path shared = args.length > 1 ? Path.of(args[1]) : repo.resolveSibling("shared").resolve("data");
        Path tmp = Files.createTempDirectory("emflow-aot-training-");
        try {
            List<String[]> runs = new ArrayList<>();
            runs.add(new String[] { "run", repo.resolve("workflows-examples/quickstart.ini").toString(), "--out",
                    tmp.resolve("quickstart").toString() });
            Path fsr = shared.resolve("pyfsrec/example/config-example.fsr");
            if (Files.isRegularFile(fsr)) {
                Path prm = tmp.resolve("example.fsr");
                // The example's parameters name placeholder folders: point them at the example and at tmp.
                List<String> lines = new ArrayList<>();
                for (String line : Files.readAllLines(fsr)) {
                    if (line.startsWith("INPUTPATH=")) {
                        line = "INPUTPATH=" + fsr.getParent() + "/";
                    } else if (line.startsWith("OUTPUTPATH=")) {
                        line = "OUTPUTPATH=" + tmp.resolve("fsrec") + "/";
                    }
                    lines.add(line);
                }
                Files.write(prm, lines);
                runs.add(new String[] { "fsrec", "--prm", prm.toString() });
            }
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            for (String[] run : runs) {
                int code = Main.execute(run, quiet, quiet);
                System.out.println("emflow AOT training: " + String.join(" ", run[0], run[1]) + " exit " + code);
                if (code != 0) {
                    System.exit(code); // no cache from a run that failed: the launcher then runs without one
                }
            }
        } finally {
            org.emflow.workflow.NodeExecution.deleteQuietly(tmp);
        }
    }
}

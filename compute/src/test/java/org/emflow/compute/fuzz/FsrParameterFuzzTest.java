package org.emflow.compute.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.emflow.compute.fsrec.FsrParameterFile;
import org.emflow.compute.fsrec.FsrParameters;
import org.emflow.compute.util.BadInputException;

/**
 * Any text either parses as an .fsr parameter file into valid focal-series parameters, or is rejected with
 * {@link BadInputException} (never another exception, never a hang). Regression mode in {@code mvn test} (seeds in
 * src/test/resources/org/emflow/compute/fuzz/FsrParameterFuzzTestInputs/); fuzz for real with
 * {@code JAZZER_FUZZ=1 mvn -B -o test -pl compute -Dtest=FsrParameterFuzzTest -Dfuzz.seconds=600}
 * (10 minutes; see docs/fuzzing.md).
 */
class FsrParameterFuzzTest {
    private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"));

    @FuzzTest(maxDuration = "10s")
    void anyTextParsesOrIsABadInput(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            Map<String, String> map = FsrParameterFile.parse(text, "fuzz.fsr");
            FsrParameters.fromMap(map, BASE);
        } catch (BadInputException e) {
            // the parser's own error: fine
        }
    }
}

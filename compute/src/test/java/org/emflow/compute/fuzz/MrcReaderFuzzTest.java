package org.emflow.compute.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.util.BadInputException;

/**
 * Any file either opens as MRC with every section readable, or is rejected with {@link BadInputException}.
 * Regression mode in {@code mvn test} (seeds in src/test/resources/org/emflow/compute/fuzz/MrcReaderFuzzTestInputs/);
 * fuzz for real with {@code JAZZER_FUZZ=1 mvn -B -o test -pl compute -Dtest=MrcReaderFuzzTest -Dfuzz.seconds=600}
 * (10 minutes; see docs/fuzzing.md).
 */
class MrcReaderFuzzTest {
    private static final Path FILE = FuzzFiles.scratch(".mrc");

    @FuzzTest(maxDuration = "10s")
    void anyFileOpensOrIsABadInput(byte[] data) throws IOException {
        Files.write(FILE, data);
        try (MrcReader r = MrcReader.open(FILE)) {
            long values = r.header().sectionValues();
            float[] section = new float[(int) values];
            for (int z = 0; z < r.sections(); z++) {
                r.readSection(z, section);
            }
            r.header().pixelSize();
        } catch (BadInputException e) {
            // the reader's own error: fine
        }
    }
}

package org.emflow.compute.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.io.index.IndexFiles;
import org.emflow.compute.util.BadInputException;

/**
 * Any file either reads as a list of integer indices (pickle, .npy or text) or is rejected with a
 * {@link BadInputException} that names it: never another exception, a hang, or an out-of-memory from a
 * length the file announces but does not hold.
 *
 * <p>{@code mvn test} replays the seeds in
 * src/test/resources/org/emflow/compute/fuzz/IndexFilesFuzzTestInputs/. To fuzz for real (here 10 minutes):
 * {@code JAZZER_FUZZ=1 mvn -B -o test -pl compute -Dtest=IndexFilesFuzzTest -Dfuzz.seconds=600}
 * (see docs/fuzzing.md).
 */
class IndexFilesFuzzTest {
    private static final Path FILE = FuzzFiles.scratch(".pkl");

    @FuzzTest(maxDuration = "10s")
    void anyFileReadsOrIsABadInput(byte[] data) throws IOException {
        Files.write(FILE, data);
        try {
            IndexFiles.read(FILE);
        } catch (BadInputException e) {
            if (!e.getMessage().startsWith(FILE.toString())) {
                throw new IllegalStateException("the message does not name the file: " + e.getMessage(), e);
            }
        }
    }
}

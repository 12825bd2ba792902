package org.emflow.compute.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.io.hdf.Eman2HdfStack;
import org.emflow.compute.util.BadInputException;

/**
 * Any file either opens as an EMAN2/SPARX HDF stack with every image, pose and pixel size readable, or is rejected
 * with {@link BadInputException}. Regression mode in {@code mvn test} (seeds in
 * src/test/resources/org/emflow/compute/fuzz/HdfStackFuzzTestInputs/: the stack of the HDF tests and damaged copies);
 * fuzz for real with {@code JAZZER_FUZZ=1 mvn -B -o test -pl compute -Dtest=HdfStackFuzzTest -Dfuzz.seconds=600}
 * (10 minutes; see docs/fuzzing.md).
 */
class HdfStackFuzzTest {
    private static final Path FILE = FuzzFiles.scratch(".hdf");

    @FuzzTest(maxDuration = "10s")
    void anyFileOpensOrIsABadInput(byte[] data) throws IOException {
        Files.write(FILE, data);
        try (Eman2HdfStack s = Eman2HdfStack.open(FILE)) {
            float[] image = new float[Math.multiplyExact(s.nx(), s.ny())];
            for (int i = 0; i < s.count(); i++) {
                s.read(i, image);
                s.pose(i);
                s.pixelSize(i);
                s.ctfApplied(i);
            }
        } catch (BadInputException e) {
            // the reader's own error: fine
        }
    }
}

package org.emflow.compute.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.emflow.compute.io.star.StarBlock;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.io.star.StarReader;
import org.emflow.compute.util.BadInputException;

/**
 * Any byte sequence either parses as STAR, with every cell readable as a string and every column either
 * numeric or rejected with {@link BadInputException}, or is rejected with {@link BadInputException}: never
 * another exception, a hang or an out-of-memory.
 *
 * <p>{@code mvn test} runs it in regression mode: the seeds in
 * src/test/resources/org/emflow/compute/fuzz/StarReaderFuzzTestInputs/ and an empty input. To fuzz for
 * real (here 10 minutes): {@code JAZZER_FUZZ=1 mvn -B -o test -pl compute -Dtest=StarReaderFuzzTest
 * -Dfuzz.seconds=600} (findings land in the same Inputs folder and are replayed by every later run).
 */
class StarReaderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void anyInputParsesOrIsABadInput(byte[] data) {
        List<StarBlock> blocks;
        try {
            blocks = StarReader.parse(data, "fuzz.star");
        } catch (BadInputException e) {
            return;
        }
        for (StarBlock b : blocks) {
            b.rawPairs().keySet().forEach(b::value);
            StarLoop loop = b.loop();
            if (loop == null) {
                continue;
            }
            for (int c = 0; c < loop.columnCount(); c++) {
                loop.strings(c);
                try {
                    loop.doubles(c);
                } catch (BadInputException expected) {
                    // a non-numeric column is reported, not thrown as something else
                }
                try {
                    loop.ints(c);
                } catch (BadInputException expected) {
                    // likewise
                }
            }
        }
    }
}

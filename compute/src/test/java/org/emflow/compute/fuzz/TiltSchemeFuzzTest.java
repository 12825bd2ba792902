package org.emflow.compute.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.emflow.compute.sim.TiltScheme;
import org.emflow.compute.util.BadInputException;

/**
 * Any text either parses as a tilt scheme ("min:max:step" or a comma-separated list) of 1 to
 * {@link TiltScheme#MAX_TILTS} finite angles, or is rejected with {@link BadInputException}: never another
 * exception, and never a loop that fills the memory or does not end (a step of 1e-300).
 *
 * <p>{@code mvn test} replays the seeds in src/test/resources/org/emflow/compute/fuzz/TiltSchemeFuzzTestInputs/.
 * To fuzz for real (here 10 minutes): {@code JAZZER_FUZZ=1 mvn -B -o test -pl compute -Dtest=TiltSchemeFuzzTest
 * -Dfuzz.seconds=600} (see docs/fuzzing.md).
 */
class TiltSchemeFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void anyTextParsesOrIsABadInput(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        TiltScheme s;
        try {
            s = TiltScheme.parse(text);
        } catch (BadInputException e) {
            return;
        }
        if (s.size() < 1 || s.size() > TiltScheme.MAX_TILTS) {
            throw new IllegalStateException(s.size() + " tilts from '" + text + "'");
        }
        for (int i = 0; i < s.size(); i++) {
            if (!Double.isFinite(s.angle(i))) {
                throw new IllegalStateException("tilt " + i + " is " + s.angle(i) + " from '" + text + "'");
            }
        }
    }
}

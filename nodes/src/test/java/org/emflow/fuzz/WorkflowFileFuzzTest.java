package org.emflow.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeRegistry;
import org.emflow.workflow.Workflow;
import org.emflow.workflow.WorkflowCompiler;
import org.emflow.workflow.WorkflowFile;

/**
 * Any text is either a workflow that compiles or a workflow error ({@link BadInputException} with
 * the problems): never another exception, a hang or an unbounded variable expansion. A workflow that
 * compiles also survives save and load unchanged.
 *
 * <p>{@code mvn test} replays the seeds in src/test/resources/org/emflow/fuzz/WorkflowFileFuzzTestInputs/.
 * To fuzz for real (here 10 minutes; see docs/fuzzing.md): {@code JAZZER_FUZZ=1 mvn -B -o test -Dstudio.skipWeb=true
 * -pl compute,nodes -am -Dtest=WorkflowFileFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.seconds=600}.
 */
class WorkflowFileFuzzTest {
    private static final NodeRegistry REGISTRY = NodeRegistry.discover();

    @FuzzTest(maxDuration = "10s")
    void anyTextCompilesOrIsABadInput(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            Workflow w = WorkflowFile.parse(text, Path.of("/nonexistent"), "fuzz.ini");
            new WorkflowCompiler(REGISTRY).compile(w, Map.of());
            String saved = WorkflowFile.format(w);
            Workflow again = WorkflowFile.parse(saved, Path.of("/nonexistent"), "fuzz.ini");
            if (!WorkflowFile.format(again).equals(saved)) {
                throw new IllegalStateException("save/load changed the workflow:\n" + saved);
            }
        } catch (BadInputException expected) {
            // the workflow error names what is wrong
        }
    }
}

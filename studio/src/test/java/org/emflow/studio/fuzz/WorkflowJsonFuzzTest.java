package org.emflow.studio.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.emflow.compute.util.BadInputException;
import org.emflow.studio.WorkflowJson;
import org.emflow.workflow.Workflow;
import org.emflow.workflow.WorkflowFile;

/**
 * Any request body is either not JSON (the server answers "request body is not JSON"), a workflow the
 * page's JSON form refuses with {@link BadInputException}, or a workflow that saves as a file which opens
 * again to the same file, and whose JSON form gives the same file: never another exception, and never a
 * saved workflow that cannot be opened.
 *
 * <p>{@code mvn test} replays the seeds in
 * src/test/resources/org/emflow/studio/fuzz/WorkflowJsonFuzzTestInputs/. To fuzz for real (here 10 minutes):
 * {@code JAZZER_FUZZ=1 mvn -B -o test -Dstudio.skipWeb=true -pl compute,nodes,studio -am -Dtest=WorkflowJsonFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.seconds=600} (see docs/fuzzing.md).
 */
class WorkflowJsonFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WorkflowJson WORKFLOW_JSON = new WorkflowJson(JSON);
    private static final Path BASE = Path.of("/nonexistent");

    @FuzzTest(maxDuration = "10s")
    void anyJsonSavesAndReopensOrIsABadInput(byte[] data) {
        JsonNode body;
        try {
            body = JSON.readTree(data);
        } catch (IOException e) {
            return; // what the server reports as "request body is not JSON"
        }
        String saved;
        try {
            saved = WorkflowFile.format(WORKFLOW_JSON.fromJson(body, BASE));
        } catch (BadInputException e) {
            return; // refused with the node id, key or name at fault
        }
        // Past this point the studio has written the file: it must open, unchanged.
        Workflow reopened = WorkflowFile.parse(saved, BASE, "fuzz.ini");
        String again = WorkflowFile.format(reopened);
        if (!again.equals(saved)) {
            throw new IllegalStateException("save and open changed the workflow:\n" + saved + "\nto\n" + again);
        }
        String viaPage = WorkflowFile.format(WORKFLOW_JSON.fromJson(WORKFLOW_JSON.toJson(reopened), BASE));
        if (!viaPage.equals(saved)) {
            throw new IllegalStateException("the page's JSON form changed the workflow:\n" + saved + "\nto\n" + viaPage);
        }
    }
}

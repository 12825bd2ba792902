package org.emflow.workflow;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The record a finished node leaves ({@value NodeRecord#FILE}) is read back by every later run to decide
 * whether its outputs can be reused. Any file content is either a record or unknown ({@code null}: the
 * outputs are recomputed, or refused without --force), never an exception that would stop the run; and
 * a record written with any hash and type reads back with the same hash and type.
 *
 * <p>In the workflow package because the record is package-private. {@code mvn test} replays the seeds
 * in src/test/resources/org/emflow/workflow/NodeRecordFuzzTestInputs/. To fuzz for real (here 10 minutes):
 * {@code JAZZER_FUZZ=1 mvn -B -o test -Dstudio.skipWeb=true -pl compute,nodes -am -Dtest=NodeRecordFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.seconds=600} (see docs/fuzzing.md).
 */
class NodeRecordFuzzTest {
    private static final Path DIR = scratchDir();

    private static Path scratchDir() {
        try {
            Path d = Files.createTempDirectory("emflow-fuzz-node-");
            d.toFile().deleteOnExit();
            d.resolve(NodeRecord.FILE).toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10s")
    void anyRecordFileReadsOrIsUnknown(byte[] data) throws IOException {
        Files.write(DIR.resolve(NodeRecord.FILE), data);
        NodeRecord.read(DIR); // a record or null; anything thrown is a finding

        // The same bytes as the hash and type of a new record: Properties escapes whatever they hold.
        String text = new String(data, StandardCharsets.UTF_8);
        int cut = text.indexOf('\n');
        String hash = cut < 0 ? text : text.substring(0, cut);
        String type = cut < 0 ? "" : text.substring(cut + 1);
        NodeRecord.write(DIR, hash, type);
        NodeRecord back = NodeRecord.read(DIR);
        if (back == null || !back.hash().equals(hash) || !back.type().equals(type)) {
            throw new IllegalStateException("record of hash '" + hash + "', type '" + type + "' read back as " + back);
        }
    }
}

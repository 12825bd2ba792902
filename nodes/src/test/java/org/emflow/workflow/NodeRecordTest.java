package org.emflow.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRecordTest {
    @TempDir
    Path dir;

    @Test
    void aRecordReadsBackAndAFileTooLargeToBeOneIsUnknown() throws Exception {
        NodeRecord.write(dir, "abc123", "backproject");
        NodeRecord r = NodeRecord.read(dir);
        assertEquals("abc123", r.hash());
        assertEquals("backproject", r.type());
        // A record file grown to 100 KB (a stray copy, a corrupt disk) is not read into memory: outputs not reused.
        Files.writeString(dir.resolve(NodeRecord.FILE), "hash=abc123\ntype=backproject\n" + "#".repeat(100_000) + "\n");
        assertNull(NodeRecord.read(dir));
    }
}

package org.emflow.workflow;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * The record a finished node leaves in its folder ({@value #FILE}): the identity hash of what it
 * computed, so a later run can reuse the outputs when nothing changed.
 */
record NodeRecord(String hash, String type, String finished) {
    static final String FILE = ".emflow-node";
    /** A record is three short lines; anything larger is not one of ours (and is not read into memory). */
    static final long MAX_BYTES = 64 * 1024;

    static NodeRecord read(Path nodeDir) {
        Path f = nodeDir.resolve(FILE);
        try {
            if (!Files.isRegularFile(f) || Files.size(f) > MAX_BYTES) {
                return null; // absent, or too large to be a record: an unknown record, so the outputs are not reused
            }
        } catch (IOException e) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            // Unreadable, not UTF-8, or a malformed backslash-u escape (which Properties reports as an
            // IllegalArgumentException): an unknown record, so the outputs are not reused.
            return null;
        }
        return new NodeRecord(p.getProperty("hash", ""), p.getProperty("type", ""), p.getProperty("finished", ""));
    }

    static void write(Path nodeDir, String hash, String type) throws IOException {
        Properties p = new Properties();
        p.setProperty("hash", hash);
        p.setProperty("type", type);
        p.setProperty("finished", Instant.now().toString());
        StringWriter w = new StringWriter();
        p.store(w, "emflow node record: outputs here are reused while this hash matches");
        Files.writeString(nodeDir.resolve(FILE), w.toString(), StandardCharsets.UTF_8);
    }
}

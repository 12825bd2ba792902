package org.emflow.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a run folder says has finished: node folders with a {@link NodeRecord} (for {@code emflow status}). */
public final class FinishedNodes {
    private FinishedNodes() {
    }

    /** A finished node's record: its type, its identity hash and when it finished. */
    public record Entry(String type, String hash, String finished) {
    }

    /** The finished nodes of a run folder by id. */
    public static Map<String, Entry> of(Path runDir) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        if (!Files.isDirectory(runDir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(runDir)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                NodeRecord r = NodeRecord.read(d);
                if (r != null) {
                    out.put(d.getFileName().toString(), new Entry(r.type(), r.hash(), r.finished()));
                }
            }
        }
        return out;
    }

    /** The number of finished parts of node {@code id} with identity {@code hash} (a split node on a cluster). */
    public static int parts(Path runDir, String id, String hash) throws IOException {
        Path dir = RemoteNodeTask.partsFolder(runDir, id);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> {
                NodeRecord r = NodeRecord.read(p);
                return r != null && r.hash().equals(hash);
            }).count();
        }
    }
}

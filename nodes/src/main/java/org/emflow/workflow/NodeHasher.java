package org.emflow.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.emflow.sdk.Setting;
import org.emflow.sdk.SettingType;

/**
 * The identity of a node's computation: its type, every setting's effective value (defaults
 * included, so a changed default counts), the size and modification time of every file a path
 * setting names, and the identities of the nodes feeding it. Equal identity means the recorded
 * outputs can be reused, as KNIME keeps executed nodes.
 */
final class NodeHasher {
    private NodeHasher() {
    }

    static String hash(CompiledNode n, Map<String, String> upstreamHashes) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        put(md, "type", n.factory().id());
        Package p = n.factory().getClass().getPackage();
        put(md, "version", p == null || p.getImplementationVersion() == null ? "dev" : p.getImplementationVersion());
        for (Setting s : n.factory().settings().all()) {
            if (s.cliOnly()) {
                continue;
            }
            String v = n.settings().raw(s.key());
            put(md, "setting." + s.key(), v == null ? "" : v.trim());
            if (s.type() == SettingType.PATH && v != null && !v.isBlank()) {
                put(md, "file." + s.key(), fileStamp(n.settings().getPath(s.key())));
            }
        }
        for (int i = 0; i < n.inputs().size(); i++) {
            Endpoint e = n.inputs().get(i);
            put(md, "in." + n.factory().inputs().get(i).name(), e == null ? "-" : upstreamHashes.get(e.node()) + "/" + e.port());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static String fileStamp(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return a.isDirectory() ? "dir" : a.size() + "@" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    private static void put(MessageDigest md, String key, String value) {
        md.update(key.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(value.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }
}

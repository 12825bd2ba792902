package org.emflow.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code npm ci} accepts the committed lock file on any machine: every optional dependency that a locked package
 * declares (rollup's and esbuild's native builds for each platform) has its own entry. A lock written on a mirror
 * that lacked other platforms' packages left them out, and {@code npm ci} then refused it on a fresh clone.
 */
class WebLockFileTest {
    @Test
    void everyOptionalDependencyIsLocked() throws Exception {
        Path lock = Path.of("web/package-lock.json");
        JsonNode packages = new ObjectMapper().readTree(Files.readString(lock)).get("packages");
        List<String> missing = new ArrayList<>();
        int optional = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> pkg = it.next();
            JsonNode deps = pkg.getValue().get("optionalDependencies");
            if (deps == null || pkg.getKey().isEmpty()) {
                continue;
            }
            for (Iterator<String> names = deps.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                optional++;
                if (!packages.has("node_modules/" + name) && !packages.has(pkg.getKey() + "/node_modules/" + name)) {
                    missing.add(name + " (optional dependency of " + pkg.getKey() + ")");
                }
            }
        }
        assertTrue(optional > 20, "rollup and esbuild declare their native builds: " + optional);
        assertEquals(List.of(), missing, lock + " lacks entries; run npm install --package-lock-only in studio/web");
    }
}

package org.emflow.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.emflow.sdk.NodeFactory;
import org.emflow.sdk.NodeRegistry;
import org.emflow.workflow.NodeInstance;
import org.emflow.workflow.Workflow;
import org.emflow.workflow.WorkflowFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the Playwright suite ({@code studio/e2e/studio.e2e.test.mjs}) in headless Chromium against a
 * studio started here on a scratch workspace under {@code target/e2e-workspace}; screenshots go to
 * {@code target/e2e-screenshots}. The workflow it runs is {@value #QUICKSTART} from the repository
 * when that file exists and every node it needs is installed, else the stand-in
 * {@code src/test/resources/e2e/studio-e2e.ini}.
 *
 * <p>{@code -Demflow.e2e=auto} (the default, unless the environment variable CI is set) skips when
 * Chromium, node or playwright-core is missing; {@code required} (the default under CI) fails instead;
 * {@code off} skips.
 */
class StudioBrowserE2ETest {
    static final String QUICKSTART = "workflows-examples/quickstart.ini";
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/lib/chromium/chromium"));

    @Test
    void browserSuitePasses() throws Exception {
        // CI (the CI environment variable set) requires the browser suite; a developer's machine without Chromium skips it.
        String mode = System.getProperty("emflow.e2e", System.getenv("CI") != null ? "required" : "auto").toLowerCase(Locale.ROOT);
        Assumptions.assumeFalse(mode.equals("off"), "browser tests switched off (-Demflow.e2e=off)");
        Path module = Path.of("").toAbsolutePath();
        Path web = module.resolve("web");
        String missing = !Files.isExecutable(CHROMIUM) ? "Chromium (" + CHROMIUM + "; run studio/e2e/ensure-chromium.sh)"
                : !Files.isDirectory(web.resolve("node_modules/playwright-core")) ? "playwright-core (npm ci in studio/web)"
                : !onPath("node") ? "node"
                : StudioBrowserE2ETest.class.getResource("/studio-web/index.html") == null ? "the built page (built without -Dstudio.skipWeb)" : null;
        if (missing != null) {
            if (mode.equals("required")) {
                fail("browser tests required but " + missing + " is missing");
            }
            Assumptions.abort("browser tests skipped: " + missing + " is missing");
        }

        Path target = module.resolve("target");
        Path ws = target.resolve("e2e-workspace");
        Path shots = target.resolve("e2e-screenshots");
        deleteTree(ws);
        deleteTree(shots);
        Files.createDirectories(ws);
        NodeRegistry registry = NodeRegistry.discover();
        String workflow = prepareWorkflow(registry, ws);
        System.setProperty("java.awt.headless", "true");
        try (StudioServer server = new StudioServer(registry, new Workspace(ws), null, "127.0.0.1", 2).start(0)) {
            ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=spec", "--test-concurrency=1",
                    module.resolve("e2e/studio.e2e.test.mjs").toString()).directory(web.toFile()).redirectErrorStream(true);
            pb.environment().put("EMFLOW_STUDIO_URL", server.loginUrl());
            pb.environment().put("EMFLOW_E2E_WORKFLOW", workflow);
            pb.environment().put("EMFLOW_E2E_SHOTS", shots.toString());
            pb.environment().put("EMFLOW_E2E_SIXTY", SIXTY);
            pb.environment().put("CHROMIUM", CHROMIUM.toString());
            Process p = pb.start();
            // The suite's report goes to this test's output (and target/e2e-output.txt).
            Thread echo = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8)); var log = Files.newBufferedWriter(target.resolve("e2e-output.txt"))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        System.out.println(line);
                        log.write(line);
                        log.newLine();
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            echo.start();
            if (!p.waitFor(6, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("browser tests timed out after 6 minutes");
            }
            echo.join(5000);
            assertEquals(0, p.exitValue(), "browser tests failed (see the output above and " + shots + ")");
        }
    }

    /** Copies the repository's example workflows into the workspace and returns quickstart's workspace-relative path. */
    static String prepareWorkflow(NodeRegistry registry, Path ws) throws IOException {
        Path repo = Path.of(System.getProperty("emflow.repo", "..")).toAbsolutePath().normalize();
        Path quick = repo.resolve(QUICKSTART);
        if (!Files.isRegularFile(quick)) {
            fail("the browser suite runs " + QUICKSTART + ", which is missing from " + repo);
        }
        // Only the workflow file: a run folder left next to it would make every node "reused".
        Files.createDirectories(ws.resolve(QUICKSTART).getParent());
        Files.copy(quick, ws.resolve(QUICKSTART));
        // The other examples, for the check of their layout (opened, not run: their data paths do not resolve here).
        try (Stream<Path> examples = Files.list(quick.getParent())) {
            for (Path ex : examples.filter(p -> p.toString().endsWith(".ini") && !p.equals(quick)).toList()) {
                Files.copy(ex, ws.resolve(QUICKSTART).resolveSibling(ex.getFileName()));
            }
        }
        // A file with a line the reader skips (an unknown key, line 4), for the list of reading problems.
        Files.writeString(ws.resolve("e2e-read-problems.ini"), "[workflow]\nname = read-problems\nformat = 1\ncolour = blue\n");
        Files.writeString(ws.resolve(SIXTY), sixtyNodes());
        return QUICKSTART;
    }

    /** The workflow the suite times: {@value #SIXTY}, 60 cheap test nodes, ten chains of a source and five sums. */
    static final String SIXTY = "e2e-60-nodes.ini";

    static String sixtyNodes() {
        StringBuilder b = new StringBuilder("[workflow]\nname = sixty\ndescription = 60 cheap nodes for timing the studio\nformat = 1\n");
        for (int c = 0; c < 10; c++) {
            b.append("\n[src").append(c).append("]\ntype = test-source\nposition = 0, ").append(c * 130).append("\ncount = 5\n");
            for (int k = 1; k <= 5; k++) {
                String prev = k == 1 ? "src" + c + ".numbers" : "sum" + c + "_" + (k - 1) + ".sum";
                b.append("\n[sum").append(c).append('_').append(k).append("]\ntype = test-sum\nposition = ").append(k * 260).append(", ")
                        .append(c * 130).append("\nin.a = ").append(prev).append("\nin.b = src").append(c).append(".numbers\n");
            }
        }
        return b.toString();
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, exe)));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

}

package org.emflow.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.emflow.workflow.WorkflowFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over the registry, the INI files, the compiler and the runner. */
class StudioApiTest {
    @TempDir
    Path tmp;
    StudioFixture studio;

    @BeforeEach
    void start() throws Exception {
        studio = new StudioFixture(tmp);
    }

    @AfterEach
    void stop() {
        studio.close();
    }

    @Test
    void paletteHasEveryNodeWithDescribeTextPortsAndSchemaButNoCliOnlySettings() throws Exception {
        JsonNode nodes = StudioFixture.json(studio.get("api/nodes"));
        JsonNode numbers = StreamSupport.stream(nodes.spliterator(), false).filter(n -> n.get("id").asText().equals("test-source"))
                .findFirst().orElseThrow();
        assertEquals("Testing", numbers.get("category").asText());
        assertTrue(numbers.get("description").asText().startsWith("Test source (test-source)  [Testing]"));
        assertEquals("table", numbers.get("outputs").get(0).get("type").asText());
        assertEquals("#7f8c8d", numbers.get("outputs").get(0).get("color").asText());
        List<String> keys = new ArrayList<>();
        numbers.get("settings").forEach(s -> keys.add(s.get("key").asText()));
        assertEquals(List.of("value", "count", "mode", "notes", "labels", "comment", "barrier", "spin-ms", "fail", "bad-input"), keys);
        JsonNode count = numbers.get("settings").get(1);
        assertEquals("INT", count.get("type").asText());
        assertEquals(1, count.get("min").asInt());
        assertEquals(1000, count.get("max").asInt());
        assertEquals("3", count.get("default").asText());
        assertEquals(List.of("plain", "squared"), List.of(numbers.get("settings").get(2).get("choices").get(0).asText(),
                numbers.get("settings").get(2).get("choices").get(1).asText()));
    }

    @Test
    void iniFileRoundTripsThroughTheJsonUnchanged() throws Exception {
        String handWritten = """
                ; written by hand, with comments and a variable
                [workflow]
                name = shared
                description = from a colleague
                format = 1
                var.n = 7

                [src]
                type = test-source
                position = 12.5, -40
                count = ${n}
                mode = squared

                [add]
                type = test-sum
                position = 300, 20
                in.a = src.numbers
                in.b = src.numbers

                [slurm]
                cpus = 4
                add.mem = 8G
                """;
        Files.writeString(studio.workspace.resolve("shared.ini"), handWritten);
        JsonNode wf = studio.workflow("shared.ini");
        assertEquals("8G", wf.get("slurm").get("add.mem").asText(), "the cluster settings travel with the workflow");
        assertEquals("7", wf.get("variables").get("n").asText());
        JsonNode src = wf.get("nodes").get(0);
        assertEquals(12.5, src.get("x").asDouble());
        assertEquals(-40, src.get("y").asDouble());
        assertEquals("${n}", src.get("settings").get("count").asText());
        assertEquals("src.numbers", wf.get("nodes").get(1).get("inputs").get("b").asText());

        HttpResponse<String> saved = studio.post("api/workflow", Map.of("path", "copy/shared.ini", "workflow", wf, "overwrite", false));
        assertEquals(200, saved.statusCode(), saved.body());
        Path copy = studio.workspace.resolve("copy/shared.ini");
        // Exactly what the headless runner's own writer produces for the same workflow, and it reads back the same.
        assertEquals(WorkflowFile.format(WorkflowFile.load(studio.workspace.resolve("shared.ini"))), Files.readString(copy));
        assertEquals(wf, studio.workflow("copy/shared.ini"));
        // Saving again without overwrite keeps the file.
        HttpResponse<String> again = studio.post("api/workflow", Map.of("path", "copy/shared.ini", "workflow", wf, "overwrite", false));
        assertEquals(409, again.statusCode(), again.body());
    }

    @Test
    void validationReportsConfigureProblemsPerNodeAndKey() throws Exception {
        ObjectNode wf = (ObjectNode) studio.workflow("studio-e2e.ini");
        JsonNode ok = StudioFixture.json(studio.post("api/validate", Map.of("path", "studio-e2e.ini", "workflow", wf)));
        assertTrue(ok.get("ok").asBoolean(), ok.toString());

        ((ObjectNode) wf.get("nodes").get(2).get("settings")).put("count", "5000");
        JsonNode bad = StudioFixture.json(studio.post("api/validate", Map.of("workflow", wf)));
        assertFalse(bad.get("ok").asBoolean());
        JsonNode p = bad.get("problems").get(0);
        assertEquals("numbers", p.get("node").asText());
        assertEquals("count", p.get("key").asText());
        assertEquals("setting 'count' must be at most 1000, not 5000", p.get("message").asText());

        // A configure-time check of the node itself (not just the schema).
        ((ObjectNode) wf.get("nodes").get(2).get("settings")).remove("count");
        ((ObjectNode) wf.get("nodes").get(0).get("settings")).put("box", "8").put("sigma", "6");
        JsonNode conf = StudioFixture.json(studio.post("api/validate", Map.of("workflow", wf)));
        assertEquals("blob", conf.get("problems").get(0).get("node").asText());
        assertTrue(conf.get("problems").get(0).get("message").asText().contains("too wide for box 8"), conf.toString());
    }

    @Test
    void validationNamesBothPortTypesOfAMismatchAndAMissingInput() throws Exception {
        String text = """
                [workflow]
                name = bad
                format = 1
                [n]
                type = test-source
                [sink]
                type = test-file-sink
                in.file = n.numbers
                [sum]
                type = test-sum
                """;
        Files.writeString(studio.workspace.resolve("bad.ini"), text);
        JsonNode r = StudioFixture.json(studio.post("api/validate", Map.of("workflow", studio.workflow("bad.ini"))));
        String all = r.get("problems").toString();
        assertTrue(all.contains("cannot connect n.numbers (table) to sink.file (file): port types differ"), all);
        assertTrue(all.contains("required input 'a' (table) is not connected"), all);
    }

    @Test
    void runStreamsLiveStatesAndServesPreviewsLogsAndSlices() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        var sse = studio.http.sendAsync(HttpRequest.newBuilder(studio.uri("api/events")).header("Accept", "text/event-stream").header(SessionToken.HEADER, studio.server.token().value()).build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(events::add));
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 5e9 && studio.server.eventStreams() == 0) {
            Thread.sleep(20);
        }
        JsonNode wf = studio.workflow("studio-e2e.ini");
        ((ObjectNode) wf.get("nodes").get(0).get("settings")).put("spin-ms", "300");
        HttpResponse<String> started = studio.post("api/run", Map.of("path", "studio-e2e.ini", "workflow", wf));
        assertEquals(200, started.statusCode(), started.body());
        assertEquals("studio-e2e.out", StudioFixture.json(started).get("runDir").asText());
        studio.server.runs().await(30_000);
        JsonNode snap = StudioFixture.json(studio.get("api/run"));
        assertFalse(snap.get("running").asBoolean());
        for (String id : List.of("blob", "fsc", "numbers", "sum")) {
            assertEquals("done", snap.get("states").get(id).get("state").asText(), snap.toString());
        }
        waitFor(() -> events.stream().anyMatch(l -> l.startsWith("event: run-finished")));
        assertTrue(events.stream().anyMatch(l -> l.contains("\"node\":\"blob\"") && l.contains("\"state\":\"running\"")), events.toString());
        assertTrue(events.stream().anyMatch(l -> l.startsWith("event: progress")), "progress events");
        sse.cancel(true);

        JsonNode blob = StudioFixture.json(studio.get("api/results/blob?path=studio-e2e.ini"));
        JsonNode pv = blob.get("outputs").get(0).get("preview");
        assertEquals("volume", pv.get("kind").asText());
        assertEquals(48, pv.get("nx").asInt());
        assertEquals(1.0, pv.get("max").asDouble(), 0.05);
        assertTrue(blob.get("log").toString().contains("blob of sigma 4.0 px in a 48^3 box"), blob.toString());
        HttpResponse<byte[]> png = studio.getBytes(pv.get("images").get("xz").asText());
        assertEquals(200, png.statusCode());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertEquals(48, img.getWidth());
        assertEquals(48, img.getHeight());

        JsonNode fsc = StudioFixture.json(studio.get("api/results/fsc?path=studio-e2e.ini")).get("outputs").get(0).get("preview");
        assertEquals("fsc", fsc.get("kind").asText());
        double k0 = 0.15;
        assertEquals(1 / (k0 * Math.sqrt(Math.log(2))), fsc.get("resolution05").asDouble(), 0.1);
        assertEquals(1 / (k0 * Math.sqrt(Math.log(1 / 0.143))), fsc.get("resolution0143").asDouble(), 0.1);

        // The same results are read back from the run folder by a studio that did not run it.
        try (StudioFixture other = new StudioFixture(tmp.resolve("second"))) {
            Files.walk(studio.workspace.resolve("studio-e2e.out")).forEach(p -> copy(p, studio.workspace, other.workspace));
            JsonNode again = StudioFixture.json(other.get("api/results/fsc?path=studio-e2e.ini"));
            assertEquals(fsc.get("resolution0143").asDouble(), again.get("outputs").get(0).get("preview").get("resolution0143").asDouble());
        }
    }

    @Test
    void aStoredParticleTableIsServedInBoundedSortedPagesWithItsColumnNames() throws Exception {
        Files.writeString(studio.workspace.resolve("particles.ini"), """
                [workflow]
                name = particles
                format = 1

                [sim]
                type = simulate-tilt-series
                position = 0, 0
                box = 16
                particles = 30
                tilts = -60:60:20
                seed = 3
                """);
        JsonNode wf = studio.workflow("particles.ini");
        assertEquals(404, studio.get("api/results/sim/particles/rows?path=particles.ini").statusCode(), "nothing stored before the run");
        HttpResponse<String> started = studio.post("api/run", Map.of("path", "particles.ini", "workflow", wf));
        assertEquals(200, started.statusCode(), started.body());
        studio.server.runs().await(60_000);
        Path star = studio.workspace.resolve("particles.out/sim/particles.star");
        assertTrue(Files.isRegularFile(star));

        JsonNode page = StudioFixture.json(studio.get("api/results/sim/particles/rows?path=particles.ini&offset=0&limit=10"));
        var loop = org.emflow.compute.io.star.StarReader.read(star).blocks().stream().filter(b -> b.isLoop() && b.loop().hasColumn("rlnImageName"))
                .findFirst().orElseThrow().loop();
        List<String> columns = new ArrayList<>();
        page.get("columns").forEach(c -> columns.add(c.asText()));
        assertEquals(loop.columns(), columns, "the particle table's own column names");
        assertEquals(loop.rowCount(), page.get("total").asInt());
        assertTrue(loop.rowCount() > 30, "one row per image: " + loop.rowCount());
        assertEquals(10, page.get("rows").size());
        assertEquals(loop.get(3, 0), page.get("rows").get(3).get(0).asText(), "file order without a sort");

        // Sorted by a numeric column: numerically (-60 before -40 before 0 before 20), across pages, both ways.
        String tilt = columns.stream().filter(c -> c.equals("rlnAngleTilt") || c.toLowerCase().contains("tilt")).findFirst().orElseThrow();
        int tc = columns.indexOf(tilt);
        List<Double> sorted = new ArrayList<>();
        for (int off = 0; off < loop.rowCount(); off += 25) {
            JsonNode pg = StudioFixture.json(studio.get("api/results/sim/particles/rows?path=particles.ini&offset=" + off + "&limit=25&sort=" + tilt));
            assertTrue(pg.get("numeric").asBoolean());
            pg.get("rows").forEach(r -> sorted.add(Double.parseDouble(r.get(tc).asText())));
        }
        assertEquals(loop.rowCount(), sorted.size());
        List<Double> expected = new ArrayList<>(sorted);
        Collections.sort(expected);
        assertEquals(expected, sorted);
        JsonNode down = StudioFixture.json(studio.get("api/results/sim/particles/rows?path=particles.ini&limit=1&sort=" + tilt + "&desc=1"));
        assertEquals(expected.get(expected.size() - 1), Double.parseDouble(down.get("rows").get(0).get(tc).asText()));
        assertTrue(down.get("desc").asBoolean());

        // The page size is bounded; bad requests are refused with the reason.
        JsonNode big = StudioFixture.json(studio.get("api/results/sim/particles/rows?path=particles.ini&limit=100000"));
        assertEquals(ResultService.MAX_PAGE_ROWS, big.get("limit").asInt());
        assertTrue(big.get("rows").size() <= ResultService.MAX_PAGE_ROWS);
        HttpResponse<String> noColumn = studio.get("api/results/sim/particles/rows?path=particles.ini&sort=rlnNoSuchColumn");
        assertEquals(400, noColumn.statusCode());
        assertTrue(noColumn.body().contains("no column 'rlnNoSuchColumn'"), noColumn.body());
        assertEquals(400, studio.get("api/results/sim/particles/rows?path=particles.ini&offset=-1").statusCode());
        assertEquals(400, studio.get("api/results/sim/particles/rows?path=particles.ini&limit=ten").statusCode());
        assertEquals(400, studio.get("api/results/sim/truth/rows?path=particles.ini").statusCode(), "a volume has no rows");
        assertEquals(404, studio.get("api/results/sim/nothing/rows?path=particles.ini").statusCode());
        JsonNode past = StudioFixture.json(studio.get("api/results/sim/particles/rows?path=particles.ini&offset=100000"));
        assertEquals(0, past.get("rows").size());
    }

    @Test
    void runUpToASelectedNodeRunsOnlyItAndItsUpstream() throws Exception {
        JsonNode wf = studio.workflow("studio-e2e.ini");
        ((ObjectNode) wf.get("nodes").get(0).get("settings")).put("spin-ms", "0");
        HttpResponse<String> nowhere = studio.post("api/run", Map.of("path", "studio-e2e.ini", "workflow", wf, "executor", "cloud"));
        assertEquals(400, nowhere.statusCode(), nowhere.body());
        assertTrue(nowhere.body().contains("executor must be local or slurm"), nowhere.body());
        HttpResponse<String> r = studio.post("api/run", Map.of("path", "studio-e2e.ini", "workflow", wf, "targets", List.of("fsc")));
        assertEquals(200, r.statusCode(), r.body());
        studio.server.runs().await(30_000);
        JsonNode states = StudioFixture.json(studio.get("api/run")).get("states");
        assertEquals(List.of("blob", "fsc"), iterator(states.fieldNames()));
        assertTrue(Files.isDirectory(studio.workspace.resolve("studio-e2e.out/fsc")));
        assertFalse(Files.exists(studio.workspace.resolve("studio-e2e.out/sum")));
        HttpResponse<String> unknown = studio.post("api/run", Map.of("path", "studio-e2e.ini", "workflow", wf, "targets", List.of("nope")));
        assertEquals(400, unknown.statusCode(), unknown.body());
    }

    private static List<String> iterator(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        Collections.sort(l);
        return l;
    }

    @Test
    void anInvalidWorkflowDoesNotRunAndReportsItsProblems() throws Exception {
        ObjectNode wf = (ObjectNode) studio.workflow("studio-e2e.ini");
        ((ObjectNode) wf.get("nodes").get(2).get("settings")).put("count", "0");
        HttpResponse<String> r = studio.post("api/run", Map.of("path", "studio-e2e.ini", "workflow", wf));
        assertEquals(422, r.statusCode(), r.body());
        assertEquals("setting 'count' must be at least 1, not 0", StudioFixture.json(r).get("problems").get(0).get("message").asText());
        assertFalse(Files.exists(studio.workspace.resolve("studio-e2e.out")));
    }

    @Test
    void cancelStopsTheRunAndNothingHalfWrittenRemains() throws Exception {
        JsonNode wf = studio.workflow("studio-e2e.ini");
        ((ObjectNode) wf.get("nodes").get(0).get("settings")).put("spin-ms", "20000");
        HttpResponse<String> started = studio.post("api/run", Map.of("path", "studio-e2e.ini", "workflow", wf));
        assertEquals(200, started.statusCode());
        long run = StudioFixture.json(started).get("run").asLong();
        waitFor(() -> "running".equals(state("blob")));
        assertEquals(409, studio.post("api/run", Map.of("path", "studio-e2e.ini", "workflow", wf)).statusCode(), "second run refused");
        assertEquals("studio-e2e.ini", StudioFixture.json(studio.get("api/run")).get("file").asText(), "the run names its workflow");
        // A page still showing an earlier run cannot stop this one.
        assertFalse(StudioFixture.json(studio.post("api/cancel", Map.of("run", run - 1))).get("canceled").asBoolean());
        assertEquals(400, studio.post("api/cancel", Map.of()).statusCode(), "which run to stop must be said");
        assertEquals("running", state("blob"));
        long t0 = System.nanoTime();
        assertTrue(StudioFixture.json(studio.post("api/cancel", Map.of("run", run))).get("canceled").asBoolean());
        studio.server.runs().await(10_000);
        assertTrue(System.nanoTime() - t0 < 5e9, "cancel took too long");
        assertEquals("canceled", state("blob"));
        assertFalse(Files.exists(studio.workspace.resolve("studio-e2e.out/blob")));
    }

    private String state(String node) {
        try {
            JsonNode s = StudioFixture.json(studio.get("api/run")).get("states").get(node);
            return s == null ? null : s.get("state").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void copy(Path p, Path from, Path to) {
        try {
            Path dst = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(dst);
            } else {
                Files.copy(p, dst);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long t0 = System.nanoTime();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() - t0 > 10e9) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

package org.emflow.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session token on every route, as Jupyter Server does it: without it (or with a wrong one) nothing is
 * served, the page and its assets included; the printed address trades it for an HttpOnly, SameSite=Strict
 * cookie; no response reveals it. Node settings that name files are confined to the workspace and the allowed
 * folders, problems never echo a file, and errors reveal no exception type or absolute path.
 */
class StudioAuthTest {
    @TempDir
    static Path tmp;
    static StudioFixture studio;
    static Path allowedData;

    /** Every route of StudioServer, as a GET or a POST with a harmless body. */
    static final List<String> GETS = List.of("", "index.html", "assets/index.js", "api/session", "api/nodes", "api/port-types",
            "api/icons/test-source.png", "api/files?dir=", "api/file?path=studio-e2e.ini", "api/workflow?path=studio-e2e.ini", "api/run",
            "api/events", "api/results/blob", "api/results/blob/volume/z.png",
            "api/results/blob/volume/rows?offset=0&limit=10&sort=rlnAngleTilt&desc=1");
    static final List<String> POSTS = List.of("api/workflow", "api/validate", "api/run", "api/cancel");

    @BeforeAll
    static void start() throws Exception {
        allowedData = Files.createDirectories(tmp.resolve("data"));
        studio = new StudioFixture(tmp, List.of(allowedData));
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    String token() {
        return studio.server.token().value();
    }

    String cookie() {
        return SessionToken.cookieName(studio.server.port()) + "=" + token();
    }

    @Test
    void withoutOrWithAWrongTokenNoRouteAnswers() throws Exception {
        for (String g : GETS) {
            for (String[] h : new String[][] {{}, {SessionToken.HEADER, "0".repeat(48)},
                    {"Cookie", SessionToken.cookieName(studio.server.port()) + "=" + "f".repeat(48)}}) {
                HttpResponse<String> r = studio.send("GET", g, null, h);
                assertEquals(403, r.statusCode(), "GET /" + g + " with " + List.of(h));
                assertFalse(r.body().contains(token()), g);
                assertFalse(r.body().contains("studio-e2e"), "nothing of the workspace in " + g);
            }
            assertEquals(403, studio.send("GET", g + (g.contains("?") ? "&" : "?") + "token=wrong", null).statusCode(), g);
        }
        for (String p : POSTS) {
            HttpResponse<String> r = studio.send("POST", p, "{}", "Content-Type", "application/json");
            assertEquals(403, r.statusCode(), p);
        }
        HttpResponse<String> page = studio.send("GET", "", null);
        assertTrue(page.body().contains("printed in its console"), page.body());
    }

    @Test
    void thePrintedAddressSetsAnHttpOnlyStrictCookieAndDropsTheTokenFromTheAddress() throws Exception {
        assertTrue(studio.server.loginUrl().endsWith("/?token=" + token()));
        HttpResponse<String> r = studio.send("GET", "?token=" + token(), null);
        assertEquals(303, r.statusCode());
        assertEquals("/", r.headers().firstValue("Location").orElse(""));
        String set = r.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(set.startsWith(cookie() + ";"), set);
        assertTrue(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/"), set);
        assertFalse(r.body().contains(token()));
    }

    @Test
    void theCookieOpensEveryGetRouteAndNoResponseRevealsTheToken() throws Exception {
        for (String g : GETS) {
            if (g.equals("api/events")) {
                continue; // a stream that stays open; checked through the header below
            }
            HttpResponse<String> r = studio.send("GET", g, null, "Cookie", cookie());
            assertTrue(r.statusCode() != 403, g + " -> " + r.statusCode() + " " + r.body());
            assertFalse(r.body().contains(token()), g);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), g);
        }
    }

    @Test
    void aCookieAuthenticatedPostMustBeJsonFromThePagesOwnOrigin() throws Exception {
        String origin = "http://127.0.0.1:" + studio.server.port();
        assertEquals(200, studio.send("POST", "api/cancel", "{\"run\": 0}", "Cookie", cookie(), "Content-Type", "application/json").statusCode());
        assertEquals(200, studio.send("POST", "api/cancel", "{\"run\": 0}", "Cookie", cookie(), "Content-Type", "application/json",
                "Origin", origin).statusCode());
        assertEquals(403, studio.send("POST", "api/cancel", "{\"run\": 0}", "Cookie", cookie(), "Content-Type", "application/json",
                "Origin", "http://evil.example").statusCode());
        assertEquals(403, studio.send("POST", "api/cancel", "{\"run\": 0}", "Cookie", cookie(), "Content-Type", "text/plain").statusCode(),
                "what a cross-site form could send");
        assertEquals(200, studio.send("POST", "api/cancel", "{\"run\": 0}", SessionToken.HEADER, token()).statusCode(), "a script with the header");
    }

    private JsonNode validate(String type, String key, String value) throws Exception {
        Map<String, Object> node = Map.of("id", "n", "type", type, "x", 0, "y", 0, "settings", Map.of(key, value), "inputs", Map.of());
        Map<String, Object> wf = Map.of("name", "t", "description", "", "variables", Map.of(), "nodes", List.of(node));
        HttpResponse<String> r = studio.post("api/validate", Map.of("path", "", "workflow", wf));
        assertEquals(200, r.statusCode(), r.body());
        return StudioFixture.json(r);
    }

    @Test
    void nodeSettingsNamingFilesOutsideTheWorkspaceAreRefusedBeforeAnythingReadsThem() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/etc/passwd")), "needs /etc/passwd");
        String passwd = Files.readAllLines(Path.of("/etc/passwd")).get(0);
        for (String[] c : new String[][] {{"focal-series-reconstruct", "prm", "/etc/passwd"}, {"read-star", "file", "/etc/passwd"},
                {"read-volume", "file", "/etc/passwd"}, {"read-star", "file", "../../../../../etc/passwd"}}) {
            JsonNode v = validate(c[0], c[1], c[2]);
            assertFalse(v.path("ok").asBoolean(), v.toString());
            assertTrue(v.toString().contains("outside the workspace"), v.toString());
            assertFalse(v.toString().contains(passwd.substring(0, Math.min(8, passwd.length()))), "no line of /etc/passwd: " + v);
            assertFalse(v.toString().matches("(?s).*\\b\\d{3,} bytes.*"), "no file size: " + v);
        }
        // A file in a folder allowed at start (--allow) is read as usual: its problem is about its content.
        Files.writeString(allowedData.resolve("x.star"), "not a star file\n");
        JsonNode ok = validate("read-star", "file", allowedData.resolve("x.star").toString());
        assertFalse(ok.toString().contains("outside the workspace"), ok.toString());
    }

    @Test
    void aProblemQuotesAShortEscapedExcerptOfTheOffendingLineOnly() throws Exception {
        StringBuilder junk = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            junk.append("secret-line-").append(i).append("-").append("x".repeat(80)).append('\n');
        }
        Files.writeString(studio.workspace.resolve("junk.fsr"), junk.toString());
        JsonNode v = validate("focal-series-reconstruct", "prm", "junk.fsr");
        String text = v.toString();
        assertTrue(text.contains("secret-line-0"), text);
        assertFalse(text.contains("secret-line-10-"), "at most the first few problems: " + text);
        assertFalse(text.contains("x".repeat(60)), "excerpts are short: " + text);
        assertTrue(text.contains("and 195 more"), text);
        assertFalse(text.contains(studio.workspace.toString()), "no absolute path: " + text);
    }

    @Test
    void theSessionAndErrorsRevealNoAbsolutePathOrExceptionType() throws Exception {
        JsonNode session = StudioFixture.json(studio.get("api/session"));
        assertEquals("ws", session.path("workspace").asText());
        HttpResponse<String> missing = studio.get("api/file?path=nothing-here.txt");
        assertEquals(404, missing.statusCode());
        assertFalse(missing.body().contains(tmp.toString()), missing.body());
        // A body the server cannot use: whatever breaks inside, the answer names no class and no path.
        HttpResponse<String> broken = studio.post("api/validate", Map.of("workflow", Map.of("nodes", "not-a-list")));
        assertFalse(broken.body().contains("Exception"), broken.body());
        assertFalse(broken.body().contains(tmp.toString()), broken.body());
        assertFalse(broken.body().contains("org.emflow"), broken.body());
    }

    /**
     * Another user of the machine reaches the port but not the console: without the token every route is refused.
     * Needs root (to create the user) and runuser; skips otherwise.
     */
    @Test
    void anotherUserOfTheMachineCannotReadThePageOrTheApi() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "creating a second OS user needs root");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs useradd and runuser");
        String user = "emflow-other";
        if (run("id", "-u", user).exitValue() != 0) {
            assertEquals(0, run("/usr/sbin/useradd", "--system", "--no-create-home", "--shell", "/bin/bash", user).exitValue());
        }
        int port = studio.server.port();
        for (String route : List.of("/", "/api/session", "/api/files?dir=", "/api/file?path=studio-e2e.ini", "/api/events")) {
            String script = "exec 3<>/dev/tcp/127.0.0.1/" + port + "; printf 'GET " + route + " HTTP/1.0\\r\\nHost: 127.0.0.1:" + port
                    + "\\r\\n\\r\\n' >&3; cat <&3";
            Process p = run("/usr/sbin/runuser", "-u", user, "--", "bash", "-c", script);
            String answer = new String(p.getInputStream().readAllBytes());
            assertTrue(answer.startsWith("HTTP/1.1 403") || answer.startsWith("HTTP/1.0 403"), route + ":\n" + answer);
            assertFalse(answer.contains(token()), route);
            assertFalse(answer.contains("studio-e2e"), route);
        }
    }

    private static Process run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return p;
    }
}

package org.emflow.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No endpoint reads or writes outside the workspace; mutating requests need the session token; foreign Host headers are refused. */
class StudioSecurityTest {
    @TempDir
    static Path tmp;
    static StudioFixture studio;
    static Path secret;

    @BeforeAll
    static void start() throws Exception {
        studio = new StudioFixture(tmp);
        secret = tmp.resolve("secret.ini");
        Files.writeString(secret, "[workflow]\nname = secret\nformat = 1\n");
    }

    @AfterAll
    static void stop() {
        studio.close();
    }

    private Map<String, Object> saveBody(String path) throws Exception {
        return Map.of("path", path, "workflow", studio.workflow("studio-e2e.ini"), "overwrite", true);
    }

    @Test
    void postWithoutOrWithWrongTokenIsRefusedAndWritesNothing() throws Exception {
        HttpResponse<String> none = studio.post("api/workflow", saveBody("stolen.ini"), null);
        HttpResponse<String> wrong = studio.post("api/workflow", saveBody("stolen.ini"), "0".repeat(48));
        HttpResponse<String> run = studio.post("api/run", Map.of("workflow", studio.workflow("studio-e2e.ini")), null);
        HttpResponse<String> cancel = studio.post("api/cancel", Map.of(), "nope");
        assertEquals(403, none.statusCode());
        assertEquals(403, wrong.statusCode());
        assertEquals(403, run.statusCode());
        assertEquals(403, cancel.statusCode());
        assertTrue(none.body().contains("token"), none.body());
        assertFalse(Files.exists(studio.workspace.resolve("stolen.ini")));
        assertFalse(Files.exists(studio.workspace.resolve("studio-e2e.out")));
        assertEquals(200, studio.post("api/workflow", saveBody("allowed.ini")).statusCode());
        assertTrue(Files.exists(studio.workspace.resolve("allowed.ini")));
    }

    @Test
    void readsOutsideTheWorkspaceAreRefused() throws Exception {
        for (String q : new String[] {
                "api/file?path=../secret.ini", "api/file?path=" + secret.toAbsolutePath(), "api/file?path=%2e%2e/secret.ini",
                "api/file?path=sub/../../secret.ini", "api/file?path=..%5csecret.ini", "api/file?path=/etc/passwd",
                "api/files?dir=..", "api/files?dir=/", "api/files?dir=" + tmp.toAbsolutePath(),
                "api/workflow?path=../secret.ini", "api/workflow?path=" + secret.toAbsolutePath(),
                "api/results/blob?path=../secret.ini", "api/results/blob/volume/rows?path=../secret.ini"}) {
            HttpResponse<String> r = studio.get(q);
            assertEquals(403, r.statusCode(), q + " -> " + r.body());
            assertFalse(r.body().contains("name = secret"), q);
        }
    }

    @Test
    void writesOutsideTheWorkspaceAreRefused() throws Exception {
        for (String p : new String[] {"../escaped.ini", tmp.resolve("escaped.ini").toAbsolutePath().toString(), "sub/../../escaped.ini",
                "..\\escaped.ini"}) {
            HttpResponse<String> r = studio.post("api/workflow", saveBody(p));
            assertEquals(403, r.statusCode(), p + " -> " + r.body());
        }
        HttpResponse<String> run = studio.post("api/run", Map.of("path", "../escaped.ini", "workflow", studio.workflow("studio-e2e.ini")));
        assertEquals(403, run.statusCode(), run.body());
        assertFalse(Files.exists(tmp.resolve("escaped.ini")));
        assertFalse(Files.exists(tmp.resolve("escaped.out")));
    }

    @Test
    void savingAnythingButAnIniFileIsRefused() throws Exception {
        HttpResponse<String> r = studio.post("api/workflow", saveBody("evil.sh"));
        assertEquals(400, r.statusCode(), r.body());
        assertFalse(Files.exists(studio.workspace.resolve("evil.sh")));
    }

    @Test
    void aLinkLeadingOutOfTheWorkspaceIsRefused() throws Exception {
        Path link = studio.workspace.resolve("link");
        Files.createSymbolicLink(link, tmp);
        assertEquals(403, studio.get("api/file?path=link/secret.ini").statusCode());
        assertEquals(403, studio.get("api/files?dir=link").statusCode());
        assertEquals(403, studio.post("api/workflow", saveBody("link/planted.ini")).statusCode());
        assertFalse(Files.exists(tmp.resolve("planted.ini")));
    }

    @Test
    void aForeignHostHeaderIsRefused() throws Exception {
        // What a DNS-rebinding page would send: the studio's address under another name.
        try (Socket s = new Socket("127.0.0.1", studio.server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/session HTTP/1.1\r\nHost: attacker.example:" + studio.server.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertTrue(status.contains(" 403"), status);
        }
        assertEquals(200, studio.get("api/session").statusCode());
    }

    @Test
    void gitAndOtherHiddenFoldersCanBeNeitherReadNorWritten() throws Exception {
        Files.createDirectories(studio.workspace.resolve(".git/hooks"));
        Files.writeString(studio.workspace.resolve(".git/config"), "[core]\n");
        for (String q : new String[] {"api/file?path=.git/config", "api/files?dir=.git", "api/workflow?path=.git/x.ini",
                "api/file?path=sub/../.git/config"}) {
            assertEquals(403, studio.get(q).statusCode(), q);
        }
        HttpResponse<String> save = studio.post("api/workflow", saveBody(".git/hooks/x.ini"));
        assertEquals(403, save.statusCode(), save.body());
        assertFalse(Files.exists(studio.workspace.resolve(".git/hooks/x.ini")));
        Files.createSymbolicLink(studio.workspace.resolve("git-link"), studio.workspace.resolve(".git"));
        assertEquals(403, studio.get("api/file?path=git-link/config").statusCode(), "a link to a hidden folder");
    }

    @Test
    void aRunFolderThatIsALinkOutOfTheWorkspaceIsRefused() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside-run"));
        Files.copy(studio.workspace.resolve("studio-e2e.ini"), studio.workspace.resolve("linked.ini"));
        Files.createSymbolicLink(studio.workspace.resolve("linked.out"), outside);
        HttpResponse<String> run = studio.post("api/run", Map.of("path", "linked.ini", "workflow", studio.workflow("linked.ini")));
        assertEquals(403, run.statusCode(), run.body());
        try (var s = Files.list(outside)) {
            assertEquals(0, s.count(), "nothing written through the link");
        }
    }

    @Test
    void workspaceFilesAreServedSandboxed() throws Exception {
        Files.writeString(studio.workspace.resolve("plot.svg"), "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
        HttpResponse<String> r = studio.get("api/file?path=plot.svg");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").startsWith("sandbox"), r.headers().toString());
    }

    @Test
    void thePageDoesNotCarryTheSessionToken() throws Exception {
        HttpResponse<String> page = studio.get("");
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains(studio.server.token().value()), "the token reaches the page only as an HttpOnly cookie");
    }
}

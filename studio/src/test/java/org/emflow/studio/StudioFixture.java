package org.emflow.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.sdk.NodeRegistry;

/** A studio on a scratch workspace (holding studio-e2e.ini) with the test nodes, and an HTTP client for it. */
final class StudioFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final Path workspace;
    final StudioServer server;
    final HttpClient http = HttpClient.newHttpClient();

    StudioFixture(Path dir) throws IOException {
        this(dir, java.util.List.of());
    }

    /** @param allowed folders node settings may name besides the workspace ({@code --allow}) */
    StudioFixture(Path dir, java.util.List<Path> allowed) throws IOException {
        this.workspace = dir.resolve("ws");
        Files.createDirectories(workspace);
        copyResource("/e2e/studio-e2e.ini", workspace.resolve("studio-e2e.ini"));
        System.setProperty("java.awt.headless", "true");
        this.server = new StudioServer(NodeRegistry.discover(), new Workspace(workspace, allowed), "studio-e2e.ini", "127.0.0.1", 2).start(0);
    }

    static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = StudioFixture.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }

    URI uri(String path) {
        return URI.create(server.url() + path);
    }

    /** A GET with the session token in the header, as a script sends it. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return exchange(authorised(HttpRequest.newBuilder(uri(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String path) throws IOException, InterruptedException {
        return exchange(authorised(HttpRequest.newBuilder(uri(path))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request with only the given headers (name, value, name, value, ...): no token unless one of them carries it. */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return exchange(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a request, once more when the pooled keep-alive connection turned out closed before any byte came back
     * (the JDK client's "header parser received no bytes": the request never reached the server, so repeating it is
     * safe); seen on a loaded machine.
     */
    <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            return http.send(request, handler);
        }
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder b) {
        return b.header(SessionToken.HEADER, server.token().value());
    }

    HttpResponse<String> post(String path, Object body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header(SessionToken.HEADER, token);
        }
        return exchange(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        return post(path, body, server.token().value());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** The workflow JSON of a file in the workspace, as the page gets it. */
    JsonNode workflow(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get("api/workflow?path=" + path);
        if (r.statusCode() != 200) {
            throw new AssertionError("open " + path + ": " + r.statusCode() + " " + r.body());
        }
        return json(r).get("workflow");
    }

    @Override
    public void close() {
        server.close();
    }
}

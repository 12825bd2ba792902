package org.emflow.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeRegistry;
import org.emflow.studio.preview.Previews;
import org.emflow.workflow.Problem;
import org.emflow.workflow.RunOptions;
import org.emflow.workflow.Workflow;
import org.emflow.workflow.WorkflowCompiler;
import org.emflow.workflow.WorkflowException;
import org.emflow.workflow.WorkflowFile;

/**
 * The studio's HTTP server: the page (from the jar) and a small JSON API over the node registry,
 * {@link WorkflowFile}, {@link WorkflowCompiler} and the runner. Listens on 127.0.0.1 by default,
 * answers only requests addressed to its own host name (no DNS rebinding), requires the session
 * token ({@link SessionToken}: cookie, header or the printed address) on every route, the page and
 * its assets included, and reads or writes files only inside the {@link Workspace} (node settings
 * may also name the folders allowed at start). Responses name workspace files by their relative
 * paths and never carry an exception's type or stack.
 *
 * <p>API (all paths relative to the workspace):
 * <pre>
 * GET  /api/session                 workspace, initial file
 * GET  /api/nodes, /api/port-types   palette
 * GET  /api/icons/ID.png            node icon
 * GET  /api/files?dir=D             folder listing (file picker)
 * GET  /api/file?path=P             a file's bytes (pictures a node wrote)
 * GET  /api/workflow?path=P         open: INI file -> workflow JSON
 * POST /api/workflow                save: {path, workflow, overwrite} -> INI file
 * POST /api/workflow/text          {path, workflow} -> {text}: the INI file, for a download (nothing is written)
 * POST /api/workflow/parse         {name, text} -> {workflow, problems}: an uploaded INI file, read as unsaved
 * POST /api/validate                {path, workflow} -> problems (compiler and configure)
 * POST /api/run                     {path, workflow, targets, executor: local|slurm} -> starts a run
 * POST /api/cancel                  {run} cancels that run (if it is the one going on)
 * GET  /api/run                     state snapshot
 * GET  /api/events                  server-sent events: run-started, state, progress, log, run-finished
 * GET  /api/results/NODE            outputs with previews, log
 * GET  /api/results/NODE/PORT/IMG.png  a preview image
 * GET  /api/results/NODE/PORT/rows?offset=&amp;limit=&amp;sort=COLUMN&amp;desc=1  a page of a stored particle table
 * </pre>
 */
public final class StudioServer implements AutoCloseable {
    private final NodeRegistry registry;
    private final Workspace workspace;
    private final SessionToken token = new SessionToken();
    private final ObjectMapper json = new ObjectMapper();
    private final EventHub events = new EventHub();
    private final NodeCatalog catalog;
    private final WorkflowJson workflowJson;
    private final RunManager runs;
    private final ResultService results;
    private final String initialFile;
    private final String host;
    private Javalin app;

    /**
     * @param initialFile workspace-relative workflow to open first, or null
     * @param host        address to listen on (127.0.0.1 unless the user asks otherwise)
     */
    public StudioServer(NodeRegistry registry, Workspace workspace, String initialFile, String host, int threads) {
        this.registry = registry;
        this.workspace = workspace;
        this.initialFile = initialFile;
        this.host = host;
        this.catalog = new NodeCatalog(registry, json);
        this.workflowJson = new WorkflowJson(json);
        this.runs = new RunManager(registry, workspace::refusal, events, json, threads);
        this.results = new ResultService(registry, workspace, runs, new Previews(), json);
    }

    public SessionToken token() {
        return token;
    }

    public RunManager runs() {
        return runs;
    }

    /** Starts listening; {@code port} 0 picks a free port. */
    public StudioServer start(int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.before(this::checkHostAndToken);
            config.routes.exception(Workspace.OutsideException.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
            config.routes.exception(WorkflowException.class, (e, ctx) -> problems(ctx.status(422), e));
            config.routes.exception(BadInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            config.routes.exception(FileAlreadyExistsException.class, (e, ctx) -> error(ctx, 409, e.getFile() + " exists"));
            config.routes.exception(NoSuchFileException.class, (e, ctx) -> error(ctx, 404, "no such file: " + e.getFile()));
            config.routes.exception(RunManager.BusyException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
            config.routes.get("/", this::index);
            config.routes.get("/index.html", this::index);
            config.routes.get("/assets/{file}", this::asset);
            config.routes.get("/api/session", this::session);
            config.routes.get("/api/nodes", ctx -> send(ctx, catalog.nodes()));
            config.routes.get("/api/port-types", ctx -> send(ctx, catalog.portTypes()));
            config.routes.get("/api/icons/{icon}", this::icon);
            config.routes.get("/api/files", this::files);
            config.routes.get("/api/file", this::file);
            config.routes.get("/api/workflow", this::openWorkflow);
            config.routes.post("/api/workflow", this::saveWorkflow);
            config.routes.post("/api/workflow/text", this::workflowText);
            config.routes.post("/api/workflow/parse", this::parseWorkflow);
            config.routes.post("/api/validate", this::validate);
            config.routes.post("/api/run", this::run);
            config.routes.post("/api/cancel", this::cancel);
            config.routes.get("/api/run", ctx -> send(ctx, runs.snapshot()));
            config.routes.get("/api/results/{node}", this::nodeResults);
            config.routes.get("/api/results/{node}/{port}/rows", this::resultRows);
            config.routes.get("/api/results/{node}/{port}/{image}", this::resultImage);
            config.routes.sse("/api/events", client -> {
                client.keepAlive();
                client.sendComment("emflow studio events");
                events.add(client);
            });
        });
        app.start();
        return this;
    }

    /** Pages listening to run events. */
    public int eventStreams() {
        return events.size();
    }

    public int port() {
        return app.port();
    }

    /** The address to open in a browser. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        if (host.equals("0.0.0.0")) {
            h = "127.0.0.1";
        }
        return "http://" + h + ":" + port() + "/";
    }

    /** The address with the session token, which the console prints: the first visit exchanges it for a cookie. */
    public String loginUrl() {
        return url() + "?" + SessionToken.QUERY + "=" + token.value();
    }

    @Override
    public void close() {
        runs.cancel(runs.runNumber()); // whatever runs: the studio stops
        events.closeAll();
        if (app != null) {
            app.stop();
        }
    }

    // ---- security ----

    private void checkHostAndToken(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        String h = ctx.header("Host");
        if (h == null || !allowedHost(h)) {
            error(ctx, 403, "unexpected Host header '" + h + "'; open the address the studio printed");
            ctx.skipRemainingHandlers();
            return;
        }
        boolean byHeader = token.matches(ctx.header(SessionToken.HEADER));
        boolean byCookie = token.matches(ctx.cookie(SessionToken.cookieName(port())));
        boolean byQuery = token.matches(ctx.queryParam(SessionToken.QUERY));
        if (!byHeader && !byCookie && !byQuery) {
            refuse(ctx, "this emflow studio needs its session token: open the address (with ?token=...) that `emflow studio` "
                    + "printed in its console");
            return;
        }
        if (byQuery) {
            ctx.header("Set-Cookie", SessionToken.cookieName(port()) + "=" + token.value() + "; Path=/; HttpOnly; SameSite=Strict");
            if (ctx.method() == HandlerType.GET && isPage(ctx.path())) {
                // Take the token out of the address bar and the history; the cookie carries it from now on.
                ctx.status(303).header("Location", ctx.path()).header("Cache-Control", "no-store").result("");
                ctx.skipRemainingHandlers();
                return;
            }
        }
        boolean mutating = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD && ctx.method() != HandlerType.OPTIONS;
        if (mutating && !byHeader) {
            // The cookie alone: only the page itself may post. A form on another site can send neither a JSON body
            // nor (SameSite=Strict) the cookie; a foreign Origin is refused in any case.
            String origin = ctx.header("Origin");
            String type = ctx.header("Content-Type");
            if (origin != null && !origin.equalsIgnoreCase("http://" + h)) {
                refuse(ctx, "request from another origin (" + origin + ") refused");
            } else if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                refuse(ctx, "requests to the studio's API are JSON (Content-Type: application/json)");
            }
        }
    }

    private static boolean isPage(String path) {
        return path.equals("/") || path.equals("/index.html");
    }

    private void refuse(Context ctx, String message) {
        if (isPage(ctx.path())) {
            ctx.status(403).header("Cache-Control", "no-store").contentType("text/plain; charset=utf-8")
                    .result("emflow studio: " + message + ".\n");
        } else {
            error(ctx, 403, message);
        }
        ctx.skipRemainingHandlers();
    }

    /** An unexpected failure: the details go to the studio's console, the page gets no type, path or stack. */
    private void internalError(Context ctx, Exception e) {
        System.err.println("emflow studio: internal error on " + ctx.method() + " " + ctx.path());
        e.printStackTrace();
        error(ctx, 500, "internal error (the studio's console has the details)");
    }

    private boolean allowedHost(String hostHeader) {
        String name = hostHeader.toLowerCase(Locale.ROOT);
        String suffix = ":" + port();
        if (!name.endsWith(suffix)) {
            return false;
        }
        name = name.substring(0, name.length() - suffix.length());
        return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]")
                || (!isLoopback(host) && name.equals(host.toLowerCase(Locale.ROOT)));
    }

    private static boolean isLoopback(String h) {
        return h.equals("127.0.0.1") || h.equals("localhost") || h.equals("::1");
    }

    // ---- page ----

    private void index(Context ctx) throws IOException {
        try (InputStream in = StudioServer.class.getResourceAsStream("/studio-web/index.html")) {
            if (in == null) {
                ctx.status(500).contentType("text/plain")
                        .result("The studio page is missing from this build (built with -Dstudio.skipWeb?). Rebuild with mvn package.");
                return;
            }
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
            ctx.contentType("text/html; charset=utf-8").result(html);
        }
    }

    private void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        if (!file.matches("[A-Za-z0-9_.-]+") || file.startsWith(".")) {
            ctx.status(404);
            return;
        }
        try (InputStream in = StudioServer.class.getResourceAsStream("/studio-web/assets/" + file)) {
            if (in == null) {
                ctx.status(404);
                return;
            }
            ctx.header("Cache-Control", "max-age=31536000, immutable");
            ctx.contentType(contentType(file)).result(in.readAllBytes());
        }
    }

    private static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".js") || n.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        }
        if (n.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (n.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".gif")) {
            return "image/gif";
        }
        if (n.endsWith(".webp")) {
            return "image/webp";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        if (n.endsWith(".txt") || n.endsWith(".log") || n.endsWith(".star") || n.endsWith(".csv") || n.endsWith(".ini")
                || n.endsWith(".md") || n.endsWith(".tsv")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    // ---- API ----

    private void session(Context ctx) {
        ObjectNode o = json.createObjectNode();
        // The folder's name only: the page has no use for where it lies on the machine.
        o.put("workspace", workspace.name());
        o.put("file", initialFile);
        String v = StudioServer.class.getPackage().getImplementationVersion();
        o.put("version", v == null ? "development build" : v);
        send(ctx, o);
    }

    private void icon(Context ctx) throws IOException {
        String name = ctx.pathParam("icon");
        byte[] png = name.endsWith(".png") ? catalog.icon(name.substring(0, name.length() - 4)) : null;
        if (png == null) {
            ctx.status(404);
            return;
        }
        ctx.header("Cache-Control", "max-age=3600");
        ctx.contentType("image/png").result(png);
    }

    private void files(Context ctx) throws IOException {
        String dir = ctx.queryParam("dir");
        ArrayNode list = json.createArrayNode();
        for (Workspace.Entry e : workspace.list(dir == null ? "" : dir)) {
            ObjectNode o = list.addObject();
            o.put("name", e.name());
            o.put("path", e.path());
            o.put("directory", e.directory());
            o.put("size", e.size());
        }
        ObjectNode o = json.createObjectNode();
        o.put("dir", dir == null || dir.isBlank() ? "" : workspace.relativize(workspace.resolve(dir)));
        o.set("entries", list);
        send(ctx, o);
    }

    private void file(Context ctx) throws IOException {
        Path p = workspace.resolve(ctx.queryParam("path"));
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(ctx.queryParam("path"));
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        // A workspace file opened on its own (an SVG, say) must not run script with the studio's origin.
        ctx.header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'");
        ctx.contentType(contentType(p.getFileName().toString())).result(Files.newInputStream(p));
    }

    private void openWorkflow(Context ctx) throws IOException {
        String rel = ctx.queryParam("path");
        Path p = workspace.resolve(rel);
        Workflow w = WorkflowFile.load(p);
        ObjectNode o = json.createObjectNode();
        o.put("path", workspace.relativize(p));
        o.set("workflow", workflowJson.toJson(w));
        o.set("problems", problemList(w.loadProblems()));
        send(ctx, o);
    }

    private void saveWorkflow(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String rel = body.path("path").asText("");
        if (!rel.endsWith(".ini")) {
            throw new BadInputException("workflow files end in .ini: '" + rel + "'");
        }
        Path p = workspace.resolve(rel);
        Workflow w = workflowJson.fromJson(body.get("workflow"), p.getParent());
        Files.createDirectories(p.getParent());
        WorkflowFile.save(w, p, body.path("overwrite").asBoolean(false));
        ObjectNode o = json.createObjectNode();
        o.put("path", workspace.relativize(p));
        o.put("text", WorkflowFile.format(w));
        send(ctx, o);
    }

    /** The INI text of a workflow, for the page to download (a workflow file outside the workspace). */
    private void workflowText(Context ctx) throws IOException {
        send(ctx, json.createObjectNode().put("text", WorkflowFile.format(workflowOf(body(ctx)))));
    }

    /**
     * An uploaded workflow file read as an unsaved workflow: relative paths resolve against the workspace, and the
     * same checks as for a file in it apply (text, size, settings confined to the workspace when it runs).
     */
    private void parseWorkflow(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        String name = body.path("name").asText("uploaded.ini");
        String text = org.emflow.compute.util.TextInput.decode(body.path("text").asText("").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                name, "workflow file");
        Workflow w = WorkflowFile.parse(text, workspace.root(), name);
        ObjectNode o = json.createObjectNode();
        o.set("workflow", workflowJson.toJson(w));
        o.set("problems", problemList(w.loadProblems()));
        send(ctx, o);
    }

    /** The workflow of a request, with relative paths resolving against the folder of its file (or the workspace). */
    private Workflow workflowOf(JsonNode body) {
        String rel = body.path("path").asText("");
        Path base = rel.isEmpty() ? workspace.root() : workspace.resolve(rel).getParent();
        return workflowJson.fromJson(body.get("workflow"), base);
    }

    private void validate(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        Workflow w = workflowOf(body);
        ObjectNode o = json.createObjectNode();
        try {
            compiler().compile(w, Map.of());
            o.put("ok", true);
            o.putArray("problems");
        } catch (WorkflowException e) {
            o.put("ok", false);
            o.set("problems", problemList(e.problems()));
        }
        send(ctx, o);
    }

    private void run(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        Workflow w = workflowOf(body);
        String rel = body.path("path").asText("");
        Path runDir = rel.isEmpty() ? workspace.resolve("emflow-runs/untitled.out") : RunOptions.defaultRunDir(workspace.resolve(rel));
        workspace.resolve(workspace.relativize(runDir)); // a run folder that is a link out of the workspace is refused
        Set<String> targets = new LinkedHashSet<>();
        body.path("targets").forEach(t -> targets.add(t.asText()));
        results.clear();
        String executor = body.path("executor").asText("local");
        if (!executor.equals("local") && !executor.equals("slurm")) {
            throw new BadInputException("executor must be local or slurm, not '" + executor + "'");
        }
        long id = runs.start(w, rel.isEmpty() ? null : workspace.relativize(workspace.resolve(rel)), runDir, targets, executor.equals("slurm"));
        ObjectNode o = json.createObjectNode();
        o.put("run", id);
        o.put("runDir", workspace.relativize(runDir));
        send(ctx, o);
    }

    /** {run: N} stops run N only: a page's Cancel never stops a run another page started since. */
    private void cancel(Context ctx) throws IOException {
        JsonNode body = body(ctx);
        if (!body.path("run").canConvertToLong()) {
            throw new BadInputException("cancel: give the number of the run to stop ({\"run\": N})");
        }
        send(ctx, json.createObjectNode().put("canceled", runs.cancel(body.path("run").asLong())));
    }

    private void nodeResults(Context ctx) throws IOException {
        ObjectNode r = results.results(ctx.pathParam("node"), ctx.queryParam("path"));
        if (r == null) {
            error(ctx, 404, "no results for node '" + ctx.pathParam("node") + "' yet; run the workflow");
            return;
        }
        send(ctx, r);
    }

    /** A page of a particle table: ?offset=0&limit=100&sort=COLUMN&desc=1 (limit at most ResultService.MAX_PAGE_ROWS). */
    private void resultRows(Context ctx) throws IOException {
        int offset = intParam(ctx, "offset", 0);
        int limit = intParam(ctx, "limit", 100);
        String desc = ctx.queryParam("desc");
        ObjectNode r = results.rows(ctx.pathParam("node"), ctx.pathParam("port"), ctx.queryParam("path"), offset, limit,
                ctx.queryParam("sort"), desc != null && (desc.equals("1") || desc.equalsIgnoreCase("true")));
        if (r == null) {
            error(ctx, 404, "no particle table stored for '" + ctx.pathParam("node") + "." + ctx.pathParam("port") + "' yet; run the workflow");
            return;
        }
        send(ctx, r);
    }

    private static int intParam(Context ctx, String name, int otherwise) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(name + " must be a whole number, not '" + Messages.shorten(v) + "'");
        }
    }

    private void resultImage(Context ctx) throws IOException {
        String name = ctx.pathParam("image");
        byte[] png = name.endsWith(".png") ? results.image(ctx.queryParam("key"), name.substring(0, name.length() - 4)) : null;
        if (png == null) {
            ctx.status(404);
            return;
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("image/png").result(png);
    }

    // ---- helpers ----

    /** Node settings may name files in the workspace and in the folders allowed at start, nothing else. */
    private WorkflowCompiler compiler() {
        return new WorkflowCompiler(registry, workspace::refusal);
    }

    private JsonNode body(Context ctx) throws IOException {
        try {
            return json.readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException("request body is not JSON: " + e.getOriginalMessage());
        }
    }

    private ArrayNode problemList(java.util.List<Problem> problems) {
        ArrayNode a = json.createArrayNode();
        for (Problem p : problems) {
            ObjectNode o = a.addObject();
            o.put("node", p.section());
            o.put("key", p.key());
            if (p.line() != null) {
                o.put("line", p.line());
            }
            o.put("message", workspace.scrub(Messages.shorten(p.message())));
        }
        return a;
    }

    private void problems(Context ctx, WorkflowException e) {
        ObjectNode o = json.createObjectNode();
        o.put("error", workspace.scrub(Messages.shorten(e.getMessage())));
        o.set("problems", problemList(e.problems()));
        send(ctx, o);
    }

    private void error(Context ctx, int status, String message) {
        ObjectNode o = json.createObjectNode();
        o.put("error", workspace.scrub(Messages.shorten(message)));
        ctx.status(status);
        send(ctx, o);
    }

    private void send(Context ctx, JsonNode body) {
        ctx.contentType("application/json; charset=utf-8").result(body.toString());
    }
}

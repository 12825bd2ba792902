package org.emflow.studio;

import java.awt.Desktop;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.emflow.cli.CliCommand;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.NodeRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code emflow studio [WORKFLOW.ini] [--port N] [--no-browser]}: the browser editor, registered as a {@link CliCommand} service. */
public final class StudioCommand implements CliCommand {
    @Override
    public String name() {
        return "studio";
    }

    @Override
    public CommandLine create(NodeRegistry registry) {
        return new CommandLine(new Studio(registry));
    }

    @Command(name = "studio", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Start the studio: build, run and inspect workflows by drag and drop in the browser.",
                    "A local server on 127.0.0.1 serves the editor; it reads and writes files only inside the workspace "
                            + "(the current folder unless --workspace). Stop it with Ctrl-C."})
    static final class Studio implements Callable<Integer> {
        private final NodeRegistry registry;

        @Parameters(paramLabel = "WORKFLOW.ini", arity = "0..1", description = "A workflow file inside the workspace to open.")
        Path workflow;

        @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks a free one).")
        int port = 8765;

        @Option(names = "--no-browser", description = "Only print the address; do not open a browser.")
        boolean noBrowser;

        @Option(names = "--workspace", paramLabel = "DIR", description = "The folder the studio may read and write (default: the current folder).")
        Path workspaceDir;

        @Option(names = "--host", paramLabel = "ADDR", description = {"Address to listen on (default ${DEFAULT-VALUE}: this computer only).",
                "Another address (0.0.0.0: every interface) lets other machines reach the port; the token is still required, "
                        + "but it travels unencrypted: prefer an SSH tunnel (ssh -L 8765:127.0.0.1:8765 HOST)."})
        String host = "127.0.0.1";

        @Option(names = "--allow", paramLabel = "DIR", description = {"A further folder that node settings may name (read-only data "
                + "outside the workspace, e.g. --allow ../shared/data). Repeatable.",
                "Without it the studio's nodes use files inside the workspace only."})
        java.util.List<Path> allow = new java.util.ArrayList<>();

        @Option(names = "--threads", paramLabel = "N", description = "Threads shared by the nodes of a run (default: all cores, ${DEFAULT-VALUE}).")
        int threads = Runtime.getRuntime().availableProcessors();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Studio(NodeRegistry registry) {
            this.registry = registry;
        }

        @Override
        public Integer call() throws Exception {
            if (port < 0 || port > 65535) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535");
            }
            if (threads < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
            }
            for (Path a : allow) {
                if (!Files.isDirectory(a)) {
                    throw new BadInputException("--allow " + a + ": not a folder");
                }
            }
            Workspace ws = new Workspace(workspaceDir != null ? workspaceDir : Path.of("").toAbsolutePath(), allow);
            String initial = null;
            if (workflow != null) {
                Path f = workflow.toAbsolutePath().normalize();
                if (!Files.isRegularFile(f)) {
                    throw new BadInputException("workflow file not found: " + workflow);
                }
                if (!f.toRealPath().startsWith(ws.root())) {
                    throw new BadInputException(workflow + " lies outside the workspace " + ws.root()
                            + "; start the studio in a folder that contains it (or use --workspace)");
                }
                initial = ws.relativize(f.toRealPath());
            }
            System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
            StudioServer server;
            try {
                server = new StudioServer(registry, ws, initial, host, threads).start(port);
            } catch (RuntimeException e) {
                throw new BadInputException("cannot listen on " + host + ":" + port + " (" + rootMessage(e)
                        + "); is another studio running? Try --port 0 for a free port");
            }
            String url = server.loginUrl() + (initial == null ? "" : "#file=" + initial);
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            if (!isLoopback(host)) {
                err.println("emflow studio: WARNING: listening on " + host + (host.equals("0.0.0.0") || host.equals("::") ? " (every network interface)" : "")
                        + ": other machines can reach this port. The token below is still required, but plain http sends it "
                        + "unencrypted; an SSH tunnel to 127.0.0.1 is safer.");
                err.flush();
            }
            out.println("emflow studio: " + url);
            out.println("Workspace: " + ws.root() + (ws.allowed().isEmpty() ? "" : "   allowed: " + ws.allowed()) + "   (Ctrl-C to stop)");
            out.println("The address carries this session's token: share it with no one.");
            out.flush();
            if (!noBrowser) {
                openBrowser(url, err);
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stop.countDown();
            }, "emflow-studio-stop"));
            stop.await();
            return 0;
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.toString() : t.getMessage();
        }

        private static boolean isLoopback(String h) {
            return h.equals("127.0.0.1") || h.equals("localhost") || h.equals("::1");
        }

        /**
         * Opens the address through a redirect page in a folder only this user can read (as Jupyter does), so the token
         * does not appear on a command line that other users of the machine can list with ps.
         */
        private static void openBrowser(String tokenUrl, java.io.PrintWriter err) {
            String url = tokenUrl;
            try {
                Path dir = Files.createTempDirectory("emflow-studio-"); // 0700
                Path page = dir.resolve("open.html");
                String escaped = tokenUrl.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
                Files.writeString(page, "<!doctype html><meta http-equiv=\"refresh\" content=\"0;url=" + escaped + "\">"
                        + "<p><a href=\"" + escaped + "\">emflow studio</a></p>\n");
                page.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                url = page.toUri().toString();
            } catch (java.io.IOException e) {
                // fall back to the address itself
            }
            try {
                String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
                if (os.contains("mac")) {
                    new ProcessBuilder("open", url).start();
                } else if (os.contains("win")) {
                    new ProcessBuilder("rundll32", "url.dll,FileProtocolHandler", url).start();
                } else if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                    Desktop.getDesktop().browse(URI.create(url));
                } else {
                    new ProcessBuilder("xdg-open", url).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                }
            } catch (Exception e) {
                err.println("emflow studio: could not open a browser (" + e.getMessage() + "); open the address above yourself.");
            }
        }
    }
}

package org.emflow.node;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.emflow.cli.Main;

/** Runs the emflow command line in-process and captures what it prints. */
public final class NodeTestSupport {
    private NodeTestSupport() {
    }

    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    public static Result emflow(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A quiet context for calling a node model directly: output folder {@code folder} (created), checkpoints beside
     * it, threads from {@code pool}, never cancelled, nothing overwritten, in a workflow (not standalone).
     */
    public static org.emflow.sdk.ExecutionContext context(Path folder, java.util.concurrent.ForkJoinPool pool) throws java.io.IOException {
        java.nio.file.Files.createDirectories(folder);
        return new org.emflow.sdk.ExecutionContext(folder, folder.resolveSibling(folder.getFileName() + ".checkpoints"), pool,
                (f, m) -> { }, m -> { }, () -> false, false, false);
    }

    /** The repository's workflows-examples folder (tests run in nodes/). */
    public static Path examples() {
        return Path.of("").toAbsolutePath().getParent().resolve("workflows-examples");
    }
}

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

    /** The repository's workflows-examples folder (tests run in nodes/). */
    public static Path examples() {
        return Path.of("").toAbsolutePath().getParent().resolve("workflows-examples");
    }
}

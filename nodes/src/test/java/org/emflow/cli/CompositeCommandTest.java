package org.emflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.emflow.sdk.NodeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompositeCommandTest {
    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = CompositeCommand.create(NodeRegistry.discover(), "chain", new String[] {"A test chain."},
                List.of(new CompositeCommand.Step("src", "test-source"), new CompositeCommand.Step("sum", "test-sum", Map.of("spin-ms", "0"))),
                List.<String[]>of(new String[] {"sum.a", "src.numbers"}),
                List.of(new CompositeCommand.Product("sum", "sum.csv", ".csv"), new CompositeCommand.Product("src", "numbers.csv", "_src.csv")),
                "OUT.csv", (r, o) -> o.println("sum finished: " + r.node("sum").state().label()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, p) -> Main.report(ex, c.getErr(), false));
        cl.setParameterExceptionHandler((ex, a) -> ExitCodes.BAD_INPUT);
        return cl.execute(args);
    }

    @Test
    void flagsOfAllStepsSetTheirSettingsAndOutputsAreNamedAfterDashO() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path o = dir.resolve("res.csv");
        assertEquals(0, run(out, err, "--value", "2", "--count", "2", "-o", o.toString()), err.toString());
        assertEquals("value\n2.0\n2.0\n", Files.readString(o));
        assertEquals("value\n2.0\n2.0\n", Files.readString(dir.resolve("res_src.csv")));
        assertTrue(out.toString().contains("sum finished: done"), out.toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count(), "only the products, no run folder left behind");
        }
    }

    @Test
    void existingOutputsAreKeptWithoutForceAndFailuresLeaveNothing() throws Exception {
        Path o = dir.resolve("res.csv");
        Files.writeString(o, "mine");
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "-o", o.toString()));
        assertTrue(err.toString().contains("use --force"), err.toString());
        assertEquals("mine", Files.readString(o));
        assertEquals(3, run(new StringWriter(), new StringWriter(), "--fail", "-o", dir.resolve("x.csv").toString()));
        assertFalse(Files.exists(dir.resolve("x.csv")));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "a failed run leaves nothing behind");
        }
        StringWriter badValue = new StringWriter();
        assertEquals(2, run(new StringWriter(), badValue, "--count", "0", "-o", dir.resolve("y.csv").toString()));
        assertTrue(badValue.toString().contains("--count must be at least 1, not 0"), "named by its flag: " + badValue);
        StringWriter unwritable = new StringWriter();
        assertEquals(2, run(new StringWriter(), unwritable, "-o", "/proc/y.csv"));
        assertTrue(unwritable.toString().contains("/proc"), unwritable.toString());
        assertEquals(0, run(new StringWriter(), new StringWriter(), "-o", o.toString(), "--force"));
        assertEquals("value\n1.0\n1.0\n1.0\n", Files.readString(o));
    }
}

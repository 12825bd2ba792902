package org.emflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result emflow(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path workflow(String extra) throws Exception {
        Path f = dir.resolve("w.ini");
        Files.writeString(f, """
                [workflow]
                name = cli test
                var.v = 2
                [a]
                type = test-source
                value = ${v}
                [sum]
                type = test-sum
                in.a = a.numbers
                """ + extra);
        return f;
    }

    @Test
    void runSucceedsWithExitCodeZeroAndPrintsASummary() throws Exception {
        Result r = emflow("run", workflow("").toString(), "--set", "v=4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sum              test-sum               done"), r.out());
        assertEquals("value\n4.0\n4.0\n4.0\n", Files.readString(dir.resolve("w.out/sum/sum.csv")));
        Result again = emflow("run", workflow("").toString(), "--set", "v=4");
        assertEquals(0, again.code());
        assertTrue(again.out().contains("2 node(s) reused"), again.out());
    }

    @Test
    void invalidWorkflowExitsWithTwoAndListsEveryProblem() throws Exception {
        Result r = emflow("run", workflow("[x]\ntype = nope\n[y]\ntype = test-source\ncount = many\n").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("2 problems in workflow w.ini"), r.err());
        assertTrue(r.err().contains("w.ini:11: [x] type: unknown node type 'nope'"), r.err());
        assertTrue(r.err().contains("w.ini:14: [y] setting 'count' must be a whole number, not 'many'"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug");
        assertFalse(Files.exists(dir.resolve("w.out")), "nothing executes when anything is invalid");
    }

    @Test
    void failingNodeExitsWithThreeAndBadInputWithTwo() throws Exception {
        Result fail = emflow("run", workflow("").toString(), "--set", "sum.fail=true");
        assertEquals(3, fail.code());
        assertTrue(fail.err().contains("node 'sum' failed: failing as asked"), fail.err());
        Result bad = emflow("run", workflow("").toString(), "--set", "sum.bad-input=true", "--out", dir.resolve("o2").toString());
        assertEquals(2, bad.code());
    }

    @Test
    void unknownFlagAndMissingFileExitWithTwo() throws Exception {
        assertEquals(2, emflow("run", "--bogus", "x.ini").code());
        Result missing = emflow("run", dir.resolve("none.ini").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("workflow file not found"), missing.err());
    }

    @Test
    void nodesAndDescribeListInstalledNodes() {
        Result nodes = emflow("nodes");
        assertEquals(0, nodes.code());
        assertTrue(nodes.out().contains("Testing:"), nodes.out());
        assertTrue(nodes.out().contains("test-source"), nodes.out());
        Result d = emflow("describe", "test-source");
        assertEquals(0, d.code());
        assertTrue(d.out().contains("count  (int in [1, 1000], default 3)"), d.out());
        assertEquals(2, emflow("describe", "test-sorce").code());
    }

    @Test
    void everyNodeIsASubcommandWithFlagsFromItsSchema() throws Exception {
        Result help = emflow("test-source", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--count=N"), help.out());
        assertTrue(help.out().contains("How many rows. (int in [1, 1000], default 3)"), help.out());
        Path out = dir.resolve("src-out");
        Result r = emflow("test-source", "--value", "1.5", "--count", "2", "--out-dir", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("value\n1.5\n1.5\n", Files.readString(out.resolve("numbers.csv")));
        Result sum = emflow("test-sum", "--a", out.resolve("numbers.csv").toString(), "--out-dir", dir.resolve("sum-out").toString());
        assertEquals(0, sum.code(), sum.err());
        assertEquals("value\n1.5\n1.5\n", Files.readString(dir.resolve("sum-out/sum.csv")));
        Result exists = emflow("test-source", "--value", "9", "--out-dir", out.toString());
        assertEquals(2, exists.code(), "existing outputs are kept without --force");
        assertTrue(exists.err().contains("use --force"), exists.err());
        assertEquals("value\n1.5\n1.5\n", Files.readString(out.resolve("numbers.csv")));
        assertEquals(0, emflow("test-source", "--value", "9", "--count", "1", "--out-dir", out.toString(), "--force").code());
        assertEquals("value\n9.0\n", Files.readString(out.resolve("numbers.csv")));
        Result bad = emflow("test-source", "--count", "0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--count must be at least 1, not 0"), bad.err());
    }

    @Test
    void topLevelHelpListsEveryCommandAndUnknownNamesAreBadInput() {
        Result help = emflow("--help");
        assertEquals(0, help.code());
        for (String name : new String[] {"run", "nodes", "describe", "test-source", "test-sum"}) {
            assertTrue(help.out().contains(name), name + " in\n" + help.out());
        }
        Result typo = emflow("test-sorce", "--count", "2");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("test-sorce"), typo.err());
        assertEquals(0, emflow("nodes", "--help").code());
    }
}

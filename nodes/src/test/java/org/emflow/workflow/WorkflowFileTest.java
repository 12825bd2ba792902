package org.emflow.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowFileTest {
    static final String TEXT = """
            # a comment
            [workflow]
            name = demo
            description = Two sources and a sum
            format = 1
            var.value = 2.5
            var.path = ${workflow_dir}/data

            [a]
            type = test-source
            position = 10, 20
            value = ${value}
            count = 4

            ; another comment
            [b]
            type = test-source
            position = 10, 120.5
            value = 1

            [sum]
            type = test-sum
            position = 200, 60
            in.a = a.numbers
            in.b = b.numbers
            """;

    @TempDir
    Path dir;

    @Test
    void savingALoadedWorkflowGivesTheSameSectionsKeysAndValues() throws Exception {
        Path f = dir.resolve("demo.ini");
        Files.writeString(f, TEXT);
        Workflow w = WorkflowFile.load(f);
        Path g = dir.resolve("copy.ini");
        WorkflowFile.save(w, g, false);
        Workflow w2 = WorkflowFile.load(g);
        assertEquals(WorkflowFile.format(w), WorkflowFile.format(w2));
        assertEquals("demo", w2.name());
        assertEquals(Map.of("value", "2.5", "path", "${workflow_dir}/data"), w2.variables());
        assertEquals(3, w2.nodes().size());
        NodeInstance sum = w2.nodes().get("sum");
        assertEquals("test-sum", sum.type());
        assertEquals(200, sum.x());
        assertEquals(60, sum.y());
        assertEquals(new Endpoint("a", "numbers"), sum.inputs().get("a"));
        assertEquals("${value}", w2.nodes().get("a").settings().get("value"), "values are kept verbatim, unexpanded");
        assertEquals(120.5, w2.nodes().get("b").y());
        assertTrue(w2.loadProblems().isEmpty(), w2.loadProblems().toString());
    }

    @Test
    void saveRefusesToOverwriteUnlessAsked() throws Exception {
        Path f = dir.resolve("demo.ini");
        Files.writeString(f, TEXT);
        Workflow w = WorkflowFile.load(f);
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> WorkflowFile.save(w, f, false));
        WorkflowFile.save(w, f, true);
    }

    @Test
    void linesOfSectionsAndKeysAreKnown() {
        Workflow w = WorkflowFile.parse(TEXT, dir, "demo.ini");
        assertEquals(9, w.line("a", null));
        assertEquals(12, w.line("a", "value"));
        assertEquals(24, w.line("sum", "in.a"));
    }

    @Test
    void duplicateSectionsAndKeysAndBadSyntaxAreProblemsWithLines() {
        Workflow w = WorkflowFile.parse("""
                [workflow]
                name = x
                color = red
                [a]
                type = test-source
                count = 1
                count = 2
                position = left
                in.b = nodot
                [a]
                type = test-source
                """, dir, "x.ini");
        var p = w.loadProblems().stream().map(x -> x.format("x.ini")).toList();
        assertTrue(p.contains("x.ini:3: [workflow] color: unknown key (expected name, description, format or var.NAME)"), p.toString());
        assertTrue(p.contains("x.ini:7: [a] count: key 'count' appears twice in [a]"), p.toString());
        assertTrue(p.contains("x.ini:10: [a] section [a] appears twice"), p.toString());
        assertTrue(p.contains("x.ini:8: [a] position: position must be 'x, y', not 'left'"), p.toString());
        assertTrue(p.contains("x.ini:9: [a] in.b: connection 'nodot' must be written node.port"), p.toString());
    }

    @Test
    void missingFileIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> WorkflowFile.load(dir.resolve("nope.ini")));
        assertTrue(e.getMessage().contains("nope.ini"));
    }

    @Test
    void multiLineTextAndInjectedSectionsComeBackAsTheValuesTheyWere() throws Exception {
        Workflow w = new Workflow(dir);
        w.setName("  padded name ");
        w.setDescription("first line\nsecond line");
        NodeInstance a = w.addNode("a", "test-source");
        String evil = "x\n[evil]\ntype=read-star\nfile=/etc/passwd";
        a.settings().put("comment", evil);
        a.settings().put("labels", "\"quoted\" \\ back\tslash\r\u2028\u0000\ud800");
        Path f = dir.resolve("w.ini");
        WorkflowFile.save(w, f, false);
        String text = Files.readString(f);
        assertTrue(text.contains("description = \"first line\\nsecond line\""), text);
        assertEquals(1, text.lines().filter(l -> l.startsWith("[")).count() - 1, "one node section:\n" + text);

        Workflow back = WorkflowFile.load(f);
        assertTrue(back.loadProblems().isEmpty(), back.loadProblems().toString());
        assertEquals("  padded name ", back.name());
        assertEquals("first line\nsecond line", back.description());
        assertEquals(Set.of("a"), back.nodes().keySet(), "no node smuggled in through a value");
        assertEquals(evil, back.nodes().get("a").settings().get("comment"));
        assertEquals(a.settings().get("labels"), back.nodes().get("a").settings().get("labels"));
    }

    @Test
    void plainValuesStayPlainAndOldFilesReadAsBefore() {
        Workflow w = WorkflowFile.parse(TEXT, dir, "demo.ini");
        String saved = WorkflowFile.format(w);
        assertTrue(saved.contains("description = Two sources and a sum\n"), saved);
        assertTrue(saved.contains("var.path = ${workflow_dir}/data\n"), saved);
    }

    @Test
    void idsAndKeysThatAFileCannotHoldAreRefusedOnSaving() {
        Workflow w = new Workflow(dir);
        w.addNode("bad]\n[id", "test-source");
        BadInputException e = assertThrows(BadInputException.class, () -> WorkflowFile.format(w));
        assertTrue(e.getMessage().contains("node id \"bad]\\n[id\""), e.getMessage());

        Workflow k = new Workflow(dir);
        k.addNode("a", "test-source").settings().put("count = 3\nfail", "true");
        e = assertThrows(BadInputException.class, () -> WorkflowFile.format(k));
        assertTrue(e.getMessage().contains("[a]: setting"), e.getMessage());

        Workflow v = new Workflow(dir);
        v.variables().put("a b", "1");
        assertThrows(BadInputException.class, () -> WorkflowFile.format(v));
    }

    @Test
    void aBrokenQuotedStringIsAProblemWithItsLine() {
        Workflow w = WorkflowFile.parse("""
                [workflow]
                description = "unterminated
                [a]
                type = test-source
                comment = "bad \\q escape"
                """, dir, "q.ini");
        var p = w.loadProblems().stream().map(x -> x.format("q.ini")).toList();
        assertTrue(p.stream().anyMatch(m -> m.startsWith("q.ini:2: [workflow] description: a value that starts with \"")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("q.ini:5: [a] comment: unknown escape \\q")), p.toString());
    }

    @Test
    void aWorkflowFileJustOverTheSizeBoundIsRefusedWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("huge.ini");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            r.setLength(org.emflow.compute.util.TextInput.MAX_BYTES + 1); // sparse: nothing is written
        }
        assertEquals(huge + ": " + (org.emflow.compute.util.TextInput.MAX_BYTES + 1) + " bytes, larger than any workflow file (at most "
                + org.emflow.compute.util.TextInput.MAX_BYTES + " bytes are read)",
                assertThrows(BadInputException.class, () -> WorkflowFile.load(huge)).getMessage());
        // At the bound the file is read: its zero bytes are then refused as NUL characters, which shows the
        // refusal above came from the size alone.
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            r.setLength(org.emflow.compute.util.TextInput.MAX_BYTES);
        }
        assertEquals(huge + ": line 1 holds a NUL character: not a workflow file",
                assertThrows(BadInputException.class, () -> WorkflowFile.load(huge)).getMessage());
    }

    @Test
    void commentsOnTheCanvasSurviveSaveAndOpenWithTheirText() throws Exception {
        Workflow w = WorkflowFile.parse(TEXT, dir, "demo.ini");
        String multi = "Step 1: simulate\nStep 2: \"weight\" = dose; tilt # not a comment\n\n[evil]\ntype=read-star\n  indented \\ é \ud83d\ude00\t";
        w.comments().add(new CanvasComment(multi, 10, -20.5, 260, 140));
        w.comments().add(new CanvasComment("plain note", 400, 300, 180, 90));
        w.comments().add(new CanvasComment("", 0, 0, 100, 50));
        Path f = dir.resolve("commented.ini");
        WorkflowFile.save(w, f, false);
        String text = Files.readString(f);
        assertTrue(text.contains("[comment.1]\ntext = \"Step 1: simulate\\nStep 2: \\\"weight\\\""), text);
        assertTrue(text.contains("[comment.2]\ntext = plain note\nx = 400\ny = 300\nwidth = 180\nheight = 90\n"), text);

        Workflow back = WorkflowFile.load(f);
        assertTrue(back.loadProblems().isEmpty(), back.loadProblems().toString());
        assertEquals(w.comments(), back.comments());
        assertEquals(Set.of("a", "b", "sum"), back.nodes().keySet(), "a comment is no node, and none is smuggled in through its text");
        assertEquals(text, WorkflowFile.format(back), "a second save writes the same file");
        // The compiler and so `emflow run` ignore them: the workflow compiles to the same three nodes.
        assertEquals(Set.of("a", "b", "sum"), new WorkflowCompiler(org.emflow.sdk.NodeRegistry.discover()).compile(back, Map.of())
                .order().stream().map(CompiledNode::id).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aCommentWithoutSizeGetsTheDefaultAndBadCommentKeysAreProblemsWithLines() {
        Workflow w = WorkflowFile.parse("""
                [workflow]
                name = c
                [comment.7]
                text = note
                x = 5
                [comment.8]
                x = left
                width = -3
                colour = red
                [comment.x]
                text = what
                """, dir, "c.ini");
        assertEquals(new CanvasComment("note", 5, 0, CanvasComment.DEFAULT_WIDTH, CanvasComment.DEFAULT_HEIGHT), w.comments().get(0));
        var p = w.loadProblems().stream().map(x -> x.format("c.ini")).toList();
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.contains("c.ini:7: [comment.8] x: x must be a number, not 'left'"), p.toString());
        assertTrue(p.contains("c.ini:8: [comment.8] width: width must be a positive number, not '-3'"), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("c.ini:9: [comment.8] colour: unknown key")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.startsWith("c.ini:10: [comment.x]")), p.toString());
        assertTrue(w.nodes().isEmpty());
        // Renumbered from 1 on saving, in file order.
        assertTrue(WorkflowFile.format(w).contains("[comment.1]\ntext = note\nx = 5\ny = 0\nwidth = 220\nheight = 120\n"));
    }
}

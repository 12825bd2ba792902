package org.emflow.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.emflow.sdk.NodeRegistry;

/**
 * Random strings (any UTF-16 text: line breaks, quotes, backslashes, INI section syntax, control characters,
 * lone surrogates, surrounding spaces) as the workflow's name and description and as a node's text setting go
 * through save, open and run: every string comes back unchanged, no node appears that was not saved, and the
 * node receives its setting (it writes it to comment.txt); the same string as a canvas comment's text comes back too.
 */
class WorkflowFileRoundTripPropertyTest {
    private static final NodeRegistry REGISTRY = NodeRegistry.discover();

    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> tricky = Arbitraries.of("\n[evil]\ntype=read-star\nfile=/etc/passwd\n", "\"", "\\", " ", "\r\n", "\t", "#",
                ";", "=", "${x}", "\u2028", "\ud800", "\udc00", "\u0000", "\u0085", "\ufeff", "é", "\ud83d\ude00", "\\\"");
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(40);
        return Arbitraries.oneOf(any, tricky.list().ofMaxSize(8).map(l -> String.join("", l)),
                Arbitraries.strings().withChars("\"\\ \n[]=#;ab").ofMaxLength(20));
    }

    @Property(tries = 300)
    void anyStringSurvivesSaveOpenAndRun(@ForAll("anyText") String name, @ForAll("anyText") String description,
                                         @ForAll("anyText") String comment) throws Exception {
        Path dir = Files.createTempDirectory("roundtrip");
        try {
            Workflow w = new Workflow(dir);
            w.setName(name);
            w.setDescription(description);
            // "$" starts a variable reference in a setting; "$$" is a literal "$" (docs/workflow-format.md).
            w.addNode("a", "test-source").settings().put("comment", comment.replace("$", "$$"));
            // A canvas comment holds any text as it is (no variables in it).
            w.comments().add(new CanvasComment(comment, 12, -4, 200, 80));
            Path file = dir.resolve("w.ini");
            WorkflowFile.save(w, file, false);

            Workflow back = WorkflowFile.load(file);
            String text = read(file);
            assertTrue(back.loadProblems().isEmpty(), () -> back.loadProblems() + "\n" + text);
            assertEquals(name, back.name());
            assertEquals(description, back.description());
            assertEquals(Set.of("a"), back.nodes().keySet());
            assertEquals(w.nodes().get("a").settings(), back.nodes().get("a").settings());
            assertEquals(w.comments(), back.comments());

            CompiledWorkflow cw = new WorkflowCompiler(REGISTRY).compile(back, Map.of());
            RunResult r = new WorkflowRunner().run(cw, new RunOptions(dir.resolve("run"), 1, false, false, Set.of()), RunListener.NONE);
            assertTrue(r.succeeded(), () -> String.valueOf(r.firstFailure()));
            Path written = dir.resolve("run/a/comment.txt");
            // NodeSettings.getString trims a text setting, as a form field's value is.
            String received = comment.trim();
            if (received.isEmpty()) {
                assertTrue(!Files.exists(written));
            } else {
                // Lone surrogates cannot be encoded in UTF-8: the file holds what Java's encoder makes of them.
                byte[] expected = received.getBytes(StandardCharsets.UTF_8);
                assertEquals(new String(expected, StandardCharsets.UTF_8), read(written));
            }
        } finally {
            NodeExecution.deleteQuietly(dir);
        }
    }

    private static String read(Path p) throws java.io.IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}

package org.emflow.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emflow.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Pins what users see of every installed node's settings: the schema (key, type, default, range, choices, help,
 * command-line names, positional index, required, command line only, file types, in order), the {@code emflow
 * describe} text and XML, and every subcommand's {@code --help} (composites included, as their flags are the nodes'). A change to how settings are declared must leave
 * all of it identical. After an intended change, regenerate with {@code -Demflow.snapshot.write=true} and review the diff.
 */
class SchemaSnapshotTest {
    private static final String RESOURCE = "schema-snapshot.txt";
    private static final Path SOURCE = Path.of("src/test/resources/org/emflow/sdk", RESOURCE);

    @Test
    void liveRegistryMatchesTheSnapshot() throws IOException {
        String live = snapshot();
        if (Boolean.getBoolean("emflow.snapshot.write")) {
            Files.writeString(SOURCE, live, StandardCharsets.UTF_8);
        }
        String expected;
        try (InputStream in = SchemaSnapshotTest.class.getResourceAsStream(RESOURCE)) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, live);
    }

    static String snapshot() {
        StringBuilder s = new StringBuilder();
        NodeRegistry registry = NodeRegistry.discover();
        for (NodeFactory f : registry.all()) {
            s.append("=== node ").append(f.id()).append(" aliases=").append(f.cliAliases())
                    .append(" savesOutputs=").append(f.cliSavesOutputs()).append('\n');
            for (Setting st : f.settings().all()) {
                s.append("setting ").append(st.key()).append('\n');
                s.append("  type=").append(st.type()).append('\n');
                s.append("  default=").append(st.defaultValue() == null ? "<null>" : "[" + st.defaultValue() + "]").append('\n');
                s.append("  min=").append(st.min()).append(" max=").append(st.max()).append('\n');
                s.append("  choices=").append(st.choices()).append('\n');
                s.append("  help=").append(st.help()).append('\n');
                s.append("  cli=").append(st.cliNames()).append('\n');
                s.append("  positional=").append(st.positional()).append(" required=").append(st.required())
                        .append(" cliOnly=").append(st.cliOnly()).append('\n');
                s.append("  files=").append(st.fileTypes()).append('\n');
                s.append("  summary=").append(st.typeSummary()).append('\n');
            }
            s.append("--- describe ").append(f.id()).append('\n').append(f.description().toText());
            s.append("--- xml ").append(f.id()).append('\n').append(f.description().toXml());
        }
        CommandLine cl = Main.commandLine(registry, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>(cl.getSubcommands().keySet());
        for (String name : names) {
            s.append("--- help ").append(name).append('\n')
                    .append(stable(cl.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF)));
        }
        return s.toString();
    }

    /**
     * The usage with the options whose order changes from run to run (local-ali3d's refused flags come from a
     * {@code Map.of}) moved to the end in a fixed order.
     */
    static String stable(String usage) {
        List<String> kept = new ArrayList<>();
        java.util.TreeMap<String, String> moved = new java.util.TreeMap<>();
        String current = null;
        for (String line : usage.split("\n", -1)) {
            boolean option = line.matches(" {6}-.*");
            boolean continuation = line.matches(" {8,}\\S.*");
            if (option && (line.startsWith("      --fourvar") || line.startsWith("      --scipy_minimization"))) {
                current = line.trim().split("\\[")[0];
                moved.put(current, line + "\n");
            } else if (continuation && current != null) {
                moved.put(current, moved.get(current) + line + "\n");
            } else {
                current = null;
                kept.add(line);
            }
        }
        StringBuilder b = new StringBuilder(String.join("\n", kept));
        if (!moved.isEmpty()) {
            b.append("[options in varying order]\n");
            moved.values().forEach(b::append);
        }
        // the default thread count is the machine's
        return b.toString().replace("all cores, " + Runtime.getRuntime().availableProcessors() + ")", "all cores, N)");
    }
}

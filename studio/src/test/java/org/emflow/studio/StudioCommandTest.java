package org.emflow.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio command reaches the emflow CLI through the CliCommand service. */
class StudioCommandTest {
    @TempDir
    Path tmp;

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void studioIsASubcommandWithItsOptions() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, run(out, new ByteArrayOutputStream(), "studio", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String o : new String[] {"WORKFLOW.ini", "--port", "--no-browser", "--workspace"}) {
            assertTrue(help.contains(o), help);
        }
    }

    @Test
    void aWorkflowOutsideTheWorkspaceIsBadInput() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path outside = Files.writeString(tmp.resolve("x.ini"), "[workflow]\nformat = 1\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(new ByteArrayOutputStream(), err, "studio", "--no-browser", "--port", "0", "--workspace", ws.toString(), outside.toString());
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("lies outside the workspace"), err.toString(StandardCharsets.UTF_8));
    }
}

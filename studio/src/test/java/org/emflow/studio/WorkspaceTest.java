package org.emflow.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path tmp;

    @Test
    void relativePathsInsideResolveUnderTheRoot() throws Exception {
        Workspace ws = new Workspace(tmp);
        assertEquals(tmp.toRealPath().resolve("a/b.ini"), ws.resolve("a/b.ini"));
        assertEquals(tmp.toRealPath().resolve("a/b.ini"), ws.resolve("./a//b.ini"));
        assertEquals(tmp.toRealPath(), ws.resolve(""));
        assertEquals("a/b.ini", ws.relativize(ws.resolve("a/b.ini")));
    }

    @Test
    void dotDotAbsoluteDriveBackslashAndHomePathsAreRefused() throws Exception {
        Workspace ws = new Workspace(tmp);
        for (String p : List.of("..", "../x", "a/../../x", "a/..", "/etc/passwd", tmp.toString(), "C:/x", "c:\\x", "..\\x", "a\\b",
                "~/x", "\\\\server\\share", "x\0y")) {
            assertThrows(Workspace.OutsideException.class, () -> ws.resolve(p), p);
        }
    }

    @Test
    void linksLeadingOutsideAreRefusedAndLinksInsideAccepted() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("data"));
        Files.createSymbolicLink(root.resolve("out"), tmp);
        Files.createSymbolicLink(root.resolve("in"), root.resolve("data"));
        Workspace ws = new Workspace(root);
        assertThrows(Workspace.OutsideException.class, () -> ws.resolve("out"));
        assertThrows(Workspace.OutsideException.class, () -> ws.resolve("out/new/file.ini"));
        assertEquals(root.toRealPath().resolve("in/x.ini"), ws.resolve("in/x.ini"));
    }

    @Test
    void listingShowsFoldersFirstAndHidesDotFiles() throws Exception {
        Files.writeString(tmp.resolve("b.ini"), "");
        Files.writeString(tmp.resolve(".hidden"), "");
        Files.createDirectories(tmp.resolve("z"));
        List<Workspace.Entry> l = new Workspace(tmp).list("");
        assertEquals(List.of("z", "b.ini"), l.stream().map(Workspace.Entry::name).toList());
    }
}

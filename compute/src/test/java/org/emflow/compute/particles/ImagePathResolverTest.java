package org.emflow.compute.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePathResolverTest {
    @TempDir
    Path dir;

    private Path touch(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "x");
    }

    @Test
    void pathsResolveFromTheStarFolderNotTheWorkingDirectory() throws IOException {
        Path stack = touch("project/data/p.mrcs");
        Path star = dir.resolve("project/x.star");
        assertEquals(stack, ImagePathResolver.resolve(List.of("data/p.mrcs"), star, null).get("data/p.mrcs"));
    }

    @Test
    void datadirFallbacksByFileNameByPathAndByLastFolder() throws IOException {
        Path star = dir.resolve("stars/x.star");
        Path byName = touch("dd/p.mrcs");
        assertEquals(byName, ImagePathResolver.resolve(List.of("gone/away/p.mrcs"), star, dir.resolve("dd"))
                .get("gone/away/p.mrcs"));
        Path byPath = touch("dd2/sub/q.mrcs");
        touch("dd2/q.mrcs.other");
        assertEquals(byPath, ImagePathResolver.resolve(List.of("sub/q.mrcs"), star, dir.resolve("dd2")).get("sub/q.mrcs"));
        Path warp = touch("dd3/TS_1/r.mrcs");
        Map<String, Path> m = ImagePathResolver.resolve(List.of("/elsewhere/export/TS_1/r.mrcs"), star, dir.resolve("dd3"));
        assertEquals(warp, m.get("/elsewhere/export/TS_1/r.mrcs"));
    }

    @Test
    void aPatternIsUsedOnlyWhenEveryStackExistsUnderIt() throws IOException {
        Path star = dir.resolve("x.star");
        touch("a.mrcs"); // found by pattern 1, but b is not: pattern 2 (datadir/name) finds both
        Path a2 = touch("dd/a.mrcs");
        Path b2 = touch("dd/b.mrcs");
        Map<String, Path> m = ImagePathResolver.resolve(List.of("a.mrcs", "sub/b.mrcs"), star, dir.resolve("dd"));
        assertEquals(a2, m.get("a.mrcs"));
        assertEquals(b2, m.get("sub/b.mrcs"));
    }

    @Test
    void missingStacksAreAllListedInOneError() {
        Path star = dir.resolve("x.star");
        BadInputException e = assertThrows(BadInputException.class,
                () -> ImagePathResolver.resolve(List.of("m1.mrcs", "m2.mrcs"), star, null));
        assertTrue(e.getMessage().startsWith(star + ": 2 of 2 image stacks not found"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("m1.mrcs").toString())
                && e.getMessage().contains(dir.resolve("m2.mrcs").toString()), e.getMessage());
    }
}

package org.emflow.compute.particles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.emflow.compute.io.mrc.MrcReader;
import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus of bad files in src/test/resources/badinput: each must fail with a {@link BadInputException}
 * (exit code 2) whose message is exactly the one listed in cases.txt, naming the file and the place.
 */
class BadInputCorpusTest {
    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> everyBadFileGivesItsExpectedMessage() throws IOException, URISyntaxException {
        Path corpus = Path.of(BadInputCorpusTest.class.getResource("/badinput/cases.txt").toURI()).getParent();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName())); // inputs are never modified; messages name the copy
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("cases.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" \\| ", 3);
            Path file = dir.resolve(parts[0]);
            String expected = parts[2].replace("\\n", "\n").replace("{file}", file.toString())
                    .replace("{dir}", dir.toString());
            tests.add(DynamicTest.dynamicTest(parts[0], () -> {
                BadInputException e = assertThrows(BadInputException.class, () -> {
                    if (parts[1].equals("mrc")) {
                        MrcReader.readHeader(file);
                    } else if (parts[1].equals("pixels")) {
                        try (MrcReader r = MrcReader.open(file)) {
                            float[] section = new float[(int) r.header().sectionValues()];
                            for (int z = 0; z < r.sections(); z++) {
                                r.readSection(z, section);
                            }
                        }
                    } else {
                        ParticleTableReader.read(file, ReadOptions.DEFAULT);
                    }
                });
                assertEquals(expected, e.getMessage());
            }));
        }
        return tests.stream();
    }
}

package org.emflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.emflow.cli.CliTest.Result;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcWriter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus through the commands a user types (src/test/resources/badinput-cli/cases.txt, which describes
 * its format): every bad case exits with 2, names its culprit (file, line, column, key or flag), prints no stack
 * trace and leaves nothing behind; every control (a byte-order mark, CRLF, unicode and spaces in names, quoted
 * values) is accepted.
 */
class BadInputCliCorpusTest {
    private static final String CORPUS = "/badinput-cli/";

    @TempDir
    static Path root;

    @TestFactory
    Stream<DynamicTest> everyBadInputExitsWithTwoNamingItsCulpritAndLeavesNothing() throws Exception {
        Path corpus = Path.of(BadInputCliCorpusTest.class.getResource(CORPUS + "cases.txt").toURI()).getParent();
        Path in = Files.createDirectories(root.resolve("in"));
        Path outs = Files.createDirectories(root.resolve("out"));
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                copy(f, in.resolve(f.getFileName().toString()));
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(corpus.resolve("cases.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@")) {
                directive(line, corpus, in);
                continue;
            }
            String[] parts = line.split(" \\| ", -1);
            assertEquals(4, parts.length, "id | exit | arguments | contains: " + line);
            String id = parts[0].trim();
            assertTrue(ids.add(id), "case ids are unique: " + id);
            int exit = Integer.parseInt(parts[1].trim());
            Path out = outs.resolve(id);
            String[] args = split(parts[2].trim()).stream().map(a -> expand(a, in, out)).toArray(String[]::new);
            List<String> fragments = parts[3].isBlank() ? List.of()
                    : Stream.of(parts[3].trim().split(" && ")).map(s -> expand(s, in, out)).toList();
            tests.add(DynamicTest.dynamicTest(id, () -> check(id, exit, args, fragments, in, out)));
        }
        return tests.stream();
    }

    private static void check(String id, int exit, String[] args, List<String> fragments, Path in, Path out) throws IOException {
        Set<String> before = tree(in);
        Result r = CliTest.emflow(args);
        String shown = "case " + id + ": emflow " + String.join(" ", args) + "\n--- exit " + r.code() + ", stderr:\n" + r.err() + "--- stdout:\n" + r.out();
        assertEquals(exit, r.code(), shown);
        String searched = exit == 0 ? r.out() + r.err() : r.err();
        for (String f : fragments) {
            assertTrue(searched.contains(f), "the output names '" + f + "':\n" + shown);
        }
        Set<String> after = tree(in);
        if (exit == 0) {
            assertEquals(Set.of(), temporaries(after), "no temporary is left in the inputs");
            assertEquals(Set.of(), temporaries(tree(out)), "no temporary is left in the outputs");
            return;
        }
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug:\n" + shown);
        assertFalse(r.err().contains("Exception"), "no exception's name without --debug:\n" + shown);
        assertTrue(r.err().chars().allMatch(c -> c >= ' ' || c == '\n' || c == '\t'), "no raw control byte in the message:\n" + shown);
        assertEquals(before, after, "nothing is written among the inputs");
        Set<String> left = new TreeSet<>(tree(out));
        left.removeIf(p -> Files.isDirectory(out.resolve(p)));
        assertEquals(Set.of(), left, "an output folder may be created, but must end empty");
    }

    /** Every file and folder under {@code dir}, relative, hidden ones included; empty when it does not exist. */
    private static Set<String> tree(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> !p.equals(dir)).forEach(p -> names.add(dir.relativize(p).toString()));
        }
        return names;
    }

    /** emflow's temporary and lock names (.NAME.partial-*, .NAME.run-*, .NAME.old-*, *.lock, .emflow-tmp*). */
    private static Set<String> temporaries(Set<String> paths) {
        Set<String> t = new TreeSet<>();
        for (String p : paths) {
            String name = Path.of(p).getFileName().toString();
            if (name.startsWith(".") && !name.equals(".emflow-node")
                    && (name.matches("\\..+\\.(partial|run|old|tmp)-.*") || name.endsWith(".lock") || name.contains("tmp"))) {
                t.add(p);
            }
        }
        return t;
    }

    private static void directive(String line, Path corpus, Path in) throws IOException {
        String[] w = line.split(" ", 2);
        switch (w[0]) {
            case "@copy" -> {
                String[] fromTo = w[1].split(" -> ", 2);
                copy(corpus.resolve(fromTo[0].trim()), in.resolve(fromTo[1].trim()));
            }
            case "@folder" -> Files.createDirectories(in.resolve(w[1].trim()));
            case "@map" -> writeMrc(in.resolve(w[1].trim()), 16, 16, 16, false);
            case "@stack" -> writeMrc(in.resolve(w[1].trim()), 16, 16, 8, true);
            case "@series", "@noise" -> {
                Path dir = Files.createDirectories(in.resolve(w[1].trim()));
                java.util.Random noise = w[0].equals("@noise") ? new java.util.Random(2) : null;
                for (int i = 0; i < 3; i++) {
                    writeImage(dir.resolve(String.format("t_%03d.raw", i)), noise);
                }
            }
            default -> throw new IllegalArgumentException("unknown directive: " + line);
        }
    }

    /** Copies a corpus file; text files get their markers (<BOM>, <NUL>) replaced and, when named so, CRLF endings. */
    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.toAbsolutePath().getParent());
        String name = from.getFileName().toString();
        if (!name.matches(".*\\.(star|fsr|ini)") || name.contains("garbage")) {
            Files.copy(from, to);
            return;
        }
        String text = Files.readString(from, StandardCharsets.UTF_8).replace("<BOM>", "\uFEFF").replace("<NUL>", "\0");
        if (name.contains("crlf") || to.getFileName().toString().contains("crlf")) {
            text = text.replace("\n", "\r\n");
        }
        Files.writeString(to, text, StandardCharsets.UTF_8);
    }

    /** A smooth test pattern of float32 values: a map (sections along z) or a stack of images. */
    private static void writeMrc(Path f, int nx, int ny, int nz, boolean stack) throws IOException {
        Files.createDirectories(f.getParent());
        float[] v = new float[nx * ny * nz];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(0.37 * i) + (float) Math.cos(0.011 * i * i);
        }
        Volume vol = new Volume(nx, ny, nz, v, 2.0);
        if (stack) {
            MrcWriter.writeStack(f, vol, MrcMode.FLOAT32, false);
        } else {
            MrcWriter.writeVolume(f, vol, MrcMode.FLOAT32, false);
        }
    }

    /**
     * One 64 x 64 image of a focal series: a smooth blob and ripples that pre-align without drifting, or, with
     * {@code noise}, white noise around 1 that does not align.
     */
    private static void writeImage(Path f, java.util.Random noise) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 * 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                double blob = 0.2 * Math.exp(-((x - 30) * (x - 30) + (y - 34) * (y - 34)) / 40.0);
                b.putFloat(noise != null ? (float) (1 + 0.3 * noise.nextGaussian())
                        : (float) (1 + blob + 0.05 * Math.sin(x / 3.0) * Math.cos(y / 4.0)));
            }
        }
        Files.write(f, b.array());
    }

    private static String expand(String s, Path in, Path out) {
        return s.replace("{in}", in.toString()).replace("{out}", out.toString());
    }

    /** The arguments: split at spaces; '...' keeps its spaces. */
    private static List<String> split(String s) {
        List<String> args = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    args.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            args.add(cur.toString());
        }
        return args;
    }
}

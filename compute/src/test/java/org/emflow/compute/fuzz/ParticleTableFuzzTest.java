package org.emflow.compute.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcWriter;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableReader;
import org.emflow.compute.particles.ReadOptions;
import org.emflow.compute.util.BadInputException;

/**
 * The meaning layer above the STAR syntax: any STAR text given to {@link ParticleTableReader} (a particle
 * table in any layout, an image series, or an optimisation set with its particles and tomograms files)
 * either reads as a table of images whose stacks exist and match, or is rejected with
 * {@link BadInputException}: never another exception or a hang.
 *
 * <p>The input is fuzz.star, optionally followed by the files it names, each after a line
 * {@code #==> particles.star} or {@code #==> tomograms.star} (a STAR comment, so a mutated marker is just
 * text); files not given are absent. The folder holds small 4 x 4 stacks under the names the seeds use
 * (p.mrcs, stacks/p.mrcs, s.mrcs, ts.mrc, w.mrcs, st/T1_1.mrcs, ...), so an image name may find its stack
 * or not, and an index may fit it or not.
 *
 * <p>{@code mvn test} replays the seeds in
 * src/test/resources/org/emflow/compute/fuzz/ParticleTableFuzzTestInputs/. To fuzz for real (here 10
 * minutes): {@code JAZZER_FUZZ=1 mvn -B -o test -pl compute -Dtest=ParticleTableFuzzTest -Dfuzz.seconds=600}
 * (see docs/fuzzing.md).
 */
class ParticleTableFuzzTest {
    private static final String MARKER = "#==> ";
    private static final Set<String> COMPANIONS = Set.of("particles.star", "tomograms.star");
    private static final Path DIR = folderWithStacks();

    private static Path folderWithStacks() {
        Path d = FuzzFiles.scratchDir();
        try {
            stack(d.resolve("p.mrcs"), 4, 1.5);
            stack(d.resolve("stacks/p.mrcs"), 3, 2.0);
            stack(d.resolve("s.mrcs"), 4, 3.0);
            stack(d.resolve("ts.mrc"), 2, 1.0);
            stack(d.resolve("w.mrcs"), 2, 0);
            for (String s : new String[] {"T1_1", "T2_1", "T1_2"}) {
                stack(d.resolve("st/" + s + ".mrcs"), 3, 2.0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return d;
    }

    private static void stack(Path file, int n, double px) throws IOException {
        Files.createDirectories(file.getParent());
        file.toFile().deleteOnExit();
        file.getParent().toFile().deleteOnExit();
        MrcWriter.writeStack(file, new Volume(4, 4, n, new float[16 * n], px), MrcMode.FLOAT32, true);
    }

    @FuzzTest(maxDuration = "10s")
    void anyStarReadsOrIsABadInput(byte[] data) throws IOException {
        for (String c : COMPANIONS) {
            Files.deleteIfExists(DIR.resolve(c));
        }
        String[] parts = new String(data, StandardCharsets.UTF_8).split("(?m)^" + MARKER, -1);
        Path star = DIR.resolve("fuzz.star");
        Files.writeString(star, parts[0], StandardCharsets.UTF_8);
        star.toFile().deleteOnExit();
        for (int i = 1; i < parts.length; i++) {
            int eol = parts[i].indexOf('\n');
            String name = (eol < 0 ? parts[i] : parts[i].substring(0, eol)).strip();
            if (COMPANIONS.contains(name)) {
                Path f = DIR.resolve(name);
                Files.writeString(f, eol < 0 ? "" : parts[i].substring(eol + 1), StandardCharsets.UTF_8);
                f.toFile().deleteOnExit();
            }
        }
        try {
            ParticleTable t = ParticleTableReader.read(star, ReadOptions.DEFAULT);
            if (t.imageCount() != t.images().size()) {
                throw new IllegalStateException(t.imageCount() + " images counted, " + t.images().size() + " listed");
            }
        } catch (BadInputException e) {
            // the reader's own error, naming file and line, column or index
        }
    }
}

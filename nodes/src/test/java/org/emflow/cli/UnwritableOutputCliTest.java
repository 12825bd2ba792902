package org.emflow.cli;

import static org.emflow.cli.CliTest.emflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.emflow.compute.testing.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that cannot be written are found before computing, and a disk that fills up halfway leaves none of a
 * command's outputs (issue 20 item 7). Real file systems: a read-only and a 600 KB tmpfs mounted for the test (root
 * can write through any permission bits, so chmod cannot stand in for them); skipped where mounting is not allowed.
 */
class UnwritableOutputCliTest {
    @TempDir
    Path dir;
    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            run("umount", m.toString());
        }
    }

    @Test
    void aReadOnlyOutputFolderIsBadInputBeforeAnythingIsComputed() throws Exception {
        Path ro = mount("ro,size=1m");
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        Path fsr = focalSeries(1);
        String[][] commands = {
            {"backproject-voxel", star.toString(), "-o", ro.resolve("maps/classD.mrc").toString(), "--uninvert-data"},
            {"local-ali3d", star.toString(), ro.resolve("ali").toString(), "--maxit=1"},
            {"read-star", star.toString(), "-o", ro.resolve("p.star").toString()},
            {"run", Path.of("../workflows-examples/quickstart.ini").toAbsolutePath().toString(), "--out", ro.resolve("q").toString()},
            {"fsrec", "--prm", fsr.toString(), "--out-dir", ro.resolve("rec").toString()},
        };
        for (String[] c : commands) {
            CliTest.Result r = emflow(c);
            assertEquals(2, r.code(), () -> String.join(" ", c) + "\n" + r);
            assertTrue(r.err().contains("cannot write the outputs here (read-only file system)") && r.err().contains(ro.toString()),
                    r.err());
            assertFalse(r.out().contains("Iteration 1") || r.out().contains("inserted the images"), "nothing computed: " + r.out());
        }
    }

    @Test
    void aDiskFullHalfwayLeavesNoneOfTheOutputsAndNamesTheFile() throws Exception {
        Path full = mount("size=600k");
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        CliTest.Result bp = emflow("backproject-voxel", star.toString(), "-o", full.resolve("maps/classD.mrc").toString(), "--uninvert-data");
        assertEquals(3, bp.code(), bp::toString);
        assertTrue(bp.err().contains(".mrc: No space left on device"), bp.err());
        assertEquals(List.of(), everything(full), "no map, no half map, no new folder, no temporary file");

        // PyFSRec's outputs (wave, pictures, tables): the 512 x 512 wave fills the disk after the pictures were made
        CliTest.Result fs = emflow("fsrec", "--prm", focalSeries(1).toString(), "--out-dir", full.resolve("rec").toString());
        assertEquals(3, fs.code(), fs::toString);
        assertTrue(fs.err().contains(full.resolve("rec/Rec-bin2-av10.wav") + ": No space left on device"), fs.err());
        assertEquals(List.of(), everything(full), "none of the PNGs survive the failed run");
    }

    /** A copy of PyFSRec's shipped example file reading the example series, with {@code iterations} iterations. */
    private Path focalSeries(int iterations) throws IOException {
        Path example = SharedData.require("pyfsrec/example");
        Path prm = dir.resolve("example.fsr");
        Files.writeString(prm, Files.readString(example.resolve("config-example.fsr"))
                .replace("/the/path/to/your/image/files/", example + "/")
                .replace("LinearIterations=20", "LinearIterations=" + iterations));
        return prm;
    }

    private Path mount(String options) throws Exception {
        Path m = Files.createDirectories(dir.resolve("mnt" + mounts.size()));
        int code = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", m.toString());
        assumeTrue(code == 0, "skipped: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN); the read-only and "
                + "full-disk cases need a real file system of that kind");
        mounts.add(m);
        return m;
    }

    private static int run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1; // no mount command
        }
    }

    private static List<Path> everything(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> !p.equals(folder)).toList();
        }
    }
}

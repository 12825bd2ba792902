package org.emflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.emflow.cli.CliTest.Result;
import org.emflow.compute.testing.SharedData;
import org.emflow.workflow.OutputLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per output (issue 20 item 6): a second writer is refused with exit 2 naming the output and the process
 * writing it; a lock left by a dead process is taken over; what killed runs left behind is removed by the next run
 * and by {@code emflow clean}, never what a running one is writing.
 */
class OneWriterCliTest {
    @TempDir
    Path dir;

    /** A process that stays alive during the test: it stands for another emflow writing the same output. */
    private Process other;

    @BeforeEach
    void startOther() throws Exception {
        other = new ProcessBuilder("sleep", "120").start();
    }

    @AfterEach
    void stopOther() throws Exception {
        other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private Path workflow() throws Exception {
        Path f = dir.resolve("w.ini");
        Files.writeString(f, "[workflow]\nname = lock test\n[a]\ntype = test-source\nvalue = 3\n[sum]\ntype = test-sum\nin.a = a.numbers\n");
        return f;
    }

    /** The lock a process that has exited left behind (its pid no longer runs, or runs a newer process). */
    private static String deadLock() throws Exception {
        Process p = new ProcessBuilder("true").start();
        OutputLock.Holder h = OutputLock.Holder.of(p.toHandle(), "emflow run w.ini");
        p.waitFor();
        return h.text();
    }

    @Test
    void aSecondWriterOfARunFolderIsRefusedNamingTheFolderAndTheProcess() throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("w.out"));
        Files.writeString(runDir.resolve(".emflow.lock"), OutputLock.Holder.of(other.toHandle(), "emflow run w.ini").text());
        Result r = CliTest.emflow("run", workflow().toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(runDir + " is being written by process " + other.pid() + " (emflow run w.ini)"), r.err());
        assertFalse(Files.exists(runDir.resolve("sum")), "the second writer computed nothing");
        assertTrue(Files.exists(runDir.resolve(".emflow.lock")), "the other's lock is kept");
    }

    @Test
    void aDeadWritersLockIsTakenOverAndItsLeftoversAreRemoved() throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("w.out"));
        Files.writeString(runDir.resolve(".emflow.lock"), deadLock());
        Path partial = Files.createDirectories(runDir.resolve(".sum.partial-3kx9q1"));
        Files.write(partial.resolve("big.mrc"), new byte[200_000]);
        Path part = Files.createDirectories(runDir.resolve(".a.old-1733607000123456789")); // killed while replacing node a's folder
        Path mine = Files.writeString(runDir.resolve(".my-notes"), "a user's own hidden file");
        Result r = CliTest.emflow("run", workflow().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("took over the lock " + runDir.resolve(".emflow.lock")), r.out());
        assertTrue(r.out().contains("removed 2 temporary file(s) or folder(s) of an earlier run that did not finish (0.2 MB)"), r.out());
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(part));
        assertTrue(Files.exists(mine), "only emflow's own temporary names are removed");
        assertFalse(Files.exists(runDir.resolve(".emflow.lock")), "the lock goes when the run ends");
        assertTrue(Files.exists(runDir.resolve("sum/sum.csv")));
    }

    @Test
    void cleanRemovesWhatDeadRunsLeftAndKeepsWhatARunningOneWrites() throws Exception {
        Path stale = Files.createDirectories(dir.resolve(".rec.run-a1b2c3"));
        Files.write(stale.resolve("x.mrc"), new byte[1000]);
        Files.writeString(dir.resolve(".rec.mrc.lock"), deadLock());
        Path live = Files.createDirectories(dir.resolve(".map.partial-zz9"));
        Files.writeString(dir.resolve(".map.lock"), OutputLock.Holder.of(other.toHandle(), "emflow local-ali3d").text());
        Path runDir = Files.createDirectories(dir.resolve("w.out"));
        Path nodeLeft = Files.createDirectories(runDir.resolve(".backproject.partial-q1"));
        Path checkpoints = Files.createDirectories(runDir.resolve("align.incomplete"));
        Path userHidden = Files.createDirectories(dir.resolve(".git"));

        Result dry = CliTest.emflow("clean", dir.toString(), "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("would remove " + stale), dry.out());
        assertTrue(Files.exists(stale), "--dry-run removes nothing");

        Result r = CliTest.emflow("clean", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("freed 0.0 MB in 3 leftover(s)"), r.out());
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(dir.resolve(".rec.mrc.lock")), "a dead process's lock goes");
        assertFalse(Files.exists(nodeLeft));
        assertTrue(Files.exists(live), "a running writer's temporary folder stays");
        assertTrue(Files.exists(dir.resolve(".map.lock")));
        assertTrue(Files.exists(checkpoints), "checkpoints of a stopped run are results");
        assertTrue(Files.exists(userHidden));

        assertEquals(2, CliTest.emflow("clean", dir.resolve("nowhere").toString()).code());
    }

    @Test
    void aSecondWriterOfTheSameMapIsRefusedAndAKilledRunsFoldersGo() throws Exception {
        Path star = SharedData.require("tomodrgn/10076_classD_32_sim.star");
        Path out = dir.resolve("rec.mrc");
        Files.writeString(dir.resolve(".rec.mrc.lock"), OutputLock.Holder.of(other.toHandle(), "emflow backproject-voxel").text());
        Result refused = CliTest.emflow("backproject-voxel", star.toString(), "-o", out.toString(), "--uninvert-data");
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains(out + " is being written by process " + other.pid()), refused.err());
        assertFalse(Files.exists(out));

        Files.writeString(dir.resolve(".rec.mrc.lock"), deadLock());
        Path killed = Files.createDirectories(dir.resolve(".rec.run-7f3k2"));
        Files.write(killed.resolve("half1.mrc"), new byte[4096]);
        Result r = CliTest.emflow("backproject-voxel", star.toString(), "-o", out.toString(), "--uninvert-data");
        assertEquals(0, r.code(), r.out() + r.err());
        assertFalse(Files.exists(killed), r.out());
        assertTrue(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertEquals(java.util.List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no lock or temporary name is left");
        }
    }
}

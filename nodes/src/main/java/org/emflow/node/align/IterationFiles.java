package org.emflow.node.align;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emflow.compute.align.LocalRefinement.Iteration;
import org.emflow.compute.particles.ImageRecord;
import org.emflow.compute.particles.ParticleTable;
import org.emflow.compute.particles.ParticleTableWriter;
import org.emflow.compute.plot.FscPlot;
import org.emflow.compute.plot.PoseChangePlot;

/**
 * The files of a refinement's iterations: {@code fsc_iterNN.csv} and {@code .png} (the FSC of the half maps that
 * iteration aligned against), {@code angles.png} (the pose changes of every iteration so far) and, as a checkpoint,
 * {@code refined.star} with the poses after the latest iteration. Each file is written whole (atomically).
 */
final class IterationFiles {
    /** Where a file of a given name goes. */
    interface Folder {
        Path file(String name) throws IOException;
    }

    private IterationFiles() {
    }

    /** After each iteration, into the checkpoint folder: its FSC, the pose-change plot so far, the poses so far. */
    static void checkpoint(Folder folder, ParticleTable table, List<Iteration> soFar, List<ImageRecord> poses) throws IOException {
        writeFsc(folder, soFar.get(soFar.size() - 1));
        writeAngles(folder, soFar);
        ParticleTableWriter.write(table.withRefinedPoses(poses), folder.file("refined.star"), true);
    }

    /** At the end, into the output folder: every iteration's FSC and the pose-change plot (the poses are a port). */
    static void finish(Folder folder, List<Iteration> all) throws IOException {
        for (Iteration it : all) {
            writeFsc(folder, it);
        }
        if (!all.isEmpty()) {
            writeAngles(folder, all);
        }
    }

    private static void writeFsc(Folder folder, Iteration it) throws IOException {
        String stem = String.format(Locale.ROOT, "fsc_iter%02d", it.number());
        it.fsc().writeCsv(folder.file(stem + ".csv"), true);
        FscPlot.writePng(folder.file(stem + ".png"), it.fsc(), true);
    }

    private static void writeAngles(Folder folder, List<Iteration> iterations) throws IOException {
        List<PoseChangePlot.Iteration> plotted = new ArrayList<>();
        for (Iteration it : iterations) {
            plotted.add(new PoseChangePlot.Iteration(it.number(), it.angleChanges(), it.fractionConverged()));
        }
        PoseChangePlot.writePng(folder.file("angles.png"), plotted, true);
    }
}

package org.emflow.compute.particles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.emflow.compute.image.Volume;
import org.emflow.compute.io.mrc.MrcMode;
import org.emflow.compute.io.mrc.MrcWriter;
import org.emflow.compute.io.star.StarFile;
import org.emflow.compute.io.star.StarLoop;
import org.emflow.compute.io.star.StarReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written files for every layout and trap the shared data do not cover; each read and round-tripped. */
class SyntheticLayoutsTest {
    @TempDir
    Path dir;

    /** A stack of {@code n} 4 x 4 images; image i is filled with the value i. */
    static Path stack(Path file, int n, double px) throws IOException {
        float[] d = new float[16 * n];
        for (int i = 0; i < d.length; i++) {
            d[i] = i / 16;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        MrcWriter.writeStack(file, new Volume(4, 4, n, d, px), MrcMode.FLOAT32, true);
        return file;
    }

    private ParticleTable roundTrip(ParticleTable t, String name) throws IOException {
        Path out = dir.resolve("out").resolve(name);
        ParticleTableWriter.write(t, out, false);
        Path read = t.layout() == StarLayout.RELION_5_OPTIMISATION_SET
                ? out.resolveSibling(name.replace(".star", "_optimisation_set.star")) : out;
        ParticleTable back = ParticleTableReader.read(read, ReadOptions.DEFAULT);
        assertEquals(t.layout(), back.layout());
        assertEquals(t.images(), back.images(), "records survive a write and read from another folder");
        return back;
    }

    static final String RELION31 = """
            # version 30001
            data_optics
            loop_
            _rlnOpticsGroupName #1
            _rlnOpticsGroup #2
            _rlnImagePixelSize #3
            _rlnVoltage #4
            _rlnSphericalAberration #5
            _rlnAmplitudeContrast #6
            _rlnCtfDataAreCtfPremultiplied #7
            opticsGroup1 1 2.0 300 2.7 0.1 0
            opticsGroup2 2 2.0 200 2.0 0.07 0

            data_particles
            loop_
            _rlnMyCustomColumn #1
            _rlnAngleTilt #2
            _rlnImageName #3
            _rlnAngleRot #4
            _rlnAnglePsi #5
            _rlnOriginXAngst #6
            _rlnOriginYAngst #7
            _rlnDefocusU #8
            _rlnDefocusV #9
            _rlnDefocusAngle #10
            _rlnOpticsGroup #11
            _rlnTomoName #12
            _rlnTomoParticleName #13
            _rlnMicrographPreExposure #14
            a 10 1@stacks/p.mrcs 5 6 3.0 -4.0 10000 9000 45 1 TS_1 TS_1/1 0
            'b c' 20 2@stacks/p.mrcs 7 8 -1.0 0 11000 10500 40 2 TS_2 TS_2/1 3
            d 30 3@stacks/p.mrcs 9 10 0 2.0 12000 11500 35 1 TS_1 TS_1/1 6
            """;

    @Test
    void relion31OpticsWithAngstromOriginsAndExtraColumnsInAnyOrder() throws IOException {
        stack(dir.resolve("stacks/p.mrcs"), 3, 2.0);
        Path star = Files.writeString(dir.resolve("particles.star"), RELION31);
        ParticleTable t = ParticleTableReader.read(star, ReadOptions.DEFAULT);
        assertEquals(StarLayout.RELION_3_1_OPTICS, t.layout());
        assertEquals(List.of("TS_1/1", "TS_2/1"), t.particleIds());
        ImageRecord a = t.images().get(0);
        assertEquals(1.5, a.originX(), 1e-12, "3.0 A / 2.0 A/px");
        assertEquals(-2.0, a.originY(), 1e-12);
        assertEquals(300, a.ctf().voltage());
        assertEquals(0, a.dose());
        ImageRecord d = t.images().get(1); // particle TS_1/1's second image comes before TS_2/1's
        assertEquals(2, d.source().index());
        assertEquals(30, d.tilt());
        ImageRecord b = t.images().get(2);
        assertEquals(200, b.ctf().voltage(), "optics group 2");
        assertEquals(0.07, b.ctf().ampContrast());
        assertEquals(-0.5, b.originX(), 1e-12);
        ParticleTable back = roundTrip(t, "r31.star");
        StarLoop loop = StarReader.read(back.source()).requireBlock("particles").requireLoop();
        assertEquals("rlnMyCustomColumn", loop.columns().get(0), "unknown column kept in place");
        assertEquals("b c", loop.get(2, 0));
        assertEquals("1@../stacks/p.mrcs", loop.get(0, "rlnImageName"), "path rewritten relative to the output");
    }

    @Test
    void nextPypWithIntegerParticleIdsGroupsImagesByThem() throws IOException {
        stack(dir.resolve("p.mrcs"), 4, 1.5);
        String star = """
                data_optics
                loop_
                _rlnOpticsGroup
                _rlnImagePixelSize
                _rlnVoltage
                _rlnSphericalAberration
                _rlnAmplitudeContrast
                1 1.5 300 2.7 0.1
                data_particles
                loop_
                _rlnImageName
                _rlnAngleRot
                _rlnAngleTilt
                _rlnAnglePsi
                _rlnOriginXAngst
                _rlnOriginYAngst
                _rlnDefocusU
                _rlnDefocusV
                _rlnDefocusAngle
                _rlnPhaseShift
                _rlnOpticsGroup
                _rlnGroupNumber
                _rlnCtfBfactor
                _rlnCtfScalefactor
                1@p.mrcs 0 90 0 1.5 0 20000 20000 0 0 1 7 -12 1.0
                2@p.mrcs 0 90 0 0 -3 20000 20000 0 0 1 3 -12 1.0
                3@p.mrcs 0 90 0 0 0 20000 20000 0 0 1 7 -24 0.5
                4@p.mrcs 0 90 0 0 0 20000 20000 0 0 1 3 -24 0.5
                """;
        ParticleTable t = ParticleTableReader.read(Files.writeString(dir.resolve("nextpyp.star"), star), ReadOptions.DEFAULT);
        assertEquals(List.of("7", "3"), t.particleIds());
        assertEquals(List.of(0, 2, 1, 3), t.images().stream().map(r -> r.source().index()).toList());
        assertEquals(1.0, t.images().get(0).originX(), 1e-12);
        assertEquals(-2.0, t.images().get(2).originY(), 1e-12);
        assertEquals(6.0, t.images().get(1).dose());
        assertEquals(60.0, t.images().get(1).tiltAngle(), 1e-9);
        roundTrip(t, "nextpyp.star");
    }

    @Test
    void cistemStarMapsAnglesShiftsAndDefocus() throws IOException {
        stack(dir.resolve("ts.mrc"), 2, 1.0);
        String star = """
                # Written by cisTEM
                data_
                loop_
                _cisTEMPositionInStack #1
                _cisTEMAnglePsi #2
                _cisTEMAngleTheta #3
                _cisTEMAnglePhi #4
                _cisTEMXShift #5
                _cisTEMYShift #6
                _cisTEMDefocus1 #7
                _cisTEMDefocus2 #8
                _cisTEMDefocusAngle #9
                _cisTEMPhaseShift #10
                _cisTEMPixelSize #11
                _cisTEMMicroscopeVoltagekV #12
                _cisTEMMicroscopeCsMM #13
                _cisTEMAmplitudeContrast #14
                _cisTEMParticleGroup #15
                _cisTEMTotalExposure #16
                _cisTEMOriginalImageFilename #17
                2 30.0 40.0 50.0 2.5 -1.25 15000 14000 12.5 0.0 2.5 300 2.7 0.07 1 6.0 'ts.mrc'
                1 31.0 41.0 51.0 0.0 0.0 15100 14100 12.5 0.0 2.5 300 2.7 0.07 1 3.0 'ts.mrc'
                """;
        ParticleTable t = ParticleTableReader.read(Files.writeString(dir.resolve("c.star"), star), ReadOptions.DEFAULT);
        assertEquals(StarLayout.CISTEM, t.layout());
        ImageRecord first = t.images().get(0); // stack order: position 1 first
        assertEquals(0, first.source().index());
        assertEquals(51.0, first.rot());
        assertEquals(41.0, first.tilt());
        assertEquals(31.0, first.psi());
        ImageRecord second = t.images().get(1);
        assertEquals(-1.0, second.originX(), 1e-12, "-2.5 A / 2.5 A/px");
        assertEquals(0.5, second.originY(), 1e-12);
        assertEquals(15000, second.ctf().defocusU());
        assertEquals(6.0, second.dose());
        roundTrip(t, "c.star");
    }

    @Test
    void warpV1PixelSizeIsDetectorPixelTimes10000OverMagnificationAndShiftsAreZero() throws IOException {
        stack(dir.resolve("w.mrcs"), 2, 0);
        String star = """
                data_
                loop_
                _rlnMagnification
                _rlnDetectorPixelSize
                _rlnMicrographName
                _rlnCoordinateX
                _rlnCoordinateY
                _rlnImageName
                _rlnDefocusU
                _rlnDefocusV
                _rlnDefocusAngle
                _rlnVoltage
                _rlnSphericalAberration
                _rlnAmplitudeContrast
                _rlnPhaseShift
                _rlnAngleRot
                _rlnAngleTilt
                _rlnAnglePsi
                _rlnCtfBfactor
                _rlnCtfScalefactor
                _rlnRandomSubset
                _rlnGroupName
                10000.0 5.4 TS_01.tomostar 10 20 1@w.mrcs 30000 30000 0 300 2.7 0.07 0 1 2 3 -12 0.866025 1 TS_01_001
                10000.0 5.4 TS_01.tomostar 10 20 2@w.mrcs 30000 30000 0 300 2.7 0.07 0 1 2 3 0 1.0 1 TS_01_001
                """;
        ParticleTable t = ParticleTableReader.read(Files.writeString(dir.resolve("warp.star"), star), ReadOptions.DEFAULT);
        assertEquals(StarLayout.RELION_3_0_IMAGE_SERIES, t.layout());
        assertEquals(5.4, t.pixelSize(), 1e-12);
        assertEquals(List.of("TS_01.tomostar"), t.tomograms());
        assertEquals(0.0, t.images().get(0).originX());
        assertEquals(3.0, t.images().get(0).dose());
        assertEquals(30.0, t.images().get(0).tiltAngle(), 1e-4);
        roundTrip(t, "warp.star");
    }

    @Test
    void interleavedImageSeriesRowsArePairedWithTheirOwnParticle() throws IOException {
        stack(dir.resolve("s.mrcs"), 4, 3.0);
        String star = """
                data_
                loop_
                _rlnImageName
                _rlnDetectorPixelSize
                _rlnAngleRot
                _rlnAngleTilt
                _rlnAnglePsi
                _rlnGroupName
                _rlnCtfBfactor
                1@s.mrcs 3.0 1 0 0 A -4
                2@s.mrcs 3.0 2 0 0 B -4
                3@s.mrcs 3.0 3 0 0 A -8
                4@s.mrcs 3.0 4 0 0 B -8
                """;
        ParticleTable t = ParticleTableReader.read(Files.writeString(dir.resolve("i.star"), star), ReadOptions.DEFAULT);
        assertEquals(List.of("A", "A", "B", "B"), t.images().stream().map(ImageRecord::particleId).toList());
        assertEquals(List.of(1.0, 3.0, 2.0, 4.0), t.images().stream().map(ImageRecord::rot).toList());
        assertEquals(List.of(0, 2, 1, 3), t.images().stream().map(r -> r.source().index()).toList());
        assertFalse(t.hasCtf());
    }

    /** Two tomograms sharing one optics group, their particle rows interleaved, with invisible frames. */
    private Path interleavedOptimisationSet() throws IOException {
        Path d = dir.resolve("set");
        stack(d.resolve("st/T1_1.mrcs"), 3, 2.0);
        stack(d.resolve("st/T2_1.mrcs"), 3, 2.0);
        stack(d.resolve("st/T1_2.mrcs"), 3, 2.0);
        Files.writeString(d.resolve("set_optimisation_set.star"), """
                data_
                _rlnTomoParticlesFile   particles.star
                _rlnTomoTomogramsFile   tomograms.star
                """);
        Files.writeString(d.resolve("particles.star"), """
                data_general
                _rlnTomoSubTomosAre2DStacks 1
                data_optics
                loop_
                _rlnOpticsGroup
                _rlnOpticsGroupName
                _rlnSphericalAberration
                _rlnVoltage
                _rlnCtfDataAreCtfPremultiplied
                _rlnImagePixelSize
                _rlnImageSize
                _rlnAmplitudeContrast
                1 og 2.7 300 1 2.0 4 0.07
                data_particles
                loop_
                _rlnTomoName
                _rlnAngleRot
                _rlnAngleTilt
                _rlnAnglePsi
                _rlnTomoParticleName
                _rlnOpticsGroup
                _rlnImageName
                _rlnOriginXAngst
                _rlnOriginYAngst
                _rlnOriginZAngst
                _rlnTomoVisibleFrames
                T1 10 20 30 T1/1 1 st/T1_1.mrcs 0 0 0 [1,1,1]
                T2 10 20 30 T2/1 1 st/T2_1.mrcs 12 0 0 [0,1,1]
                T1 40 50 60 T1/2 1 st/T1_2.mrcs 0 0 0 [1,0,1]
                """);
        String id = "[1,0,0,0] [0,1,0,0] [0,0,1,0] [0,0,0,1]";
        StringBuilder t2 = new StringBuilder();
        double[] thetas = {-30, 0, 30};
        double[] pre = {100, 110, 120};
        for (int f = 0; f < 3; f++) {
            double c = Math.cos(Math.toRadians(thetas[f]));
            double s = Math.sin(Math.toRadians(thetas[f]));
            t2.append("[").append(c).append(",0,").append(s).append(",0] [0,1,0,0] [").append(-s).append(",0,").append(c)
                    .append(",0] [0,0,0,1] 20000 20000 0 ").append(c).append(' ').append(pre[f]).append('\n');
        }
        Files.writeString(d.resolve("tomograms.star"), """
                data_global
                loop_
                _rlnTomoName
                _rlnTomoHand
                T1 -1
                T2 -1
                data_T1
                loop_
                _rlnTomoProjX
                _rlnTomoProjY
                _rlnTomoProjZ
                _rlnTomoProjW
                _rlnDefocusU
                _rlnDefocusV
                _rlnDefocusAngle
                _rlnCtfScalefactor
                _rlnMicrographPreExposure
                """ + id + " 10000 10000 0 1 0\n" + id + " 10100 10100 0 1 10\n" + id + " 10200 10200 0 1 20\n"
                + """
                data_T2
                loop_
                _rlnTomoProjX
                _rlnTomoProjY
                _rlnTomoProjZ
                _rlnTomoProjW
                _rlnDefocusU
                _rlnDefocusV
                _rlnDefocusAngle
                _rlnCtfScalefactor
                _rlnMicrographPreExposure
                """ + t2);
        return d.resolve("set_optimisation_set.star");
    }

    @Test
    void optimisationSetPairsEveryImageWithItsOwnTomogramsTiltPoseAndDose() throws IOException {
        ParticleTable t = ParticleTableReader.read(interleavedOptimisationSet(), ReadOptions.DEFAULT);
        assertEquals(7, t.imageCount());
        assertEquals(List.of("T1/1", "T2/1", "T1/2"), t.particleIds());
        List<ImageRecord> im = t.images();
        // T1/1: frames 0,1,2; T2/1: frames 1,2 (frame 0 invisible); T1/2: frames 0,2
        assertEquals(List.of(0, 1, 2, 1, 2, 0, 2), im.stream().map(r -> r.source().index()).toList());
        assertEquals(List.of(0.0, 10.0, 20.0, 110.0, 120.0, 0.0, 20.0), im.stream().map(ImageRecord::dose).toList(),
                "doses by (tomogram, frame), not by running position (spec 5.4)");
        assertEquals(10100, im.get(1).ctf().defocusU());
        // T1 projections are the identity: the particle's own angles
        assertArrayEquals(new double[] {10, 20, 30}, new double[] {im.get(0).rot(), im.get(0).tilt(), im.get(0).psi()}, 1e-9);
        assertArrayEquals(RelionEuler.matrix(40, 50, 60), RelionEuler.matrix(im.get(6).rot(), im.get(6).tilt(), im.get(6).psi()), 1e-12);
        // T2 frame 2 is Ry(30): R = Ry(30) · A(10, 20, 30), shift = (Ry(30)·(12,0,0))_x / 2 = 6 cos 30
        double c = Math.cos(Math.toRadians(30));
        double s = Math.sin(Math.toRadians(30));
        double[] expected = RelionEuler.multiply(new double[] {c, 0, s, 0, 1, 0, -s, 0, c}, RelionEuler.matrix(10, 20, 30));
        ImageRecord t2f2 = im.get(4);
        assertArrayEquals(expected, RelionEuler.matrix(t2f2.rot(), t2f2.tilt(), t2f2.psi()), 1e-9);
        assertEquals(6 * c, t2f2.originX(), 1e-9);
        assertEquals(6.0, im.get(3).originX(), 1e-9, "frame 1 of T2 is untilted");
        assertEquals(0.0, t2f2.originY(), 1e-12);
        assertEquals(30.0, t2f2.tiltAngle(), 1e-9);
        assertTrue(t.ctfPremultiplied());
        roundTrip(t, "all.star");
    }

    @Test
    void optimisationSetImageIndicesCountEveryFrameAndWriteBackAsVisibleFrames() throws IOException {
        Selection sel = Selection.ALL.withImageIndices(new int[] {1, 4, 8}, null);
        ParticleTable t = ParticleTableReader.read(interleavedOptimisationSet(), ReadOptions.DEFAULT.withSelection(sel));
        assertEquals(List.of(10.0, 110.0, 20.0), t.images().stream().map(ImageRecord::dose).toList());
        ParticleTable back = roundTrip(t, "sel.star");
        StarLoop loop = StarReader.read(back.source().resolveSibling("sel.star")).requireBlock("particles").requireLoop();
        assertEquals("[0,1,0]", loop.get(0, "rlnTomoVisibleFrames"));
        assertEquals("[0,1,0]", loop.get(1, "rlnTomoVisibleFrames"));
        assertEquals("[0,0,1]", loop.get(2, "rlnTomoVisibleFrames"));
        assertEquals("../set/st/T1_1.mrcs", loop.get(0, "rlnImageName"));
        StarFile set = StarReader.read(back.source());
        assertEquals("sel.star", set.blocks().get(0).value("rlnTomoParticlesFile"));
    }

    @Test
    void newTablesFromRecordsReadBackInBothLayouts() throws IOException {
        ParticleTable t = ParticleTableReader.read(interleavedOptimisationSet(), ReadOptions.DEFAULT);
        for (StarLayout layout : new StarLayout[] {StarLayout.RELION_3_1_OPTICS, StarLayout.RELION_3_0_IMAGE_SERIES}) {
            Path out = dir.resolve("new").resolve(layout + ".star");
            ParticleTableWriter.writeNew(t.images(), t.boxSize(), layout, out, false);
            ParticleTable back = ParticleTableReader.read(out, ReadOptions.DEFAULT);
            assertEquals(layout, back.layout());
            assertEquals(t.particleIds(), back.particleIds());
            for (int i = 0; i < t.imageCount(); i++) {
                ImageRecord a = t.images().get(i);
                ImageRecord b = back.images().get(i);
                assertEquals(a.source(), b.source());
                assertArrayEquals(RelionEuler.matrix(a.rot(), a.tilt(), a.psi()), RelionEuler.matrix(b.rot(), b.tilt(), b.psi()), 1e-12);
                assertEquals(a.originX(), b.originX(), 1e-12);
                assertEquals(a.dose(), b.dose(), 1e-12);
                assertEquals(a.tiltAngle(), b.tiltAngle(), 1e-6);
                assertEquals(a.ctf().defocusU(), b.ctf().defocusU());
                assertEquals(a.ctfPremultiplied(), b.ctfPremultiplied());
            }
        }
    }
}

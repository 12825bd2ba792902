package org.emflow.node;

import static org.emflow.node.NodeTestSupport.emflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.emflow.compute.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code emflow fsrec}, PyFSRec's command line, on the shipped example. */
class FocalSeriesCliTest {
    @TempDir
    Path dir;

    @Test
    void fsrecReconstructsTheShippedExampleIntoOutDir() throws Exception {
        Path example = SharedData.require("pyfsrec/example");
        // The shipped file's INPUTPATH is a placeholder: point a copy at the example's folder.
        String fsr = Files.readString(example.resolve("config-example.fsr"))
                .replace("/the/path/to/your/image/files/", example + "/");
        Path prm = dir.resolve("example.fsr");
        Files.writeString(prm, fsr);
        NodeTestSupport.Result r = emflow("fsrec", "--prm", prm.toString(), "--liniter", "2", "--out-dir", dir.resolve("out").toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(Files.size(dir.resolve("out/Rec-bin2-av10.wav")) == 512L * 512 * 8, "raw complex64 wave");
        assertTrue(Files.exists(dir.resolve("out/Rec-bin2-av10_dxy.csv")));
        String meanLine = r.out().lines().filter(l -> l.contains("mean |psi|^2")).findFirst().orElseThrow();
        double mean = Double.parseDouble(meanLine.substring(meanLine.lastIndexOf('=') + 1).trim());
        assertEquals(1.0, mean, 0.02, "the wave is normalised to mean intensity 1");
    }

    @Test
    void missingParametersAreAllReportedWithSectionAndKey() throws Exception {
        Path prm = dir.resolve("bad.fsr");
        Files.writeString(prm, "[INPUT/OUTPUT]\nINPUTFILENAME=img_\n[OPTICS]\nVoltage=abc  # kV\n");
        NodeTestSupport.Result r = emflow("fsrec", "--prm", prm.toString());
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("NImages"), r.err());
        assertTrue(r.err().contains("Voltage"), r.err());
        assertTrue(r.err().contains("[IMAGEDATA]"), r.err());
    }
}

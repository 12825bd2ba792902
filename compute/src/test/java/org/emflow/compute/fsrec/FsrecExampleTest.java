package org.emflow.compute.fsrec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.emflow.compute.image.ComplexImage;
import org.emflow.compute.testing.SharedData;
import org.emflow.compute.util.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsrecExampleTest {
    @TempDir
    Path out;

    static FsrParameters example(Path outDir) {
        Path dir = SharedData.require("pyfsrec/example");
        Map<String, String> map = FsrParameterFile.readMap(dir.resolve("config-example.fsr"));
        map.put("INPUT/OUTPUT.INPUTPATH", dir.toString());
        map.put("INPUT/OUTPUT.OUTPUTPATH", outDir.toString());
        return FsrParameters.fromMap(map, dir);
    }

    static final Monitor PRINT = new Monitor() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCanceled() {
            return false;
        }

        @Override
        public void info(String message) {
            System.out.println(message);
        }
    };

    @Test
    void smoke() throws Exception {
        FsrParameters p = example(out);
        long t0 = System.nanoTime();
        FsrecResult r = FsrecRunner.run(p, FsrecOptions.defaults().withLinIter(Integer.getInteger("iters", 4)), null, PRINT);
        System.out.println("time " + (System.nanoTime() - t0) / 1e9);
        ComplexImage w = r.wave();
        assertEquals(1.0, w.meanIntensity(), 1e-4);
        t0 = System.nanoTime();
        FsrecResult st = FsrecRunner.run(p, FsrecOptions.defaults().withStepAnalysis(true), null, PRINT);
        System.out.println("step time " + (System.nanoTime() - t0) / 1e9 + " step " + st.stepAnalysis().step() + " r2 " + st.stepAnalysis().r2());
        t0 = System.nanoTime();
        FsrecResult af = FsrecRunner.run(p, FsrecOptions.defaults().withAutofocus(true), null, PRINT);
        System.out.println("af time " + (System.nanoTime() - t0) / 1e9 + " best " + af.autofocus().best());
        Map<String, String> map = FsrParameterFile.readMap(SharedData.require("pyfsrec/example").resolve("config-example.fsr"));
        map.put("INPUT/OUTPUT.INPUTPATH", SharedData.require("pyfsrec/example").toString());
        map.put("INPUT/OUTPUT.OUTPUTPATH", out.toString());
        map.put("AUTOCORRECTION.AutofocusC3", "Yes");
        FsrecResult af3 = FsrecRunner.run(FsrParameters.fromMap(map, out), FsrecOptions.defaults().withAutofocus(true), null, PRINT);
        System.out.println("af C3 best " + af3.autofocus().best());
    }
}

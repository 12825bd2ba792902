package org.emflow.compute.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.emflow.compute.fsrec.FsrParameterFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextInputTest {
    @TempDir
    Path dir;

    @Test
    void aByteOrderMarkIsDroppedAndCrlfAndUnicodeKept() throws Exception {
        Path f = dir.resolve("bom.fsr");
        byte[] body = "[MICROSCOPE]\r\nVoltage = 300\r\n# Å, µm\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(f, withBom);
        assertEquals(new String(body, StandardCharsets.UTF_8), TextInput.read(f, "parameter file"));
        Map<String, String> m = FsrParameterFile.readMap(f);
        assertEquals("300", m.get("MICROSCOPE.Voltage"), m.toString());
    }

    @Test
    void everyUnreadableInputIsBadInputNamingTheFile() throws Exception {
        assertEquals("workflow file not found: " + dir.resolve("none.ini"),
                assertThrows(BadInputException.class, () -> TextInput.read(dir.resolve("none.ini"), "workflow file")).getMessage());
        assertEquals(dir + ": is a folder, not a workflow file",
                assertThrows(BadInputException.class, () -> TextInput.read(dir, "workflow file")).getMessage());

        Path garbage = dir.resolve("garbage.ini");
        Files.write(garbage, new byte[] {'[', 'a', ']', '\n', (byte) 0xC3, '(', 'x'});
        assertEquals(garbage + ": not UTF-8 text (byte 4 on): not a workflow file",
                assertThrows(BadInputException.class, () -> TextInput.read(garbage, "workflow file")).getMessage());

        Path nul = dir.resolve("nul.ini");
        Files.writeString(nul, "[read]\ntype = read-star\nfile = a\0b.star\n");
        assertEquals(nul + ": line 3 holds a NUL character: not a workflow file",
                assertThrows(BadInputException.class, () -> TextInput.read(nul, "workflow file")).getMessage());

        Path huge = dir.resolve("huge.fsr");
        try (RandomAccessFile r = new RandomAccessFile(huge.toFile(), "rw")) {
            r.setLength(TextInput.MAX_BYTES + 1); // sparse: nothing is written, nothing is read
        }
        assertEquals(huge + ": " + (TextInput.MAX_BYTES + 1) + " bytes, larger than any parameter file (at most "
                + TextInput.MAX_BYTES + " bytes are read)",
                assertThrows(BadInputException.class, () -> FsrParameterFile.readMap(huge)).getMessage().replace(
                        huge + ": cannot read the parameter file: ", ""));
    }
}

package org.emflow.compute.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a small text input a user wrote (a workflow, an .fsr parameter file) so that every problem is bad input
 * naming the file: missing, a folder, larger than a bound (instead of running out of memory), not UTF-8 (with the
 * byte where it stops being so), or holding a NUL character (with its line). A UTF-8 byte-order mark, which Windows
 * editors write, is dropped.
 */
public final class TextInput {
    /** Far above any workflow or parameter file (the largest real ones are a few kB). */
    public static final long MAX_BYTES = 16L << 20;

    private TextInput() {
    }

    /** The text of {@code file}, described as {@code what} ("workflow file", "parameter file") in messages. */
    public static String read(Path file, String what) throws IOException {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a folder, not a " + what);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(what + " not found: " + file);
        }
        if (size > MAX_BYTES) {
            throw new BadInputException(file + ": " + size + " bytes, larger than any " + what + " (at most " + MAX_BYTES
                    + " bytes are read)");
        }
        byte[] bytes = Files.readAllBytes(file);
        return decode(bytes, file + "", what);
    }

    /** {@code bytes} as UTF-8 text (byte-order mark dropped); {@code source} names them in messages. */
    public static String decode(byte[] bytes, String source, String what) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) { // the input stops at the offending byte
            throw new BadInputException(source + ": not UTF-8 text (byte " + in.position() + " on): not a " + what);
        }
        decoder.flush(out);
        String text = out.flip().toString();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int line = 1;
            for (int i = 0; i < nul; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            throw new BadInputException(source + ": line " + line + " holds a NUL character: not a " + what);
        }
        return text;
    }
}

package org.emflow.compute.io.star;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.emflow.compute.io.AtomicFiles;

/**
 * Writes STAR files the way RELION lays them out: {@code data_NAME}, key-value pairs, or {@code loop_}
 * with {@code _label #N} lines and one row per line. Cells are written verbatim as read, so unknown
 * columns, quoting and number formatting survive a round trip. Written through {@link AtomicFiles}.
 */
public final class StarWriter {
    private StarWriter() {
    }

    public static void write(Path target, StarFile file, boolean overwrite) throws IOException {
        AtomicFiles.write(target, overwrite, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                write(file, out);
            }
        });
    }

    /** Writes {@code file} to {@code out} (not closed). */
    public static void write(StarFile file, OutputStream out) throws IOException {
        ascii(out, "# written by emflow\n");
        for (StarBlock b : file.blocks()) {
            ascii(out, "\ndata_" + b.name() + "\n\n");
            int width = 0;
            for (String k : b.rawPairs().keySet()) {
                width = Math.max(width, k.length());
            }
            for (Map.Entry<String, String> e : b.rawPairs().entrySet()) {
                utf8(out, "_" + e.getKey() + " ".repeat(width - e.getKey().length() + 2) + e.getValue() + "\n");
            }
            StarLoop loop = b.loop();
            if (loop != null) {
                if (!b.rawPairs().isEmpty()) {
                    out.write('\n');
                }
                ascii(out, "loop_\n");
                for (int c = 0; c < loop.columnCount(); c++) {
                    utf8(out, "_" + loop.columns().get(c) + " #" + (c + 1) + "\n");
                }
                for (int r = 0; r < loop.rowCount(); r++) {
                    loop.writeRow(r, out);
                    out.write('\n');
                }
            }
        }
    }

    private static void ascii(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void utf8(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}

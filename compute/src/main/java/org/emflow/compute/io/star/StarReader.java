package org.emflow.compute.io.star;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.util.BadInputException;

/**
 * Reads the STAR dialect described in {@link StarSyntax} in one pass over the file's bytes: blocks
 * in order, key-value pairs, loops with {@code #N} suffixes, comments, quoted values, blank lines,
 * CRLF line ends. Every syntax error is a {@link BadInputException} naming the file and the line.
 */
public final class StarReader {
    private final byte[] text;
    private final String source;
    private final List<StarBlock> blocks = new ArrayList<>();

    // the block being read
    private String blockName;
    private Map<String, String> pairs;
    private List<String> columns;
    private boolean inLoop;
    private int loopLine;
    private int[] cellStart;
    private int[] cellEnd;
    private int cells;
    private int[] rowLines;
    private int rows;

    // tokens of the current line
    private int[] tokStart = new int[64];
    private int[] tokEnd = new int[64];
    private int tokens;

    private StarReader(byte[] text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Reads {@code path}.
     *
     * @throws BadInputException when the file is missing or not valid STAR (file and line named)
     */
    public static StarFile read(Path path) throws IOException {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > Integer.MAX_VALUE - 16) {
                throw new BadInputException(path + ": STAR file of " + size + " bytes is larger than 2 GiB");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new BadInputException("STAR file not found: " + path, e);
        } catch (java.nio.file.FileSystemException e) {
            // A name the file system refuses (too long, a folder in the middle that is a file, no permission):
            // the path the user or another STAR file gave is at fault, as for a missing file.
            throw new BadInputException(path + ": cannot read the STAR file: " + e.getReason(), e);
        }
        return new StarFile(path, parse(bytes, path.toString()));
    }

    /** Parses STAR text held in memory; {@code source} names it in messages. */
    public static List<StarBlock> parse(byte[] bytes, String source) {
        return new StarReader(bytes, source).run();
    }

    private List<StarBlock> run() {
        int pos = 0;
        if (text.length >= 3 && (text[0] & 0xff) == 0xef && (text[1] & 0xff) == 0xbb && (text[2] & 0xff) == 0xbf) {
            pos = 3; // UTF-8 byte order mark
        }
        int line = 0;
        while (pos < text.length) {
            line++;
            int eol = pos;
            while (eol < text.length && text[eol] != '\n') {
                eol++;
            }
            tokenize(pos, eol, line);
            if (tokens > 0) {
                handleLine(line);
            }
            pos = eol + 1;
        }
        finishBlock();
        return blocks;
    }

    private void tokenize(int from, int to, int line) {
        tokens = 0;
        int i = from;
        while (true) {
            while (i < to && StarSyntax.isBlank(text[i])) {
                i++;
            }
            if (i >= to || text[i] == '#') {
                return;
            }
            int s = i;
            byte q = text[i];
            if (q == '\'' || q == '"') {
                // a quote closes only when followed by a blank or the end of the line
                int j = i + 1;
                while (j < to && !(text[j] == q && (j + 1 == to || StarSyntax.isBlank(text[j + 1])))) {
                    j++;
                }
                if (j >= to) {
                    throw error(line, "unterminated quoted value " + snippet(s, to));
                }
                i = j + 1;
            } else {
                while (i < to && !StarSyntax.isBlank(text[i])) {
                    i++;
                }
            }
            if (tokens == tokStart.length) {
                tokStart = Arrays.copyOf(tokStart, tokens * 2);
                tokEnd = Arrays.copyOf(tokEnd, tokens * 2);
            }
            tokStart[tokens] = s;
            tokEnd[tokens] = i;
            tokens++;
        }
    }

    private void handleLine(int line) {
        int s = tokStart[0];
        int len = tokEnd[0] - s;
        if (startsWithIgnoreCase(s, len, "data_")) {
            expectAlone(line, "data_");
            finishBlock();
            blockName = new String(text, s + 5, len - 5, StandardCharsets.UTF_8);
            pairs = new LinkedHashMap<>();
            return;
        }
        if (len == 5 && startsWithIgnoreCase(s, len, "loop_")) {
            expectAlone(line, "loop_");
            requireBlock(line, "loop_");
            if (columns != null) {
                throw error(line, "a second loop_ in block data_" + blockName + " (RELION's STAR has one table per block)");
            }
            columns = new ArrayList<>();
            inLoop = false;
            loopLine = line;
            cellStart = new int[1024];
            cellEnd = new int[1024];
            rowLines = new int[64];
            cells = 0;
            rows = 0;
            return;
        }
        if (startsWithIgnoreCase(s, len, "save_") || startsWithIgnoreCase(s, len, "global_")
                || startsWithIgnoreCase(s, len, "stop_") || text[s] == ';') {
            throw error(line, "'" + snippet(s, tokEnd[0]) + "' is not part of RELION's STAR dialect");
        }
        if (text[s] == '_') {
            String key = new String(text, s + 1, len - 1, StandardCharsets.UTF_8);
            requireBlock(line, "_" + key);
            if (columns != null) {
                if (inLoop) {
                    throw error(line, "label _" + key + " after the rows of the loop in block data_" + blockName);
                }
                expectAlone(line, "_" + key);
                if (columns.contains(key)) {
                    throw error(line, "duplicate column _" + key + " in block data_" + blockName);
                }
                columns.add(key);
            } else {
                if (tokens != 2) {
                    throw error(line, tokens < 2 ? "_" + key + " has no value" : "_" + key + " has " + (tokens - 1)
                            + " values (quote values that contain blanks)");
                }
                if (pairs.containsKey(key)) {
                    throw error(line, "duplicate key _" + key + " in block data_" + blockName);
                }
                pairs.put(key, new String(text, tokStart[1], tokEnd[1] - tokStart[1], StandardCharsets.UTF_8));
            }
            return;
        }
        if (columns == null) {
            requireBlock(line, snippet(s, tokEnd[0]));
            throw error(line, "value '" + snippet(s, tokEnd[0]) + "' outside a loop and without a _label");
        }
        inLoop = true;
        if (tokens != columns.size()) {
            throw error(line, tokens + " values, but the loop of block data_" + blockName + " (line " + loopLine
                    + ") has " + columns.size() + " columns");
        }
        if (cells + tokens > cellStart.length) {
            int n = Math.max(cellStart.length * 2, cells + tokens);
            cellStart = Arrays.copyOf(cellStart, n);
            cellEnd = Arrays.copyOf(cellEnd, n);
        }
        System.arraycopy(tokStart, 0, cellStart, cells, tokens);
        System.arraycopy(tokEnd, 0, cellEnd, cells, tokens);
        cells += tokens;
        if (rows == rowLines.length) {
            rowLines = Arrays.copyOf(rowLines, rows * 2);
        }
        rowLines[rows++] = line;
    }

    private void finishBlock() {
        if (blockName == null) {
            return;
        }
        StarLoop loop = null;
        if (columns != null) {
            String where = source + " (data_" + blockName + ")";
            loop = new StarLoop(where, columns, text, Arrays.copyOf(cellStart, cells), Arrays.copyOf(cellEnd, cells),
                    Arrays.copyOf(rowLines, rows), rows);
        }
        blocks.add(new StarBlock(blockName, source, pairs, loop));
        blockName = null;
        pairs = null;
        columns = null;
        inLoop = false;
    }

    private void requireBlock(int line, String what) {
        if (blockName == null) {
            throw error(line, what + " before the first data_ block");
        }
    }

    private void expectAlone(int line, String what) {
        if (tokens > 1) {
            throw error(line, "unexpected '" + snippet(tokStart[1], tokEnd[1]) + "' after " + what);
        }
    }

    private boolean startsWithIgnoreCase(int s, int len, String word) {
        if (len < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toLowerCase((char) text[s + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String snippet(int from, int to) {
        int n = Math.min(to - from, 60);
        String s = new String(text, from, n, StandardCharsets.UTF_8) + (n < to - from ? "..." : "");
        // the bytes of a binary file given as STAR (an .mrcs) are shown, not sent raw to the terminal
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0xFFFD) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private BadInputException error(int line, String message) {
        return new BadInputException(source + ": line " + line + ": " + message);
    }
}

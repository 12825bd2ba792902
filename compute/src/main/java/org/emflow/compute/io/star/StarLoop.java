package org.emflow.compute.io.star;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.util.BadInputException;

/**
 * The table of a {@code loop_}: ordered column names and rows of cells. Cells are kept verbatim as
 * byte ranges of one shared buffer (the file's bytes when read), so a million-row table costs two
 * ints per cell rather than a String, a round trip writes every cell exactly as read, and selecting
 * rows copies no text. Numeric columns are parsed on first use into {@code double[]} and cached.
 * Immutable (the numeric cache is filled under a lock) and thread-safe.
 */
public final class StarLoop {
    private final String source;
    private final List<String> columns;
    private final Map<String, Integer> index;
    private final byte[] text;
    private final int[] start;
    private final int[] end;
    private final int[] lines;
    private final int rows;
    private final double[][] doubleCache;

    StarLoop(String source, List<String> columns, byte[] text, int[] start, int[] end, int[] lines, int rows) {
        this.source = source;
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        this.index = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            if (index.put(columns.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate column " + columns.get(i));
            }
        }
        this.text = text;
        this.start = start;
        this.end = end;
        this.lines = lines;
        this.rows = rows;
        this.doubleCache = new double[columns.size()][];
    }

    /** Column names without the leading underscore, e.g. {@code rlnImageName}, in file order. */
    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows;
    }

    public int columnCount() {
        return columns.size();
    }

    public boolean hasColumn(String name) {
        return index.containsKey(name);
    }

    /** The 0-based index of {@code name}, or -1. */
    public int column(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** The file (and block) these rows came from, for messages. */
    public String source() {
        return source;
    }

    /** The 1-based line of {@code row} in its file, or 0 for rows built in memory. */
    public int line(int row) {
        return lines[row];
    }

    /** The cell as written in the file, quotes included. */
    public String raw(int row, int col) {
        int k = row * columns.size() + col;
        return new String(text, start[k], end[k] - start[k], StandardCharsets.UTF_8);
    }

    /** The cell's value (quotes removed). */
    public String get(int row, int col) {
        return StarSyntax.unquote(raw(row, col));
    }

    /** The cell's value in column {@code name}; the column must exist. */
    public String get(int row, String name) {
        return get(row, requireColumn(name));
    }

    /** The index of {@code name}, or a {@link BadInputException} naming the file and the missing column. */
    public int requireColumn(String name) {
        int c = column(name);
        if (c < 0) {
            throw new BadInputException(source + ": missing required column _" + name);
        }
        return c;
    }

    /**
     * The column as doubles ({@code nan}, {@code inf} accepted). The array is shared: do not modify it.
     *
     * @throws BadInputException naming file, line and column at the first value that is not a number
     */
    public synchronized double[] doubles(int col) {
        double[] cached = doubleCache[col];
        if (cached != null) {
            return cached;
        }
        double[] out = new double[rows];
        boolean[] ok = new boolean[1];
        int ncol = columns.size();
        for (int r = 0; r < rows; r++) {
            int k = r * ncol + col;
            int a = start[k];
            int b = end[k];
            if (b - a >= 2 && (text[a] == '\'' || text[a] == '"') && text[b - 1] == text[a]) {
                a++;
                b--;
            }
            out[r] = StarNumbers.parse(text, a, b, ok);
            if (!ok[0]) {
                throw notNumeric(r, col, "a number");
            }
        }
        doubleCache[col] = out;
        return out;
    }

    public double[] doubles(String name) {
        return doubles(requireColumn(name));
    }

    /**
     * The column as doubles, every one finite: what a computation takes in (a NaN defocus or an infinite angle
     * in one row would silently spoil a whole map). The array is shared: do not modify it.
     *
     * @throws BadInputException naming file, line and column at the first value that is not a finite number
     */
    public double[] finiteDoubles(int col) {
        double[] v = doubles(col);
        for (int r = 0; r < v.length; r++) {
            if (!Double.isFinite(v[r])) {
                throw notNumeric(r, col, "a finite number");
            }
        }
        return v;
    }

    public double[] finiteDoubles(String name) {
        return finiteDoubles(requireColumn(name));
    }

    /**
     * The column as ints.
     *
     * @throws BadInputException naming file, line and column at the first value that is not an integer
     */
    public int[] ints(int col) {
        int[] out = new int[rows];
        boolean[] ok = new boolean[1];
        int ncol = columns.size();
        for (int r = 0; r < rows; r++) {
            int k = r * ncol + col;
            out[r] = StarNumbers.parseInt(text, start[k], end[k], ok);
            if (!ok[0]) {
                double d = StarNumbers.parse(text, start[k], end[k], ok);
                if (!ok[0] || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                    throw notNumeric(r, col, "an integer");
                }
                out[r] = (int) d;
            }
        }
        return out;
    }

    public int[] ints(String name) {
        return ints(requireColumn(name));
    }

    /** The column's values (quotes removed). */
    public String[] strings(int col) {
        String[] out = new String[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = get(r, col);
        }
        return out;
    }

    public String[] strings(String name) {
        return strings(requireColumn(name));
    }

    private BadInputException notNumeric(int row, int col, String what) {
        String where = lines[row] > 0 ? "line " + lines[row] : "row " + (row + 1);
        return new BadInputException(source + ": " + where + ", column _" + columns.get(col) + " (#" + (col + 1)
                + "): '" + raw(row, col) + "' is not " + what);
    }

    /** The rows {@code rows} (in that order, repeats allowed), sharing this loop's text. */
    public StarLoop selectRows(int[] selected) {
        int ncol = columns.size();
        int[] s = new int[selected.length * ncol];
        int[] e = new int[selected.length * ncol];
        int[] l = new int[selected.length];
        for (int i = 0; i < selected.length; i++) {
            int r = selected[i];
            if (r < 0 || r >= rows) {
                throw new IndexOutOfBoundsException("row " + r + " of " + rows);
            }
            System.arraycopy(start, r * ncol, s, i * ncol, ncol);
            System.arraycopy(end, r * ncol, e, i * ncol, ncol);
            l[i] = lines[r];
        }
        return new StarLoop(source, columns, text, s, e, l, selected.length);
    }

    /** This loop with column {@code name} set to {@code values} (replaced in place, or appended at the end). */
    public StarLoop withColumn(String name, String[] values) {
        if (values.length != rows) {
            throw new IllegalArgumentException(values.length + " values for " + rows + " rows");
        }
        List<String> cols = new ArrayList<>(columns);
        int replaced = column(name);
        if (replaced < 0) {
            cols.add(name);
        }
        Builder b = new Builder(source, cols);
        String[] row = new String[cols.size()];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns.size(); c++) {
                row[c] = raw(r, c);
            }
            row[replaced < 0 ? cols.size() - 1 : replaced] = StarSyntax.quoteIfNeeded(values[r]);
            b.addRawRow(row);
        }
        return b.build();
    }

    /** Appends row {@code row}'s cells, separated by single spaces, to {@code out}. */
    void writeRow(int row, java.io.OutputStream out) throws java.io.IOException {
        int ncol = columns.size();
        for (int c = 0; c < ncol; c++) {
            int k = row * ncol + c;
            if (c > 0) {
                out.write(' ');
            }
            out.write(text, start[k], end[k] - start[k]);
        }
    }

    /** Starts a loop built in memory with the given columns. */
    public static Builder builder(List<String> columns) {
        return new Builder("(new table)", columns);
    }

    /** Builds a loop row by row; values are quoted as needed. */
    public static final class Builder {
        private final String source;
        private final List<String> columns;
        private byte[] text = new byte[1 << 12];
        private int size;
        private int[] start = new int[64];
        private int[] end = new int[64];
        private int cells;
        private int rows;

        Builder(String source, List<String> columns) {
            this.source = source;
            this.columns = List.copyOf(columns);
        }

        /** Appends a row of values (unquoted; quoted here when needed). */
        public Builder addRow(String... values) {
            String[] raw = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                raw[i] = StarSyntax.quoteIfNeeded(values[i]);
            }
            return addRawRow(raw);
        }

        Builder addRawRow(String[] tokens) {
            if (tokens.length != columns.size()) {
                throw new IllegalArgumentException(tokens.length + " values for " + columns.size() + " columns");
            }
            for (String t : tokens) {
                byte[] b = t.getBytes(StandardCharsets.UTF_8);
                if (size + b.length > text.length) {
                    text = Arrays.copyOf(text, Math.max(text.length * 2, size + b.length));
                }
                if (cells == start.length) {
                    start = Arrays.copyOf(start, cells * 2);
                    end = Arrays.copyOf(end, cells * 2);
                }
                System.arraycopy(b, 0, text, size, b.length);
                start[cells] = size;
                size += b.length;
                end[cells] = size;
                cells++;
            }
            rows++;
            return this;
        }

        public StarLoop build() {
            return new StarLoop(source, columns, text, Arrays.copyOf(start, cells), Arrays.copyOf(end, cells),
                    new int[rows], rows);
        }
    }
}

package org.emflow.ports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emflow.compute.util.BadInputException;
import org.emflow.sdk.PortObject;
import org.emflow.sdk.PortObjectSpec;
import org.emflow.sdk.PortType;

/**
 * A small table of named columns (displacement tables, per-iteration figures, ...), stored as CSV
 * with a header line. Cells are text; numeric columns parse as double.
 */
public record TablePortObject(List<String> columns, List<List<String>> rows) implements PortObject {
    public TablePortObject {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != columns.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows.get(i).size() + " cells for " + columns.size() + " columns");
            }
        }
    }

    /** The values of column {@code name} as numbers. */
    public double[] numbers(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new BadInputException("table has no column '" + name + "' (columns: " + String.join(", ", columns) + ")");
        }
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(rows.get(i).get(c));
        }
        return v;
    }

    @Override
    public PortType type() {
        return PortTypes.TABLE;
    }

    @Override
    public PortObjectSpec spec() {
        return new PortObjectSpec(PortTypes.TABLE, Map.of("columns", columns));
    }

    @Override
    public String summary() {
        return rows.size() + " rows x " + columns.size() + " columns";
    }

    /** CSV codec: comma-separated, a header line, values quoted only when they contain a comma or quote. */
    static final class Codec implements PortType.Codec {
        @Override
        public String extension() {
            return "csv";
        }

        @Override
        public void save(PortObject object, Path file) throws IOException {
            TablePortObject t = (TablePortObject) object;
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write(line(t.columns()));
                for (List<String> r : t.rows()) {
                    w.write(line(r));
                }
            }
        }

        private static String line(List<String> cells) {
            List<String> q = new ArrayList<>();
            for (String c : cells) {
                q.add(c.contains(",") || c.contains("\"") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
            }
            return String.join(",", q) + "\n";
        }

        @Override
        public PortObject load(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                throw new BadInputException(file + ": empty table (no header line)");
            }
            List<String> cols = split(lines.get(0), file, 1);
            List<List<String>> rows = new ArrayList<>();
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                List<String> r = split(lines.get(i), file, i + 1);
                if (r.size() != cols.size()) {
                    throw new BadInputException(file + ":" + (i + 1) + ": " + r.size() + " cells, header has " + cols.size());
                }
                rows.add(r);
            }
            return new TablePortObject(cols, rows);
        }

        private static List<String> split(String line, Path file, int lineNo) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    out.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            if (quoted) {
                throw new BadInputException(file + ":" + lineNo + ": unterminated quote");
            }
            out.add(cur.toString());
            return out;
        }
    }
}

package org.emflow.studio.preview;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.emflow.ports.PortTypes;
import org.emflow.ports.TablePortObject;
import org.emflow.sdk.PortObject;

/**
 * A table's first rows; a table that holds an FSC curve (a column named {@code fsc} and a spatial
 * frequency column in 1/A, or a resolution column in A) is drawn as an FSC plot instead.
 */
public final class TablePreviewer implements PortPreviewer {
    /** Rows sent to the page; the rest are counted only. */
    static final int MAX_ROWS = 500;

    @Override
    public String portTypeId() {
        return PortTypes.TABLE.id();
    }

    @Override
    public Preview preview(PortObject object, PreviewContext context) {
        TablePortObject t = (TablePortObject) object;
        Preview fsc = asFsc(t);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("columns", t.columns());
        data.put("rows", t.rows().subList(0, Math.min(MAX_ROWS, t.rows().size())));
        data.put("rowCount", t.rows().size());
        if (fsc != null) {
            fsc.data().put("table", data);
            return fsc;
        }
        return new Preview("table", data, Map.of());
    }

    /** The FSC preview of an FSC-shaped table, or null. */
    static Preview asFsc(TablePortObject t) {
        String fscCol = null;
        String freqCol = null;
        boolean angstrom = false;
        for (String c : t.columns()) {
            String l = c.toLowerCase(Locale.ROOT);
            if (fscCol == null && (l.equals("fsc") || l.startsWith("fsc_") || l.equals("fsc_corrected"))) {
                fscCol = c;
            } else if (freqCol == null && (l.contains("freq") || l.contains("inv_a") || l.contains("1/a"))) {
                freqCol = c;
            } else if (freqCol == null && (l.equals("resolution") || l.equals("resolution_a") || l.equals("angstrom"))) {
                freqCol = c;
                angstrom = true;
            }
        }
        if (fscCol == null || freqCol == null || t.rows().size() < 2) {
            return null;
        }
        double[] k;
        double[] f;
        try {
            k = t.numbers(freqCol);
            f = t.numbers(fscCol);
        } catch (NumberFormatException e) {
            return null;
        }
        if (angstrom) {
            for (int i = 0; i < k.length; i++) {
                k[i] = k[i] > 0 && Double.isFinite(k[i]) ? 1 / k[i] : 0;
            }
        }
        return Preview.fsc(k, f, FscCrossing.resolution(k, f, 0.143), FscCrossing.resolution(k, f, 0.5));
    }

}

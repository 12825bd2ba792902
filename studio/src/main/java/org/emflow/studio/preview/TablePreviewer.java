package org.emflow.studio.preview;

import java.util.LinkedHashMap;
import java.util.Map;
import org.emflow.ports.PortTypes;
import org.emflow.ports.TablePortObject;
import org.emflow.sdk.PortObject;

/** A table's first rows (and how many there are). */
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
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("columns", t.columns());
        data.put("rows", t.rows().subList(0, Math.min(MAX_ROWS, t.rows().size())));
        data.put("rowCount", t.rows().size());
        return new Preview("table", data, Map.of());
    }
}

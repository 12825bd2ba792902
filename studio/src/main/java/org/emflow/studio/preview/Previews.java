package org.emflow.studio.preview;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.emflow.sdk.PortObject;

/** The previewers by port type id: the built-in ones and any found with {@link ServiceLoader}. */
public final class Previews {
    private final Map<String, PortPreviewer> byType = new HashMap<>();

    public Previews() {
        for (PortPreviewer p : ServiceLoader.load(PortPreviewer.class, Previews.class.getClassLoader())) {
            byType.put(p.portTypeId(), p);
        }
    }

    /** The preview of {@code object}, or a one-line summary for a port type nobody previews. */
    public Preview preview(PortObject object, PreviewContext context) throws IOException {
        PortPreviewer p = byType.get(object.type().id());
        return p == null ? Preview.summary(object.summary()) : p.preview(object, context);
    }

    public boolean handles(String portTypeId) {
        return byType.containsKey(portTypeId);
    }
}

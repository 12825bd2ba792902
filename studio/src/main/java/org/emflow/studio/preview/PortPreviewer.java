package org.emflow.studio.preview;

import java.io.IOException;
import org.emflow.sdk.PortObject;

/**
 * Makes the preview of one port type. New port types plug in by implementing this and listing the
 * class in {@code META-INF/services/org.emflow.studio.preview.PortPreviewer} (e.g. an FSC port
 * returning {@link Preview#fsc}, an exit-wave port returning {@link Preview#images} with amplitude
 * and phase planes).
 */
public interface PortPreviewer {
    /** The {@link org.emflow.sdk.PortType#id()} this previewer handles. */
    String portTypeId();

    /** The preview of {@code object}; {@code context} locates files for URLs. */
    Preview preview(PortObject object, PreviewContext context) throws IOException;
}

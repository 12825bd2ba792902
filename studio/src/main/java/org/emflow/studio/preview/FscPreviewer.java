package org.emflow.studio.preview;

import org.emflow.compute.fsc.FscCurve;
import org.emflow.ports.FscPortObject;
import org.emflow.ports.PortTypes;
import org.emflow.sdk.PortObject;

/** An FSC curve for the page's chart, with the interpolated 0.143 and 0.5 resolutions the fsc node reports. */
public final class FscPreviewer implements PortPreviewer {
    @Override
    public String portTypeId() {
        return PortTypes.FSC.id();
    }

    @Override
    public Preview preview(PortObject object, PreviewContext context) {
        FscCurve c = ((FscPortObject) object).curve();
        return Preview.fsc(c.frequency(), c.fsc(), c.resolution0143(), c.resolution05());
    }
}

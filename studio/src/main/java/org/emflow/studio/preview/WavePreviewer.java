package org.emflow.studio.preview;

import org.emflow.compute.image.ComplexImage;
import org.emflow.ports.PortTypes;
import org.emflow.ports.WavePortObject;
import org.emflow.sdk.PortObject;

/** Amplitude and phase pictures of an exit wave. */
public final class WavePreviewer implements PortPreviewer {
    @Override
    public String portTypeId() {
        return PortTypes.WAVE.id();
    }

    @Override
    public Preview preview(PortObject object, PreviewContext context) {
        ComplexImage w = ((WavePortObject) object).wave();
        return Preview.amplitudeAndPhase(w.nx(), w.ny(), w.data(), object.summary());
    }
}

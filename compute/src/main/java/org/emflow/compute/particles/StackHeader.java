package org.emflow.compute.particles;

import java.io.IOException;
import java.nio.file.Path;
import org.emflow.compute.io.hdf.Eman2HdfStack;
import org.emflow.compute.io.mrc.MrcHeader;
import org.emflow.compute.io.mrc.MrcImageLoader;
import org.emflow.compute.io.mrc.MrcReader;

/** What a particle table needs of an image stack's header: image size, count and pixel size; MRC or EMAN2 HDF. */
record StackHeader(int nx, int ny, int nz, double pixelSize, boolean complex) {
    static StackHeader of(Path stack) throws IOException {
        if (MrcImageLoader.isHdf(stack)) {
            try (Eman2HdfStack s = Eman2HdfStack.open(stack)) {
                return new StackHeader(s.nx(), s.ny(), s.count(), s.pixelSize(0), false);
            }
        }
        MrcHeader h = MrcReader.readHeader(stack);
        return new StackHeader(h.nx(), h.ny(), h.nz(), h.pixelSize(), h.mode() == org.emflow.compute.io.mrc.MrcMode.COMPLEX64);
    }
}

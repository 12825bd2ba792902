package org.emflow.compute.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageSource;

/** Test loader over images held in memory: image i is {@code ImageSource(Path.of("mem"), i)}. */
public final class MemoryImageLoader implements ImageLoader {
    private final List<float[]> images = new ArrayList<>();

    /** Adds an image and returns its source. */
    public synchronized ImageSource add(float[] image) {
        images.add(image.clone());
        return new ImageSource(Path.of("mem"), images.size() - 1);
    }

    @Override
    public void read(ImageSource source, float[] dst) {
        float[] img;
        synchronized (this) {
            img = images.get(source.index());
        }
        System.arraycopy(img, 0, dst, 0, img.length);
    }

    @Override
    public void close() {
    }
}

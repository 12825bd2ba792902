package org.emflow.compute.particles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Images held in memory behind the {@link ImageLoader} interface, so that computed 2-D maps (group averages,
 * decimated particles) go through the same reconstruction as images on disk: image i is
 * {@code ImageSource(file(), i)}.
 */
public final class InMemoryImages implements ImageLoader {
    private final Path name;
    private final List<float[]> images;

    /** An empty set named {@code name} (shown in messages); {@link #add} fills it. */
    public InMemoryImages(String name) {
        this.name = Path.of(name);
        this.images = new ArrayList<>();
    }

    /** A set over {@code images} (not copied: they must not change while it is used). */
    public InMemoryImages(String name, float[][] images) {
        this.name = Path.of(name);
        this.images = new ArrayList<>(List.of(images));
    }

    /** Adds a copy of an image and returns its source. */
    public synchronized ImageSource add(float[] image) {
        images.add(image.clone());
        return new ImageSource(name, images.size() - 1);
    }

    /** The source of image i. */
    public ImageSource source(int i) {
        return new ImageSource(name, i);
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

package org.emflow.compute.io.mrc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emflow.compute.io.hdf.Eman2HdfStack;
import org.emflow.compute.particles.ImageLoader;
import org.emflow.compute.particles.ImageSource;
import org.emflow.compute.util.BadInputException;

/**
 * Loads particle images from MRC stacks, keeping at most {@code maxOpenFiles} files open (least
 * recently used closed first): RELION 5 sets have one stack per particle, hundreds of thousands of
 * files. Thread-safe: readers are leased under a lock and read outside it; a reader evicted while
 * another thread reads from it is closed when that read ends. EMAN2/SPARX HDF stacks ({@code .hdf}, {@code .h5})
 * are read too ({@link Eman2HdfStack}, one open file each, as such stacks are few and large).
 */
public final class MrcImageLoader implements ImageLoader {
    /** The default bound on open files, well below the usual per-process limit of 1024. */
    public static final int DEFAULT_MAX_OPEN_FILES = 256;

    private static final class Entry {
        final MrcReader reader;
        int users;
        boolean evicted;

        Entry(MrcReader reader) {
            this.reader = reader;
        }
    }

    private final int maxOpenFiles;
    private final LinkedHashMap<Path, Entry> open = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    public MrcImageLoader() {
        this(DEFAULT_MAX_OPEN_FILES);
    }

    public MrcImageLoader(int maxOpenFiles) {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be >= 1: " + maxOpenFiles);
        }
        this.maxOpenFiles = maxOpenFiles;
    }

    private final Map<Path, Eman2HdfStack> hdf = new java.util.HashMap<>();

    /** True for the file names of EMAN2/SPARX HDF stacks. */
    public static boolean isHdf(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".hdf") || n.endsWith(".h5");
    }

    private Eman2HdfStack hdfStack(Path file) throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("image loader closed");
            }
            Eman2HdfStack s = hdf.get(file);
            if (s == null) {
                s = Eman2HdfStack.open(file);
                hdf.put(file, s);
            }
            return s;
        }
    }

    @Override
    public void read(ImageSource source, float[] dst) throws IOException {
        if (isHdf(source.file())) {
            Eman2HdfStack s = hdfStack(source.file());
            if (dst.length != s.nx() * s.ny()) {
                throw new BadInputException(source.file() + ": images are " + s.nx() + " x " + s.ny()
                        + " pixels, but the particle table's box holds " + dst.length + " pixels");
            }
            s.read(source.index(), dst);
            return;
        }
        Entry e = lease(source.file());
        try {
            MrcHeader h = e.reader.header();
            if (source.index() >= h.nz()) {
                throw new BadInputException(source.file() + ": image index " + (source.index() + 1) + " (1-based, as in "
                        + source + ") is past the end of the stack, which has " + h.nz() + " images");
            }
            if (h.mode() == MrcMode.COMPLEX64) {
                throw new BadInputException(source.file() + ": complex MRC (mode 4) cannot be read as particle images");
            }
            if (dst.length != h.sectionValues()) {
                throw new BadInputException(source.file() + ": images are " + h.nx() + " x " + h.ny()
                        + " pixels, but the particle table's box holds " + dst.length + " pixels");
            }
            e.reader.readSection(source.index(), dst);
        } finally {
            release(e);
        }
    }

    /** The header of {@code file}, opening it (through the cache) when needed. */
    public MrcHeader header(Path file) throws IOException {
        Entry e = lease(file);
        try {
            return e.reader.header();
        } finally {
            release(e);
        }
    }

    /** Files currently open (for tests and diagnostics). */
    public synchronized int openFiles() {
        return open.size();
    }

    private synchronized Entry lease(Path file) throws IOException {
        if (closed) {
            throw new IllegalStateException("image loader is closed");
        }
        Entry e = open.get(file);
        if (e == null) {
            e = new Entry(MrcReader.open(file));
            open.put(file, e);
            evictBeyondBound();
        }
        e.users++;
        return e;
    }

    private void evictBeyondBound() throws IOException {
        Iterator<Map.Entry<Path, Entry>> it = open.entrySet().iterator();
        while (open.size() > maxOpenFiles && it.hasNext()) {
            Entry eldest = it.next().getValue();
            it.remove();
            eldest.evicted = true;
            if (eldest.users == 0) {
                eldest.reader.close();
            }
        }
    }

    private synchronized void release(Entry e) throws IOException {
        e.users--;
        if (e.evicted && e.users == 0) {
            e.reader.close();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        hdf.values().forEach(Eman2HdfStack::close);
        hdf.clear();
        List<Entry> all = new ArrayList<>(open.values());
        open.clear();
        IOException first = null;
        for (Entry e : all) {
            e.evicted = true;
            if (e.users == 0) {
                try {
                    e.reader.close();
                } catch (IOException ex) {
                    if (first == null) {
                        first = ex;
                    }
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

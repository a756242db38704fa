package dev.airlock.bridge;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A directory stream over names read once (recorded, or replayed from the journal), with the
 * program's filter applied as it iterates, as the JDK's stream does. One iterator only, as the
 * {@link DirectoryStream} contract says.
 */
public final class ListedDirectory implements DirectoryStream<Path> {

    private final Path dir;
    private final List<String> names;
    private final Filter<? super Path> filter;
    private boolean iterated;
    private volatile boolean closed;

    public ListedDirectory(Path dir, List<String> names, Filter<? super Path> filter) {
        this.dir = dir;
        this.names = names;
        this.filter = filter;
    }

    @Override
    public synchronized Iterator<Path> iterator() {
        if (closed) {
            throw new IllegalStateException("Directory stream is closed");
        }
        if (iterated) {
            throw new IllegalStateException("Iterator already obtained");
        }
        iterated = true;
        return new Iterator<>() {
            private int next;
            private Path ahead;

            @Override
            public boolean hasNext() {
                while (ahead == null && !closed && next < names.size()) {
                    Path p = dir.resolve(names.get(next++));
                    try {
                        if (filter == null || filter.accept(p)) {
                            ahead = p;
                        }
                    } catch (IOException e) {
                        throw new DirectoryIteratorException(e);
                    }
                }
                return ahead != null;
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path p = ahead;
                ahead = null;
                return p;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}

package io.arplab.observe;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded set of open files for many writers (one per capture point): a file whose descriptor was closed to make
 * room is reopened in append mode on its next write, as nginx's open_file_cache bounds descriptors, so any number of
 * captures stays under the process's open-file limit. Each writer buffers a little; the bytes on disk are the same.
 */
public final class FilePool {
    /** The pool the captures share: well under the usual 1024 open files of a shell. */
    public static final FilePool SHARED = new FilePool(128);

    private final int maxOpen;
    /** Open descriptors, least recently written first. */
    private final LinkedHashMap<Output, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);

    public FilePool(int maxOpen) {
        if (maxOpen < 1) {
            throw new IllegalArgumentException("maxOpen must be at least 1");
        }
        this.maxOpen = maxOpen;
    }

    /** Descriptors open now (at most the pool's bound). */
    public synchronized int openCount() {
        return open.size();
    }

    /** Creates (or truncates) {@code file} now, as a plain open would, and returns a small-buffered stream to it. */
    public OutputStream create(Path file) {
        Output o = new Output(file);
        synchronized (this) {
            try {
                channel(o, true);
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
        return o;
    }

    private FileChannel channel(Output o, boolean truncate) throws IOException {
        FileChannel ch = open.get(o);
        if (ch != null) {
            return ch;
        }
        if (open.size() >= maxOpen) {
            Iterator<Map.Entry<Output, FileChannel>> eldest = open.entrySet().iterator();
            FileChannel victim = eldest.next().getValue();
            eldest.remove();
            victim.close(); // nothing to flush: a writer's bytes reach the channel only under this pool's lock
        }
        ch = truncate
                ? FileChannel.open(o.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
                : FileChannel.open(o.file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        open.put(o, ch);
        return ch;
    }

    private synchronized void drain(Output o, byte[] b, int off, int len) throws IOException {
        FileChannel ch = channel(o, false);
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        while (bb.hasRemaining()) {
            ch.write(bb);
        }
    }

    private synchronized void release(Output o) throws IOException {
        FileChannel ch = open.remove(o);
        if (ch != null) {
            ch.close();
        }
    }

    /** One file's stream: a buffer that starts small and grows to {@link #MAX_BUFFER}. */
    private final class Output extends OutputStream {
        static final int MAX_BUFFER = 4096;
        private final Path file;
        private byte[] buf = new byte[256];
        private int count;
        private boolean closed;

        Output(Path file) {
            this.file = file;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException(file + ": closed");
            }
            if (count + len > buf.length && buf.length < MAX_BUFFER) {
                buf = java.util.Arrays.copyOf(buf, Math.min(MAX_BUFFER, Math.max(buf.length * 2, count + len)));
            }
            if (count + len > buf.length) {
                flushBuffer();
                if (len >= buf.length) {
                    drain(this, b, off, len);
                    return;
                }
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        private void flushBuffer() throws IOException {
            if (count > 0) {
                int n = count;
                count = 0;
                drain(this, buf, 0, n);
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            flushBuffer();
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            try {
                flushBuffer();
            } finally {
                closed = true;
                release(this);
            }
        }
    }
}

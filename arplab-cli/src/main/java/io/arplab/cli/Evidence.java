package io.arplab.cli;

import io.arplab.lab.Duration;
import io.arplab.observe.CaptureSink;
import io.arplab.observe.PcapCapture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A run's capture files and trace, kept readable whatever happens: flushed on demand and by a shutdown hook (Ctrl-C,
 * SIGTERM), a write error (a full disk) stops that file with one line, a size budget stops them all with a note, and
 * a lock file keeps a second run out of the same directory. Frames arrive on the lab's thread, the hook on its own:
 * both go through this object's monitor, so a hook never writes half a record.
 */
final class Evidence implements AutoCloseable {
    static final long DEFAULT_MAX = 1L << 30;
    static final String LOCK_FILE = ".arplab.lock";

    private final PrintWriter err;
    private final long max;
    private final List<Guarded> files = new ArrayList<>();
    private LongSupplier virtualNow = () -> 0;
    private long written;
    private boolean full;
    private boolean closed;
    private FileChannel lockChannel;
    private Path lockFile;

    Evidence(PrintWriter err, long max) {
        this.err = err;
        this.max = max;
    }

    void clock(LongSupplier virtualNow) {
        this.virtualNow = virtualNow;
    }

    /** Takes DIR/.arplab.lock, or says which run holds it. */
    void lock(Path dir, String asGiven) {
        Path f = dir.resolve(LOCK_FILE);
        try {
            FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).trim();
                ch.close();
                throw new UsageException("--pcap-dir " + asGiven + ": in use by another arplab run"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; wait for it to end or choose another --pcap-dir");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            lockChannel = ch;
            lockFile = f;
        } catch (IOException e) {
            throw new UsageException("--pcap-dir " + asGiven + ": cannot lock " + f + ": " + e.getMessage());
        }
    }

    /** A pcap file of one capture point. */
    CaptureSink pcap(Path file) {
        return pcap(file, false);
    }

    /** A pcap file of one capture point; {@code ovs}: as netdev-dummy writes rxq_pcap/tx_pcap. */
    CaptureSink pcap(Path file, boolean ovs) {
        PcapCapture c;
        try {
            c = ovs ? PcapCapture.ovs(file) : new PcapCapture(file);
        } catch (UncheckedIOException e) {
            throw new UsageException(file + ": cannot write: " + e.getCause().getMessage());
        }
        Guarded g = new Guarded(file.toString(), c);
        synchronized (this) {
            files.add(g);
        }
        return g;
    }

    /** The trace file's writer. */
    Writer trace(Path file) {
        Writer w;
        try {
            w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(file + ": cannot write: " + e.getMessage());
        }
        TraceFile t = new TraceFile(file.toString(), w);
        synchronized (this) {
            files.add(t.guard);
        }
        return t;
    }

    synchronized boolean damaged() {
        return files.stream().anyMatch(g -> g.failed);
    }

    /** Makes everything written so far readable. */
    synchronized void flush() {
        for (Guarded g : files) {
            g.flush();
        }
    }

    /** Flushes and closes every file; later frames are dropped. Safe to call twice, from any thread. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        for (Guarded g : files) {
            g.close();
        }
        if (lockChannel != null) {
            try {
                Files.deleteIfExists(lockFile);
                lockChannel.close();
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
        err.flush();
    }

    /** Whether {@code bytes} more may be written; at the limit, says so once and stops every file. */
    private boolean budget(long bytes) {
        if (closed || full) {
            return false;
        }
        if (max > 0 && written + bytes > max) {
            full = true;
            flush();
            err.println("arplab: note: --max-capture-size " + max + " bytes reached at virtual time "
                    + Duration.seconds(virtualNow.getAsLong()) + " s: captures and trace stop here");
            err.flush();
            return false;
        }
        written += bytes;
        return true;
    }

    /** One file: after a write error it says so in one line and takes nothing more. */
    private final class Guarded implements CaptureSink {
        private final String name;
        private final AutoCloseable target;
        private boolean failed;

        Guarded(String name, AutoCloseable target) {
            this.name = name;
            this.target = target;
        }

        @Override
        public void record(long epochNanos, byte[] frame) {
            synchronized (Evidence.this) {
                if (failed || !budget(16L + frame.length)) {
                    return;
                }
                try {
                    ((PcapCapture) target).record(epochNanos, frame);
                } catch (UncheckedIOException e) {
                    fail(e.getCause());
                }
            }
        }

        void flush() {
            if (failed || closed) {
                return;
            }
            try {
                if (target instanceof PcapCapture c) {
                    c.flush();
                } else {
                    ((Writer) target).flush();
                }
            } catch (UncheckedIOException e) {
                fail(e.getCause());
            } catch (IOException e) {
                fail(e);
            }
        }

        void fail(IOException e) {
            failed = true;
            err.println("arplab: " + name + ": " + e.getMessage() + "; this file stops here (what it holds stays readable)");
            err.flush();
        }

        @Override
        public void close() {
            try {
                target.close();
            } catch (Exception e) {
                if (!failed) {
                    err.println("arplab: " + name + ": " + e.getMessage());
                }
            }
        }
    }

    /** The trace's writer, through the budget and the error guard. */
    private final class TraceFile extends Writer {
        final Guarded guard;
        private final Writer out;

        TraceFile(String name, Writer out) {
            this.out = out;
            this.guard = new Guarded(name, out);
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            synchronized (Evidence.this) {
                if (guard.failed || !budget(len)) {
                    return;
                }
                try {
                    out.write(cbuf, off, len);
                } catch (IOException e) {
                    guard.fail(e);
                }
            }
        }

        @Override
        public void write(String s, int off, int len) {
            synchronized (Evidence.this) {
                if (guard.failed || !budget(len)) {
                    return;
                }
                try {
                    out.write(s, off, len);
                } catch (IOException e) {
                    guard.fail(e);
                }
            }
        }

        @Override
        public Writer append(CharSequence csq) {
            String s = String.valueOf(csq);
            write(s, 0, s.length());
            return this;
        }

        @Override
        public void flush() {
            synchronized (Evidence.this) {
                guard.flush();
            }
        }

        @Override
        public void close() {
            Evidence.this.close();
        }
    }

    /** Parses a size: bytes, or with k, M, G (powers of 1024; KiB, MiB, GiB also); 0 means no limit. */
    static long parseSize(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([kKmMgG]?)(i?B)?").matcher(s.trim());
        if (!m.matches()) {
            throw new UsageException("--max-capture-size: invalid size '" + s + "': expected e.g. 1G, 500M, 0 (no limit)");
        }
        int shift = switch (m.group(2).toLowerCase()) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new UsageException("--max-capture-size: '" + s + "' is too large");
        }
    }
}

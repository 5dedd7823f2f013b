package io.arplab.live;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@link TapDevice} over libc through JNA, for Linux on x86-64 and arm64 (their open flags and ioctl numbers are
 * the generic ones). Reads wait in poll(2) on the TAP and an eventfd(2) that {@link #close} signals, so a reader
 * returns at once; the descriptors are closed only after every reader and writer has left.
 */
final class JnaTap implements TapDevice {
    private static final String CLONE_DEVICE = "/dev/net/tun";
    private static final int O_RDWR = 02;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    // Documentation/networking/tuntap.rst: ioctl(fd, TUNSETIFF, &ifr) with ifr_flags IFF_TAP | IFF_NO_PI; the
    // kernel writes the device's name back into ifr_name. struct ifreq is 40 bytes: ifr_name[16], then a union.
    private static final long TUNSETIFF = 0x400454caL; // _IOW('T', 202, int)
    private static final short IFF_TAP = 0x0002;
    private static final short IFF_NO_PI = 0x1000;
    private static final int IFNAMSIZ = 16;
    private static final int IFREQ_SIZE = 40;
    private static final short POLLIN = 0x1;
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EINTR = 4;
    private static final int ENXIO = 6;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;
    private static final int ENODEV = 19;

    /** The libc functions used, as declared in their man pages (ssize_t, size_t and nfds_t are C longs). */
    interface LibC extends Library {
        LibC C = Native.load("c", LibC.class);

        int open(String path, int flags);

        int ioctl(int fd, NativeLong request, byte[] arg);

        int poll(byte[] fds, NativeLong nfds, int timeoutMillis);

        NativeLong read(int fd, Pointer buf, NativeLong count);

        NativeLong write(int fd, Pointer buf, NativeLong count);

        NativeLong write(int fd, byte[] buf, NativeLong count);

        int eventfd(int initval, int flags);

        int close(int fd);

        String strerror(int errnum);
    }

    private final String name;
    private final int fd;
    private final int wakeFd;
    private final Memory rx = new Memory(MAX_FRAME); // frames cross in native memory: JNA copies only their bytes
    private final Memory tx = new Memory(MAX_FRAME);
    private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private JnaTap(String name, int fd, int wakeFd) {
        this.name = name;
        this.fd = fd;
        this.wakeFd = wakeFd;
    }

    static JnaTap open(String requested) {
        String wanted = requested == null || requested.isEmpty() ? "tap%d" : requested;
        byte[] nameBytes = wanted.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length >= IFNAMSIZ) {
            throw new LiveException("TAP name '" + wanted + "' is longer than " + (IFNAMSIZ - 1) + " bytes");
        }
        LibC c = LibC.C;
        int fd = c.open(CLONE_DEVICE, O_RDWR | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            int errno = Native.getLastError();
            String hint = switch (errno) {
                case EPERM, EACCES -> " (run as root or grant CAP_NET_ADMIN)";
                case ENOENT, ENXIO, ENODEV -> " (load the tun module: modprobe tun)";
                default -> "";
            };
            throw new LiveException("cannot open " + CLONE_DEVICE + ": " + strerror(errno) + hint);
        }
        ByteBuffer ifr = ByteBuffer.allocate(IFREQ_SIZE).order(ByteOrder.nativeOrder());
        ifr.put(nameBytes).putShort(IFNAMSIZ, (short) (IFF_TAP | IFF_NO_PI));
        if (c.ioctl(fd, new NativeLong(TUNSETIFF), ifr.array()) < 0) {
            int errno = Native.getLastError();
            c.close(fd);
            String hint = errno == EPERM ? " (run as root or grant CAP_NET_ADMIN)" : "";
            throw new LiveException("TUNSETIFF " + wanted + ": " + strerror(errno) + hint);
        }
        int wake = c.eventfd(0, O_NONBLOCK | O_CLOEXEC); // EFD_NONBLOCK, EFD_CLOEXEC
        if (wake < 0) {
            int errno = Native.getLastError();
            c.close(fd);
            throw new LiveException("eventfd: " + strerror(errno));
        }
        byte[] actual = ifr.array();
        int len = 0;
        while (len < IFNAMSIZ && actual[len] != 0) {
            len++;
        }
        return new JnaTap(new String(actual, 0, len, StandardCharsets.UTF_8), fd, wake);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int read(byte[] buf, long timeoutNanos) {
        inUse.readLock().lock();
        try {
            long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
            byte[] fds = new byte[16]; // two struct pollfd {int fd; short events; short revents;}
            ByteBuffer p = ByteBuffer.wrap(fds).order(ByteOrder.nativeOrder());
            while (!closed) {
                p.putInt(0, fd).putShort(4, POLLIN).putShort(6, (short) 0);
                p.putInt(8, wakeFd).putShort(12, POLLIN).putShort(14, (short) 0);
                int r = LibC.C.poll(fds, new NativeLong(2), pollMillis(timeoutNanos, deadline));
                if (r < 0) {
                    int errno = Native.getLastError();
                    if (errno == EINTR) {
                        continue;
                    }
                    throw new LiveException("poll " + name + ": " + strerror(errno));
                }
                if (r == 0 && timeoutNanos >= 0 && System.nanoTime() - deadline >= 0) {
                    return 0;
                }
                if (p.getShort(14) != 0) {
                    return -1; // close() signalled
                }
                if (p.getShort(6) != 0) {
                    int errno;
                    synchronized (rx) {
                        int count = Math.min(buf.length, MAX_FRAME);
                        long n = LibC.C.read(fd, rx, new NativeLong(count)).longValue();
                        if (n >= 0) {
                            int got = (int) Math.min(n, count); // tun_put_user() returns the untruncated length
                            rx.read(0, buf, 0, got);
                            return got;
                        }
                        errno = Native.getLastError();
                    }
                    if (errno != EAGAIN && errno != EINTR) {
                        throw new LiveException("read " + name + ": " + strerror(errno));
                    }
                }
            }
            return -1;
        } finally {
            inUse.readLock().unlock();
        }
    }

    private static int pollMillis(long timeoutNanos, long deadline) {
        if (timeoutNanos < 0) {
            return -1;
        }
        long left = Math.max(0, deadline - System.nanoTime());
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
    }

    @Override
    public void write(byte[] frame, int off, int len) {
        Objects.checkFromIndexSize(off, len, frame.length);
        if (len > MAX_FRAME) {
            throw new LiveException("write " + name + ": a frame of " + len + " bytes is longer than " + MAX_FRAME);
        }
        inUse.readLock().lock();
        try {
            if (closed) {
                throw new LiveException("write " + name + ": device is closed");
            }
            synchronized (tx) {
                tx.write(0, frame, off, len);
                if (LibC.C.write(fd, tx, new NativeLong(len)).longValue() < 0) {
                    throw new LiveException("write " + name + ": " + strerror(Native.getLastError()));
                }
            }
        } finally {
            inUse.readLock().unlock();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        byte[] one = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(1).array();
        LibC.C.write(wakeFd, one, new NativeLong(8));
        inUse.writeLock().lock(); // waits for readers, now woken, and writers to leave
        try {
            LibC.C.close(fd); // the kernel unregisters a non-persistent TAP here (tun_chr_close)
            LibC.C.close(wakeFd);
            rx.close();
            tx.close();
        } finally {
            inUse.writeLock().unlock();
        }
    }

    private static String strerror(int errno) {
        return LibC.C.strerror(errno);
    }

    @Override
    public String toString() {
        return "TAP " + name + (closed ? " (closed)" : "");
    }
}

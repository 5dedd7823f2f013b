package io.arplab.runtime;

/**
 * A wire to the world outside the runtime: whole Ethernet frames in and out (a TAP device in live mode). Reads
 * happen on one thread, writes on the runtime's thread; {@link #close} may come from any thread and wakes a read.
 */
public interface FrameIo extends AutoCloseable {
    /** The interface name on the kernel's side. */
    String name();

    /** Waits at most {@code timeoutNanos} for a frame: its length, 0 when none came, -1 once the wire is closed. */
    int read(byte[] buf, long timeoutNanos);

    /** Sends one frame; a frame the kernel refuses is dropped, as a full queue drops it. */
    void write(byte[] frame, int off, int len);

    @Override
    void close();
}

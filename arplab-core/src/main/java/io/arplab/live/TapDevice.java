package io.arplab.live;

/**
 * A TAP device: frames written here are received by the kernel on the interface {@link #name()}, and frames the
 * kernel sends on it are read here, whole Ethernet frames without a packet-information header. The device is not
 * persistent: it disappears when it is closed, or when the process dies. Safe to close from another thread than
 * the reader's.
 */
public interface TapDevice extends io.arplab.runtime.FrameIo {
    /** The longest frame at any MTU: ETH_MAX_MTU 65535 + a 14-byte header + one 802.1Q tag (1514 at MTU 1500). */
    int MAX_FRAME = 65_553;

    /**
     * Creates the TAP interface {@code name} (at most 15 bytes; {@code "tap%d"}, or null, lets the kernel pick the
     * number) in this process's network namespace, down. Throws {@link LiveException} with a one-line message
     * ("cannot open /dev/net/tun: Permission denied (run as root or grant CAP_NET_ADMIN)",
     * "TUNSETIFF tap0: Device or resource busy").
     */
    static TapDevice open(String name) {
        return JnaTap.open(name);
    }

    /** The interface's name as the kernel gave it. */
    String name();

    /**
     * Waits at most {@code timeoutNanos} (negative: without limit) for a frame and copies it to {@code buf};
     * returns its length, 0 on timeout, or -1 once the device is closed (also when closed while waiting).
     * A frame longer than {@code buf} is truncated.
     */
    int read(byte[] buf, long timeoutNanos);

    /** Hands one Ethernet frame to the kernel, as if received on the interface. */
    void write(byte[] frame, int off, int len);

    /** Moves the kernel side into the named network namespace ({@code ip link set dev NAME netns NS}). */
    default void moveToNetns(String netns) {
        IpCommand.moveToNetns(name(), netns);
    }

    /** Removes the interface; a reader blocked in {@link #read} returns -1. Idempotent. */
    @Override
    void close();
}

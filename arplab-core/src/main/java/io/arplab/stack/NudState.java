package io.arplab.stack;

/** Neighbour Unreachability Detection states with the kernel's bit values (include/uapi/linux/neighbour.h). */
public enum NudState {
    NONE(0x00, "NONE", "0x0"),
    INCOMPLETE(0x01, "INCOMPLETE", "incomplete"),
    REACHABLE(0x02, "REACHABLE", "reachable"),
    STALE(0x04, "STALE", "stale"),
    DELAY(0x08, "DELAY", "delay"),
    PROBE(0x10, "PROBE", "probe"),
    FAILED(0x20, "FAILED", "failed"),
    NOARP(0x40, "NOARP", "noarp"),
    PERMANENT(0x80, "PERMANENT", "permanent");

    /** States whose entry runs a timer (NUD_IN_TIMER). */
    public static final int IN_TIMER = 0x01 | 0x02 | 0x08 | 0x10;
    /** States with a usable link-layer address (NUD_VALID). */
    public static final int VALID = 0x80 | 0x40 | 0x02 | 0x10 | 0x04 | 0x08;
    /** States that need no confirmation to send (NUD_CONNECTED). */
    public static final int CONNECTED = 0x80 | 0x40 | 0x02;

    public final int bits;
    /** As iproute2 prints it ({@code REACHABLE}). */
    public final String label;
    /** As the neigh tracepoints print it ({@code reachable}; NONE prints {@code 0x0}). */
    public final String traceName;

    NudState(int bits, String label, String traceName) {
        this.bits = bits;
        this.label = label;
        this.traceName = traceName;
    }

    private static final NudState[] BY_BIT = new NudState[256];

    static {
        for (NudState s : values()) {
            BY_BIT[s.bits] = s;
        }
    }

    /** The state for a single bit value (or NONE). */
    public static NudState of(int bits) {
        NudState s = BY_BIT[bits & 0xff];
        if (s == null) {
            throw new IllegalArgumentException("not a single NUD state: 0x" + Integer.toHexString(bits));
        }
        return s;
    }

    public boolean in(int mask) {
        return (bits & mask) != 0;
    }

    /** Parses an {@code ip neigh} state word (case-insensitive). */
    public static NudState parse(String word) {
        for (NudState s : values()) {
            if (s.label.equalsIgnoreCase(word)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown neighbour state '" + word + "'");
    }
}

package io.arplab.wire.filter;

/**
 * The frame a filter runs over: captured bytes, captured length and length on the wire. Loads follow BPF's rule: a
 * load past the captured bytes rejects the whole frame ({@link Reject}), whatever the rest of the expression says.
 */
final class Packet {
    final byte[] data;
    final int caplen;
    final long wireLength;

    Packet(byte[] data, int caplen, long wireLength) {
        this.data = data;
        this.caplen = Math.max(0, Math.min(caplen, data.length));
        this.wireLength = wireLength & 0xffff_ffffL;
    }

    /** Unsigned load of 1, 2 or 4 bytes at an unsigned 32-bit offset. */
    long load(long offset, int size) {
        if (offset < 0 || offset + size > caplen) {
            throw Reject.INSTANCE;
        }
        int o = (int) offset;
        return switch (size) {
            case 1 -> data[o] & 0xffL;
            case 2 -> ((data[o] & 0xff) << 8 | (data[o + 1] & 0xff)) & 0xffffL;
            default -> ((long) (data[o] & 0xff) << 24) | ((data[o + 1] & 0xff) << 16) | ((data[o + 2] & 0xff) << 8)
                    | (data[o + 3] & 0xff);
        };
    }

    /** BPF's {@code ldxb 4*([k]&0xf)}: the IPv4 header length at {@code k}. */
    long ipHeaderLength(long k) {
        return (load(k, 1) & 0xf) << 2;
    }

    /** Thrown by a load out of bounds or a division by zero at run time: the BPF program returns 0. */
    static final class Reject extends RuntimeException {
        static final Reject INSTANCE = new Reject();

        private Reject() {
            super(null, null, false, false);
        }
    }
}

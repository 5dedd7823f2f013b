package io.arplab.wire;

/** Zero-allocation writers for untagged Ethernet II headers. */
public final class EthernetFrames {
    private EthernetFrames() {}

    /** Writes destination, source and EtherType at {@code out[off]}; returns 14. */
    public static int writeHeader(byte[] out, int off, long destination, long source, int etherType) {
        BigEndian.put48(out, off, destination);
        BigEndian.put48(out, off + 6, source);
        BigEndian.put16(out, off + 12, etherType);
        return EthernetView.HEADER_LENGTH;
    }
}

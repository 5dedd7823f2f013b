package io.arplab.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A UDP datagram (RFC 768): ports and data. {@code checksummed} false means the checksum field is 0 ("no
 * checksum"); true means {@link #emit} computes it over the pseudo-header, header and data, sending a computed
 * 0 as 0xffff.
 */
public record UdpDatagram(int sourcePort, int destinationPort, byte[] payload, boolean checksummed) {
    public static final int MAX_PAYLOAD = 0xffff - UdpView.HEADER_LENGTH;

    public UdpDatagram {
        if (sourcePort < 0 || sourcePort > 0xffff || destinationPort < 0 || destinationPort > 0xffff) {
            throw new IllegalArgumentException("port outside 0..65535: " + sourcePort + ", " + destinationPort);
        }
        payload = payload == null ? new byte[0] : payload.clone();
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload longer than " + MAX_PAYLOAD + ": " + payload.length);
        }
    }

    public static UdpDatagram of(int sourcePort, int destinationPort, byte[] payload) {
        return new UdpDatagram(sourcePort, destinationPort, payload, true);
    }

    /** Reads a view whose {@link UdpView#check()} is null. The checksum is not verified here. */
    public static UdpDatagram parse(UdpView v) {
        byte[] data = Arrays.copyOfRange(v.buffer(), v.payloadOffset(), v.payloadOffset() + v.payloadLength());
        return new UdpDatagram(v.sourcePort(), v.destinationPort(), data, v.checksum() != 0);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Header plus data: the length field. */
    public int length() {
        return UdpView.HEADER_LENGTH + payload.length;
    }

    /** Writes the datagram at {@code out[off]}; the addresses feed the pseudo-header. Returns bytes written. */
    public int emit(byte[] out, int off, int sourceIp, int destinationIp) {
        int n = length();
        BigEndian.put16(out, off, sourcePort);
        BigEndian.put16(out, off + 2, destinationPort);
        BigEndian.put16(out, off + 4, n);
        BigEndian.put16(out, off + 6, 0);
        System.arraycopy(payload, 0, out, off + UdpView.HEADER_LENGTH, payload.length);
        if (checksummed) {
            BigEndian.put16(out, off + 6, checksum(out, off, n, sourceIp, destinationIp));
        }
        return n;
    }

    public int emit(byte[] out, int off, Ipv4Address source, Ipv4Address destination) {
        return emit(out, off, source.bits(), destination.bits());
    }

    /**
     * The checksum to send for the {@code length} bytes at {@code buf[off]} whose checksum field is zero: RFC 768,
     * with a computed 0 sent as all ones since 0 means none.
     */
    public static int checksum(byte[] buf, int off, int length, int sourceIp, int destinationIp) {
        long sum = InternetChecksum.pseudoHeader(sourceIp, destinationIp, IpProtocol.UDP.number(), length);
        int c = InternetChecksum.finish(InternetChecksum.add(sum, buf, off, length));
        return c == 0 ? 0xffff : c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UdpDatagram u && sourcePort == u.sourcePort && destinationPort == u.destinationPort
                && checksummed == u.checksummed && Arrays.equals(payload, u.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sourcePort, destinationPort, checksummed) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "UdpDatagram[" + sourcePort + " > " + destinationPort + ", " + payload.length + " bytes"
                + (checksummed ? "" : ", no checksum") + "]";
    }
}

package io.arplab.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an ICMP message (RFC 792) means. {@link #parse} gives the specific record when the bytes are exactly what
 * that record emits (code 0 where RFC 792 fixes it, unused bytes zero, timestamps exactly 20 bytes) and
 * {@link Other} otherwise, so parse then emit always gives the same bytes for a message with a valid checksum.
 * {@link #emit} computes the checksum.
 */
public sealed interface IcmpMessage {
    /**
     * How much of an offending datagram Linux quotes in an error: the reply fits in 576 bytes
     * (icmp_send(): 576 - 20-byte IP header - 8-byte ICMP header; RFC 1812 §4.3.2.3).
     */
    int LINUX_MAX_QUOTE = 548;

    int type();

    int code();

    /** Bytes 4..7 of the message. */
    int restOfHeader();

    /** Message length: header and data. */
    int length();

    /** Writes the message at {@code out[off]} with its checksum; returns bytes written. */
    int emit(byte[] out, int off);

    /** Reads a view whose {@link IcmpView#check()} is null. The checksum is not verified here. */
    static IcmpMessage parse(IcmpView v) {
        int type = v.type();
        int code = v.code();
        int rest = v.restOfHeader();
        int n = v.dataLength();
        byte[] buf = v.buffer();
        int d = v.dataOffset();
        switch (type) {
            case IcmpType.ECHO_REPLY, IcmpType.ECHO_REQUEST -> {
                if (code == 0) {
                    return new Echo(type == IcmpType.ECHO_REPLY, v.identifier(), v.sequenceNumber(), copy(buf, d, n));
                }
            }
            case IcmpType.DESTINATION_UNREACHABLE -> {
                int mtu = v.nextHopMtu();
                if ((rest >>> 16) == 0 && (code == IcmpCode.Unreachable.FRAGMENTATION_NEEDED || mtu == 0)) {
                    return new DestinationUnreachable(code, mtu, copy(buf, d, n));
                }
            }
            case IcmpType.SOURCE_QUENCH -> {
                if (code == 0 && rest == 0) {
                    return new SourceQuench(copy(buf, d, n));
                }
            }
            case IcmpType.REDIRECT -> {
                return new Redirect(code, v.gateway(), copy(buf, d, n));
            }
            case IcmpType.TIME_EXCEEDED -> {
                if (rest == 0) {
                    return new TimeExceeded(code, copy(buf, d, n));
                }
            }
            case IcmpType.PARAMETER_PROBLEM -> {
                if ((rest & 0x00ff_ffff) == 0) {
                    return new ParameterProblem(code, v.pointer(), copy(buf, d, n));
                }
            }
            case IcmpType.TIMESTAMP, IcmpType.TIMESTAMP_REPLY -> {
                if (code == 0 && v.length() == IcmpView.TIMESTAMP_LENGTH) {
                    return new Timestamp(type == IcmpType.TIMESTAMP_REPLY, v.identifier(), v.sequenceNumber(),
                            v.originateTimestamp(), v.receiveTimestamp(), v.transmitTimestamp());
                }
            }
            default -> {
            }
        }
        return new Other(type, code, rest, copy(buf, d, n));
    }

    /**
     * The part of an offending datagram an error quotes, as Linux's icmp_send() cuts it: the datagram up to its
     * total length (padding excluded), at most {@link #LINUX_MAX_QUOTE} bytes. The view's header must be checked.
     */
    static byte[] quote(Ipv4View offending) {
        int n = Math.min(Math.min(offending.totalLength(), offending.length()), LINUX_MAX_QUOTE);
        return copy(offending.buffer(), offending.offset(), n);
    }

    private static byte[] copy(byte[] b, int off, int len) {
        return Arrays.copyOfRange(b, off, off + len);
    }

    /** Echo request (type 8) or echo reply (type 0), RFC 792 page 14. */
    record Echo(boolean reply, int identifier, int sequenceNumber, byte[] data) implements IcmpMessage {
        public Echo {
            IcmpEncoding.range("identifier", identifier, 0xffff);
            IcmpEncoding.range("sequence number", sequenceNumber, 0xffff);
            data = data == null ? IcmpEncoding.EMPTY : data.clone();
        }

        public static Echo request(int identifier, int sequenceNumber, byte[] data) {
            return new Echo(false, identifier, sequenceNumber, data);
        }

        /** The reply RFC 792 asks for: same identifier, sequence number and data, type 0. */
        public Echo toReply() {
            return new Echo(true, identifier, sequenceNumber, data);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int type() {
            return reply ? IcmpType.ECHO_REPLY : IcmpType.ECHO_REQUEST;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int restOfHeader() {
            return identifier << 16 | sequenceNumber;
        }

        @Override
        public int length() {
            return IcmpView.HEADER_LENGTH + data.length;
        }

        @Override
        public int emit(byte[] out, int off) {
            return IcmpEncoding.emit(out, off, type(), 0, restOfHeader(), data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Echo e && reply == e.reply && identifier == e.identifier
                    && sequenceNumber == e.sequenceNumber && Arrays.equals(data, e.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reply, identifier, sequenceNumber) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Echo[" + (reply ? "reply" : "request") + ", id " + identifier + ", seq " + sequenceNumber
                    + ", " + data.length + " bytes]";
        }
    }

    /** Destination unreachable (type 3, RFC 792 page 4); {@code nextHopMtu} only with code 4 (RFC 1191 §4). */
    record DestinationUnreachable(int code, int nextHopMtu, byte[] originalDatagram) implements IcmpMessage {
        public DestinationUnreachable {
            IcmpEncoding.range("code", code, 255);
            IcmpEncoding.range("next-hop MTU", nextHopMtu, 0xffff);
            if (nextHopMtu != 0 && code != IcmpCode.Unreachable.FRAGMENTATION_NEEDED) {
                throw new IllegalArgumentException("next-hop MTU goes with code 4 only, not code " + code);
            }
            originalDatagram = IcmpEncoding.nonNull(originalDatagram);
        }

        public static DestinationUnreachable of(int code, byte[] originalDatagram) {
            return new DestinationUnreachable(code, 0, originalDatagram);
        }

        /** Fragmentation needed and DF set, with the next-hop MTU. */
        public static DestinationUnreachable fragmentationNeeded(int nextHopMtu, byte[] originalDatagram) {
            return new DestinationUnreachable(IcmpCode.Unreachable.FRAGMENTATION_NEEDED, nextHopMtu, originalDatagram);
        }

        @Override
        public byte[] originalDatagram() {
            return originalDatagram.clone();
        }

        @Override
        public int type() {
            return IcmpType.DESTINATION_UNREACHABLE;
        }

        @Override
        public int restOfHeader() {
            return nextHopMtu;
        }

        @Override
        public int length() {
            return IcmpView.HEADER_LENGTH + originalDatagram.length;
        }

        @Override
        public int emit(byte[] out, int off) {
            return IcmpEncoding.emit(out, off, type(), code, restOfHeader(), originalDatagram);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DestinationUnreachable u && code == u.code && nextHopMtu == u.nextHopMtu
                    && Arrays.equals(originalDatagram, u.originalDatagram);
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, nextHopMtu) * 31 + Arrays.hashCode(originalDatagram);
        }

        @Override
        public String toString() {
            return "DestinationUnreachable[code " + code + (nextHopMtu != 0 ? ", mtu " + nextHopMtu : "") + ", "
                    + originalDatagram.length + " bytes quoted]";
        }
    }

    /** Source quench (type 4, RFC 792 page 10; deprecated by RFC 6633, still parsed). */
    record SourceQuench(byte[] originalDatagram) implements IcmpMessage {
        public SourceQuench {
            originalDatagram = IcmpEncoding.nonNull(originalDatagram);
        }

        @Override
        public byte[] originalDatagram() {
            return originalDatagram.clone();
        }

        @Override
        public int type() {
            return IcmpType.SOURCE_QUENCH;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int restOfHeader() {
            return 0;
        }

        @Override
        public int length() {
            return IcmpView.HEADER_LENGTH + originalDatagram.length;
        }

        @Override
        public int emit(byte[] out, int off) {
            return IcmpEncoding.emit(out, off, type(), 0, 0, originalDatagram);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SourceQuench q && Arrays.equals(originalDatagram, q.originalDatagram);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(originalDatagram);
        }

        @Override
        public String toString() {
            return "SourceQuench[" + originalDatagram.length + " bytes quoted]";
        }
    }

    /** Redirect (type 5, RFC 792 page 12): use {@code gateway} for the quoted datagram's destination. */
    record Redirect(int code, Ipv4Address gateway, byte[] originalDatagram) implements IcmpMessage {
        public Redirect {
            IcmpEncoding.range("code", code, 255);
            Objects.requireNonNull(gateway, "gateway");
            originalDatagram = IcmpEncoding.nonNull(originalDatagram);
        }

        @Override
        public byte[] originalDatagram() {
            return originalDatagram.clone();
        }

        @Override
        public int type() {
            return IcmpType.REDIRECT;
        }

        @Override
        public int restOfHeader() {
            return gateway.bits();
        }

        @Override
        public int length() {
            return IcmpView.HEADER_LENGTH + originalDatagram.length;
        }

        @Override
        public int emit(byte[] out, int off) {
            return IcmpEncoding.emit(out, off, type(), code, restOfHeader(), originalDatagram);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Redirect r && code == r.code && gateway.equals(r.gateway)
                    && Arrays.equals(originalDatagram, r.originalDatagram);
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, gateway) * 31 + Arrays.hashCode(originalDatagram);
        }

        @Override
        public String toString() {
            return "Redirect[code " + code + ", gateway " + gateway + ", " + originalDatagram.length + " bytes quoted]";
        }
    }

    /** Time exceeded (type 11, RFC 792 page 6): code 0 TTL exceeded in transit, 1 reassembly time exceeded. */
    record TimeExceeded(int code, byte[] originalDatagram) implements IcmpMessage {
        public TimeExceeded {
            IcmpEncoding.range("code", code, 255);
            originalDatagram = IcmpEncoding.nonNull(originalDatagram);
        }

        @Override
        public byte[] originalDatagram() {
            return originalDatagram.clone();
        }

        @Override
        public int type() {
            return IcmpType.TIME_EXCEEDED;
        }

        @Override
        public int restOfHeader() {
            return 0;
        }

        @Override
        public int length() {
            return IcmpView.HEADER_LENGTH + originalDatagram.length;
        }

        @Override
        public int emit(byte[] out, int off) {
            return IcmpEncoding.emit(out, off, type(), code, 0, originalDatagram);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TimeExceeded t && code == t.code && Arrays.equals(originalDatagram, t.originalDatagram);
        }

        @Override
        public int hashCode() {
            return code * 31 + Arrays.hashCode(originalDatagram);
        }

        @Override
        public String toString() {
            return "TimeExceeded[code " + code + ", " + originalDatagram.length + " bytes quoted]";
        }
    }

    /** Parameter problem (type 12, RFC 792 page 8): {@code pointer} is the octet in error. */
    record ParameterProblem(int code, int pointer, byte[] originalDatagram) implements IcmpMessage {
        public ParameterProblem {
            IcmpEncoding.range("code", code, 255);
            IcmpEncoding.range("pointer", pointer, 255);
            originalDatagram = IcmpEncoding.nonNull(originalDatagram);
        }

        @Override
        public byte[] originalDatagram() {
            return originalDatagram.clone();
        }

        @Override
        public int type() {
            return IcmpType.PARAMETER_PROBLEM;
        }

        @Override
        public int restOfHeader() {
            return pointer << 24;
        }

        @Override
        public int length() {
            return IcmpView.HEADER_LENGTH + originalDatagram.length;
        }

        @Override
        public int emit(byte[] out, int off) {
            return IcmpEncoding.emit(out, off, type(), code, restOfHeader(), originalDatagram);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterProblem p && code == p.code && pointer == p.pointer
                    && Arrays.equals(originalDatagram, p.originalDatagram);
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, pointer) * 31 + Arrays.hashCode(originalDatagram);
        }

        @Override
        public String toString() {
            return "ParameterProblem[code " + code + ", pointer " + pointer + ", " + originalDatagram.length
                    + " bytes quoted]";
        }
    }

    /** Timestamp (type 13) or timestamp reply (type 14), RFC 792 page 16: milliseconds since midnight UT. */
    record Timestamp(boolean reply, int identifier, int sequenceNumber, long originateTimestamp,
                     long receiveTimestamp, long transmitTimestamp) implements IcmpMessage {
        public Timestamp {
            IcmpEncoding.range("identifier", identifier, 0xffff);
            IcmpEncoding.range("sequence number", sequenceNumber, 0xffff);
            IcmpEncoding.range32("originate timestamp", originateTimestamp);
            IcmpEncoding.range32("receive timestamp", receiveTimestamp);
            IcmpEncoding.range32("transmit timestamp", transmitTimestamp);
        }

        @Override
        public int type() {
            return reply ? IcmpType.TIMESTAMP_REPLY : IcmpType.TIMESTAMP;
        }

        @Override
        public int code() {
            return 0;
        }

        @Override
        public int restOfHeader() {
            return identifier << 16 | sequenceNumber;
        }

        @Override
        public int length() {
            return IcmpView.TIMESTAMP_LENGTH;
        }

        @Override
        public int emit(byte[] out, int off) {
            BigEndian.put32(out, off + 8, (int) originateTimestamp);
            BigEndian.put32(out, off + 12, (int) receiveTimestamp);
            BigEndian.put32(out, off + 16, (int) transmitTimestamp);
            return IcmpEncoding.emitInPlace(out, off, type(), 0, restOfHeader(), IcmpView.TIMESTAMP_LENGTH);
        }
    }

    /** Any other message, or a known type whose bytes the records above do not describe exactly. */
    record Other(int type, int code, int restOfHeader, byte[] data) implements IcmpMessage {
        public Other {
            IcmpEncoding.range("type", type, 255);
            IcmpEncoding.range("code", code, 255);
            data = IcmpEncoding.nonNull(data);
            if ((type == IcmpType.TIMESTAMP || type == IcmpType.TIMESTAMP_REPLY)
                    && data.length < IcmpView.TIMESTAMP_LENGTH - IcmpView.HEADER_LENGTH) {
                throw new IllegalArgumentException("a timestamp message carries 12 bytes of timestamps: " + data.length);
            }
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int length() {
            return IcmpView.HEADER_LENGTH + data.length;
        }

        @Override
        public int emit(byte[] out, int off) {
            return IcmpEncoding.emit(out, off, type, code, restOfHeader, data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Other x && type == x.type && code == x.code && restOfHeader == x.restOfHeader
                    && Arrays.equals(data, x.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, code, restOfHeader) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return String.format("Other[type %d, code %d, rest 0x%08x, %d bytes]", type, code, restOfHeader, data.length);
        }
    }
}

package io.arplab.wire;

/**
 * An ARP packet (RFC 826 "Packet format") over bytes {@code [off, off+len)} of {@code buf}: any hardware and
 * protocol type; the address fields follow at offsets given by ar$hln and ar$pln. The Ethernet/IPv4 accessors
 * ({@code *Bits()}, {@code *Address()}) read the fixed 28-byte layout and are meaningful only when
 * {@link #isEthernetIpv4()}. Call {@link #check()} before any accessor.
 */
public final class ArpView extends ByteView {
    /** Fixed part: hrd, pro, hln, pln, op. */
    public static final int FIXED_LENGTH = 8;
    /** An Ethernet/IPv4 packet: 8 + 2 * (6 + 4). */
    public static final int ETHERNET_IPV4_LENGTH = 28;
    private static final int HTYPE = 0;
    private static final int PTYPE = 2;
    private static final int HLEN = 4;
    private static final int PLEN = 5;
    private static final int OPER = 6;
    private static final int SHA = 8;
    private static final int SPA = 14;
    private static final int THA = 18;
    private static final int TPA = 24;

    public ArpView(byte[] buf, int off, int len) {
        wrap(buf, off, len);
    }

    public ArpView(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ArpView wrap(byte[] buf, int off, int len) {
        set(buf, off, len);
        return this;
    }

    /** Null when every accessor is safe, else why not ("truncated: 20 of 28 bytes"). */
    public String check() {
        String b = bounds();
        if (b != null) {
            return b;
        }
        if (len < FIXED_LENGTH) {
            return Checks.truncated(len, FIXED_LENGTH);
        }
        int need = packetLength();
        if (len < need) {
            return Checks.truncated(len, need);
        }
        return null;
    }

    /** Bytes the packet uses: 8 + 2 * (hln + pln); the rest of the view is padding. */
    public int packetLength() {
        return FIXED_LENGTH + 2 * (hardwareLength() + protocolLength());
    }

    /** ar$hrd. */
    public int hardwareType() {
        return BigEndian.u16(buf, off + HTYPE);
    }

    /** ar$pro: an EtherType. */
    public int protocolType() {
        return BigEndian.u16(buf, off + PTYPE);
    }

    /** ar$hln. */
    public int hardwareLength() {
        return BigEndian.u8(buf, off + HLEN);
    }

    /** ar$pln. */
    public int protocolLength() {
        return BigEndian.u8(buf, off + PLEN);
    }

    /** ar$op as a number. */
    public int operationCode() {
        return BigEndian.u16(buf, off + OPER);
    }

    public ArpOp operation() {
        return ArpOp.of(operationCode());
    }

    /** Hardware type 1 (Ethernet), protocol 0x0800, hln 6, pln 4: the layout every Linux host speaks. */
    public boolean isEthernetIpv4() {
        return BigEndian.i32(buf, off) == 0x0001_0800 && BigEndian.u16(buf, off + HLEN) == 0x0604;
    }

    /** Index in {@link #buffer()} of ar$sha (length hln). */
    public int senderHardwareAddressOffset() {
        return off + SHA;
    }

    /** Index of ar$spa (length pln). */
    public int senderProtocolAddressOffset() {
        return off + SHA + hardwareLength();
    }

    /** Index of ar$tha (length hln). */
    public int targetHardwareAddressOffset() {
        return off + SHA + hardwareLength() + protocolLength();
    }

    /** Index of ar$tpa (length pln). */
    public int targetProtocolAddressOffset() {
        return off + SHA + 2 * hardwareLength() + protocolLength();
    }

    // Ethernet/IPv4 layout (isEthernetIpv4()): sha 8..13, spa 14..17, tha 18..23, tpa 24..27.

    public long senderHardwareAddressBits() {
        return BigEndian.u48(buf, off + SHA);
    }

    public int senderProtocolAddressBits() {
        return BigEndian.i32(buf, off + SPA);
    }

    public long targetHardwareAddressBits() {
        return BigEndian.u48(buf, off + THA);
    }

    public int targetProtocolAddressBits() {
        return BigEndian.i32(buf, off + TPA);
    }

    public MacAddress senderHardwareAddress() {
        return new MacAddress(senderHardwareAddressBits());
    }

    public Ipv4Address senderProtocolAddress() {
        return new Ipv4Address(senderProtocolAddressBits());
    }

    public MacAddress targetHardwareAddress() {
        return new MacAddress(targetHardwareAddressBits());
    }

    public Ipv4Address targetProtocolAddress() {
        return new Ipv4Address(targetProtocolAddressBits());
    }
}

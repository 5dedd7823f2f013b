package io.arplab.wire;

/**
 * An Ethernet II / IEEE 802.3 frame header over bytes {@code [off, off+len)} of {@code buf} (no FCS), with any
 * number of IEEE 802.1Q / 802.1ad tags (TPID 0x8100, 0x88a8 or 0x9100 followed by a 16-bit TCI, 802.1Q-2018 §9.6).
 * Call {@link #check()} before any accessor; {@link #wrap} re-points the view without allocating.
 */
public final class EthernetView extends ByteView {
    public static final int HEADER_LENGTH = 14;
    public static final int TAG_LENGTH = 4;
    private static final int DESTINATION = 0;
    private static final int SOURCE = 6;
    private static final int TYPE = 12;

    private int tagCount;

    public EthernetView(byte[] buf, int off, int len) {
        wrap(buf, off, len);
    }

    public EthernetView(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public EthernetView wrap(byte[] buf, int off, int len) {
        set(buf, off, len);
        this.tagCount = 0;
        return this;
    }

    /** Null when every accessor is safe, else why not. Counts the VLAN tags. */
    public String check() {
        String b = bounds();
        if (b != null) {
            return b;
        }
        if (len < HEADER_LENGTH) {
            return Checks.truncated(len, HEADER_LENGTH);
        }
        int n = 0;
        int p = off + TYPE;
        while (EtherType.isVlanTpid(BigEndian.u16(buf, p))) {
            int need = HEADER_LENGTH + (n + 1) * TAG_LENGTH;
            if (len < need) {
                tagCount = 0;
                return Checks.truncated(len, need);
            }
            n++;
            p += TAG_LENGTH;
        }
        tagCount = n;
        return null;
    }

    public long destinationBits() {
        return BigEndian.u48(buf, off + DESTINATION);
    }

    public MacAddress destination() {
        return new MacAddress(destinationBits());
    }

    public long sourceBits() {
        return BigEndian.u48(buf, off + SOURCE);
    }

    public MacAddress source() {
        return new MacAddress(sourceBits());
    }

    /** The first type/length field (bytes 12..13): a TPID when the frame is tagged. */
    public int outerTypeField() {
        return BigEndian.u16(buf, off + TYPE);
    }

    /** Number of 802.1Q/802.1ad tags before the payload's EtherType. */
    public int tagCount() {
        return tagCount;
    }

    /** Tag protocol identifier of tag {@code i} (0 is the outermost). */
    public int tagTpid(int i) {
        return BigEndian.u16(buf, off + TYPE + i * TAG_LENGTH);
    }

    /** The 16-bit tag control information: PCP (3 bits), DEI (1), VID (12). */
    public int tagControl(int i) {
        return BigEndian.u16(buf, off + TYPE + 2 + i * TAG_LENGTH);
    }

    /** Priority code point, 0..7. */
    public int tagPcp(int i) {
        return tagControl(i) >>> 13;
    }

    /** Drop eligible indicator. */
    public boolean tagDei(int i) {
        return (tagControl(i) & 0x1000) != 0;
    }

    /** VLAN identifier, 0..4095. */
    public int tagVid(int i) {
        return tagControl(i) & 0x0fff;
    }

    /** The type/length field after the tags: the payload's EtherType, or an 802.3 length when &lt;= 1500. */
    public int etherTypeValue() {
        return BigEndian.u16(buf, off + TYPE + tagCount * TAG_LENGTH);
    }

    public EtherType etherType() {
        return EtherType.of(etherTypeValue());
    }

    /** True for an IEEE 802.3 frame whose type field is a length (an LLC header follows). */
    public boolean isLength() {
        return EtherType.isLength(etherTypeValue());
    }

    /** Header length including tags: 14 + 4 per tag. */
    public int headerLength() {
        return HEADER_LENGTH + tagCount * TAG_LENGTH;
    }

    /** Index in {@link #buffer()} where the payload starts. */
    public int payloadOffset() {
        return off + headerLength();
    }

    /** Bytes after the header, padding included (Ethernet II does not say where the payload ends). */
    public int payloadLength() {
        return len - headerLength();
    }
}

package io.arplab.wire;

/** An IPv4 address held in an int (network byte order as an unsigned 32-bit value). */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {
    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(0xffff_ffff);
    public static final Ipv4Address LOOPBACK = new Ipv4Address(0x7f00_0001);

    public static Ipv4Address of(int bits) {
        return new Ipv4Address(bits);
    }

    /** Recently shared instances, by the low bits of the address (racy reads are safe: a record's field is final). */
    private static final Ipv4Address[] SHARED = new Ipv4Address[64];

    /**
     * An instance equal to {@code of(bits)} that may be shared: a subnet's network and broadcast addresses repeat in
     * every host of a big lab, so its devices and routes hold one object for them. Not for per-packet paths.
     */
    public static Ipv4Address shared(int bits) {
        int slot = (bits ^ (bits >>> 8) ^ (bits >>> 16) ^ (bits >>> 24)) & (SHARED.length - 1);
        Ipv4Address a = SHARED[slot];
        if (a == null || a.bits != bits) {
            a = new Ipv4Address(bits);
            SHARED[slot] = a;
        }
        return a;
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        return new Ipv4Address((a << 24) | (b << 16) | (c << 8) | d);
    }

    public static Ipv4Address read(byte[] buf, int off) {
        return new Ipv4Address(Bytes.i32(buf, off));
    }

    public void write(byte[] buf, int off) {
        Bytes.put32(buf, off, bits);
    }

    /** Parses dotted-quad notation strictly: four decimal octets 0..255. */
    public static Ipv4Address parse(String text) {
        Ipv4Address a = tryParse(text);
        if (a == null) {
            throw new IllegalArgumentException("invalid IPv4 address '" + text + "': expected four numbers 0-255 like 172.28.0.11");
        }
        return a;
    }

    /** Like {@link #parse} but returns null instead of throwing. */
    public static Ipv4Address tryParse(String text) {
        if (text == null) {
            return null;
        }
        int v = 0;
        int parts = 0;
        int octet = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (octet < 0 || parts == 4) {
                    return null;
                }
                v = (v << 8) | octet;
                parts++;
                octet = -1;
            } else if (c >= '0' && c <= '9') {
                octet = (octet < 0 ? 0 : octet * 10) + (c - '0');
                if (octet > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return parts == 4 ? new Ipv4Address(v) : null;
    }

    public int octet(int i) {
        return (bits >>> (8 * (3 - i))) & 0xff;
    }

    public boolean isUnspecified() {
        return bits == 0;
    }

    public boolean isLimitedBroadcast() {
        return bits == 0xffff_ffff;
    }

    /** 224.0.0.0/4 */
    public boolean isMulticast() {
        return (bits & 0xf000_0000) == 0xe000_0000;
    }

    /** 127.0.0.0/8 */
    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    /** True when this address lies in {@code network/prefixLength}. */
    public boolean inSubnet(Ipv4Address network, int prefixLength) {
        int mask = netmask(prefixLength);
        return (bits & mask) == (network.bits & mask);
    }

    /** The netmask of a prefix length 0..32 as an int. */
    public static int netmask(int prefixLength) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0..32");
        }
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public Ipv4Address masked(int prefixLength) {
        int m = bits & netmask(prefixLength);
        return m == bits ? this : new Ipv4Address(m); // a route re-masks its masked destination: no copy
    }

    @Override
    public String toString() {
        return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }
}

package io.arplab.wire;

/** A 48-bit IEEE 802 MAC address held in the low bits of a long. */
public record MacAddress(long bits) implements Comparable<MacAddress> {
    public static final MacAddress ZERO = new MacAddress(0L);
    public static final MacAddress BROADCAST = new MacAddress(0xffff_ffff_ffffL);

    public MacAddress {
        if ((bits & ~0xffff_ffff_ffffL) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: 0x" + Long.toHexString(bits));
        }
    }

    public static MacAddress of(long bits) {
        return new MacAddress(bits);
    }

    public static MacAddress read(byte[] buf, int off) {
        return new MacAddress(Bytes.u48(buf, off));
    }

    public void write(byte[] buf, int off) {
        Bytes.put48(buf, off, bits);
    }

    /** Parses {@code 02:42:ac:1c:00:0b} (also accepts '-' separators and one-digit octets). */
    public static MacAddress parse(String text) {
        String[] parts = text.trim().split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("invalid MAC address '" + text + "': expected six hex octets like 02:42:ac:1c:00:0b");
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("invalid MAC address '" + text + "': bad octet '" + p + "'");
            }
            int octet;
            try {
                octet = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid MAC address '" + text + "': bad octet '" + p + "'");
            }
            v = (v << 8) | octet;
        }
        return new MacAddress(v);
    }

    public int octet(int i) {
        return (int) (bits >>> (8 * (5 - i))) & 0xff;
    }

    public boolean isBroadcast() {
        return bits == 0xffff_ffff_ffffL;
    }

    /** Group bit (I/G) of the first octet; broadcast is multicast too. */
    public boolean isMulticast() {
        return isMulticast(bits);
    }

    /** is_multicast_ether_addr() of an address held in the low 48 bits: its group (I/G) bit. */
    public static boolean isMulticast(long bits) {
        return (bits & 0x0100_0000_0000L) != 0;
    }

    public boolean isUnicast() {
        return !isMulticast();
    }

    public boolean isZero() {
        return bits == 0;
    }

    public boolean isLocallyAdministered() {
        return (bits & 0x0200_0000_0000L) != 0;
    }

    /** Lower-case, colon-separated, two digits per octet, as iproute2 and tcpdump print it. */
    @Override
    public String toString() {
        char[] out = new char[17];
        for (int i = 0; i < 6; i++) {
            int o = octet(i);
            out[3 * i] = Character.forDigit(o >> 4, 16);
            out[3 * i + 1] = Character.forDigit(o & 0xf, 16);
            if (i < 5) {
                out[3 * i + 2] = ':';
            }
        }
        return new String(out);
    }

    /** Twelve hex digits without separators, as the neigh tracepoints print lladdr. */
    public String toHexString() {
        return String.format("%012x", bits);
    }

    @Override
    public int compareTo(MacAddress o) {
        return Long.compare(bits, o.bits);
    }
}

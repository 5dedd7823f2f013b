package io.arplab.lab;

import io.arplab.wire.Ipv4Address;

/** An address with a prefix length, {@code 172.28.0.11/16} (a bare address means /32). */
public record Cidr(Ipv4Address address, int prefixLength) {
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String a = slash < 0 ? text : text.substring(0, slash);
        Ipv4Address addr = Ipv4Address.tryParse(a);
        if (addr == null) {
            throw new IllegalArgumentException("invalid IPv4 address '" + a + "' in '" + text + "'");
        }
        int len = 32;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
            if (len < 0 || len > 32) {
                throw new IllegalArgumentException("invalid prefix length in '" + text + "': expected 0..32");
            }
        }
        return new Cidr(addr, len);
    }

    public Ipv4Address network() {
        return address.masked(prefixLength);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}

package io.arplab.wire.tshark;

/** dissect_dns_answer() of packet-dns.c: a resource record and what it adds to Info. */
final class DnsRecords {
    private DnsRecords() {}

    /**
     * The type's mnemonic (dns_types_vals), or "Unknown (n)" (val_to_str_ext()'s default): the field's
     * dns_types_description_vals text up to its " (description)".
     */
    static String typeName(int type) {
        String s = switch (type) {
            case 10 -> "NULL";
            case 255 -> "ANY";
            default -> Values.of("dns.qry.type", type);
        };
        if (s == null) {
            return "Unknown (" + type + ")";
        }
        int paren = s.indexOf(" (");
        return paren < 0 ? s : s.substring(0, paren);
    }

    /** Reads one record at {@code off}, appending its summary to {@code p} unless null; returns the next offset. */
    static int answer(Tvb tvb, int off, Packet p) {
        DnsName name = DnsName.read(tvb, off);
        int cur = off + name.length;
        int type = tvb.u16(cur);
        tvb.u16(cur + 2);
        tvb.u32(cur + 4);
        int rdlen = tvb.u16(cur + 8);
        cur += 10;
        if (type != 1 && type != 28 && type != 2 && type != 5 && type != 12) {
            throw new Unsupported("DNS record type " + type);
        }
        if ((type == 1 && rdlen != 4) || (type == 28 && rdlen != 16)) {
            throw new Unsupported("DNS record of odd length");
        }
        p.append(" " + typeName(type));
        String data = switch (type) {
            case 1 -> tvb.ipv4(cur);
            case 28 -> tvb.ipv6(cur);
            default -> DnsName.read(tvb, cur).text;
        };
        p.append(" " + data);
        return cur + rdlen;
    }
}

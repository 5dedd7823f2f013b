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

    /** The record types whose data this class reads (dissect_dns_answer()'s cases for them). */
    private static final java.util.Set<Integer> KNOWN = java.util.Set.of(1, 2, 5, 6, 12, 13, 15, 16, 28, 33, 41, 99);

    /** A name in the data, read in the whole message (for its pointers). */
    private static String name(Tvb message, int dataOffset, Tvb rdata, int at) {
        DnsName n = DnsName.read(message, dataOffset + at);
        rdata.check(at, n.length);
        return n.text;
    }

    /** A character-string's bytes as Info shows them (printable ASCII only here). */
    private static String text(Tvb rdata, int off, int len) {
        int at = rdata.at(off, len);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = rdata.data[at + i] & 0xff;
            if (c < 0x20 || c >= 0x7f) {
                throw new Unsupported("DNS character-string with non-printable bytes");
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    /**
     * Reads one record at {@code off}, appending its summary to {@code p} unless null (", cache flush" after the
     * type for an mDNS record with the class's top bit); returns the next offset.
     */
    static int answer(Tvb tvb, int off, Packet p, boolean mdns) {
        DnsName name = DnsName.read(tvb, off);
        int cur = off + name.length;
        int type = tvb.u16(cur);
        int rrclass = tvb.u16(cur + 2);
        tvb.u32(cur + 4);
        int rdlen = tvb.u16(cur + 8);
        cur += 10;
        if (!KNOWN.contains(type)) {
            throw new Unsupported("DNS record type " + type);
        }
        p.append(" " + typeName(type));
        if (mdns && (rrclass & 0x8000) != 0) {
            p.append(", cache flush");
        }
        if (rdlen == 0) {
            return cur;
        }
        // the data's fields are read where they are, whatever rdlength says (a TXT's strings excepted)
        Tvb rdata = tvb.subset(cur);
        switch (type) {
            case 1 -> p.append(" " + rdata.ipv4(0));
            case 28 -> p.append(" " + rdata.ipv6(0));
            case 2, 5, 12 -> p.append(" " + name(tvb, cur, rdata, 0));
            case 15 -> {
                int preference = rdata.u16(0);
                p.append(" " + preference + " " + name(tvb, cur, rdata, 2));
            }
            case 6 -> {
                DnsName mname = DnsName.read(tvb, cur);
                rdata.check(0, mname.length);
                p.append(" " + mname.text);
                DnsName rname = DnsName.read(tvb, cur + mname.length);
                rdata.check(mname.length + rname.length, 20);
            }
            case 33 -> {
                int priority = rdata.u16(0);
                int weight = rdata.u16(2);
                int port = rdata.u16(4);
                p.append(" " + priority + " " + weight + " " + port + " " + name(tvb, cur, rdata, 6));
            }
            case 13 -> {
                int cpu = rdata.u8(0);
                String c = text(rdata, 1, cpu);
                int os = rdata.u8(1 + cpu);
                p.append(" " + c + " " + text(rdata, 2 + cpu, os));
            }
            case 16, 99 -> {
                Tvb strings = tvb.subset(cur, -1, Math.min(rdlen, tvb.reportedRemaining(cur)));
                for (int at = 0; at < rdlen; ) {
                    int len = strings.u8(at);
                    strings.check(at + 1, len);
                    at += 1 + len;
                }
            }
            default -> {
                if (rdlen != 0) {
                    throw new Unsupported("OPT record with options");
                }
            }
        }
        return cur + rdlen;
    }
}

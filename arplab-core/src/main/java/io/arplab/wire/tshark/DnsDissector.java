package io.arplab.wire.tshark;

/**
 * packet-dns.c's dissect_dns_common(): the summary of the header, the queries and (for responses) answers; for
 * mDNS (port 5353) each question says whether it asks for a unicast ("QU") or multicast ("QM") answer and each
 * record whether it flushes caches (the class's top bit), LLMNR (port 5355) only names the protocol.
 */
final class DnsDissector {
    private static final int F_RESPONSE = 0x8000;

    private DnsDissector() {}

    /** Which of dissect_dns(), dissect_mdns_udp() and dissect_llmnr_udp() called dissect_dns_common(). */
    enum Kind { DNS, MDNS, LLMNR }

    /** The class's top bit in mDNS: a question's unicast-response bit, a record's cache-flush bit. */
    private static final int C_QU = 0x8000;

    /**
     * dissect_dso_data(): a message with nothing after its header is malformed; each TLV is read whole while four
     * bytes remain, then what is left is an item of its own (seed 34006; probe family dns-dso). A keepalive or
     * retry-delay TLV of another length than its fields' is not modelled.
     */
    private static void dso(Tvb tvb, int off) {
        if (tvb.reportedRemaining(off) == 0) {
            tvb.check(off, 1);
        }
        while (tvb.reportedRemaining(off) >= 4) {
            int type = tvb.u16(off);
            int len = tvb.u16(off + 2);
            if (type == 1 && len != 8 || type == 2 && len != 4) {
                throw new Unsupported("DSO TLV " + type + " of length " + len);
            }
            tvb.check(off, 4 + len);
            off += 4 + len;
        }
        tvb.check(off, tvb.reportedRemaining(off));
    }

    static void dissect(Tvb tvb, Packet p, Kind kind) {
        p.protocol(kind.name());
        p.clearInfo();
        int id = tvb.u16(0);
        int flags = tvb.u16(2);
        int opcode = (flags >> 11) & 0xf;
        int rcode = flags & 0xf;
        String op = Values.of("dns.flags.opcode", opcode);
        boolean response = (flags & F_RESPONSE) != 0;
        p.info((op == null ? "Unknown operation (" + opcode + ")" : op) + (response ? " response" : "") + " 0x"
                + Names.hex4(id));
        if (response && rcode != 0) {
            String rc = Values.of("dns.flags.rcode", rcode);
            p.append(" " + (rc == null ? "Unknown error (" + rcode + ")" : rc));
        }
        int quest = tvb.u16(4);
        int ans = tvb.u16(6);
        int auth = tvb.u16(8);
        int add = tvb.u16(10);
        int off = 12;
        for (int i = 0; i < quest; i++) {
            DnsName name = DnsName.read(tvb, off);
            off += name.length;
            int type = tvb.u16(off);
            int qclass = tvb.u16(off + 2);
            off += 4;
            p.append(" " + DnsRecords.typeName(type) + " " + name.text);
            if (kind == Kind.MDNS) {
                p.append((qclass & C_QU) != 0 ? ", \"QU\" question" : ", \"QM\" question");
            }
        }
        // every section's records add to Info, the answers as the authority and additional ones
        for (int i = 0; i < ans + auth + add; i++) {
            off = DnsRecords.answer(tvb, off, p, kind == Kind.MDNS);
        }
        if (opcode == 6 && quest == 0 && ans + auth + add == 0) {
            dso(tvb, off);
        }
        if (off < tvb.reported) {
            // the bytes after the records are read to the message's reported end: a capture that cut them shows it
            // (DNS and mDNS alike; seeds 33010, 35004, 35010)
            tvb.check(off, tvb.reported - off);
        }
    }
}

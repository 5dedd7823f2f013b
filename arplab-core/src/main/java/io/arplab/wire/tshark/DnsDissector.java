package io.arplab.wire.tshark;

/** packet-dns.c's dissect_dns_common(): the summary of the header, the queries and (for responses) answers. */
final class DnsDissector {
    private static final int F_RESPONSE = 0x8000;

    private DnsDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("DNS");
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
            tvb.u16(off + 2);
            off += 4;
            p.append(" " + DnsRecords.typeName(type) + " " + name.text);
        }
        // every section's records add to Info, the answers as the authority and additional ones
        for (int i = 0; i < ans + auth + add; i++) {
            off = DnsRecords.answer(tvb, off, p);
        }
    }
}

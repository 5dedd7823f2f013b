package io.arplab.wire.tshark;

/**
 * packet-rip.c's dissect_rip() (Wireshark 4.0): "RIPv1"/"RIPv2" (else "RIP") as the protocol, the command in Info,
 * then the 20-byte entries while the reported length lasts, each reading its metric and (for IP) its address.
 */
final class RipDissector {
    private static final String[] COMMANDS = {null, "Request", "Response", "Traceon", "Traceoff",
        "Vendor specific (Sun)"};
    private static final int HEADER = 4;
    private static final int ENTRY = 20;
    private static final int AUTH_KEYED_MSG_DIGEST = 3;

    private RipDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("RIP");
        p.clearInfo();
        int command = tvb.u8(0);
        int version = tvb.u8(1);
        p.protocol(version == 1 || version == 2 ? "RIPv" + version : "RIP");
        p.info(command > 0 && command < COMMANDS.length ? COMMANDS[command] : "Unknown command (" + command + ")");
        int off = HEADER;
        while (tvb.reportedLengthRemaining(off) > 0) {
            int family = tvb.u16(off);
            if (family == 0 || family == 2) {
                // dissect_unspec_rip_vektor() / dissect_ip_rip_vektor(): the metric, the address
                tvb.u32(off + 16);
                if (family == 2) {
                    tvb.u32(off + 4);
                }
            } else if (family == 0xffff && off == HEADER) {
                // dissect_rip_authentication(): the type; a keyed digest reads its trailer too
                if (tvb.u16(off + 2) == AUTH_KEYED_MSG_DIGEST) {
                    throw new Unsupported("RIP keyed message digest authentication");
                }
                tvb.check(off + 4, 16); // the password's item
            } else {
                tvb.check(off, ENTRY); // "Unknown address family", an expert item of the entry's length
            }
            off += ENTRY;
        }
    }
}

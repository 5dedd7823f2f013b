package io.arplab.wire.tshark;

/**
 * packet-dhcp.c's dissect_dhcp() (Wireshark 4.0) for Ethernet clients: "Boot Request from MAC (name)" / "Boot
 * Reply", then dhcp_option()'s first pass, which reads each option's code (the capture's cut throws there) but its
 * length and value only when captured, and turns the Info into "DHCP type - Transaction ID 0x..." when option 53 is
 * there; then the tree's items: the fixed fields, each option whole, option 53's byte in its own tvbuff, the padding
 * after End; each other option's value goes to its dissector in {@link DhcpOptions}. The overload option and other
 * hardware types are not decoded.
 */
final class DhcpDissector {
    private static final int VENDOR_INFO_OFFSET = 236;
    private static final long MAGIC_COOKIE = 0x63825363L;
    private static final String[] TYPES = {null, "Discover", "Offer", "Request", "Decline", "ACK", "NAK", "Release",
        "Inform", "Force Renew", "Lease query", "Lease Unassigned", "Lease Unknown", "Lease Active",
        "Bulk Lease Query", "Lease Query Done", "Active LeaseQuery", "Lease Query Status", "TLS"};

    private DhcpDissector() {}

    /**
     * The fixed fields' items in dissect_dhcp()'s order (op to giaddr, the Ethernet chaddr and its padding, the
     * server name and boot file each after a read of its first byte): the first the capture or the datagram cuts
     * decides whether the capture's cut or a malformed packet shows (probe family bootp-short).
     */
    private static void fixedFields(Tvb tvb) {
        int[] items = {0, 1, 1, 1, 2, 1, 3, 1, 4, 4, 8, 2, 10, 2, 12, 4, 16, 4, 20, 4, 24, 4, 28, 6, 34, 10};
        for (int i = 0; i < items.length; i += 2) {
            tvb.check(items[i], items[i + 1]);
        }
        tvb.u8(44);
        tvb.check(44, 64);
        tvb.u8(108);
        tvb.check(108, 128);
    }

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("BOOTP");
        p.clearInfo();
        int op = tvb.u8(0);
        int htype = tvb.u8(1);
        int hlen = tvb.u8(2);
        boolean ether = (htype == 1 || htype == 6) && hlen == 6;
        if (!ether) {
            throw new Unsupported("BOOTP hardware type " + htype + " of length " + hlen);
        }
        switch (op) {
            case 1 -> {
                // giaddr is read before a request's chaddr (probe family bootp-short: a request shorter than its
                // chaddr but not its giaddr, cut by the capture before them, shows the capture's cut)
                tvb.check(24, 4);
                String mac = tvb.mac(28);
                String name = p.resolveMacs ? EtherNames.get().name(tvb.data, tvb.at(28, 6)) : mac;
                p.info("Boot Request from " + mac + " (" + name + ")");
            }
            case 2 -> p.info("Boot Reply");
            default -> p.info("Unknown BOOTP message type (" + op + ")");
        }
        // without the magic cookie (or without its bytes captured) it is BOOTP, whose options follow a 64-byte
        // vendor area
        boolean cookie = tvb.bytesExist(VENDOR_INFO_OFFSET, 4) && tvb.u32(VENDOR_INFO_OFFSET) == MAGIC_COOKIE;
        int start = VENDOR_INFO_OFFSET + (cookie ? 4 : 64);
        int eoff = tvb.reported;
        // the first pass: only what is captured is read, but for each option's code
        String type = null;
        String vendorClassId = null;
        for (int voff = start; voff < eoff; ) {
            int code = tvb.u8(voff);
            if (code == 255) {
                break;
            }
            if (code == 0) {
                voff++;
                continue;
            }
            if (!tvb.bytesExist(voff + 1, 1)) {
                voff++;
                continue;
            }
            int len = tvb.u8(voff + 1);
            if (tvb.bytesExist(voff + 2, len)) {
                if (code == 52) {
                    throw new Unsupported("DHCP option overload");
                }
                if (code == 53) {
                    int t = tvb.u8(voff + 2);
                    type = t < TYPES.length && TYPES[t] != null ? TYPES[t]
                            : String.format("Unknown Message Type (0x%02x)", t);
                }
                if (code == 60) {
                    vendorClassId = new String(tvb.data, tvb.at(voff + 2, len), len,
                            java.nio.charset.StandardCharsets.ISO_8859_1);
                }
            }
            voff += len + 2;
        }
        if (type != null) {
            p.protocol("DHCP");
            p.info(String.format("DHCP %-8s - Transaction ID 0x%x", type, tvb.u32(4)));
        }
        // the tree: the fixed fields and the cookie, then each option
        fixedFields(tvb);
        tvb.check(VENDOR_INFO_OFFSET, start - VENDOR_INFO_OFFSET);
        for (int voff = start; voff < eoff; ) {
            int code = tvb.u8(voff);
            if (code == 0) {
                voff++;
                continue;
            }
            if (code == 255) {
                if (voff + 1 < eoff) {
                    tvb.check(voff + 1, eoff - voff - 1); // the padding after End
                }
                return;
            }
            int len = tvb.u8(voff + 1);
            tvb.check(voff, len + 2);
            if (code == 53) {
                // the type's byte, read in the option's own tvbuff
                tvb.subset(voff + 2, -1, len).u8(0);
            } else {
                DhcpOptions.dissect(code, tvb.subset(voff + 2, -1, len), vendorClassId);
            }
            voff += len + 2;
        }
    }
}

package io.arplab.wire.tshark;

import java.util.Map;

/**
 * packet-gre.c's dissect_gre(): "Encapsulated " and the protocol type's name (gre_typevals), the optional fields
 * the flags say are there, then the "gre.proto" table's dissector for the payload (IPv4, IPv6, ARP, transparent
 * Ethernet bridging); a type with no dissector leaves its payload as data, one this package does not model is left
 * undecoded.
 */
final class GreDissector {
    private static final int CHECKSUM = 0x8000;
    private static final int ROUTING = 0x4000;
    private static final int KEY = 0x2000;
    private static final int SEQUENCE = 0x1000;
    private static final int ACK = 0x0080;
    private static final int VERSION = 0x0007;

    /** gre_typevals (`tshark -G values`, gre.proto). */
    private static final Map<Integer, String> TYPES = Map.ofEntries(Map.entry(0x0000, "Possible GRE keepalive packet"),
            Map.entry(0x880b, "PPP"), Map.entry(0x0800, "IP"), Map.entry(0x0806, "ARP"), Map.entry(0x00fe, "OSI"),
            Map.entry(0x883e, "WCCP"), Map.entry(0x2000, "CDP (Cisco)"), Map.entry(0x2001, "NHRP"),
            Map.entry(0x88be, "ERSPAN"), Map.entry(0x22eb, "ERSPAN III"), Map.entry(0x6400, "MIKROTIK EoIP"),
            Map.entry(0xfeae, "AIROHIVE AP AP"), Map.entry(0x8137, "IPX"),
            Map.entry(0x6558, "Transparent Ethernet bridging"), Map.entry(0x6559, "Frame Relay"),
            Map.entry(0x86dd, "IPv6"), Map.entry(0x8847, "MPLS label switched packet"),
            Map.entry(0x894f, "Network Service Header"), Map.entry(0x8881, "CDMA2000 A10 Unstructured byte stream"),
            Map.entry(0x88d2, "CDMA2000 A10 3GPP2 Packet"), Map.entry(0x8909, "CiscoMetaData"),
            Map.entry(0xb7ea, "Huawei GRE bonding"));

    private GreDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        int flags = tvb.u16(0);
        int type = tvb.u16(2);
        p.protocol("GRE");
        p.info("Encapsulated " + name(type));
        boolean ppp = type == 0x880b && (flags & VERSION) != 0 || type == 0x88d2 || type == 0x8881;
        boolean wccp2 = type == 0x883e && (tvb.u8(4) & 0xf0) != 0x40;
        int off = 4;
        if ((flags & (CHECKSUM | ROUTING)) != 0) {
            tvb.check(off, 2); // the checksum, verified only when the whole packet was captured
            tvb.check(off + 2, 2); // the offset
            off += 4;
        }
        if ((flags & KEY) != 0) {
            if (ppp && type != 0x8881) {
                tvb.check(off, 2); // payload length
                tvb.check(off + 2, 2); // call ID
            } else {
                tvb.check(off, 4);
            }
            off += 4;
        }
        if ((flags & SEQUENCE) != 0) {
            tvb.check(off, 4);
            off += 4;
        }
        if (ppp && (flags & ACK) != 0) {
            tvb.check(off, 4);
            off += 4;
        }
        if ((flags & ROUTING) != 0) {
            // source route entries up to the one of address family 0 and length 0
            while (true) {
                int af = tvb.u16(off);
                tvb.check(off + 2, 1);
                int len = tvb.u8(off + 3);
                off += 4;
                if (af == 0 && len == 0) {
                    break;
                }
                tvb.check(off, len);
                off += len;
            }
        }
        if (wccp2) {
            tvb.check(off, 4); // the WCCPv2 redirect header
            off += 4;
        }
        if (type == 0x88d2) {
            throw new Unsupported("GRE 3GPP2 attributes");
        }
        if ((flags & SEQUENCE) == 0 && tvb.reportedLengthRemaining(off) <= 0) {
            return; // no payload
        }
        Tvb next = tvb.subset(off);
        switch (type) {
            case 0x0800, 0x883e -> IpDissector.dissectIpAnyVersion(next, p);
            case 0x86dd -> Ipv6Dissector.dissectHandle(next, p);
            case 0x8847, 0x8848 -> MplsDissector.dissect(next, p);
            case 0x894f -> NshDissector.dissect(next, p);
            case 0x0806 -> ArpDissector.dissect(next, p);
            case 0x6558 -> EthDissector.dissect(next, p, EthDissector.FCS_NONE); // eth_withoutfcs
            default -> {
                if (hasDissector(type)) {
                    throw new Unsupported("GRE protocol type 0x" + Integer.toHexString(type));
                }
                // call_data_dissector(): Info stays
            }
        }
    }

    private static String name(int type) {
        String n = TYPES.get(type);
        if (n == null && type >= 0x8200 && type <= 0x8370 && (type & 0xf) == 0 || type == 0x9000) {
            n = "ARUBA WLAN";
        }
        return n != null ? n : String.format("0x%04X (unknown)", type);
    }

    /** Whether the "gre.proto" table has a dissector for the type (`tshark -G decodes`). */
    private static boolean hasDissector(int type) {
        return TYPES.containsKey(type) && type != 0x0000 && type != 0xfeae || type == 0x8848 || type == 0x0101
                || type >= 0x8200 && type <= 0x8370 && (type & 0xf) == 0;
    }
}

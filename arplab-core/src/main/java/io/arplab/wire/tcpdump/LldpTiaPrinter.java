package io.arplab.wire.tcpdump;

import java.util.Locale;

/** print-lldp.c's lldp_private_tia_print(): LLDP-MED (ANSI/TIA-1057, OUI 0x0012bb) TLVs. */
final class LldpTiaPrinter {
    private LldpTiaPrinter() {}

    private static final String[] SUBTYPES = {null, "LLDP-MED Capabilities", "Network policy",
        "Location identification", "Extended power-via-MDI", "Inventory - hardware revision",
        "Inventory - firmware revision", "Inventory - software revision", "Inventory - serial number",
        "Inventory - manufacturer name", "Inventory - model name", "Inventory - asset ID"};
    private static final String[] INVENTORY = {null, null, null, null, null, "Hardware revision", "Firmware revision",
        "Software revision", "Serial number", "Manufacturer name", "Model name", "Asset ID"};
    private static final int[] CAPABILITY_BITS = {1, 2, 4, 8, 16, 32};
    private static final String[] CAPABILITY_NAMES = {"LLDP-MED capabilities", "network policy",
        "location identification", "extended power via MDI-PSE", "extended power via MDI-PD", "Inventory"};
    private static final String[] DEVICE_TYPES = {null, "endpoint class 1", "endpoint class 2", "endpoint class 3",
        "network connectivity"};
    private static final String[] APPLICATIONS = {null, "voice", "voice signaling", "guest voice",
        "guest voice signaling", "softphone voice", "video conferencing", "streaming video", "video signaling"};
    private static final int[] POLICY_BITS = {0x80, 0x40, 0x20};
    private static final String[] POLICY_NAMES = {"Unknown", "Tagged", "reserved"};
    private static final String[] LOCATION_FORMATS = {null, "coordinate-based LCI", "civic address LCI", "ECS ELIN"};
    private static final String[] ALTITUDE_TYPES = {null, "meters", "floors"};
    private static final String[] DATUMS = {null, "World Geodesic System 1984", "North American Datum 1983 (NAVD88)",
        "North American Datum 1983 (MLLW)"};
    private static final String[] LCI_WHAT = {"location of DHCP server",
        "location of the network element believed to be closest to the client", "location of the client"};
    private static final String[] CA_TYPES = {null,
        "national subdivisions (state,canton,region,province,prefecture)", "county, parish, gun, district",
        "city, township, shi", "city division, borough, city district, ward chou", "neighborhood, block", "street"};
    private static final String[] POWER_SOURCES = {null, "PSE - primary power source", "local - backup power source",
        "PSE+local - reserved"};
    private static final String[] POWER_PRIORITIES = {null, "critical", "high", "low"};

    /** tok2str() over a table indexed by value. */
    private static String tok(String[] table, int v, String dflt) {
        return v >= 0 && v < table.length && table[v] != null ? table[v] : dflt;
    }

    /** @return whether lldp_print() is to hex-dump the TLV */
    static boolean print(Dissector nd, int tptr, int tlvLen) {
        StringBuilder out = nd.out;
        if (tlvLen < 4) {
            return false;
        }
        int subtype = nd.u8(tptr + 3);
        out.append("\n\t  ").append(tok(SUBTYPES, subtype, "unknown")).append(" Subtype (").append(subtype)
                .append(')');
        switch (subtype) {
            case 1 -> {
                if (tlvLen < 7) {
                    return false;
                }
                int caps = nd.u16(tptr + 4);
                out.append("\n\t    Media capabilities [")
                        .append(BfdPrinter.bittok2str(CAPABILITY_BITS, CAPABILITY_NAMES, caps)).append("] (0x");
                nd.hex4(caps);
                int type = nd.u8(tptr + 6);
                out.append(")\n\t    Device type [").append(tok(DEVICE_TYPES, type, "unknown")).append("] (0x");
                nd.hex2(type);
                out.append(')');
            }
            case 2 -> {
                if (tlvLen < 8) {
                    return false;
                }
                int app = nd.u8(tptr + 4);
                out.append("\n\t    Application type [").append(tok(APPLICATIONS, app, "none")).append("] (0x");
                nd.hex2(app);
                out.append(')');
                int flags = nd.u8(tptr + 5);
                out.append(", Flags [").append(BfdPrinter.bittok2str(POLICY_BITS, POLICY_NAMES, flags)).append(']');
                int vlan = (nd.u16(tptr + 5) & 0x1ffe) >> 1;
                out.append("\n\t    Vlan id ").append(vlan);
                int prio = (nd.u16(tptr + 6) & 0x01ff) >> 6;
                out.append(", L2 priority ").append(prio);
                int dscp = nd.u16(tptr + 6) & 0x003f;
                out.append(", DSCP value ").append(dscp);
            }
            case 3 -> {
                return location(nd, tptr, tlvLen);
            }
            case 4 -> {
                if (tlvLen < 7) {
                    return false;
                }
                // "& 0xC0 >> 6" is "& 3" by C's precedence
                String type = (nd.u8(tptr + 4) & (0xc0 >> 6)) != 0 ? "PD device" : "PSE device";
                out.append("\n\t    Power type [").append(type).append(']');
                String source = tok(POWER_SOURCES, (nd.u8(tptr + 4) & 0x30) >> 4, "none");
                out.append(", Power source [").append(source).append(']');
                int prio = nd.u8(tptr + 4) & 0x0f;
                out.append("\n\t    Power priority [").append(tok(POWER_PRIORITIES, prio, "none")).append("] (0x");
                nd.hex2(prio);
                out.append(')');
                int power = nd.u16(tptr + 5);
                if (power < 1024) {
                    out.append(", Power ").append(String.format(Locale.ROOT, "%.1f", (float) power / 10))
                            .append(" Watts");
                } else {
                    out.append(", Power ").append(power).append(" (Reserved)");
                }
            }
            case 5, 6, 7, 8, 9, 10, 11 -> {
                out.append("\n\t  ").append(tok(INVENTORY, subtype, "unknown")).append(' ');
                nd.printjnp(tptr + 4, tlvLen - 4);
            }
            default -> {
                return true;
            }
        }
        return false;
    }

    /** The location identification subtype: coordinates, a civic address's elements, an ECS ELIN, else hex. */
    private static boolean location(Dissector nd, int tptr, int tlvLen) {
        StringBuilder out = nd.out;
        if (tlvLen < 5) {
            return false;
        }
        int format = nd.u8(tptr + 4);
        out.append("\n\t    Location data format ").append(tok(LOCATION_FORMATS, format, "unknown")).append(" (0x");
        nd.hex2(format);
        out.append(')');
        switch (format) {
            case 1 -> {
                if (tlvLen < 21) {
                    return false;
                }
                int res = nd.u8(tptr + 5) >> 2;
                long lat = latlon(nd, tptr + 5);
                out.append("\n\t    Latitude resolution ").append(res).append(", latitude value ").append(lat);
                res = nd.u8(tptr + 10) >> 2;
                long lon = latlon(nd, tptr + 10);
                out.append("\n\t    Longitude resolution ").append(res).append(", longitude value ").append(lon);
                int alt = nd.u8(tptr + 15) >> 4;
                out.append("\n\t    Altitude type ").append(tok(ALTITUDE_TYPES, alt, "unknown")).append(" (")
                        .append(alt).append(')');
                int altRes = (nd.u16(tptr + 15) >> 6) & 0x3f;
                long altValue = nd.u32(tptr + 16) & 0x3fffffffL;
                out.append("\n\t    Altitude resolution ").append(altRes).append(", altitude value 0x")
                        .append(Long.toHexString(altValue));
                int datum = nd.u8(tptr + 20);
                out.append("\n\t    Datum ").append(tok(DATUMS, datum, "unknown")).append(" (0x");
                nd.hex2(datum);
                out.append(')');
            }
            case 2 -> {
                if (tlvLen < 6) {
                    return false;
                }
                int lci = nd.u8(tptr + 5);
                if (lci < 3 || tlvLen < 7 + lci) {
                    return false;
                }
                int what = nd.u8(tptr + 6);
                out.append("\n\t    LCI length ").append(lci).append(", LCI what ").append(tok(LCI_WHAT, what,
                        "unknown")).append(" (0x");
                nd.hex2(what);
                out.append("), Country-code ");
                nd.printjnp(tptr + 7, 2);
                lci -= 3;
                int p = tptr + 9;
                while (lci > 0) {
                    if (lci < 2) {
                        return false;
                    }
                    int caType = nd.u8(p);
                    int caLen = nd.u8(p + 1);
                    p += 2;
                    lci -= 2;
                    out.append("\n\t      CA type '").append(tok(CA_TYPES, caType, "unknown")).append("' (")
                            .append(caType).append("), length ").append(caLen).append(": ");
                    if (caType == 0 || caLen == 0 || lci < caLen) {
                        return false;
                    }
                    nd.printjnp(p, caLen);
                    p += caLen;
                    lci -= caLen;
                }
            }
            case 3 -> {
                out.append("\n\t    ECS ELIN id ");
                nd.printjnp(tptr + 5, tlvLen - 5);
            }
            default -> {
                out.append("\n\t    Location ID ");
                HexDump.unknownData(nd, tptr + 5, "\n\t      ", tlvLen - 5);
            }
        }
        return false;
    }

    /** lldp_extract_latlon(): the low two bits of the first byte and the next four bytes, 34 bits. */
    private static long latlon(Dissector nd, int p) {
        long v = nd.u8(p) & 0x3;
        return (v << 32) | nd.u32(p + 1);
    }
}

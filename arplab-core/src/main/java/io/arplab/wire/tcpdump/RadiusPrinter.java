package io.arplab.wire.tcpdump;

/**
 * print-radius.c: RADIUS (RFC 2865/2866/5176) on UDP ports 1645, 1646, 1700, 1812, 1813, 3799: the header and the
 * attributes with print_attr_string(), _num(), _address(), _address6(), _netmask6(), _time() and
 * print_vendor_attr(), the strange, vector, operator and location attributes' printers and EAP-Message's
 * eap_print().
 */
final class RadiusPrinter {
    private static final int MIN_RADIUS_LEN = 20;

    private record Attr(String name, String print, String[] subtypes, int first, int size) {}

    private RadiusPrinter() {}

    static boolean isPort(int sport, int dport) {
        for (int p : new int[] {1645, 1812, 1646, 1813, 1700, 3799}) {
            if (sport == p || dport == p) {
                return true;
            }
        }
        return false;
    }

    private static String command(int code) {
        return switch (code) {
            case 1 -> "Access-Request";
            case 2 -> "Access-Accept";
            case 3 -> "Access-Reject";
            case 4 -> "Accounting-Request";
            case 5 -> "Accounting-Response";
            case 11 -> "Access-Challenge";
            case 12 -> "Status-Server";
            case 13 -> "Status-Client";
            case 40 -> "Disconnect-Request";
            case 41 -> "Disconnect-ACK";
            case 42 -> "Disconnect-NAK";
            case 43 -> "CoA-Request";
            case 44 -> "CoA-ACK";
            case 45 -> "CoA-NAK";
            case 255 -> "Reserved";
            default -> "Unknown Command";
        };
    }

    /** radius_print(). */
    static void radiusPrint(Dissector nd, int dat, int length) {
        nd.protocol = "radius";
        StringBuilder out = nd.out;
        if (!nd.ttest(dat, MIN_RADIUS_LEN)) {
            nd.trunc();
            return;
        }
        int len = nd.u16(dat + 2);
        if (len < MIN_RADIUS_LEN) {
            nd.trunc();
            return;
        }
        if (len > length) {
            len = length;
        }
        int code = nd.u8(dat);
        if (nd.vflag < 1) {
            out.append("RADIUS, ").append(command(code)).append(" (").append(code).append("), id: 0x");
            nd.hex2(nd.u8(dat + 1));
            out.append(" length: ").append(len);
            return;
        }
        out.append("RADIUS, length: ").append(len).append("\n\t").append(command(code)).append(" (").append(code)
                .append("), id: 0x");
        nd.hex2(nd.u8(dat + 1));
        out.append(", Authenticator: ");
        for (int i = 0; i < 16; i++) {
            nd.hex2(nd.p[dat + 4 + i] & 0xff);
        }
        if (len > MIN_RADIUS_LEN) {
            attrsPrint(nd, dat + MIN_RADIUS_LEN, len - MIN_RADIUS_LEN);
        }
    }

    /** radius_attrs_print(). */
    private static void attrsPrint(Dissector nd, int attr, int length) {
        StringBuilder out = nd.out;
        while (length > 0) {
            if (length < 2 || !nd.ttest(attr, 2)) {
                nd.trunc();
                return;
            }
            int type = nd.u8(attr);
            int len = nd.u8(attr + 1);
            String name = type != 0 && type < ATTRS.length ? ATTRS[type].name() : "Unknown";
            out.append("\n\t  ").append(name).append(" Attribute (").append(type).append("), length: ").append(len);
            if (len < 2) {
                out.append(" (bogus, must be >= 2)");
                return;
            }
            if (len > length) {
                out.append(" (bogus, goes past end of packet)");
                return;
            }
            out.append(", Value: ");
            if (type < ATTRS.length && len > 2 && ATTRS[type].print() != null) {
                try {
                    value(nd, attr + 2, len - 2, type);
                } catch (TruncLabel t) {
                    nd.trunc();
                }
            }
            if (nd.vflag > 1) {
                HexDump.unknownData(nd, attr + 2, "\n\t    ", len - 2);
            }
            length -= len;
            attr += len;
        }
    }

    private static void value(Dissector nd, int data, int length, int code) {
        switch (ATTRS[code].print()) {
            case "string" -> string(nd, data, length, code);
            case "num" -> num(nd, data, length, code);
            case "address" -> address(nd, data, length, code);
            case "address6" -> {
                if (length != 16) {
                    nd.out.append("ERROR: length ").append(length).append(" != 16");
                    return;
                }
                nd.check(data, 16);
                Names.ip6addr(nd.out, nd.p, data);
            }
            case "netmask6" -> netmask6(nd, data, length);
            case "time" -> time(nd, data, length);
            case "vendor_attr" -> vendor(nd, data, length);
            case "strange" -> strange(nd, data, length, code);
            case "mip6_home_link_prefix" -> mip6Prefix(nd, data, length);
            case "vector64" -> vector64(nd, data, length);
            case "operator_name" -> operatorName(nd, data, length);
            case "location_information" -> locationInformation(nd, data, length);
            case "location_data" -> locationData(nd, data, length);
            default -> basicLocationPolicyRules(nd, data, length);
        }
    }

    /** PRINT_HEX(): n bytes as upper-case hex, each read on its own. */
    private static int printHex(Dissector nd, int data, int n) {
        for (int i = 0; i < n; i++) {
            int b = nd.u8(data++);
            nd.out.append(Character.toUpperCase(Names.HEX[b >> 4])).append(Character.toUpperCase(Names.HEX[b & 0xf]));
        }
        return data;
    }

    /** print_attr_strange(): ARAP's password, features and challenge response, the Error-Cause. */
    private static void strange(Dissector nd, int data, int length, int code) {
        StringBuilder out = nd.out;
        switch (code) {
            case 70 -> {
                if (length != 16) {
                    out.append("ERROR: length ").append(length).append(" != 16");
                    return;
                }
                out.append("User_challenge (");
                data = printHex(nd, data, 8);
                out.append(") User_resp(");
                printHex(nd, data, 8);
                out.append(')');
            }
            case 71 -> {
                if (length != 14) {
                    out.append("ERROR: length ").append(length).append(" != 14");
                    return;
                }
                out.append(nd.u8(data) != 0 ? "User can change password" : "User cannot change password");
                data++;
                int min = nd.u8(data);
                out.append(", Min password length: ").append(min);
                data++;
                out.append(", created at: ");
                data = printHex(nd, data, 4);
                out.append(", expires in: ");
                data = printHex(nd, data, 4);
                out.append(", Current Time: ");
                printHex(nd, data, 4);
            }
            case 84 -> {
                if (length < 8) {
                    out.append("ERROR: length ").append(length).append(" != 8");
                    return;
                }
                printHex(nd, data, 8);
            }
            case 101 -> {
                if (length != 4) {
                    out.append("Error: length ").append(length).append(" != 4");
                    return;
                }
                long v = nd.u32(data);
                out.append("Error cause ").append(v).append(": ").append(switch ((int) Math.min(v, 1000)) {
                    case 201 -> "Residual Session Context Removed";
                    case 202 -> "Invalid EAP Packet (Ignored)";
                    case 401 -> "Unsupported Attribute";
                    case 402 -> "Missing Attribute";
                    case 403 -> "NAS Identification Mismatch";
                    case 404 -> "Invalid Request";
                    case 405 -> "Unsupported Service";
                    case 406 -> "Unsupported Extension";
                    case 407 -> "Invalid Attribute Value";
                    case 501 -> "Administratively Prohibited";
                    case 502 -> "Request Not Routable (Proxy)";
                    case 503 -> "Session Context Not Found";
                    case 504 -> "Session Context Not Removable";
                    case 505 -> "Other Proxy Processing Error";
                    case 506 -> "Resources Unavailable";
                    case 507 -> "Request Initiated";
                    case 508 -> "Multiple Session Selection Unsupported";
                    case 509 -> "Location Info Required";
                    default -> "Error-Cause " + v + " not known";
                });
            }
            default -> { }
        }
    }

    /** print_attr_mip6_home_link_prefix(). */
    private static void mip6Prefix(Dissector nd, int data, int length) {
        if (length != 17) {
            nd.out.append("ERROR: length ").append(length).append(" != 17");
            return;
        }
        nd.tcheck(data, length);
        int plen = nd.u8(data);
        if (plen > 128) {
            nd.out.append("ERROR: netmask ").append(plen).append(" not in range (0..128)");
            return;
        }
        Names.ip6addr(nd.out, nd.p, data + 1);
        nd.out.append('/').append(plen);
    }

    private static final String[] MIP6_FEATURES = {"MIP6_INTEGRATED", "LOCAL_HOME_AGENT_ASSIGNMENT", "PMIP6_SUPPORTED",
        "IP4_HOA_SUPPORTED", "LOCAL_MAG_ROUTING_SUPPORTED", "ASSIGN_LOCAL_IP", "MIP4_SUPPORTED",
        "OPTIMIZED_IDLE_MODE_MOBILITY", "GTPv2_SUPPORTED", "IP4_TRANSPORT_SUPPORTED", "IP4_HOA_ONLY_SUPPORTED",
        "INTER_MAG_ROUTING_SUPPORTED"};
    private static final long[] MIP6_BITS = {1L, 2L, 1L << 40, 1L << 41, 1L << 42, 1L << 43, 1L << 44, 1L << 45,
        1L << 46, 1L << 47, 1L << 48, 1L << 49};

    /** print_attr_vector64(). */
    private static void vector64(Dissector nd, int data, int length) {
        StringBuilder out = nd.out;
        if (length != 8) {
            out.append("ERROR: length ").append(length).append(" != 8");
            return;
        }
        out.append('[');
        long v = nd.u32(data) << 32 | nd.u32(data + 4);
        String sep = "";
        for (int i = 0; i < MIP6_BITS.length; i++) {
            if ((v & MIP6_BITS[i]) != 0) {
                out.append(sep).append(MIP6_FEATURES[i]);
                sep = ", ";
            }
        }
        out.append(']');
    }

    /** nd_printn() without an end pointer: each character read may truncate. */
    private static void printn(Dissector nd, int data, int n) {
        for (int i = 0; i < n; i++) {
            nd.printChar(nd.u8(data + i));
        }
    }

    /** print_attr_operator_name(). */
    private static void operatorName(Dissector nd, int data, int length) {
        nd.tcheck(data, length);
        if (length < 2) {
            nd.out.append("ERROR: length ").append(length).append(" < 2");
            return;
        }
        int ns = nd.u8(data);
        nd.out.append('[').append(switch (ns) {
            case 0x30 -> "TADIG";
            case 0x31 -> "REALM";
            case 0x32 -> "E212";
            case 0x33 -> "ICC";
            default -> "unknown namespace " + ns;
        }).append("] ");
        printn(nd, data + 1, length - 1);
    }

    /** print_attr_location_information(). */
    private static void locationInformation(Dissector nd, int data, int length) {
        StringBuilder out = nd.out;
        nd.tcheck(data, length);
        if (length < 21) {
            out.append("ERROR: length ").append(length).append(" < 21");
            return;
        }
        int index = nd.u16(data);
        int code = nd.u8(data + 2);
        int entity = nd.u8(data + 3);
        out.append("index ").append(index).append(", code ")
                .append(code == 0 ? "Civic" : code == 1 ? "Geospatial" : "Unknown (" + code + ")").append(", entity ")
                .append(entity == 0 ? "User" : entity == 1 ? "RADIUS" : "Unknown (" + entity + ")").append(", ");
        out.append("sighting time ");
        NtpPrinter.ntpTime(nd, data + 4);
        out.append(", ");
        out.append("time to live ");
        NtpPrinter.ntpTime(nd, data + 12);
        out.append(", ");
        out.append("method \"");
        printn(nd, data + 20, length - 20);
        out.append('"');
    }

    /** print_attr_location_data(). */
    private static void locationData(Dissector nd, int data, int length) {
        nd.tcheck(data, length);
        if (length < 3) {
            nd.out.append("ERROR: length ").append(length).append(" < 3");
            return;
        }
        nd.out.append("index ").append(nd.u16(data)).append(", location");
        HexDump.hexAndAscii(nd, "\n\t    ", data + 2, length - 2);
    }

    /** print_basic_location_policy_rules(). */
    private static void basicLocationPolicyRules(Dissector nd, int data, int length) {
        StringBuilder out = nd.out;
        nd.tcheck(data, length);
        if (length < 10) {
            out.append("ERROR: length ").append(length).append(" < 10");
            return;
        }
        int flags = nd.u16(data);
        StringBuilder names = new StringBuilder();
        for (int bit = 0; bit < 16; bit++) {
            if ((flags & (1 << bit)) != 0) {
                names.append(names.length() == 0 ? "" : ", ").append(bit == 15 ? "Retransmission Allowed"
                        : "MBZ-" + (15 - bit));
            }
        }
        out.append("flags [").append(names.length() == 0 ? "none" : names).append("], ");
        out.append("retention expires ");
        NtpPrinter.ntpTime(nd, data + 2);
        if (length > 10) {
            out.append(", note well \"");
            printn(nd, data + 10, length - 10);
            out.append('"');
        }
    }

    /** print_attr_string(). */
    private static void string(Dissector nd, int data, int length, int code) {
        StringBuilder out = nd.out;
        nd.tcheck(data, length);
        switch (code) {
            case 69 -> {
                if (length < 3) {
                    throw TruncLabel.INSTANCE;
                }
                int tag = nd.u8(data);
                out.append(tag != 0 && tag <= 0x1f ? "Tag[" + tag + "] " : "Tag[Unused] ");
                data++;
                length--;
                out.append("Salt " + nd.u16(data)).append(' ');
                data += 2;
                length -= 2;
            }
            case 66, 67, 81, 82, 90, 91 -> {
                int tag = nd.u8(data);
                if (tag <= 0x1f) {
                    out.append(tag != 0 ? "Tag[" + tag + "] " : "Tag[Unused] ");
                    data++;
                    length--;
                }
            }
            case 58 -> {
                tagged(nd, data);
                data++;
                length--;
            }
            case 79 -> {
                if (length < 1) {
                    throw TruncLabel.INSTANCE;
                }
                EapPrinter.eapPrint(nd, data, length);
                return;
            }
            default -> { }
        }
        for (int i = 0; i < length && nd.u8(data) != 0; i++, data++) {
            int c = nd.u8(data);
            out.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
    }

    private static void tagged(Dissector nd, int data) {
        int t = nd.u8(data);
        nd.out.append(t == 0x31 ? "Tagged" : t == 0x32 ? "Untagged" : "Unknown tag").append(" (0x");
        nd.hex2(t);
        nd.out.append(") ");
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    /** print_attr_num(). */
    private static void num(Dissector nd, int data, int length, int code) {
        StringBuilder out = nd.out;
        if (length != 4) {
            out.append("ERROR: length ").append(length).append(" != 4");
            return;
        }
        Attr a = ATTRS[code];
        if (a.size() != 0) {
            long v;
            if (code == 64 || code == 65) {
                int tag = nd.u8(data);
                out.append(tag == 0 ? "Tag[Unused] " : "Tag[" + tag + "] ");
                v = nd.u24(data + 1);
            } else {
                v = nd.u32(data);
            }
            if (v <= a.size() - 1L + a.first() && v >= a.first()) {
                out.append(a.subtypes()[(int) v]);
            } else {
                out.append('#').append(v);
            }
            return;
        }
        long v = nd.u32(data);
        switch (code) {
            case 23 -> out.append(v == 0xfffffffeL ? "NAS Select" : Long.toString(v));
            case 27, 28, 41, 46, 85 -> {
                // %02d of a uint32_t: negative past 2^31
                long t = (int) v;
                if (Long.compareUnsigned(v, 60) < 0) {
                    out.append(two(t)).append(" secs");
                } else if (Long.compareUnsigned(v, 3600) < 0) {
                    out.append(two(v / 60)).append(':').append(two(v % 60)).append(" min");
                } else {
                    out.append(two(v / 3600)).append(':').append(two(v % 3600 / 60)).append(':').append(two(v % 60))
                            .append(" hours");
                }
            }
            case 37 -> out.append(v != 0 ? Long.toString(v) : "Unnumbered");
            case 38 -> out.append(v != 0 ? Long.toString(v) : "NAS assigned");
            case 83 -> {
                int tag = nd.u8(data);
                out.append(tag != 0 ? "Tag[" + tag + "] " : "Tag[Unused] ").append(nd.u24(data + 1));
            }
            case 56 -> {
                tagged(nd, data);
                out.append(nd.u24(data + 1));
            }
            default -> out.append(v);
        }
    }

    /** print_attr_address(). */
    private static void address(Dissector nd, int data, int length, int code) {
        StringBuilder out = nd.out;
        if (length != 4) {
            out.append("ERROR: length ").append(length).append(" != 4");
            return;
        }
        long v = nd.u32(data);
        if ((code == 8 || code == 14) && v == 0xffffffffL) {
            out.append("User Selected");
        } else if ((code == 8 || code == 14) && v == 0xfffffffeL) {
            out.append("NAS Select");
        } else {
            Names.ipaddr(out, nd.p, data);
        }
    }

    /** print_attr_netmask6(). */
    private static void netmask6(Dissector nd, int data, int length) {
        StringBuilder out = nd.out;
        if (length < 2 || length > 18) {
            out.append("ERROR: length ").append(length).append(" not in range (2..18)");
            return;
        }
        nd.tcheck(data, length);
        int plen = nd.u8(data + 1);
        if (plen > 128) {
            out.append("ERROR: netmask ").append(plen).append(" not in range (0..128)");
            return;
        }
        byte[] a = new byte[16];
        System.arraycopy(nd.p, data + 2, a, 0, length - 2);
        Names.ip6addr(out, a, 0);
        out.append('/').append(plen);
        if (plen > 8 * (length - 2)) {
            out.append(" (inconsistent prefix length)");
        }
    }

    /** print_attr_time(): ctime() in UTC (the corpus's TZ). */
    private static void time(Dissector nd, int data, int length) {
        if (length != 4) {
            nd.out.append("ERROR: length ").append(length).append(" != 4");
            return;
        }
        java.time.ZonedDateTime t = java.time.Instant.ofEpochSecond(nd.u32(data)).atZone(java.time.ZoneOffset.UTC);
        nd.out.append(String.format(java.util.Locale.ROOT, "%s %s %2d %02d:%02d:%02d %d",
                t.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT),
                t.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getYear()));
    }

    /** oui.c's smi_values: the enterprise numbers tcpdump names (print-lspping.c's vendor TLV uses them too). */
    static String smi(long id) {
        return switch ((int) Math.min(id, Integer.MAX_VALUE)) {
            case 0 -> "IETF (reserved)";
            case 5 -> "ACC";
            case 9 -> "Cisco";
            case 11 -> "Hewlett Packard";
            case 42 -> "Sun Microsystems";
            case 61 -> "Merit";
            case 74 -> "AT&T";
            case 161 -> "Motorola";
            case 166 -> "Shiva";
            case 193 -> "Ericsson AB";
            case 255 -> "Cisco VPN 5000";
            case 307 -> "Livingston";
            case 311 -> "Microsoft";
            case 429 -> "3Com";
            case 529 -> "Ascend";
            case 1584 -> "Bay Networks";
            case 1991 -> "Foundry";
            case 2180 -> "Versanet";
            case 2352 -> "Redback";
            case 2636 -> "Juniper Networks";
            case 2637 -> "Aptis";
            case 2937 -> "Deutsche Telekom AG";
            case 3054 -> "Ixia Communications";
            case 3076 -> "Cisco VPN 3000";
            case 3085 -> "CoSine Communications";
            case 3224 -> "Netscreen";
            case 3199 -> "Shasta";
            case 3309 -> "Nomadix";
            case 3414 -> "T-Mobile";
            case 3561 -> "The Broadband Forum";
            case 3902 -> "ZTE";
            case 4329 -> "Siemens";
            case 4491 -> "CableLabs";
            case 4874 -> "Unisphere Networks";
            case 5263 -> "Cisco BBSM";
            case 5535 -> "3rd Generation Partnership Project 2 (3GPP2)";
            case 5806 -> "SK Telecom";
            case 5925 -> "ipUnplugged";
            case 5948 -> "Issanni Communications";
            case 5951 -> "Netscaler";
            case 6490 -> "T-Mobile";
            case 6618 -> "Quintum";
            case 6728 -> "Interlink";
            case 7951 -> "CNCTC";
            case 8164 -> "Starent Networks";
            case 8744 -> "Colubris";
            case 10415 -> "3GPP";
            case 10529 -> "Gemtek-Systems";
            case 10704 -> "Barracuda Networks";
            case 10923 -> "Ericsson AB - Packet Core Networks";
            case 11665 -> "dacom";
            case 11862 -> "Columbia University";
            case 12356 -> "Fortinet";
            case 12951 -> "Verizon Wireless";
            case 13745 -> "Plixer";
            case 14122 -> "Wi-Fi Alliance";
            case 16787 -> "T-Systems Nova";
            case 20942 -> "China Telecom - Guangzhou Research Institute";
            case 26866 -> "Gigamon Systems";
            case 32622 -> "CACE Technologies";
            case 35632 -> "ntop";
            case 46098 -> "Ericsson Canada";
            default -> "Unknown";
        };
    }

    /** print_vendor_attr(). */
    private static void vendor(Dissector nd, int data, int length) {
        StringBuilder out = nd.out;
        if (length < 4) {
            throw TruncLabel.INSTANCE;
        }
        long vendorId = nd.u32(data);
        data += 4;
        length -= 4;
        out.append("Vendor: ").append(smi(vendorId)).append(" (").append(vendorId).append(')');
        while (length >= 2) {
            int vtype = nd.u8(data);
            int vlen = nd.u8(data + 1);
            if (vlen < 2) {
                out.append("\n\t    Vendor Attribute: ").append(vtype).append(", Length: ").append(vlen)
                        .append(" (bogus, must be >= 2)");
                return;
            }
            if (vlen > length) {
                out.append("\n\t    Vendor Attribute: ").append(vtype).append(", Length: ").append(vlen)
                        .append(" (bogus, goes past end of vendor-specific attribute)");
                return;
            }
            data += 2;
            vlen -= 2;
            length -= 2;
            nd.tcheck(data, vlen);
            out.append("\n\t    Vendor Attribute: ").append(vtype).append(", Length: ").append(vlen)
                    .append(", Value: ");
            for (int i = 0; i < vlen; i++, data++) {
                int c = nd.u8(data);
                out.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            length -= vlen;
        }
    }

    private static final String[] SERV_TYPE = {null, "Login", "Framed", "Callback Login", "Callback Framed", "Outbound", "Administrative", "NAS Prompt", "Authenticate Only", "Callback NAS Prompt", "Call Check", "Callback Administrative", "Voice", "Fax", "Modem Relay", "IAPP-Register", "IAPP-AP-Check", "Authorize Only", "Framed-Management", "Additional-Authorization"};
    private static final String[] FRM_PROTO = {null, "PPP", "SLIP", "ARAP", "Gandalf proprietary", "Xylogics IPX/SLIP", "X.75 Synchronous", "GPRS PDP Context"};
    private static final String[] FRM_ROUTING = {"None", "Send", "Listen", "Send&Listen"};
    private static final String[] FRM_COMP = {"None", "VJ TCP/IP", "IPX", "Stac-LZS"};
    private static final String[] LOGIN_SERV = {"Telnet", "Rlogin", "TCP Clear", "PortMaster(proprietary)", "LAT", "X.25-PAD", "X.25-T3POS", "Unassigned", "TCP Clear Quiet"};
    private static final String[] TERM_ACTION = {"Default", "RADIUS-Request"};
    private static final String[] INGRESS_FILTERS = {null, "Enabled", "Disabled"};
    private static final String[] NAS_PORT_TYPE = {"Async", "Sync", "ISDN Sync", "ISDN Async V.120", "ISDN Async V.110", "Virtual", "PIAFS", "HDLC Clear Channel", "X.25", "X.75", "G.3 Fax", "SDSL", "ADSL-CAP", "ADSL-DMT", "ISDN-DSL", "Ethernet", "xDSL", "Cable", "Wireless - Other", "Wireless - IEEE 802.11", "Token-Ring", "FDDI", "Wireless - CDMA200", "Wireless - UMTS", "Wireless - 1X-EV", "IAPP", "FTTP", "Wireless - IEEE 802.16", "Wireless - IEEE 802.20", "Wireless - IEEE 802.22", "PPPoA", "PPPoEoA", "PPPoEoE", "PPPoEoVLAN", "PPPoEoQinQ", "xPON", "Wireless - XGP", "WiMAX Pre-Release 8 IWK Function", "WIMAX-WIFI-IWK", "WIMAX-SFF", "WIMAX-HA-LMA", "WIMAX-DHCP", "WIMAX-LBS", "WIMAX-WVS"};
    private static final String[] ACCT_STATUS = {null, "Start", "Stop", "Interim-Update", "Unassigned", "Unassigned", "Unassigned", "Accounting-On", "Accounting-Off", "Tunnel-Start", "Tunnel-Stop", "Tunnel-Reject", "Tunnel-Link-Start", "Tunnel-Link-Stop", "Tunnel-Link-Reject", "Failed"};
    private static final String[] ACCT_AUTH = {null, "RADIUS", "Local", "Remote", "Diameter"};
    private static final String[] ACCT_TERM = {null, "User Request", "Lost Carrier", "Lost Service", "Idle Timeout", "Session Timeout", "Admin Reset", "Admin Reboot", "Port Error", "NAS Error", "NAS Request", "NAS Reboot", "Port Unneeded", "Port Preempted", "Port Suspended", "Service Unavailable", "Callback", "User Error", "Host Request", "Supplicant Restart", "Reauthentication Failure", "Port Reinitialized", "Port Administratively Disabled", "Lost Power"};
    private static final String[] TUNNEL_TYPE = {null, "PPTP", "L2F", "L2TP", "ATMP", "VTP", "AH", "IP-IP", "MIN-IP-IP", "ESP", "GRE", "DVS", "IP-in-IP Tunneling", "VLAN"};
    private static final String[] TUNNEL_MEDIUM = {null, "IPv4", "IPv6", "NSAP", "HDLC", "BBN 1822", "802", "E.163", "E.164", "F.69", "X.121", "IPX", "Appletalk", "Decnet IV", "Banyan Vines", "E.164 with NSAP subaddress"};
    private static final String[] ARAP_ZONE = {null, "Only access to dfl zone", "Use zone filter inc.", "Not used", "Use zone filter exc."};
    private static final String[] PROMPT = {"No Echo", "Echo"};
    // attr_type[]: name, print function, value table, first value, values past it (print-radius.c)
    private static final Attr[] ATTRS = {
        new Attr(null, null, null, 0, 0),
        new Attr("User-Name", "string", null, 0, 0),
        new Attr("User-Password", null, null, 0, 0),
        new Attr("CHAP-Password", null, null, 0, 0),
        new Attr("NAS-IP-Address", "address", null, 0, 0),
        new Attr("NAS-Port", "num", null, 0, 0),
        new Attr("Service-Type", "num", SERV_TYPE, 1, 19),
        new Attr("Framed-Protocol", "num", FRM_PROTO, 1, 7),
        new Attr("Framed-IP-Address", "address", null, 0, 0),
        new Attr("Framed-IP-Netmask", "address", null, 0, 0),
        new Attr("Framed-Routing", "num", FRM_ROUTING, 0, 4),
        new Attr("Filter-Id", "string", null, 0, 0),
        new Attr("Framed-MTU", "num", null, 0, 0),
        new Attr("Framed-Compression", "num", FRM_COMP, 0, 4),
        new Attr("Login-IP-Host", "address", null, 0, 0),
        new Attr("Login-Service", "num", LOGIN_SERV, 0, 9),
        new Attr("Login-TCP-Port", "num", null, 0, 0),
        new Attr("Unassigned", null, null, 0, 0),
        new Attr("Reply-Message", "string", null, 0, 0),
        new Attr("Callback-Number", "string", null, 0, 0),
        new Attr("Callback-Id", "string", null, 0, 0),
        new Attr("Unassigned", null, null, 0, 0),
        new Attr("Framed-Route", "string", null, 0, 0),
        new Attr("Framed-IPX-Network", "num", null, 0, 0),
        new Attr("State", "string", null, 0, 0),
        new Attr("Class", "string", null, 0, 0),
        new Attr("Vendor-Specific", "vendor_attr", null, 0, 0),
        new Attr("Session-Timeout", "num", null, 0, 0),
        new Attr("Idle-Timeout", "num", null, 0, 0),
        new Attr("Termination-Action", "num", TERM_ACTION, 0, 2),
        new Attr("Called-Station-Id", "string", null, 0, 0),
        new Attr("Calling-Station-Id", "string", null, 0, 0),
        new Attr("NAS-Identifier", "string", null, 0, 0),
        new Attr("Proxy-State", "string", null, 0, 0),
        new Attr("Login-LAT-Service", "string", null, 0, 0),
        new Attr("Login-LAT-Node", "string", null, 0, 0),
        new Attr("Login-LAT-Group", "string", null, 0, 0),
        new Attr("Framed-AppleTalk-Link", "num", null, 0, 0),
        new Attr("Framed-AppleTalk-Network", "num", null, 0, 0),
        new Attr("Framed-AppleTalk-Zone", "string", null, 0, 0),
        new Attr("Acct-Status-Type", "num", ACCT_STATUS, 1, 15),
        new Attr("Acct-Delay-Time", "num", null, 0, 0),
        new Attr("Acct-Input-Octets", "num", null, 0, 0),
        new Attr("Acct-Output-Octets", "num", null, 0, 0),
        new Attr("Acct-Session-Id", "string", null, 0, 0),
        new Attr("Acct-Authentic", "num", ACCT_AUTH, 1, 4),
        new Attr("Acct-Session-Time", "num", null, 0, 0),
        new Attr("Acct-Input-Packets", "num", null, 0, 0),
        new Attr("Acct-Output-Packets", "num", null, 0, 0),
        new Attr("Acct-Terminate-Cause", "num", ACCT_TERM, 1, 23),
        new Attr("Acct-Multi-Session-Id", "string", null, 0, 0),
        new Attr("Acct-Link-Count", "num", null, 0, 0),
        new Attr("Acct-Input-Gigawords", "num", null, 0, 0),
        new Attr("Acct-Output-Gigawords", "num", null, 0, 0),
        new Attr("Unassigned", null, null, 0, 0),
        new Attr("Event-Timestamp", "time", null, 0, 0),
        new Attr("Egress-VLANID", "num", null, 0, 0),
        new Attr("Ingress-Filters", "num", INGRESS_FILTERS, 1, 2),
        new Attr("Egress-VLAN-Name", "string", null, 0, 0),
        new Attr("User-Priority-Table", null, null, 0, 0),
        new Attr("CHAP-Challenge", "string", null, 0, 0),
        new Attr("NAS-Port-Type", "num", NAS_PORT_TYPE, 0, 44),
        new Attr("Port-Limit", "num", null, 0, 0),
        new Attr("Login-LAT-Port", "string", null, 0, 0),
        new Attr("Tunnel-Type", "num", TUNNEL_TYPE, 1, 13),
        new Attr("Tunnel-Medium-Type", "num", TUNNEL_MEDIUM, 1, 15),
        new Attr("Tunnel-Client-Endpoint", "string", null, 0, 0),
        new Attr("Tunnel-Server-Endpoint", "string", null, 0, 0),
        new Attr("Acct-Tunnel-Connection", "string", null, 0, 0),
        new Attr("Tunnel-Password", "string", null, 0, 0),
        new Attr("ARAP-Password", "strange", null, 0, 0),
        new Attr("ARAP-Features", "strange", null, 0, 0),
        new Attr("ARAP-Zone-Access", "num", ARAP_ZONE, 1, 4),
        new Attr("ARAP-Security", "string", null, 0, 0),
        new Attr("ARAP-Security-Data", "string", null, 0, 0),
        new Attr("Password-Retry", "num", null, 0, 0),
        new Attr("Prompt", "num", PROMPT, 0, 2),
        new Attr("Connect-Info", "string", null, 0, 0),
        new Attr("Configuration-Token", "string", null, 0, 0),
        new Attr("EAP-Message", "string", null, 0, 0),
        new Attr("Message-Authenticator", "string", null, 0, 0),
        new Attr("Tunnel-Private-Group-ID", "string", null, 0, 0),
        new Attr("Tunnel-Assignment-ID", "string", null, 0, 0),
        new Attr("Tunnel-Preference", "num", null, 0, 0),
        new Attr("ARAP-Challenge-Response", "strange", null, 0, 0),
        new Attr("Acct-Interim-Interval", "num", null, 0, 0),
        new Attr("Acct-Tunnel-Packets-Lost", "num", null, 0, 0),
        new Attr("NAS-Port-Id", "string", null, 0, 0),
        new Attr("Framed-Pool", "string", null, 0, 0),
        new Attr("CUI", "string", null, 0, 0),
        new Attr("Tunnel-Client-Auth-ID", "string", null, 0, 0),
        new Attr("Tunnel-Server-Auth-ID", "string", null, 0, 0),
        new Attr("NAS-Filter-Rule", "string", null, 0, 0),
        new Attr("Unassigned", null, null, 0, 0),
        new Attr("Originating-Line-Info", null, null, 0, 0),
        new Attr("NAS-IPv6-Address", "address6", null, 0, 0),
        new Attr("Framed-Interface-ID", null, null, 0, 0),
        new Attr("Framed-IPv6-Prefix", "netmask6", null, 0, 0),
        new Attr("Login-IPv6-Host", "address6", null, 0, 0),
        new Attr("Framed-IPv6-Route", "string", null, 0, 0),
        new Attr("Framed-IPv6-Pool", "string", null, 0, 0),
        new Attr("Error-Cause", "strange", null, 0, 0),
        new Attr("EAP-Key-Name", null, null, 0, 0),
        new Attr("Digest-Response", "string", null, 0, 0),
        new Attr("Digest-Realm", "string", null, 0, 0),
        new Attr("Digest-Nonce", "string", null, 0, 0),
        new Attr("Digest-Response-Auth", "string", null, 0, 0),
        new Attr("Digest-Nextnonce", "string", null, 0, 0),
        new Attr("Digest-Method", "string", null, 0, 0),
        new Attr("Digest-URI", "string", null, 0, 0),
        new Attr("Digest-Qop", "string", null, 0, 0),
        new Attr("Digest-Algorithm", "string", null, 0, 0),
        new Attr("Digest-Entity-Body-Hash", "string", null, 0, 0),
        new Attr("Digest-CNonce", "string", null, 0, 0),
        new Attr("Digest-Nonce-Count", "string", null, 0, 0),
        new Attr("Digest-Username", "string", null, 0, 0),
        new Attr("Digest-Opaque", "string", null, 0, 0),
        new Attr("Digest-Auth-Param", "string", null, 0, 0),
        new Attr("Digest-AKA-Auts", "string", null, 0, 0),
        new Attr("Digest-Domain", "string", null, 0, 0),
        new Attr("Digest-Stale", "string", null, 0, 0),
        new Attr("Digest-HA1", "string", null, 0, 0),
        new Attr("SIP-AOR", "string", null, 0, 0),
        new Attr("Delegated-IPv6-Prefix", "netmask6", null, 0, 0),
        new Attr("MIP6-Feature-Vector", "vector64", null, 0, 0),
        new Attr("MIP6-Home-Link-Prefix", "mip6_home_link_prefix", null, 0, 0),
        new Attr("Operator-Name", "operator_name", null, 0, 0),
        new Attr("Location-Information", "location_information", null, 0, 0),
        new Attr("Location-Data", "location_data", null, 0, 0),
        new Attr("Basic-Location-Policy-Rules", "basic_location_policy_rules", null, 0, 0),
    };
}

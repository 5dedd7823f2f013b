package io.arplab.wire.tcpdump;

/**
 * print-ahcp.c: the Ad-Hoc Configuration Protocol (draft-chroboczek-ahcp-00) on UDP 5359: the magic and version, with
 * -v version 1's header and body, with -vv the body's options.
 */
final class AhcpPrinter {
    static final int AHCP_PORT = 5359;
    private static final int AHCP_MAGIC_NUMBER = 43;
    private static final int AHCP1_HEADER_FIX_LEN = 24;
    private static final int AHCP1_BODY_MIN_LEN = 4;
    private static final String[] MSG = {"Discover", "Offer", "Request", "Ack", "Nack", "Release"};
    private static final String[] OPT = {"Pad", "Mandatory", "Origin Time", "Expires", "My-IPv6-Address",
        "My-IPv4-Address", "IPv6 Prefix", "IPv4 Prefix", "IPv6 Address", "IPv4 Address", "IPv6 Prefix Delegation",
        "IPv4 Prefix Delegation", "Name Server", "NTP Server"};

    private AhcpPrinter() {}

    /** ahcp_print(). */
    static void ahcpPrint(Dissector nd, int cp, int len) {
        nd.protocol = "ahcp";
        nd.out.append("AHCP");
        if (len < 2 || nd.u8(cp) != AHCP_MAGIC_NUMBER) {
            invalid(nd, cp, len);
            return;
        }
        int version = nd.u8(cp + 1);
        cp += 2;
        len -= 2;
        if (version != 1) {
            nd.out.append(" Version ").append(version).append(" (unknown)");
            nd.check(cp, len);
            return;
        }
        nd.out.append(" Version 1");
        if (len < AHCP1_HEADER_FIX_LEN - 2) {
            invalid(nd, cp, len);
            return;
        }
        if (nd.vflag == 0) {
            nd.check(cp, AHCP1_HEADER_FIX_LEN - 2);
        } else {
            // each ND_PRINT()'s GET_ arguments are read before it prints
            int hops = nd.u8(cp);
            nd.out.append("\n\tHopcount ").append(hops);
            int orig = nd.u8(cp + 1);
            nd.out.append(", Original Hopcount ").append(orig);
            long nonce = nd.u32(cp + 2);
            nd.out.append(", Nonce 0x");
            Names.appendHex(nd.out, nonce, 8);
            nd.check(cp + 6, 8);
            nd.out.append(", Source Id ");
            ArpPrinter.linkaddr(nd, cp + 6, ArpPrinter.LINKADDR_OTHER, 8);
            nd.check(cp + 14, 8);
            nd.out.append(", Destination Id ");
            ArpPrinter.linkaddr(nd, cp + 14, ArpPrinter.LINKADDR_OTHER, 8);
        }
        body(nd, cp + AHCP1_HEADER_FIX_LEN - 2, len - (AHCP1_HEADER_FIX_LEN - 2));
    }

    /** The invalid: label: nd_print_invalid(), then ND_TCHECK_LEN() of the rest. */
    private static void invalid(Dissector nd, int cp, int len) {
        nd.invalid();
        nd.check(cp, len);
    }

    /** ahcp1_body_print(). */
    private static void body(Dissector nd, int cp, int len) {
        if (len < AHCP1_BODY_MIN_LEN) {
            invalid(nd, cp, len);
            return;
        }
        int type = nd.u8(cp);
        int mbz = nd.u8(cp + 1);
        int bodyLen = nd.u16(cp + 2);
        cp += 4;
        len -= 4;
        if (nd.vflag > 0) {
            nd.out.append("\n\t").append(type < MSG.length ? MSG[type] : "Unknown-" + type);
            if (mbz != 0) {
                nd.out.append(", MBZ ").append(mbz);
            }
            nd.out.append(", Length ").append(bodyLen);
        }
        if (bodyLen > len) {
            invalid(nd, cp, len);
            return;
        }
        if (nd.vflag >= 2) {
            options(nd, cp, bodyLen);
        } else {
            nd.check(cp, bodyLen);
        }
    }

    /** ahcp1_options_print(): each option's name, then data_decoders[]'s value or its length. */
    private static void options(Dissector nd, int cp, int len) {
        while (len > 0) {
            int no = nd.u8(cp);
            cp++;
            len--;
            nd.out.append("\n\t ").append(no < OPT.length ? OPT[no] : "Unknown-" + no);
            if (no == 0 || no == 1) {
                continue;
            }
            if (len == 0) {
                invalid(nd, cp, len);
                return;
            }
            int olen = nd.u8(cp);
            cp++;
            len--;
            if (olen > len) {
                invalid(nd, cp, len);
                return;
            }
            switch (no) {
                case 2 -> time(nd, cp, olen);
                case 3 -> seconds(nd, cp, olen);
                case 4, 8, 12, 13 -> addresses(nd, cp, olen, 16, false);
                case 5, 9 -> addresses(nd, cp, olen, 4, false);
                case 6, 10 -> addresses(nd, cp, olen, 16, true);
                case 11 -> addresses(nd, cp, olen, 4, true);
                default -> {
                    nd.out.append(" (Length ").append(olen).append(')');
                    nd.check(cp, olen);
                }
            }
            cp += olen;
            len -= olen;
        }
    }

    /** ahcp_time_print(): gmtime() and strftime("%Y-%m-%d %H:%M:%S"). */
    private static void time(Dissector nd, int cp, int len) {
        if (len != 4) {
            invalid(nd, cp, len);
            return;
        }
        long secs = nd.u32(cp);
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(secs, 0, java.time.ZoneOffset.UTC);
        nd.out.append(String.format(java.util.Locale.ROOT, ": %04d-%02d-%02d %02d:%02d:%02d UTC", t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
    }

    /** ahcp_seconds_print(). */
    private static void seconds(Dissector nd, int cp, int len) {
        if (len != 4) {
            invalid(nd, cp, len);
            return;
        }
        long secs = nd.u32(cp);
        nd.out.append(": ").append(secs).append('s');
    }

    /**
     * ahcp_ipv6_addresses_print(), ahcp_ipv4_addresses_print(), ahcp_ipv6_prefixes_print() and
     * ahcp_ipv4_prefixes_print(): a list of addresses, each with a prefix length byte for the prefixes.
     */
    private static void addresses(Dissector nd, int cp, int len, int alen, boolean prefix) {
        int size = alen + (prefix ? 1 : 0);
        String sep = ": ";
        while (len > 0) {
            if (len < size) {
                invalid(nd, cp, len);
                return;
            }
            String a = nd.addrString(cp, alen);
            int plen = prefix ? nd.u8(cp + alen) : 0;
            nd.out.append(sep).append(a);
            if (prefix) {
                nd.out.append('/').append(plen);
            }
            cp += size;
            len -= size;
            sep = ", ";
        }
    }
}

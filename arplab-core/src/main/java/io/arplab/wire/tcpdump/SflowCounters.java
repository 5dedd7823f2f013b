package io.arplab.wire.tcpdump;

/** print-sflow.c's counter records: sflow_print_counter_records() and the print_sflow_counter_*() printers. */
final class SflowCounters {
    private SflowCounters() {}

    /** sflow_print_counter_records(): the format's enterprise is its bits above 20; true for "invalid". */
    static boolean records(Dissector nd, int tptr, int tlen, long nrecords) {
        StringBuilder out = nd.out;
        while (nrecords > 0) {
            if (tlen < 8) {
                return true;
            }
            long format = nd.u32(tptr);
            int type = (int) format & 0xfff;
            long enterprise = format >>> 20;
            long counterLen = nd.u32(tptr + 4);
            out.append("\n\t    enterprise ").append(enterprise).append(", ")
                    .append(enterprise == 0 ? typeName(type) : "Unknown").append(" (").append(type)
                    .append(") length ").append(counterLen);
            tptr += 8;
            tlen -= 8;
            if (tlen < counterLen) {
                return true;
            }
            if (enterprise == 0) {
                boolean bad = switch (type) {
                    case 1 -> generic(nd, tptr, tlen);
                    case 2 -> ethernet(nd, tptr, tlen);
                    case 3 -> false;
                    case 4 -> basevg(nd, tptr, tlen);
                    case 5 -> vlan(nd, tptr, tlen);
                    case 1001 -> processor(nd, tptr, tlen);
                    default -> {
                        if (nd.vflag <= 1) {
                            HexDump.unknownData(nd, tptr, "\n\t\t", (int) counterLen);
                        }
                        yield false;
                    }
                };
                if (bad) {
                    return true;
                }
            }
            tptr += (int) counterLen;
            tlen -= (int) counterLen;
            nrecords--;
        }
        return false;
    }

    private static String typeName(int t) {
        return switch (t) {
            case 1 -> "Generic counter";
            case 2 -> "Ethernet counter";
            case 3 -> "Token ring counter";
            case 4 -> "100 BaseVG counter";
            case 5 -> "Vlan counter";
            case 1001 -> "Processor counter";
            default -> "Unknown";
        };
    }

    /** GET_BE_U_8 as %PRIu64. */
    private static String u64(Dissector nd, int off) {
        long hi = nd.u32(off);
        long lo = nd.u32(off + 4);
        return Long.toUnsignedString((hi << 32) | lo);
    }

    /** print_sflow_counter_generic() (88 bytes). */
    private static boolean generic(Dissector nd, int p, int len) {
        if (len < 88) {
            return true;
        }
        long dir = nd.u32(p + 16);
        // one append per ND_PRINT: a record may reach past the captured sample, and each reads before it prints
        StringBuilder out = nd.out;
        String s = "\n\t      ifindex " + nd.u32(p) + ", iftype " + nd.u32(p + 4) + ", ifspeed " + u64(nd, p + 8)
                + ", ifdirection " + dir + " (" + (dir == 0 ? "unknown" : dir == 1 ? "full-duplex"
                : dir == 2 ? "half-duplex" : dir == 3 ? "in" : dir == 4 ? "out" : "Unknown") + ")";
        out.append(s);
        long status = nd.u32(p + 20);
        s = "\n\t      ifstatus " + status + ", adminstatus: " + ((status & 1) != 0 ? "up" : "down")
                + ", operstatus: " + (((status >> 1) & 1) != 0 ? "up" : "down");
        out.append(s);
        s = "\n\t      In octets " + u64(nd, p + 24) + ", unicast pkts " + nd.u32(p + 32) + ", multicast pkts "
                + nd.u32(p + 36) + ", broadcast pkts " + nd.u32(p + 40) + ", discards " + nd.u32(p + 44);
        out.append(s);
        s = "\n\t      In errors " + nd.u32(p + 48) + ", unknown protos " + nd.u32(p + 52);
        out.append(s);
        s = "\n\t      Out octets " + u64(nd, p + 56) + ", unicast pkts " + nd.u32(p + 64)
                + ", multicast pkts " + nd.u32(p + 68) + ", broadcast pkts " + nd.u32(p + 72) + ", discards "
                + nd.u32(p + 76);
        out.append(s);
        s = "\n\t      Out errors " + nd.u32(p + 80) + ", promisc mode " + nd.u32(p + 84);
        out.append(s);
        return false;
    }

    /** print_sflow_counter_ethernet() (52 bytes). */
    private static boolean ethernet(Dissector nd, int p, int len) {
        if (len < 52) {
            return true;
        }
        String s = "\n\t      align errors " + nd.u32(p) + ", fcs errors " + nd.u32(p + 4) + ", single collision "
                + nd.u32(p + 8) + ", multiple collision " + nd.u32(p + 12) + ", test error " + nd.u32(p + 16);
        nd.out.append(s);
        s = "\n\t      deferred " + nd.u32(p + 20) + ", late collision " + nd.u32(p + 24)
                + ", excessive collision " + nd.u32(p + 28) + ", mac trans error " + nd.u32(p + 32);
        nd.out.append(s);
        s = "\n\t      carrier error " + nd.u32(p + 36) + ", frames too long " + nd.u32(p + 40)
                + ", mac receive errors " + nd.u32(p + 44) + ", symbol errors " + nd.u32(p + 48);
        nd.out.append(s);
        return false;
    }

    /** print_sflow_counter_basevg() (80 bytes). */
    private static boolean basevg(Dissector nd, int p, int len) {
        if (len < 80) {
            return true;
        }
        String s = "\n\t      in high prio frames " + nd.u32(p) + ", in high prio octets " + u64(nd, p + 4);
        nd.out.append(s);
        s = "\n\t      in norm prio frames " + nd.u32(p + 12) + ", in norm prio octets " + u64(nd, p + 16);
        nd.out.append(s);
        s = "\n\t      in ipm errors " + nd.u32(p + 24) + ", oversized " + nd.u32(p + 28) + ", in data errors "
                + nd.u32(p + 32) + ", null addressed frames " + nd.u32(p + 36);
        nd.out.append(s);
        s = "\n\t      out high prio frames " + nd.u32(p + 40) + ", out high prio octets " + u64(nd, p + 44)
                + ", trans into frames " + nd.u32(p + 52);
        nd.out.append(s);
        s = "\n\t      in hc high prio octets " + u64(nd, p + 56) + ", in hc norm prio octets "
                + u64(nd, p + 64) + ", out hc high prio octets " + u64(nd, p + 72);
        nd.out.append(s);
        return false;
    }

    /** print_sflow_counter_vlan() (28 bytes). */
    private static boolean vlan(Dissector nd, int p, int len) {
        if (len < 28) {
            return true;
        }
        String s = "\n\t      vlan_id " + nd.u32(p) + ", octets " + u64(nd, p + 4) + ", unicast_pkt " + nd.u32(p + 12)
                + ", multicast_pkt " + nd.u32(p + 16) + ", broadcast_pkt " + nd.u32(p + 20) + ", discards "
                + nd.u32(p + 24);
        nd.out.append(s);
        return false;
    }

    /** print_sflow_counter_processor() (28 bytes; its free memory printed as a second "total_mem"). */
    private static boolean processor(Dissector nd, int p, int len) {
        if (len < 28) {
            return true;
        }
        String s = "\n\t      5sec " + nd.u32(p) + ", 1min " + nd.u32(p + 4) + ", 5min " + nd.u32(p + 8)
                + ", total_mem " + u64(nd, p + 12) + ", total_mem " + u64(nd, p + 20);
        nd.out.append(s);
        return false;
    }
}

package io.arplab.wire.tcpdump;

/**
 * print-sflow.c: sFlow version 5 datagrams (OVS's and switches' agents) on UDP port 6343; with -v the samples and
 * their flow and counter records. Each sample printer is given the datagram's remaining length, as sflow_print()
 * passes it.
 */
final class SflowPrinter {
    static final int SFLOW_PORT = 6343;
    private static final int V4_HDR = 28;
    private static final int V6_HDR = 40;

    private SflowPrinter() {}

    /** sflow_print(). */
    static void sflowPrint(Dissector nd, int pptr, int len) {
        nd.protocol = "sflow";
        StringBuilder out = nd.out;
        long ipVersion = nd.u32(pptr + 4);
        if (len < V4_HDR && ipVersion == 1 || len < V6_HDR && ipVersion == 2) {
            long version = nd.u32(pptr);
            out.append("sFlowv").append(version).append(" [length ").append(len).append(" < ").append(V4_HDR)
                    .append(']');
            nd.invalid();
            return;
        }
        nd.check(pptr, V4_HDR);
        long version = nd.u32(pptr);
        if (version != 5) {
            out.append("sFlow version ").append(version).append(" packet not supported");
            return;
        }
        boolean v4 = ipVersion == 1;
        int hdr = v4 ? V4_HDR : V6_HDR;
        if (!v4 && nd.vflag >= 1) {
            nd.check(pptr, V6_HDR);
        }
        StringBuilder agent = new StringBuilder();
        if (v4) {
            Names.ipaddr(agent, nd.p, pptr + 8);
        } else {
            Names.ip6addr(agent, nd.p, pptr + 8);
        }
        int ids = pptr + hdr - 16;
        out.append("sFlowv").append(version).append(", ").append(v4 ? "IPv4" : "IPv6").append(" agent ").append(agent)
                .append(", agent-id ").append(nd.u32(ids));
        if (nd.vflag < 1) {
            out.append(", length ").append(len);
            return;
        }
        long nsamples = nd.u32(ids + 12);
        out.append(", seqnum ").append(nd.u32(ids + 4)).append(", uptime ").append(nd.u32(ids + 8))
                .append(", samples ").append(nsamples).append(", length ").append(len);
        int tptr = pptr;
        int tlen = len;
        if (tlen < hdr) {
            invalid(nd, tptr, tlen);
            return;
        }
        tptr += hdr;
        tlen -= hdr;
        while (nsamples > 0 && tlen > 0) {
            int type = (int) nd.u32(tptr) & 0xfff;
            long sampleLen = nd.u32(tptr + 4);
            if (tlen < 8) {
                invalid(nd, tptr, tlen);
                return;
            }
            tptr += 8;
            tlen -= 8;
            out.append("\n\t").append(switch (type) {
                case 1 -> "flow sample";
                case 2 -> "counter sample";
                case 3 -> "expanded flow sample";
                case 4 -> "expanded counter sample";
                default -> "Unknown";
            }).append(" (").append(type).append("), length ").append(sampleLen).append(',');
            if (type == 0 || sampleLen == 0) {
                return;
            }
            if (tlen < sampleLen) {
                invalid(nd, tptr, tlen);
                return;
            }
            nd.check(tptr, (int) sampleLen);
            boolean bad = switch (type) {
                case 1 -> flowSample(nd, tptr, tlen, false);
                case 2 -> counterSample(nd, tptr, tlen, false);
                case 3 -> flowSample(nd, tptr, tlen, true);
                case 4 -> counterSample(nd, tptr, tlen, true);
                default -> {
                    if (nd.vflag <= 1) {
                        HexDump.unknownData(nd, tptr, "\n\t    ", (int) sampleLen);
                    }
                    yield false;
                }
            };
            if (bad) {
                invalid(nd, tptr, tlen);
                return;
            }
            tptr += (int) sampleLen;
            tlen -= (int) sampleLen;
            nsamples--;
        }
    }

    /** sflow_print()'s invalid: label: "(invalid)", then the rest must have been captured. */
    private static void invalid(Dissector nd, int tptr, int tlen) {
        nd.invalid();
        nd.check(tptr, tlen);
    }

    /** sflow_print_flow_sample() and sflow_print_expanded_flow_sample(); true for "invalid". */
    private static boolean flowSample(Dissector nd, int p, int len, boolean expanded) {
        int size = expanded ? 44 : 32;
        if (len < size) {
            return true;
        }
        long nrecords = nd.u32(p + size - 4);
        StringBuilder s = new StringBuilder();
        s.append(" seqnum ").append(nd.u32(p));
        if (expanded) {
            s.append(", type ").append(nd.u32(p + 4)).append(", idx ").append(nd.u32(p + 8));
        } else {
            s.append(", type ").append(nd.u8(p + 4)).append(", idx ").append(nd.u24(p + 5));
        }
        int rate = expanded ? p + 12 : p + 8;
        s.append(", rate ").append(nd.u32(rate)).append(", pool ").append(nd.u32(rate + 4)).append(", drops ")
                .append(nd.u32(rate + 8));
        if (!expanded) {
            s.append(", input ").append(nd.u32(p + 20)).append(" output ").append(nd.u32(p + 24));
            s.append(" records ").append(nrecords);
        } else {
            s.append(", records ").append(nrecords);
        }
        nd.out.append(s);
        return flowRecords(nd, p + size, len - size, nrecords);
    }

    /** sflow_print_flow_records(): the format's enterprise is its top 20 bits. */
    private static boolean flowRecords(Dissector nd, int tptr, int tlen, long nrecords) {
        StringBuilder out = nd.out;
        while (nrecords > 0) {
            if (tlen < 8) {
                return true;
            }
            long format = nd.u32(tptr);
            int type = (int) format & 0xfff;
            long enterprise = format >>> 12;
            long flowLen = nd.u32(tptr + 4);
            out.append("\n\t    enterprise ").append(enterprise).append(' ')
                    .append(enterprise == 0 ? flowType(type) : "Unknown").append(" (").append(type)
                    .append(") length ").append(flowLen);
            tptr += 8;
            tlen -= 8;
            if (tlen < flowLen) {
                return true;
            }
            if (enterprise == 0) {
                switch (type) {
                    case 1 -> {
                        if (tlen < 16) {
                            return true;
                        }
                        long proto = nd.u32(tptr);
                        String line = "\n\t      protocol " + (proto == 1 ? "Ethernet" : proto == 11 ? "IPv4"
                                : proto == 12 ? "IPv6" : "Unknown") + " (" + proto + "), length " + nd.u32(tptr + 4)
                                + ", stripped bytes " + nd.u32(tptr + 8) + ", header_size " + nd.u32(tptr + 12);
                        out.append(line);
                    }
                    case 1001 -> {
                        if (tlen < 16) {
                            return true;
                        }
                        String line = "\n\t      src vlan " + nd.u32(tptr) + ", src pri " + nd.u32(tptr + 4)
                                + ", dst vlan " + nd.u32(tptr + 8) + ", dst pri " + nd.u32(tptr + 12);
                        out.append(line);
                    }
                    case 2 -> {
                        if (tlen < 24) {
                            return true;
                        }
                        String line = "\n\t      frame len " + nd.u32(tptr) + ", type " + nd.u32(tptr + 20);
                        out.append(line);
                    }
                    case 3, 4, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012 -> { }
                    default -> {
                        if (nd.vflag <= 1) {
                            HexDump.unknownData(nd, tptr, "\n\t\t", (int) flowLen);
                        }
                    }
                }
            }
            tptr += (int) flowLen;
            tlen -= (int) flowLen;
            nrecords--;
        }
        return false;
    }

    private static String flowType(int t) {
        return switch (t) {
            case 1 -> "Raw packet";
            case 2 -> "Ethernet frame";
            case 3 -> "IPv4 Data";
            case 4 -> "IPv6 Data";
            case 1001 -> "Extended Switch data";
            case 1002 -> "Extended Router data";
            case 1003 -> "Extended Gateway data";
            case 1004 -> "Extended User data";
            case 1005 -> "Extended URL data";
            case 1006 -> "Extended MPLS data";
            case 1007 -> "Extended NAT data";
            case 1008 -> "Extended MPLS tunnel";
            case 1009 -> "Extended MPLS VC";
            case 1010 -> "Extended MPLS FEC";
            case 1011 -> "Extended MPLS LVP FEC";
            case 1012 -> "Extended VLAN Tunnel";
            default -> "Unknown";
        };
    }

    /** sflow_print_counter_sample() and sflow_print_expanded_counter_sample(). */
    private static boolean counterSample(Dissector nd, int p, int len, boolean expanded) {
        int size = expanded ? 16 : 12;
        if (len < size) {
            return true;
        }
        long nrecords = nd.u32(p + size - 4);
        String line = " seqnum " + nd.u32(p) + ", type " + (expanded ? nd.u32(p + 4) : nd.u8(p + 4)) + ", idx "
                + (expanded ? nd.u32(p + 8) : nd.u24(p + 5)) + ", records " + nrecords;
        nd.out.append(line);
        return SflowCounters.records(nd, p + size, len - size, nrecords);
    }
}

package io.arplab.wire.tshark;

/** packet-icmp.c's dissect_icmp(): the type and code texts, id/seq/ttl and echo request/reply matching. */
final class IcmpDissector {
    private static final String[] TYPES = new String[256];
    private static final String[] UNREACH = {"Network unreachable", "Host unreachable", "Protocol unreachable",
        "Port unreachable", "Fragmentation needed", "Source route failed", "Destination network unknown",
        "Destination host unknown", "Source host isolated", "Network administratively prohibited",
        "Host administratively prohibited", "Network unreachable for TOS", "Host unreachable for TOS",
        "Communication administratively filtered", "Host precedence violation", "Precedence cutoff in effect"};
    private static final String[] REDIRECT = {"Redirect for network", "Redirect for host",
        "Redirect for TOS and network", "Redirect for TOS and host"};
    private static final String[] TIME_EXCEEDED = {"Time to live exceeded in transit",
        "Fragment reassembly time exceeded"};
    private static final String[] PARAMETER = {"Pointer indicates the error", "Required option missing",
        "Bad length"};
    private static final String[] PHOTURIS = {"Bad SPI", "Authentication Failed", "Decompression Failed",
        "Decryption Failed", "Need Authentication", "Need Authorization"};
    private static final String[] EXT_ECHO_REPLY = {"No error", "Malformed Query", "No Such Interface",
        "No Such Table Entry", "Multiple Interfaces Satisfy Query"};

    static {
        String[][] t = {{"0", "Echo (ping) reply"}, {"1", "Reserved"}, {"2", "Reserved"},
            {"3", "Destination unreachable"}, {"4", "Source quench (flow control)"}, {"5", "Redirect"},
            {"6", "Alternate host address"}, {"8", "Echo (ping) request"}, {"9", "Router advertisement"},
            {"10", "Router solicitation"}, {"11", "Time-to-live exceeded"}, {"12", "Parameter problem"},
            {"13", "Timestamp request"}, {"14", "Timestamp reply"}, {"15", "Information request"},
            {"16", "Information reply"}, {"17", "Address mask request"}, {"18", "Address mask reply"},
            {"19", "Reserved (for security)"}, {"30", "Traceroute"}, {"31", "Datagram Conversion Error"},
            {"32", "Mobile Host Redirect"}, {"33", "IPv6 Where-Are-You"}, {"34", "IPv6 I-Am-Here"},
            {"35", "Mobile Registration Request"}, {"36", "Mobile Registration Reply"},
            {"37", "Domain Name Request"}, {"38", "Domain Name Reply"}, {"39", "SKIP"}, {"40", "Photuris"},
            {"41", "Experimental mobility protocols"}, {"42", "Extended Echo request"},
            {"43", "Extended Echo reply"}};
        for (String[] e : t) {
            TYPES[Integer.parseInt(e[0])] = e[1];
        }
    }

    private IcmpDissector() {}

    private static String code(String[] table, int code) {
        return code < table.length ? table[code] : "Unknown code: " + code;
    }

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("ICMP");
        p.clearInfo();
        int type = tvb.u8(0);
        int code = tvb.u8(1);
        tvb.u8(5); // the original datagram's length (RFC 4884), read before anything is shown
        String typeStr = TYPES[type] == null ? "Unknown ICMP (obsolete or malformed?)" : TYPES[type];
        String codeStr = switch (type) {
            case 3 -> code(UNREACH, code);
            case 5 -> code(REDIRECT, code);
            case 6 -> code(new String[] {"Alternate address for host"}, code);
            case 9 -> {
                if (code == 0 || code == 16) {
                    typeStr = "Mobile IP Advertisement";
                }
                yield code == 0 ? "Normal router advertisement" : code == 16 ? "Does not route common traffic"
                        : "Unknown code: " + code;
            }
            case 11 -> code(TIME_EXCEEDED, code);
            case 12 -> code(PARAMETER, code);
            case 40 -> code(PHOTURIS, code);
            case 42 -> code == 0 ? "No error" : "Unknown code: " + code;
            case 43 -> code(EXT_ECHO_REPLY, code);
            default -> null;
        };
        p.info(Names.padRight(typeStr, 20));
        if (codeStr != null) {
            p.append(" (" + codeStr + ")");
        }
        int cksum = tvb.u16(2);
        switch (type) {
            case 0, 8, 13, 14, 15, 16, 17, 18 -> {
                int id = tvb.u16(4);
                int seq = tvb.u16(6);
                p.append(" id=0x" + Names.hex4(id) + ", seq=" + seq + "/" + tvb.u16le(6));
                if (p.ipTtl >= 0) {
                    p.append(", ttl=" + p.ipTtl);
                }
                if ((type == 0 || type == 8) && !p.inErrorPkt) {
                    match(p, type == 8, 0x0800, cksum, id, seq);
                }
                if (type == 0 || type == 8) {
                    hiPerConTracer(tvb.subset(8), p);
                }
                if (type == 13 || type == 14) {
                    tvb.u32(8);
                    tvb.u32(12);
                    tvb.u32(16);
                } else if (type == 17 || type == 18) {
                    tvb.u32(8);
                }
            }
            case 5 -> {
                tvb.u32(4); // the gateway
                quoted(tvb, p, true);
            }
            case 3, 4, 11, 12 -> {
                tvb.u32(4); // unused, MTU, pointer
                quoted(tvb, p, false);
            }
            case 9 -> {
                // ICMP_RTRADVERT: the lifetime, then with 2-word entries each router address and its preference
                // (the mobility extensions after them are shown only in a tree)
                int addrs = tvb.u8(4);
                int entrySize = tvb.u8(5);
                tvb.u16(6);
                for (int i = 0; entrySize == 2 && i < addrs; i++) {
                    tvb.u32(8 + 8 * i);
                    tvb.u32(12 + 8 * i);
                }
            }
            case 42 -> {
                // an extended echo request (RFC 8335): its extensions after the 8-byte header
                tvb.check(4, 4);
                if (tvb.reported > 8) {
                    IcmpExtensions.dissect(tvb.subset(8));
                }
            }
            default -> { }
        }
    }

    /**
     * The IP header and data an ICMP error quotes: RFC 4884's length (in words, at byte 5) cuts the quote to the
     * quoted header's length plus that many words when the packet has more and the quoted IP total length is
     * larger; the extensions follow the quote when the ICMP payload is over 128 bytes and the quoted total length
     * at most 128, at byte 5's words or else at 128 (dissect_icmp(); a redirect's byte 5 is its gateway's).
     */
    private static void quoted(Tvb tvb, Packet p, boolean redirect) {
        int words = tvb.u8(5);
        Tvb q = tvb.subset(8);
        if (redirect) {
            // a redirect quotes the IP header and 8 bytes (probe family icmp-redirect-cut)
            int n = (tvb.u8(8) & 0x0f) * 4 + 8;
            if (n < q.reported) {
                q.setReportedLength(n);
            }
        } else if (words > 0 && tvb.reported > 8 + words * 4 && tvb.u16(10) > words * 4) {
            int n = ((tvb.u8(8) & 0x0f) + words) * 4;
            if (n < q.reported) {
                q.setReportedLength(n);
            }
        }
        quote(tvb, p, () -> IpDissector.dissectIp(q, p));
        if (tvb.reported > 8 + 128 && tvb.u16(10) <= 128) {
            IcmpExtensions.dissect(tvb.subset(8 + (words > 0 ? words * 4 : 128)));
        }
    }

    /**
     * A quoted datagram (ICMP's and ICMPv6's errors): dissected without touching the columns, the addresses
     * restored; of what it throws only the capture's cut shows.
     */
    static void quote(Tvb tvb, Packet p, Runnable dissect) {
        boolean savedError = p.inErrorPkt;
        boolean savedWritable = p.writable;
        String src = p.src;
        String dst = p.dst;
        int ttl = p.ipTtl;
        p.inErrorPkt = true;
        p.writable = false;
        try {
            dissect.run();
        } catch (Thrown.DissectorError e) {
            if (e.kind == Thrown.BOUNDS) {
                throw e;
            }
            // a quoted datagram is short by design; only what the capture cut off is shown
        } catch (Unsupported e) {
            // nothing in the quoted datagram reaches the columns, but a dissector not modelled may read what the
            // capture cut off
            if (tvb.length < tvb.reported) {
                throw e;
            }
        } finally {
            p.writable = savedWritable;
            p.inErrorPkt = savedError;
            p.addresses(src, dst);
            p.ipTtl = ttl;
        }
    }

    /**
     * transaction_start() / transaction_end() (packet-icmp.c and packet-icmpv6.c): a request is remembered by
     * conversation (the address pair), checksum, id and seq; the first reply carrying the matching values gets
     * " (request in N)". {@code typeDelta} is what the type contributes to the checksum sum of a request over
     * its reply.
     */
    /**
     * packet-hipercontracer.c's heur_dissect_hipercontracer(), on the "icmp" and "icmpv6" heuristic lists an echo's
     * data is offered to: 16 bytes captured, a send TTL of at least 1, a send time stamp (microseconds since
     * 1976-09-29) from 2016 to 2099; then ", HiPerConTracer" after the protocol and the TTL and round after Info.
     */
    static void hiPerConTracer(Tvb data, Packet p) {
        if (data.length < 16 || data.u8(4) < 1) {
            return;
        }
        long stamp = (data.u32(8) << 32 | data.u32(12)) + 212803200000000L;
        if (Long.compareUnsigned(stamp, 1451602800000000L) < 0 || Long.compareUnsigned(stamp, 4102441199999999L) > 0) {
            return;
        }
        p.protocol(p.protocol + ", HiPerConTracer");
        p.append(" (SendTTL=" + data.u8(4) + ", Round=" + data.u8(5) + ")");
    }

    static void match(Packet p, boolean request, int typeDelta, int cksum, int id, int seq) {
        if (p.netSrc == null) {
            return;
        }
        String a = p.netSrc.length == 4 ? Names.ipv4(p.netSrc, 0) : Names.ipv6(p.netSrc, 0);
        String b = p.netDst.length == 4 ? Names.ipv4(p.netDst, 0) : Names.ipv6(p.netDst, 0);
        String conv = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
        int key;
        if (request) {
            key = cksum;
        } else {
            // the request's checksum: the reply's minus the type's difference, in one's complement
            int sum = (~cksum & 0xffff) + typeDelta;
            sum = (sum & 0xffff) + (sum >>> 16);
            key = ~sum & 0xffff;
        }
        String k = conv + "#" + (key == 0xffff ? 0 : key) + "#" + id + "#" + seq;
        if (request) {
            p.capture.icmpRequests.put(k, new int[] {p.number, 0});
            return;
        }
        int[] transaction = p.capture.icmpRequests.get(k);
        if (transaction == null || transaction[1] != 0) {
            return;
        }
        transaction[1] = p.number;
        p.append(" (request in " + transaction[0] + ")");
    }
}

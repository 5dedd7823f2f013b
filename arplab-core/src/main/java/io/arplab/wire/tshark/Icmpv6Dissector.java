package io.arplab.wire.tshark;

/**
 * packet-icmpv6.c's dissect_icmpv6(): the type text (and code for the errors), echo id/seq/hop limit with
 * request/reply matching, and neighbour discovery's summaries.
 */
final class Icmpv6Dissector {
    private static final String[] UNREACH = {"no route to destination", "Administratively prohibited",
        "Beyond scope of source address", "Address unreachable", "Port unreachable",
        "Source address failed ingress/egress policy", "Reject route to destination",
        "Error in Source Routing Header"};
    private static final String[] TIME_EXCEEDED = {"hop limit exceeded in transit",
        "fragment reassembly time exceeded"};
    private static final String[] PARAMETER = {"erroneous header field encountered",
        "unrecognized Next Header type encountered", "unrecognized IPv6 option encountered",
        "IPv6 First Fragment has incomplete IPv6 Header Chain"};

    private static final String[] EXT_ECHO_REPLY = {"No error", "Malformed Query", "No Such Interface",
        "No Such Table Entry", "Multiple Interfaces Satisfy Query"};

    private static final int[][] PREFIX_FIELDS = {{2, 1}, {3, 1}, {4, 4}, {8, 4}, {12, 4}, {16, 16}};

    private Icmpv6Dissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("ICMPv6");
        p.clearInfo();
        int type = tvb.u8(0);
        String name = Values.of("icmpv6.type", type);
        p.info(name == null ? "Unknown (" + type + ")" : name);
        int code = tvb.u8(1);
        switch (type) {
            case 1 -> p.append(" (" + (code < UNREACH.length ? UNREACH[code] : "Unknown") + ")");
            case 3 -> p.append(" (" + (code < TIME_EXCEEDED.length ? TIME_EXCEEDED[code] : "Unknown (" + code + ")")
                    + ")");
            case 4 -> p.append(" (" + (code < PARAMETER.length ? PARAMETER[code] : "Unknown (" + code + ")") + ")");
            case 160 -> p.append(" (" + (code == 0 ? "No error" : "Unknown (" + code + ")") + ")");
            case 139 -> p.append(" (" + (code < NI_QUERY.length ? NI_QUERY[code] : "Unknown (" + code + ")") + ")");
            case 140 -> p.append(" (" + (code < NI_REPLY.length ? NI_REPLY[code] : "Unknown (" + code + ")") + ")");
            case 161 -> p.append(" (" + (code < EXT_ECHO_REPLY.length ? EXT_ECHO_REPLY[code] : "Unknown (" + code + ")")
                    + ")");
            default -> { }
        }
        int cksum = tvb.u16(2);
        switch (type) {
            case 1, 3 -> {
                // RFC 4884: byte 4 is the quote's length in 8-byte words, the extensions follow it
                int words = tvb.u8(4);
                tvb.u32(4);
                quoted(tvb, p, words);
                if (words > 0) {
                    IcmpExtensions.dissect(tvb.subset(8 + words * 8));
                }
            }
            case 2, 4 -> {
                tvb.u32(4);
                quoted(tvb, p, 0);
            }
            case 128, 129 -> {
                int id = tvb.u16(4);
                int seq = tvb.u16(6);
                p.append(" id=0x" + Names.hex4(id) + ", seq=" + seq + ", hop limit=" + p.ipTtl);
                if (!p.inErrorPkt) {
                    IcmpDissector.match(p, type == 128, 0xfeff, cksum, id, seq);
                }
                IcmpDissector.hiPerConTracer(tvb.subset(8), p);
            }
            case 130, 131, 132 -> {
                // MLD: the maximum response delay, reserved, the multicast address (an MLDv2 query more)
                tvb.u16(4);
                tvb.u16(6);
                tvb.ipv6(8);
                if (type == 130 && tvb.length >= 28) {
                    // an MLDv2 query when at least 28 bytes were captured (seed 33010)
                    tvb.u8(24);
                    tvb.u8(25);
                    sources(tvb, 28, tvb.u16(26));
                }
            }
            case 143 -> {
                // an MLDv2 report: its records, while there is data for another one
                tvb.u16(4);
                int records = tvb.u16(6);
                int off = 8;
                for (int i = 0; i < records && tvb.reportedRemaining(off) > 0; i++) {
                    int aux = tvb.u8(off + 1);
                    int sources = tvb.u16(off + 2);
                    tvb.check(off + 4, 16); // the multicast address, its sources one by one, the auxiliary data
                    sources(tvb, off + 20, sources);
                    if (aux > 0) {
                        tvb.check(off + 20 + 16 * sources, 4 * aux);
                    }
                    off += 20 + 16 * sources + 4 * aux;
                }
            }
            case 133 -> {
                tvb.u32(4);
                options(tvb, 8, p);
            }
            case 134 -> {
                tvb.u8(4);
                tvb.u8(5);
                tvb.u16(6);
                tvb.u32(8);
                tvb.u32(12);
                options(tvb, 16, p);
            }
            case 135 -> {
                tvb.u32(4);
                p.append(" for " + tvb.ipv6(8));
                options(tvb, 24, p);
            }
            case 137 -> {
                // a redirect: reserved, the target and the destination, then the options
                tvb.u32(4);
                tvb.check(8, 16);
                tvb.check(24, 16);
                options(tvb, 40, p);
            }
            case 136 -> {
                long flags = tvb.u32(4);
                p.append(" " + tvb.ipv6(8));
                StringBuilder f = new StringBuilder();
                flag(f, flags, 0x80000000L, "rtr");
                flag(f, flags, 0x40000000L, "sol");
                flag(f, flags, 0x20000000L, "ovr");
                p.append(" (" + (f.length() > 0 ? f : "none") + ")");
                options(tvb, 24, p);
            }
            case 141, 142 -> {
                // inverse neighbour discovery: reserved, then the options
                tvb.u32(4);
                options(tvb, 8, p);
            }
            case 147 -> {
                // a mobile prefix advertisement: the identifier (its flags a bitmask, unread), then the options
                tvb.u16(4);
                options(tvb, 8, p);
            }
            case 156 -> {
                // a locator update (RFC 6743): the count, operation and reserved, then each locator's 64 bits,
                // preference and lifetime
                int count = tvb.u8(4);
                tvb.check(5, 3);
                for (int i = 0; i < count; i++) {
                    tvb.check(8 + 12 * i, 8);
                    tvb.check(16 + 12 * i, 2);
                    tvb.check(18 + 12 * i, 2);
                }
            }
            case 145 -> {
                // a home agent address discovery reply: identifier, reserved, then addresses while captured bytes
                // remain
                tvb.u32(4);
                for (int off = 8; tvb.capturedRemaining(off) > 0; off += 16) {
                    tvb.check(off, 16);
                }
            }
            case 144, 146, 151, 161 -> tvb.u32(4); // the fields of their second word
            case 160 -> {
                // an extended echo request (RFC 8335): its extensions after the 8-byte header
                tvb.u32(4);
                if (tvb.reported > 8) {
                    IcmpExtensions.dissect(tvb.subset(8));
                }
            }
            case 152, 153 -> { }
            case 139, 140 -> nodeInformation(tvb, type, code);
            case 138, 148, 149, 150, 154, 155, 157, 158, 159 -> throw new Unsupported("ICMPv6 type "
                    + type);
            default -> tvb.check(4, 1); // no dissector: the rest as data, of at least a byte
        }
    }

    private static final String[] NI_QUERY = {"Query subject = IPv6 addresses", "Query subject = DNS name or empty",
        "Query subject = IPv4 addresses"};
    private static final String[] NI_REPLY = {"Successful", "Refused", "Unknown query type"};

    /**
     * dissect_nodeinfo() (RFC 4620, ping -N): the query type, flags and nonce; with data after them, a query's
     * subject by its code (an IPv6 address, a DNS name, an IPv4 address), a reply's data by the query type (node
     * name: the TTL, then names until a zero byte; node addresses: TTL and IPv6 address pairs; IPv4 addresses: TTL
     * and IPv4 address pairs, while the reported data lasts) (probe family icmpv6-nodeinfo).
     */
    private static void nodeInformation(Tvb tvb, int type, int code) {
        int qtype = tvb.u16(4);
        tvb.check(6, 2); // flags
        tvb.check(8, 8); // nonce
        int off = 16;
        if (tvb.reportedRemaining(off) == 0) {
            return;
        }
        if (type == 139) {
            switch (code) {
                case 0 -> tvb.check(off, 16);
                case 1 -> DnsName.read(tvb, off);
                case 2 -> tvb.check(off, 4);
                default -> { }
            }
            return;
        }
        switch (qtype) {
            case 2 -> {
                tvb.check(off, 4); // TTL
                off += 4;
                while (off < tvb.reported && tvb.u8(off) != 0) {
                    off += DnsName.read(tvb, off).length;
                }
            }
            case 3, 4 -> {
                while (off < tvb.reported) {
                    tvb.check(off, 4); // TTL
                    tvb.check(off + 4, qtype == 3 ? 16 : 4);
                    off += qtype == 3 ? 20 : 8;
                }
            }
            default -> { }
        }
    }

    /**
     * dissect_contained_icmpv6(): the invoking packet an ICMPv6 error carries. Its first byte is looked at outside
     * any catch (a tiny sanity check: an error with nothing quoted is malformed); an IPv6 header's fields are read
     * in order (the capture's cut shows, a quote shorter than a header does not) and the packet dissected as ICMP's
     * quote is (IcmpDissector.quote()); anything else is data.
     */
    private static void quoted(Tvb tvb, Packet p, int words) {
        if ((tvb.u8(8) & 0xf0) != 0x60) {
            return;
        }
        Tvb q = words > 0 ? tvb.subset(8, -1, words * 8) : tvb.subset(8);
        IcmpDissector.quote(tvb, p, () -> {
            q.u32(0); // version, traffic class, flow label
            q.u16(4); // payload length
            q.u8(6); // next header
            q.u8(7); // hop limit
            q.check(8, 16);
            q.check(24, 16);
            Ipv6Dissector.dissect(q, p);
        });
    }

    private static void flag(StringBuilder f, long flags, long bit, String name) {
        if ((flags & bit) != 0) {
            if (f.length() > 0) {
                f.append(", ");
            }
            f.append(name);
        }
    }

    /**
     * dissect_icmpv6_nd_opt(): a length of 0 ends the walk; each option's fields are read in the packet (a field
     * may run past a short option into what follows it, an option past the packet's end is malformed only when a
     * field reaches past it): the link-layer address options' 6-byte address adding " from MAC" / " is at MAC",
     * other lengths their bytes, an 8-byte one then " from EUI64"; the prefix's fields one by one and what follows;
     * RDNSS's reserved bytes, lifetime and 16-byte addresses while the option has bytes left; PREF64's lifetime and
     * the prefix its length code says, then, unless 16 bytes long, the whole option; DNSSL's names up to the padding's first byte; the rest of every other option
     * (probed: each option whole and cut at each byte, odd lengths, before other options; differential seeds).
     */
    private static void options(Tvb tvb, int off, Packet p) {
        while (tvb.reportedRemaining(off) > 0) {
            int type = tvb.u8(off);
            int len = tvb.u8(off + 1) * 8;
            if (len == 0) {
                return; // "Invalid option length (Zero)", the rest left undissected
            }
            Tvb opt = tvb.subset(off);
            switch (type) {
                case 1, 2 -> {
                    if (len == 8) {
                        p.append((type == 1 ? " from " : " is at ") + opt.mac(2));
                    } else {
                        opt.check(2, len - 2);
                        if (len == 16) {
                            // an EUI-64, " from " whichever the option (probed in NS, NA, RS, RA and redirect)
                            p.append(" from " + eui64(opt, 2));
                        }
                    }
                }
                case 3 -> {
                    // prefix length, flags, valid and preferred lifetimes, reserved, prefix: one at a time
                    for (int[] f : PREFIX_FIELDS) {
                        opt.check(f[0], f[1]);
                    }
                    if (len > 32) {
                        opt.check(32, len - 32); // what follows the prefix
                    }
                }
                case 25 -> {
                    opt.check(2, 6);
                    for (int a = 8; a < len; a += 16) {
                        opt.check(a, 16);
                    }
                }
                case 38 -> {
                    int plc = opt.u16(2) & 7;
                    if (plc > 5) {
                        throw new Unsupported("ICMPv6 PREF64 option with prefix length code " + plc);
                    }
                    opt.check(4, new int[] {12, 8, 7, 6, 5, 4}[plc]);
                    if (len != 16) {
                        opt.check(2, len - 2); // an option not of PREF64's 16 bytes: its bytes as data too
                    }
                }
                case 31 -> {
                    opt.check(2, 6);
                    dnsslNames(tvb, off, len);
                }
                case 4 -> {
                    redirected(tvb, off, len);
                    opt.check(2, len - 2);
                }
                case 5, 7, 8, 14, 24, 37 -> opt.check(2, len - 2);
                default -> {
                    if (type <= 41 || type == 138 || type == 139 || type >= 253) {
                        throw new Unsupported("ICMPv6 option " + type);
                    }
                    opt.check(2, len - 2); // no dissector: the option's data
                }
            }
            off += len;
        }
    }

    /**
     * DNSSL's names, read in the packet's tvbuff, until the option's end or a name beginning with a zero byte (the
     * padding, of which only that byte is read); a name running past the option is not modelled.
     */
    private static void dnsslNames(Tvb tvb, int off, int len) {
        int end = off + len;
        for (int pos = off + 8; pos < end; ) {
            int l = tvb.u8(pos);
            if (l == 0) {
                return;
            }
            while (l != 0) {
                if (l >= 0x40) {
                    throw new Unsupported("ICMPv6 DNSSL label of length " + l);
                }
                tvb.check(pos + 1, l);
                pos += 1 + l;
                l = tvb.u8(pos);
            }
            pos++;
            if (pos > end) {
                throw new Unsupported("ICMPv6 DNSSL name past its option");
            }
        }
    }

    /** An EUI-64 (AT_EUI64) as colon-separated hex. */
    private static String eui64(Tvb tvb, int off) {
        int at = tvb.at(off, 8);
        StringBuilder sb = new StringBuilder(23);
        for (int i = 0; i < 8; i++) {
            sb.append(i > 0 ? ":" : "").append(String.format("%02x", tvb.data[at + i] & 0xff));
        }
        return sb.toString();
    }

    /**
     * The redirected header option: 6 reserved bytes, then the invoking packet in a tvbuff of the option's length
     * (tvb_new_subset_length(): a read past the packet's end is a contained item's; seed 35051), taken whole when it
     * fits.
     */
    private static void redirected(Tvb tvb, int off, int len) {
        if (len < 48) {
            throw new Unsupported("ICMPv6 redirected header not whole");
        }
        tvb.check(off + 2, 6);
        Tvb q = tvb.subset(off + 8, -1, len - 8);
        if ((q.u8(0) & 0xf0) != 0x60 || 40 + q.u16(4) > len - 8) {
            throw new Unsupported("ICMPv6 redirected header not whole");
        }
    }

    /** MLDv2's source addresses, each an item of its own: the first one the capture cut off decides what throws. */
    private static void sources(Tvb tvb, int off, int n) {
        for (int i = 0; i < n; i++) {
            tvb.check(off + 16 * i, 16);
        }
    }
}

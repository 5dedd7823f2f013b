package io.arplab.wire.filter;

import io.arplab.wire.filter.Node.Cmp;
import io.arplab.wire.filter.Node.Op;
import io.arplab.wire.filter.Parser.Qual;

/**
 * The tests a primitive compiles to (libpcap's gencode.c: gen_ncode(), gen_scode(), gen_mcode(), gen_ecode(),
 * gen_port(), gen_host(), gen_linktype(), gen_proto_abbrev(), ...), as the grammar in {@link Parser} reduces it; the
 * link-layer shift the {@code vlan} primitives parsed so far add (compiler_state's off_linktype and off_linkpl) is its
 * state.
 */
final class Gencode {
    /** Bytes that {@code vlan} primitives parsed so far add to the link-layer type and payload offsets. */
    int shift;

    /** gen_linktype() for Ethernet (gen_ether_linktype): Ethernet II types, and LLC SAPs for values up to 1500. */
    Node linktype(long p) {
        int lt = 12 + shift;
        int pl = 14 + shift;
        Node isLlc = Node.not(Cmp.abs(lt, 2, Op.GT, Parser.ETHERMTU));
        if (p == 0x06 || p == 0xfe || p == 0xf0) {
            // LLCSAP_IP, LLCSAP_ISONS, LLCSAP_NETBEUI: DSAP and SSAP both
            return Node.and(isLlc, Cmp.abs(pl, 2, Op.EQ, (p << 8) | p));
        }
        if (p == 0xe0) {
            // IPX: Ethernet II, SNAP, 802.2 with the IPX SAP, or Novell raw 802.3
            Node snap = Node.and(Cmp.abs(pl + 4, 4, Op.EQ, 0x8137), Cmp.abs(pl, 4, Op.EQ, 0xaaaa0300L));
            return Node.or(Cmp.abs(lt, 2, Op.EQ, 0x8137), Node.and(isLlc,
                    Node.or(snap, Node.or(Cmp.abs(pl, 1, Op.EQ, 0xe0), Cmp.abs(pl, 2, Op.EQ, 0xffff)))));
        }
        if (p == 0x809b) {
            // AppleTalk: Ethernet II or SNAP with Apple's OUI 08:00:07
            return Node.or(Cmp.abs(lt, 2, Op.EQ, 0x809b), Node.and(isLlc,
                    Node.and(Cmp.abs(pl + 4, 4, Op.EQ, 0x0007809bL), Cmp.abs(pl, 4, Op.EQ, 0xaaaa0308L))));
        }
        if (p == 0x80f3) {
            return Node.or(Cmp.abs(lt, 2, Op.EQ, 0x80f3), Node.and(isLlc,
                    Node.and(Cmp.abs(pl + 4, 4, Op.EQ, 0x80f3), Cmp.abs(pl, 4, Op.EQ, 0xaaaa0300L))));
        }
        if (p <= Parser.ETHERMTU) {
            return Node.and(isLlc, Cmp.abs(pl, 1, Op.EQ, p));
        }
        return Cmp.abs(lt, 2, Op.EQ, p);
    }

    /** gen_ipfrag(): not a fragment after the first (ip[6:2] & 0x1fff == 0). */
    Node ipfrag() {
        return Node.not(new Cmp(-1, 14 + shift + 6, 2, 0xffff_ffffL, Op.SET, 0x1fff));
    }

    /** A protocol name standing alone (gen_proto_abbrev). */
    Node protoAbbrev(String p, Token at) {
        return switch (p) {
            case "sctp" -> proto(132, "", at);
            case "tcp" -> proto(6, "", at);
            case "udp" -> proto(17, "", at);
            case "icmp" -> proto(1, "ip", at);
            case "igmp" -> proto(2, "ip", at);
            case "igrp" -> proto(9, "ip", at);
            case "pim" -> proto(103, "", at);
            case "vrrp", "carp" -> proto(112, "ip", at);
            case "ip" -> linktype(0x0800);
            case "arp" -> linktype(0x0806);
            case "rarp" -> linktype(0x8035);
            case "ip6" -> linktype(0x86dd);
            case "icmp6" -> proto(58, "ip6", at);
            case "ah" -> proto(51, "", at);
            case "esp" -> proto(50, "", at);
            case "atalk" -> linktype(0x809b);
            case "aarp" -> linktype(0x80f3);
            case "decnet" -> linktype(0x6003);
            case "lat" -> linktype(0x6004);
            case "sca" -> linktype(0x6007);
            case "moprc" -> linktype(0x6002);
            case "mopdl" -> linktype(0x6001);
            case "iso" -> linktype(0xfe);
            case "stp" -> linktype(0x42);
            case "ipx" -> linktype(0xe0);
            case "netbeui" -> linktype(0xf0);
            case "ether" -> throw new FilterSyntaxException("link layer applied in wrong context");
            default -> throw Parser.unsupported(p);
        };
    }

    /** gen_proto(): "proto N" under a protocol qualifier. */
    private Node proto(long v, String p, Token at) {
        int nl = 14 + shift;
        return switch (p) {
            case "" -> Node.or(proto(v, "ip", at), proto(v, "ip6", at));
            case "ether" -> linktype(v);
            case "ip" -> Node.and(linktype(0x0800), Cmp.abs(nl + 9, 1, Op.EQ, v));
            case "ip6" -> Node.and(linktype(0x86dd), Node.or(Cmp.abs(nl + 6, 1, Op.EQ, v),
                    // a fragment header before the final header
                    Node.and(Cmp.abs(nl + 6, 1, Op.EQ, 44), Cmp.abs(nl + 40, 1, Op.EQ, v))));
            case "arp", "rarp", "aarp", "stp", "ipx", "netbeui", "lat", "sca", "moprc", "mopdl" ->
                    throw new FilterSyntaxException(p + " does not encapsulate another protocol");
            case "atalk", "decnet" -> throw new FilterSyntaxException(p + " encapsulation is not specifiable");
            case "sctp", "tcp", "udp", "icmp", "igmp", "igrp", "pim", "vrrp", "carp", "icmp6", "ah", "esp" ->
                    throw new FilterSyntaxException("'" + p + " proto' is bogus");
            default -> throw Parser.unsupported(p + " proto");
        };
    }

    /** gen_ncode(): a number or dotted address under qualifiers. */
    Node ncode(String s, long v, Qual q, Token at) {
        if (q.undefined()) {
            throw Parser.noQualifier(at);
        }
        int vlen = 32;
        if (s != null) {
            long[] a = Addresses.parseIpv4Prefix(s);
            if (a == null) {
                throw new FilterSyntaxException("invalid IPv4 address '" + s + "'");
            }
            v = a[0];
            vlen = (int) a[1];
        }
        switch (q.addr()) {
            case "", "host", "net" -> {
                if (q.proto().equals("ether")) {
                    throw new FilterSyntaxException("illegal link layer address");
                }
                long mask = 0xffff_ffffL;
                if (s == null && q.addr().equals("net")) {
                    // a short net number: "net 10" is 10.0.0.0/8
                    while (v != 0 && (v & 0xff00_0000L) == 0) {
                        v = (v << 8) & 0xffff_ffffL;
                        mask = (mask << 8) & 0xffff_ffffL;
                    }
                } else {
                    v = (v << (32 - vlen)) & 0xffff_ffffL;
                    mask = (mask << (32 - vlen)) & 0xffff_ffffL;
                }
                return host(v, mask, q.proto(), q.dir(), q.addr());
            }
            case "port", "portrange" -> {
                int ipproto = portProto(q.proto(), q.addr());
                if (v > 65535) {
                    throw new FilterSyntaxException("illegal port number " + v + " > 65535");
                }
                return ports(v, v, ipproto, q.dir(), q.addr().equals("portrange"));
            }
            case "gateway" -> throw new FilterSyntaxException("'gateway' requires a name");
            case "proto" -> {
                return proto(v, q.proto(), at);
            }
            default -> throw Parser.unsupported(q.addr());
        }
    }

    /** gen_scode(): a name under qualifiers. */
    Node scode(String name, Qual q, Token at) {
        if (q.undefined()) {
            throw Parser.noQualifier(at);
        }
        switch (q.addr()) {
            case "", "host" -> {
                if (q.proto().equals("ether")) {
                    throw new FilterSyntaxException("unknown ether host '" + name + "'");
                }
                // arplab resolves no host names: a filter must not depend on the machine's resolver
                throw new FilterSyntaxException("unknown host '" + name + "'");
            }
            case "net" -> throw new FilterSyntaxException("unknown network '" + name + "'");
            case "port" -> {
                int ipproto = portProto(q.proto(), "port");
                int[] port = servicePort(name);
                if (port == null) {
                    throw new FilterSyntaxException("unknown port '" + name + "'");
                }
                return ports(port[0], port[0], checkPortProto(name, ipproto, port[1]), q.dir(), false);
            }
            case "portrange" -> {
                int ipproto = portProto(q.proto(), "portrange");
                long[] range = portRange(name);
                if (range == null) {
                    throw new FilterSyntaxException("unknown port in range '" + name + "'");
                }
                for (int i = 0; i < 2; i++) {
                    if (range[i] > 65535) {
                        throw new FilterSyntaxException("illegal port number " + range[i] + " > 65535");
                    }
                }
                return ports(range[0], range[1], checkPortProto(name, ipproto, (int) range[2]), q.dir(), true);
            }
            case "proto" -> {
                Integer v;
                if (q.proto().equals("ether")) {
                    v = Names.ETHER_PROTOCOLS.get(name);
                    if (v == null) {
                        v = Names.LLC_SAPS.get(name);
                    }
                    if (v == null) {
                        throw new FilterSyntaxException("unknown ether proto '" + name + "'");
                    }
                } else {
                    v = Names.IP_PROTOCOLS.get(name);
                    if (v == null) {
                        throw new FilterSyntaxException("unknown ip proto '" + name + "'");
                    }
                }
                return proto(v, q.proto(), at);
            }
            case "gateway" -> throw new FilterSyntaxException("'gateway' not supported in this configuration");
            default -> throw Parser.unsupported(q.addr());
        }
    }

    /** pcap_nametoport(): {port, ipproto} with ipproto 6 (tcp only), 17 (udp only) or -1 (both). */
    private static int[] servicePort(String name) {
        int[] e = Names.SERVICES.get(name);
        if (e == null) {
            return null;
        }
        if (e[0] >= 0) {
            return new int[] {e[0], e[1] == e[0] ? -1 : 6};
        }
        return new int[] {e[1], 17};
    }

    /** pcap_nametoportrange(): "N-M" or "name-name"; {low, high, ipproto}. */
    private static long[] portRange(String s) {
        int dash = s.indexOf('-');
        if (dash > 0 && s.substring(0, dash).chars().allMatch(Character::isDigit)
                && s.substring(dash + 1).chars().allMatch(Character::isDigit) && dash < s.length() - 1
                && s.length() < 20) {
            return new long[] {Long.parseLong(s.substring(0, dash)), Long.parseLong(s.substring(dash + 1)), -1};
        }
        if (dash <= 0) {
            return null;
        }
        int[] a = servicePort(s.substring(0, dash));
        int[] b = a == null ? null : servicePort(s.substring(dash + 1));
        if (b == null) {
            return null;
        }
        return new long[] {a[0], b[0], a[1] == b[1] ? a[1] : -1};
    }

    private static int portProto(String proto, String what) {
        return switch (proto) {
            case "" -> -1;
            case "tcp" -> 6;
            case "udp" -> 17;
            case "sctp" -> 132;
            default -> throw new FilterSyntaxException("illegal qualifier of '" + what + "'");
        };
    }

    private static int checkPortProto(String name, int asked, int real) {
        if (asked == -1 || real == -1) {
            return asked == -1 ? real : asked;
        }
        if (asked != real) {
            throw new FilterSyntaxException("port '" + name + "' is " + (real == 6 ? "tcp" : "udp"));
        }
        return real;
    }

    /** gen_port6() or'ed before gen_port(), as gen_ncode() and gen_scode() do; ranges likewise. */
    private Node ports(long lo, long hi, int ipproto, String dir, boolean range) {
        if (lo > hi) {
            long t = lo;
            lo = hi;
            hi = t;
        }
        int nl = 14 + shift;
        Node v6 = null;
        Node v4 = null;
        for (int p : ipproto == -1 ? new int[] {132, 6, 17} : new int[] {ipproto}) {
            Node op6 = Node.and(Cmp.abs(nl + 6, 1, Op.EQ, p), portDir(-1, nl + 40, lo, hi, dir, range));
            Node op4 = Node.and(Node.and(Cmp.abs(nl + 9, 1, Op.EQ, p), ipfrag()), portDir(nl, nl, lo, hi, dir, range));
            v6 = v6 == null ? op6 : Node.or(v6, op6);
            v4 = v4 == null ? op4 : Node.or(v4, op4);
        }
        return Node.or(Node.and(linktype(0x86dd), v6), Node.and(linktype(0x0800), v4));
    }

    private static Node portDir(int ipHeaderAt, long base, long lo, long hi, String dir, boolean range) {
        Node src = portAtom(ipHeaderAt, base, lo, hi, range);
        Node dst = portAtom(ipHeaderAt, base + 2, lo, hi, range);
        return switch (dir) {
            case "src" -> src;
            case "dst" -> dst;
            case "and" -> Node.and(src, dst);
            default -> Node.or(src, dst);
        };
    }

    private static Node portAtom(int ipHeaderAt, long off, long lo, long hi, boolean range) {
        if (!range) {
            return new Cmp(ipHeaderAt, off, 2, 0xffff_ffffL, Op.EQ, lo);
        }
        return Node.and(new Cmp(ipHeaderAt, off, 2, 0xffff_ffffL, Op.GE, lo),
                Node.not(new Cmp(ipHeaderAt, off, 2, 0xffff_ffffL, Op.GT, hi)));
    }

    /** gen_host(): IPv4 address and mask, for IP and ARP and RARP unless a protocol says which. */
    private Node host(long addr, long mask, String proto, String dir, String kind) {
        String type = kind.equals("net") ? "net" : "host";
        return switch (proto) {
            case "" -> Node.or(Node.or(host(addr, mask, "ip", dir, kind), host(addr, mask, "arp", dir, kind)),
                    host(addr, mask, "rarp", dir, kind));
            case "ip" -> hostop(addr, mask, dir, 0x0800, 12, 16);
            case "arp" -> hostop(addr, mask, dir, 0x0806, 14, 24);
            case "rarp" -> hostop(addr, mask, dir, 0x8035, 14, 24);
            case "ether" -> throw new FilterSyntaxException("link-layer modifier applied to " + type);
            case "ip6" -> throw new FilterSyntaxException("'ip6' modifier applied to ip host");
            default -> {
                if (Parser.UNSUPPORTED.contains(proto) || proto.equals("decnet") || proto.equals("atalk")) {
                    throw Parser.unsupported(proto + " " + type);
                }
                throw new FilterSyntaxException("'" + proto + "' modifier applied to " + type);
            }
        };
    }

    private Node hostop(long addr, long mask, String dir, int ethertype, int srcOff, int dstOff) {
        int nl = 14 + shift;
        Node src = Node.and(linktype(ethertype), Node.cmp(-1, nl + srcOff, 4, mask, Op.EQ, addr & mask));
        Node dst = Node.and(linktype(ethertype), Node.cmp(-1, nl + dstOff, 4, mask, Op.EQ, addr & mask));
        return dirCombine(src, dst, dir);
    }

    private Node dirCombine(Node src, Node dst, String dir) {
        return switch (dir) {
            case "src" -> src;
            case "dst" -> dst;
            case "and" -> Node.and(src, dst);
            default -> Node.or(src, dst);
        };
    }

    /** gen_mcode(): "N/len" and "N mask M" (networks only). */
    Node mcode(String s1, String s2, long masklen, Qual q) {
        long[] a = Addresses.parseIpv4Prefix(s1);
        if (a == null) {
            throw new FilterSyntaxException("invalid IPv4 address '" + s1 + "'");
        }
        long n = (a[0] << (32 - a[1])) & 0xffff_ffffL;
        long m;
        if (s2 != null) {
            long[] b = Addresses.parseIpv4Prefix(s2);
            if (b == null) {
                throw new FilterSyntaxException("invalid IPv4 address '" + s2 + "'");
            }
            m = (b[0] << (32 - b[1])) & 0xffff_ffffL;
            if ((n & ~m) != 0) {
                throw new FilterSyntaxException("non-network bits set in \"" + s1 + " mask " + s2 + "\"");
            }
        } else {
            if (masklen > 32) {
                throw new FilterSyntaxException("mask length must be <= 32");
            }
            m = masklen == 0 ? 0 : (0xffff_ffffL << (32 - masklen)) & 0xffff_ffffL;
            if ((n & ~m) != 0) {
                throw new FilterSyntaxException("non-network bits set in \"" + s1 + "/" + masklen + "\"");
            }
        }
        if (!"net".equals(q.addr())) {
            throw new FilterSyntaxException("Mask syntax for networks only");
        }
        return host(n, m, q.proto(), q.dir(), "net");
    }

    /** gen_mcode6(): an IPv6 address, with a prefix length for networks. */
    Node mcode6(String s, long masklen, Qual q, Token at) {
        if (q.undefined()) {
            throw Parser.noQualifier(at);
        }
        byte[] addr = Addresses.parseIpv6(s);
        if (masklen > 128) {
            throw new FilterSyntaxException("mask length must be <= 128");
        }
        byte[] mask = new byte[16];
        for (int i = 0; i < 16; i++) {
            int bits = (int) Math.max(0, Math.min(8, masklen - 8L * i));
            mask[i] = (byte) (bits == 0 ? 0 : 0xff << (8 - bits));
            if ((addr[i] & ~mask[i]) != 0) {
                throw new FilterSyntaxException("non-network bits set in \"" + s + "/" + masklen + "\"");
            }
        }
        switch (q.addr()) {
            case "", "host" -> {
                if (masklen != 128) {
                    throw new FilterSyntaxException("Mask syntax for networks only");
                }
            }
            case "net" -> { }
            default -> throw new FilterSyntaxException("invalid qualifier against IPv6 address");
        }
        String type = q.addr().equals("net") ? "net" : "host";
        switch (q.proto()) {
            case "", "ip6" -> { }
            case "ether" -> throw new FilterSyntaxException("link-layer modifier applied to ip6 " + type);
            default -> throw new FilterSyntaxException("'" + q.proto() + "' modifier applied to ip6 " + type);
        }
        int nl = 14 + shift;
        Node src = Node.and(linktype(0x86dd), words(nl + 8, addr, mask));
        Node dst = Node.and(linktype(0x86dd), words(nl + 24, addr, mask));
        return dirCombine(src, dst, q.dir());
    }

    private static Node words(int off, byte[] addr, byte[] mask) {
        Node n = null;
        for (int w = 0; w < 4; w++) {
            long a = 0;
            long m = 0;
            for (int i = 0; i < 4; i++) {
                a = (a << 8) | (addr[4 * w + i] & 0xff);
                m = (m << 8) | (mask[4 * w + i] & 0xff);
            }
            n = Node.and(n, Node.cmp(-1, off + 4L * w, 4, m, Op.EQ, a & m));
        }
        return n;
    }

    /** gen_ecode(): an Ethernet address, only under 'ether'. */
    Node ecode(String s, Qual q, Token at) {
        if (("".equals(q.addr()) || "host".equals(q.addr())) && "ether".equals(q.proto())) {
            long mac = Addresses.parseMac(s);
            if (mac < 0) {
                throw new FilterSyntaxException("bogus ethernet address " + s);
            }
            return ehost(mac, q.dir());
        }
        throw new FilterSyntaxException("ethernet address used in non-ether expression");
    }

    private static Node ehost(long mac, String dir) {
        Node src = Node.and(Cmp.abs(8, 4, Op.EQ, mac & 0xffff_ffffL), Cmp.abs(6, 2, Op.EQ, mac >>> 32));
        Node dst = Node.and(Cmp.abs(2, 4, Op.EQ, mac & 0xffff_ffffL), Cmp.abs(0, 2, Op.EQ, mac >>> 32));
        return switch (dir) {
            case "src" -> src;
            case "dst" -> dst;
            case "and" -> Node.and(src, dst);
            default -> Node.or(src, dst);
        };
    }

    Node broadcast(String proto, Token at) {
        int nl = 14 + shift;
        return switch (proto) {
            case "", "ether" -> ehost(0xffff_ffff_ffffL, "dst");
            // tcpdump -r compiles with netmask 0: only 0.0.0.0 and 255.255.255.255 count
            case "ip" -> Node.and(linktype(0x0800), Node.or(Cmp.abs(nl + 16, 4, Op.EQ, 0),
                    Cmp.abs(nl + 16, 4, Op.EQ, 0xffff_ffffL)));
            default -> throw new FilterSyntaxException("only link-layer/IP broadcast filters supported");
        };
    }

    Node multicast(String proto, Token at) {
        int nl = 14 + shift;
        return switch (proto) {
            case "", "ether" -> Cmp.abs(0, 1, Op.SET, 1);
            case "ip" -> Node.and(linktype(0x0800), Cmp.abs(nl + 16, 1, Op.GE, 224));
            case "ip6" -> Node.and(linktype(0x86dd), Cmp.abs(nl + 24, 1, Op.EQ, 255));
            default -> throw new FilterSyntaxException("link-layer multicast filters supported only on "
                    + "ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel");
        };
    }
}

package io.arplab.stack.nft;

/**
 * What a match reads from a packet: a payload field at an offset of the link or network header (nftables
 * src/proto.c: proto_arp with the Ethernet/IPv4 template of its addresses, proto_eth, proto_ip) or a meta key
 * (src/meta.c). {@code dependency} is the EtherType the payload needs (the implicit "ether type"/"meta protocol"
 * match nft adds where the family does not imply it); a transport field also needs its IP protocol ({@code l4}:
 * "ip protocol"/"meta l4proto", src/payload.c payload_gen_dependency()) and reads at the transport header.
 */
public enum Field {
    ARP_HTYPE("arp htype", DataType.INTEGER16, Base.NETWORK, 0, 0x0806),
    ARP_PTYPE("arp ptype", DataType.ETHER_TYPE, Base.NETWORK, 2, 0x0806),
    ARP_HLEN("arp hlen", DataType.INTEGER8, Base.NETWORK, 4, 0x0806),
    ARP_PLEN("arp plen", DataType.INTEGER8, Base.NETWORK, 5, 0x0806),
    ARP_OPERATION("arp operation", DataType.ARP_OP, Base.NETWORK, 6, 0x0806),
    ARP_SADDR_ETHER("arp saddr ether", DataType.ETHER_ADDR, Base.NETWORK, 8, 0x0806),
    ARP_SADDR_IP("arp saddr ip", DataType.IPV4_ADDR, Base.NETWORK, 14, 0x0806),
    ARP_DADDR_ETHER("arp daddr ether", DataType.ETHER_ADDR, Base.NETWORK, 18, 0x0806),
    ARP_DADDR_IP("arp daddr ip", DataType.IPV4_ADDR, Base.NETWORK, 24, 0x0806),
    ETHER_DADDR("ether daddr", DataType.ETHER_ADDR, Base.LINK, 0, 0),
    ETHER_SADDR("ether saddr", DataType.ETHER_ADDR, Base.LINK, 6, 0),
    ETHER_TYPE("ether type", DataType.ETHER_TYPE, Base.LINK, 12, 0),
    IP_SADDR("ip saddr", DataType.IPV4_ADDR, Base.NETWORK, 12, 0x0800),
    IP_DADDR("ip daddr", DataType.IPV4_ADDR, Base.NETWORK, 16, 0x0800),
    IP_LENGTH("ip length", DataType.INTEGER16, Base.NETWORK, 2, 0x0800),
    IP_ID("ip id", DataType.INTEGER16, Base.NETWORK, 4, 0x0800),
    IP_TTL("ip ttl", DataType.INTEGER8, Base.NETWORK, 8, 0x0800),
    IP_PROTOCOL("ip protocol", DataType.INET_PROTO, Base.NETWORK, 9, 0x0800),
    ICMP_TYPE("icmp type", DataType.ICMP_TYPE, Base.TRANSPORT, 0, 0x0800, 1),
    ICMP_CODE("icmp code", DataType.ICMP_CODE, Base.TRANSPORT, 1, 0x0800, 1),
    ICMP_CHECKSUM("icmp checksum", DataType.INTEGER16, Base.TRANSPORT, 2, 0x0800, 1),
    TCP_SPORT("tcp sport", DataType.INET_SERVICE, Base.TRANSPORT, 0, 0x0800, 6),
    TCP_DPORT("tcp dport", DataType.INET_SERVICE, Base.TRANSPORT, 2, 0x0800, 6),
    UDP_SPORT("udp sport", DataType.INET_SERVICE, Base.TRANSPORT, 0, 0x0800, 17),
    UDP_DPORT("udp dport", DataType.INET_SERVICE, Base.TRANSPORT, 2, 0x0800, 17),
    /** th: the transport header of any protocol (nft's proto_th, no dependency of its own). */
    TH_SPORT("th sport", DataType.INET_SERVICE, Base.TRANSPORT, 0, 0x0800, -1),
    TH_DPORT("th dport", DataType.INET_SERVICE, Base.TRANSPORT, 2, 0x0800, -1),
    /** A transport byte th has no template for, listed raw (payload_expr_print(): "@th,OFFSET,LEN" in bits). */
    TH_RAW_0_8("@th,0,8", DataType.XINTEGER8, Base.TRANSPORT, 0, 0x0800, -1),
    TH_RAW_8_8("@th,8,8", DataType.XINTEGER8, Base.TRANSPORT, 1, 0x0800, -1),
    IP6_SADDR("ip6 saddr", DataType.IPV6_ADDR, Base.NETWORK, 8, 0x86dd),
    IP6_DADDR("ip6 daddr", DataType.IPV6_ADDR, Base.NETWORK, 24, 0x86dd),
    IP6_NEXTHDR("ip6 nexthdr", DataType.INET_PROTO, Base.NETWORK, 6, 0x86dd),
    IP6_HOPLIMIT("ip6 hoplimit", DataType.INTEGER8, Base.NETWORK, 7, 0x86dd),
    ICMPV6_TYPE("icmpv6 type", DataType.ICMPV6_TYPE, Base.TRANSPORT, 0, 0x86dd, 58),
    ICMPV6_CODE("icmpv6 code", DataType.ICMPV6_CODE, Base.TRANSPORT, 1, 0x86dd, 58),
    IIFNAME("iifname", DataType.IFNAME, Base.META, 0, 0),
    OIFNAME("oifname", DataType.IFNAME, Base.META, 0, 0),
    META_PROTOCOL("meta protocol", DataType.ETHER_TYPE, Base.META, 0, 0),
    META_PKTTYPE("meta pkttype", DataType.PKT_TYPE, Base.META, 0, 0),
    META_L4PROTO("meta l4proto", DataType.INET_PROTO, Base.META, 0, 0),
    META_LENGTH("meta length", DataType.INTEGER32, Base.META, 0, 0),
    META_MARK("meta mark", DataType.MARK, Base.META, 0, 0),
    /** The inet family's network protocol (NFPROTO_IPV4 2, NFPROTO_IPV6 10): the network fields' implicit dependency. */
    META_NFPROTO("meta nfproto", DataType.NFPROTO, Base.META, 0, 0);

    public enum Base { LINK, NETWORK, TRANSPORT, META }

    public final String text;
    public final DataType type;
    public final Base base;
    public final int offset;
    /** The EtherType the field's protocol needs, 0 for none. */
    public final int dependency;
    /** The IP protocol a transport field needs, 0 for none. */
    public final int l4;

    Field(String text, DataType type, Base base, int offset, int dependency) {
        this(text, type, base, offset, dependency, 0);
    }

    Field(String text, DataType type, Base base, int offset, int dependency, int l4) {
        this.text = text;
        this.type = type;
        this.base = base;
        this.offset = offset;
        this.dependency = dependency;
        this.l4 = l4;
    }

    /** The protocol the field belongs to ("arp", "ip", "ether", "meta"), for "conflicting protocols" errors. */
    public String protocol() {
        return switch (this) {
            case ARP_HTYPE, ARP_PTYPE, ARP_HLEN, ARP_PLEN, ARP_OPERATION, ARP_SADDR_ETHER, ARP_SADDR_IP,
                    ARP_DADDR_ETHER, ARP_DADDR_IP -> "arp";
            case IP_SADDR, IP_DADDR, IP_LENGTH, IP_ID, IP_TTL, IP_PROTOCOL -> "ip";
            case ICMP_TYPE, ICMP_CODE, ICMP_CHECKSUM -> "icmp";
            case TCP_SPORT, TCP_DPORT -> "tcp";
            case UDP_SPORT, UDP_DPORT -> "udp";
            case TH_SPORT, TH_DPORT, TH_RAW_0_8, TH_RAW_8_8 -> "th";
            case IP6_SADDR, IP6_DADDR, IP6_NEXTHDR, IP6_HOPLIMIT -> "ip6";
            case ICMPV6_TYPE, ICMPV6_CODE -> "icmpv6";
            case ETHER_DADDR, ETHER_SADDR, ETHER_TYPE -> "ether";
            default -> "meta";
        };
    }

    /**
     * payload_expr_complete() (src/payload.c): a transport load of {@code size} bytes at {@code offset} lists as the
     * template of the rule's transport protocol {@code l4} at that place ("th dport" after "icmp type" is "icmp
     * checksum"), or stays what it was when that protocol has none there.
     */
    public Field completed(int l4) {
        if (base != Base.TRANSPORT || l4 <= 0) {
            return this;
        }
        for (Field f : values()) {
            if (f.base == Base.TRANSPORT && f.l4 == l4 && f.offset == offset && f.type.size == type.size) {
                return f;
            }
        }
        return this;
    }

    /** The field's value in {@code p}, as a number over its bytes (network order); -1 when the packet is too short. */
    long read(Packet p) {
        switch (base) {
            case META:
                return switch (this) {
                    case META_PROTOCOL -> p.protocol;
                    case META_PKTTYPE -> p.pktType;
                    case META_L4PROTO -> p.protocol == 0x0800 && p.frame.length >= p.network + 20
                            ? p.frame[p.network + 9] & 0xff : -1; // pkt->tprot: set for IPv4 only
                    case META_LENGTH -> p.length();
                    case META_MARK -> p.mark;
                    case META_NFPROTO -> p.protocol == 0x0800 ? 2 : p.protocol == 0x86dd ? 10 : -1;
                    default -> -1;
                };
            case LINK:
                return p.frame.length < offset + type.size ? -1 : bytes(p.frame, offset, type.size);
            case TRANSPORT: {
                // nft_set_pktinfo_ipv4(): the transport header after the IP header's options, in the first fragment
                int ip = p.network;
                if (p.protocol != 0x0800 || p.frame.length < ip + 20 || l4 >= 0 && (p.frame[ip + 9] & 0xff) != l4
                        || (io.arplab.wire.Bytes.u16(p.frame, ip + 6) & 0x1fff) != 0) {
                    return -1;
                }
                int at = ip + (p.frame[ip] & 0x0f) * 4 + offset;
                return p.frame.length < at + type.size ? -1 : bytes(p.frame, at, type.size);
            }
            default:
                if (type.size > 8) {
                    return -1; // an IPv6 address: arplab's hosts carry no IPv6
                }
                int at = p.network + offset;
                return p.frame.length < at + type.size ? -1 : bytes(p.frame, at, type.size);
        }
    }

    private static long bytes(byte[] b, int off, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}

package io.arplab.stack.nft;

/**
 * What a match reads from a packet: a payload field at an offset of the link or network header (nftables
 * src/proto.c: proto_arp with the Ethernet/IPv4 template of its addresses, proto_eth, proto_ip) or a meta key
 * (src/meta.c). {@code dependency} is the EtherType the payload needs (the implicit "ether type"/"meta protocol"
 * match nft adds where the family does not imply it).
 */
public enum Field {
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
    IIFNAME("iifname", DataType.IFNAME, Base.META, 0, 0),
    OIFNAME("oifname", DataType.IFNAME, Base.META, 0, 0),
    META_PROTOCOL("meta protocol", DataType.ETHER_TYPE, Base.META, 0, 0),
    META_PKTTYPE("meta pkttype", DataType.PKT_TYPE, Base.META, 0, 0);

    public enum Base { LINK, NETWORK, META }

    public final String text;
    public final DataType type;
    public final Base base;
    public final int offset;
    /** The EtherType the field's protocol needs, 0 for none. */
    public final int dependency;

    Field(String text, DataType type, Base base, int offset, int dependency) {
        this.text = text;
        this.type = type;
        this.base = base;
        this.offset = offset;
        this.dependency = dependency;
    }

    /** The protocol the field belongs to ("arp", "ip", "ether", "meta"), for "conflicting protocols" errors. */
    public String protocol() {
        return switch (this) {
            case ARP_OPERATION, ARP_SADDR_ETHER, ARP_SADDR_IP, ARP_DADDR_ETHER, ARP_DADDR_IP -> "arp";
            case IP_SADDR, IP_DADDR -> "ip";
            case ETHER_DADDR, ETHER_SADDR, ETHER_TYPE -> "ether";
            default -> "meta";
        };
    }

    /** The field's value in {@code p}, as a number over its bytes (network order); -1 when the packet is too short. */
    long read(Packet p) {
        switch (base) {
            case META:
                return switch (this) {
                    case META_PROTOCOL -> p.protocol;
                    case META_PKTTYPE -> p.pktType;
                    default -> -1;
                };
            case LINK:
                return p.frame.length < offset + type.size ? -1 : bytes(p.frame, offset, type.size);
            default:
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

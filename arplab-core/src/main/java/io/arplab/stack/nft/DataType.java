package io.arplab.stack.nft;

/** The nftables data types a match compares (nftables src/datatype.c, proto.c, meta.c): name, size, description. */
public enum DataType {
    IPV4_ADDR("ipv4_addr", 4, "IPv4 address"),
    IPV6_ADDR("ipv6_addr", 16, "IPv6 address"),
    ICMPV6_TYPE("icmpv6_type", 1, "ICMPv6 type"),
    ICMPV6_CODE("icmpv6_code", 1, "icmpv6 code"),
    CT_STATE("ct_state", 4, "conntrack state"),
    CT_STATUS("ct_status", 4, "conntrack status"),
    ETHER_ADDR("ether_addr", 6, "Ethernet address"),
    ARP_OP("arp_op", 2, "ARP operation"),
    ETHER_TYPE("ether_type", 2, "Ethernet protocol"),
    IFNAME("ifname", 16, "network interface name"),
    PKT_TYPE("pkt_type", 1, "packet type"),
    INET_PROTO("inet_proto", 1, "Internet protocol"),
    INET_SERVICE("inet_service", 2, "internet network service"),
    ICMP_TYPE("icmp_type", 1, "ICMP type"),
    ICMP_CODE("icmp_code", 1, "icmp code"),
    MARK("mark", 4, "packet mark"),
    NFPROTO("nf_proto", 1, "netfilter protocol"),
    INTEGER8("integer", 1, "integer"),
    INTEGER16("integer", 2, "integer"),
    INTEGER32("integer", 4, "integer"),
    /** xinteger_type: a raw payload's value, printed in hex. */
    XINTEGER8("integer", 1, "integer");

    public final String nftName;
    /** Bytes of the value; a concatenation pads each to 4 (NFT_REG32_SIZE). */
    public final int size;
    public final String description;

    DataType(String nftName, int size, String description) {
        this.nftName = nftName;
        this.size = size;
        this.description = description;
    }

    /** netlink_padded_len(): a concatenated component takes whole 32-bit registers. */
    public int paddedSize() {
        return (size + 3) & ~3;
    }

    public static DataType byName(String name) {
        for (DataType t : values()) {
            if (t.nftName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}

package io.arplab.flow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A datapath flow given to ofproto/trace ({@code in_port(1),eth(...),eth_type(0x0800),ipv4(...),...}): parsed as
 * odp_flow_from_string() does (a port by number or by the datapath's name for it), turned into a flow as
 * odp_flow_key_to_flow() does and its input port into the bridge's as xlate_lookup_ofproto() does. The headers come
 * from the frame {@link FlowCompose} builds of the same keys.
 */
public final class OdpKey {
    private static final long ODPP_NONE = 0xffffffffL;

    private final List<String> names = new ArrayList<>();
    private long inPort = ODPP_NONE;
    /** Whether in_port() is given and matched whole (dpif-netdev's flow put needs it so). */
    private boolean inPortExact;

    /** dpif_netdev_flow_put(): "in_port is not an exact match" unless the key's in_port() is exact. */
    public boolean inPortExact() {
        return inPortExact;
    }
    private long recircId, skbMark, skbPriority, dpHash, ctState, ctZone, ctMark, ctLabelHi, ctLabelLo;
    /** The packet_type key, or -1 without one. */
    private long packetType = -1;
    /** flow_tnl_dst_is_set() of the tunnel key: an IPv4 or IPv6 destination. */
    private boolean tunnelDst;
    /** The tunnel key's tun_id, 0 without one. */
    private long tunId;
    /** The tunnel() key, or null. */
    private OdpKeyParse.Attr tunnel;
    /** The OpenFlow tunnel port tnl_port_receive() found for a tunnel key with a destination, or null. */
    private Ofproto.Port tunnelIn;
    /** The outer vlan() and encap() keys, or null; the outer eth_type(). */
    private OdpKeyParse.Attr vlan, encap;
    private long ethType = -1;
    /** The last ipv6() and arp() keys, or null. */
    private OdpKeyParse.Attr ipv6, arp;
    /** The ct_tuple4 and ct_tuple6 keys, or null. */
    private OdpKeyParse.Attr ctTuple4, ctTuple6;
    /** The frozen state's in_port of a recirc_id xlate_lookup_ofproto() found, or -1. */
    private long frozenInPort = -1;
    private byte[] frame;
    /** odp_flow_key_to_flow()'s refusal of the key, or null. */
    private FlowParseException keyError;

    private OdpKey() {}

    /** The key, or throws FlowParseException "syntax error at ..." ({@code dp} null: no port names known). */
    public static OdpKey parse(String text, Datapath dp) {
        OdpKey k = new OdpKey();
        List<OdpKeyParse.Attr> attrs = OdpKeyParse.fromString(text, true, dp == null ? null : dp::portNumber);
        for (OdpKeyParse.Attr a : attrs) { // odp_flow_key_to_flow__()'s metadata, the last of a repeated key
            k.names.add(a.name);
            switch (a.name) {
                case "in_port" -> {
                    k.inPort = a.get(0, 4);
                    k.inPortExact = a.mask.length == 0 || java.util.Arrays.equals(a.mask, new byte[] {-1, -1, -1, -1});
                }
                case "recirc_id" -> k.recircId = a.get(0, 4);
                case "skb_mark" -> k.skbMark = a.get(0, 4);
                case "skb_priority" -> k.skbPriority = a.get(0, 4);
                case "dp_hash" -> k.dpHash = a.get(0, 4);
                case "ct_label" -> {
                    k.ctLabelHi = a.get(0, 8);
                    k.ctLabelLo = a.get(8, 8);
                }
                case "packet_type" -> k.packetType = a.get(0, 2) << 16 | a.get(2, 2);
                case "ipv6" -> k.ipv6 = a;
                case "vlan" -> k.vlan = a;
                case "encap" -> k.encap = a;
                case "eth_type" -> k.ethType = a.get(0, 2);
                case "tunnel" -> {
                    k.tunnel = a;
                    k.tunnelDst = a.nested.stream().anyMatch(n -> (n.name.equals("dst") || n.name.equals("ipv6_dst"))
                            && !java.util.Arrays.equals(n.key, new byte[n.key.length]));
                    for (OdpKeyParse.Attr n : a.nested) {
                        if (n.name.equals("tun_id")) {
                            k.tunId = n.get(0, 8);
                        }
                    }
                }
                case "arp" -> k.arp = a;
                case "ct_tuple4" -> k.ctTuple4 = a;
                case "ct_tuple6" -> k.ctTuple6 = a;
                case "ct_state" -> k.ctState = a.get(0, 4) & 0xff; // odp_to_ovs_ct_state(): the same bits
                case "ct_zone" -> k.ctZone = a.get(0, 2);
                case "ct_mark" -> k.ctMark = a.get(0, 4);
                default -> {
                }
            }
        }
        try {
            k.frame = FlowCompose.compose(attrs, 0, dp == null ? 2 : dp.vlanLimit());
        } catch (FlowParseException e) { // odp_flow_key_to_flow()'s, after the key has parsed
            k.keyError = e;
        }
        return k;
    }

    /**
     * A datapath action list's actions (odp_actions_from_string(): commas inside an action's parentheses are its
     * own), or null when its parentheses do not balance.
     */
    public static java.util.List<String> splitActions(String actions) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i <= actions.length(); i++) {
            char c = i < actions.length() ? actions.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(actions.substring(start, i));
                start = i + 1;
            }
        }
        return depth == 0 ? out : null;
    }

    /**
     * odp_flow_key_to_flow()'s refusal of the key, then xlate_lookup_ofproto(): a recirculation id must still have
     * its node, whose frozen state's xport names the bridge and input port (a packet-out's in_port: its bridge); else,
     * or without an xport, the input port must be a bridge's.
     */
    Ofproto lookupOfproto(Datapath dp, long now) {
        if (keyError != null) {
            throw keyError;
        }
        if (recircId != 0) {
            RecircIds.Node node = dp.recirc.find(recircId, now);
            if (node == null) {
                throw new FlowParseException("no recirculation data for recirc_id 0x" + Long.toHexString(recircId));
            }
            long in = node.flow[Slot.IN_PORT.ordinal()];
            if (in == Ports.NONE || in == Ports.CONTROLLER) { // a packet-out's: the frozen state's bridge
                frozenInPort = in;
                return node.br;
            }
            if (node.xportBr != null) { // the frozen state's xport: the bridge and port the packet came in on
                frozenInPort = node.xportPort;
                return node.xportBr;
            }
        }
        if (tunnelDst) {
            // tnl_port_should_receive(), then tnl_port_receive(): the OpenFlow tunnel port of the datapath port whose
            // configuration matches the key (tnl_find())
            List<Ofproto.Port> tunnels = inPort == ODPP_NONE ? null : dp.tunnelsAt((int) inPort);
            long[] f = new long[Slot.ALL.length];
            putTunnel(f);
            tunnelIn = tunnels == null ? null : Tunnel.find(tunnels, f, (int) inPort);
            if (tunnelIn == null) {
                throw new FlowParseException("no OpenFlow tunnel port for this packet");
            }
            return dp.bridgeOfPort(tunnelIn);
        }
        Ofproto br = inPort == ODPP_NONE ? null : dp.bridgeOf((int) inPort);
        if (br == null) {
            throw new FlowParseException("no OpenFlow port for datapath port " + inPort);
        }
        return br;
    }

    /**
     * odp_flow_key_to_flow() fits perfectly: the key has the attributes its Ethernet type and protocol imply and no
     * others (parse_l2_5_onward()'s expected_attrs; dpif-netdev refuses a flow put with any other fit).
     */
    /**
     * odp_flow_key_to_mask()'s parse_ethertype(): an Ethernet key (no packet_type, or PT_ETH) without eth_type() whose
     * Ethertype is not an Ethernet II one (no ipv4(), ipv6() or mpls() to imply it) needs the mask's: "mask expected
     * for non-Ethernet II frame", a key dpif-netdev's flow_put refuses.
     */
    public boolean maskExpected() {
        return (packetType == -1 || packetType == 0) && !names.contains("eth_type") && !names.contains("ipv4")
                && !names.contains("ipv6") && !names.contains("mpls");
    }

    public boolean perfect() {
        if (keyError != null) {
            return false;
        }
        Set<String> present = new HashSet<>(names);
        present.removeAll(Set.of("in_port", "recirc_id", "skb_priority", "skb_mark", "dp_hash", "ct_state", "ct_zone",
                "ct_mark", "ct_label", "ct_tuple4", "ct_tuple6", "packet_type", "eth", "eth_type", "tunnel",
                "tcp_flags"));
        long[] f = Packet.extract(frame, 0, 2);
        // without eth_type() the mask's Ethertype is wildcarded: "unexpected L3 matching" (parse_l2_5_onward())
        int type = names.contains("eth_type") ? (int) f[Slot.DL_TYPE.ordinal()] : 0;
        int proto = (int) f[Slot.NW_PROTO.ordinal()];
        boolean later = f[Slot.NW_FRAG.ordinal()] == 3;
        Set<String> expected = new HashSet<>();
        if (type == 0x8100 || type == 0x88a8 || names.contains("vlan")) {
            expected.addAll(Set.of("vlan", "encap"));
        } else if (Packet.isIpAny(type)) {
            boolean v6 = type == Match.ETH_IPV6;
            expected.add(v6 ? "ipv6" : "ipv4");
            String l4 = later ? null : switch (proto) {
                case Match.PROTO_TCP -> "tcp";
                case Match.PROTO_UDP -> "udp";
                case Match.PROTO_SCTP -> "sctp";
                case Match.PROTO_ICMP -> v6 ? null : "icmp";
                case Match.PROTO_ICMPV6 -> v6 ? "icmpv6" : null;
                default -> null;
            };
            if (l4 != null) {
                expected.add(l4);
            }
            long icmp = f[Slot.TP_SRC.ordinal()];
            if ("icmpv6".equals(l4) && f[Slot.TP_DST.ordinal()] == 0 && (icmp == 135 || icmp == 136)) {
                expected.add("nd");
            }
        } else if (type == Match.ETH_ARP || type == Match.ETH_RARP) {
            expected.add("arp");
        } else if (Packet.isMpls(type)) {
            expected.add("mpls");
        }
        return present.equals(expected);
    }

    /** The flow: the frame's headers, the input port as the bridge numbers it, the packet mark. */
    // odp_tun_key_from_attr(): the tunnel key's fields, FLOW_TNL_F_KEY with a tun_id
    private void putTunnel(long[] flow) {
        long flags = 0;
        for (OdpKeyParse.Attr n : tunnel.nested) {
            switch (n.name) {
                case "tun_id" -> {
                    flow[Slot.TUN_ID.ordinal()] = n.get(0, 8);
                    flags |= io.arplab.wire.Geneve.TNL_KEY;
                }
                case "src" -> flow[Slot.TUN_SRC.ordinal()] = n.get(0, 4);
                case "dst" -> flow[Slot.TUN_DST.ordinal()] = n.get(0, 4);
                case "ipv6_src" -> {
                    flow[Slot.TUN_IPV6_SRC_HI.ordinal()] = n.get(0, 8);
                    flow[Slot.TUN_IPV6_SRC_LO.ordinal()] = n.get(8, 8);
                }
                case "ipv6_dst" -> {
                    flow[Slot.TUN_IPV6_DST_HI.ordinal()] = n.get(0, 8);
                    flow[Slot.TUN_IPV6_DST_LO.ordinal()] = n.get(8, 8);
                }
                case "tos" -> flow[Slot.TUN_TOS.ordinal()] = n.get(0, 1);
                case "ttl" -> flow[Slot.TUN_TTL.ordinal()] = n.get(0, 1);
                case "tp_src" -> flow[Slot.TUN_TP_SRC.ordinal()] = n.get(0, 2);
                case "tp_dst" -> flow[Slot.TUN_TP_DST.ordinal()] = n.get(0, 2);
                case "oam" -> flags |= io.arplab.wire.Geneve.TNL_OAM;
                case "df" -> flags |= io.arplab.wire.Geneve.TNL_DONT_FRAGMENT;
                case "csum" -> flags |= io.arplab.wire.Geneve.TNL_CSUM;
                default -> {
                    if (n.name.startsWith("geneve(")) { // tun_metadata_from_geneve_nlattr(): the options as given
                        TunMetadata.received(flow, n.key, 0, n.key.length);
                        flags |= Tunnel.UDPIF;
                    }
                }
            }
        }
        flow[Slot.TUN_FLAGS.ordinal()] = flags;
    }

    long[] flow(Datapath dp) {
        long ofport = frozenInPort >= 0 ? frozenInPort : tunnelIn != null ? tunnelIn.ofport
                : dp.port((int) inPort).ofport;
        long[] flow = Packet.extract(frame, ofport, dp.vlanLimit());
        flow[Slot.PKT_MARK.ordinal()] = skbMark;
        flow[Slot.SKB_PRIORITY.ordinal()] = skbPriority;
        // odp_flow_key_to_flow__(): the conntrack original tuple as given (ct_tuple4, then ct_tuple6)
        if (ctTuple4 != null) {
            flow[Slot.CT_NW_SRC.ordinal()] = ctTuple4.get(0, 4);
            flow[Slot.CT_NW_DST.ordinal()] = ctTuple4.get(4, 4);
            flow[Slot.CT_TP_SRC.ordinal()] = ctTuple4.get(8, 2);
            flow[Slot.CT_TP_DST.ordinal()] = ctTuple4.get(10, 2);
            flow[Slot.CT_NW_PROTO.ordinal()] = ctTuple4.get(12, 1);
        }
        if (ctTuple6 != null) {
            flow[Slot.CT_IPV6_SRC_HI.ordinal()] = ctTuple6.get(0, 8);
            flow[Slot.CT_IPV6_SRC_LO.ordinal()] = ctTuple6.get(8, 8);
            flow[Slot.CT_IPV6_DST_HI.ordinal()] = ctTuple6.get(16, 8);
            flow[Slot.CT_IPV6_DST_LO.ordinal()] = ctTuple6.get(24, 8);
            flow[Slot.CT_TP_SRC.ordinal()] = ctTuple6.get(32, 2);
            flow[Slot.CT_TP_DST.ordinal()] = ctTuple6.get(34, 2);
            flow[Slot.CT_NW_PROTO.ordinal()] = ctTuple6.get(36, 1);
        }
        flow[Slot.CT_STATE.ordinal()] = ctState; // odp_flow_key_to_flow(): the conntrack metadata as given
        flow[Slot.CT_ZONE.ordinal()] = ctZone;
        flow[Slot.CT_MARK.ordinal()] = ctMark;
        flow[Slot.RECIRC_ID.ordinal()] = recircId;
        flow[Slot.DP_HASH.ordinal()] = dpHash;
        if (!tunnelDst) { // a tunnel key without a destination: its tun_id alone
            flow[Slot.TUN_ID.ordinal()] = tunId;
        } else {
            putTunnel(flow);
        }
        flow[Slot.CT_LABEL_HI.ordinal()] = ctLabelHi;
        flow[Slot.CT_LABEL_LO.ordinal()] = ctLabelLo;
        // odp_flow_key_to_flow__(): the L3 fields from the keys themselves, which the composed frame cannot carry
        // (an IPv6 fragment without its extension header, an ARP opcode other than 1 or 2 without addresses)
        int type = (int) flow[Slot.DL_TYPE.ordinal()];
        if (ipv6 != null && type == Match.ETH_IPV6) {
            int frag = (int) ipv6.get(39, 1);
            flow[Slot.NW_FRAG.ordinal()] = frag == 0 ? 0 : frag == 1 ? 1 : 3; // OVS_FRAG_TYPE_* to FLOW_NW_FRAG_*
            if (frag > 1) { // parse_l2_5_onward(): a later fragment has no L4 fields
                for (Slot s : new Slot[] {Slot.TP_SRC, Slot.TP_DST, Slot.TCP_FLAGS, Slot.ND_TARGET_HI,
                        Slot.ND_TARGET_LO, Slot.ARP_SHA, Slot.ARP_THA}) {
                    flow[s.ordinal()] = 0;
                }
            }
        } else if (arp != null && (type == Match.ETH_ARP || type == Match.ETH_RARP)) {
            flow[Slot.NW_SRC.ordinal()] = arp.get(0, 4);
            flow[Slot.NW_DST.ordinal()] = arp.get(4, 4);
            flow[Slot.NW_PROTO.ordinal()] = arp.get(8, 2);
            flow[Slot.ARP_SHA.ordinal()] = arp.get(10, 6);
            flow[Slot.ARP_THA.ordinal()] = arp.get(16, 6);
        }
        if (vlan != null && (ethType == 0x8100 || ethType == 0x88a8)) {
            // parse_8021q_onward(): the outer tag as given when it ends the flow (no encap(), a zero TCI: no
            // Ethertype) or when its encap() implies none (parse_ethertype(): FLOW_DL_TYPE_NONE); the frame cannot
            // carry a tag without an inner type
            long tci = vlan.get(0, 2);
            int inner = encap == null || tci == 0 ? 0 : encap.nested.stream().anyMatch(a -> a.name.equals("eth_type"))
                    ? -1 : FlowCompose.defaultType(encap.nested.stream().map(a -> a.name).toList());
            if (inner == 0 || inner == FlowCompose.DL_TYPE_NONE) {
                flow[Slot.VLAN_TCI.ordinal()] = tci;
                flow[Slot.VLAN_TPID.ordinal()] = ethType;
                flow[Slot.DL_TYPE.ordinal()] = inner;
            }
        } else if (vlan == null && (ethType == 0x8100 || ethType == 0x88a8)) {
            // parse_8021q_onward(): the TPID taken out of dl_type, and no vlan() to go on with: dl_type 0 (the
            // frame composed for it reads as FLOW_DL_TYPE_NONE)
            flow[Slot.DL_TYPE.ordinal()] = 0;
        }
        if (packetType > 0 && !names.contains("eth") && !names.contains("eth_type")) {
            // odp_flow_key_to_flow__(): a packet_type key other than Ethernet's, unless eth() (Ethernet) or
            // eth_type() (an L3 packet of that type) follows: no L2 header, its Ethertype if of namespace 1
            flow[Slot.PACKET_TYPE.ordinal()] = packetType;
            if (packetType >>> 16 == 1) {
                flow[Slot.DL_TYPE.ordinal()] = packetType & 0xffff;
            }
            for (Slot s : new Slot[] {Slot.DL_SRC, Slot.DL_DST, Slot.VLAN_TCI, Slot.VLAN_TPID}) {
                flow[s.ordinal()] = 0;
            }
        }
        if (!names.contains("eth_type")) {
            flow[Slot.DL_TYPE.ordinal()] = FlowCompose.defaultType(names); // the type its L3 key implies
        } else if (!names.contains("eth")) {
            // odp_flow_key_to_flow__(): no Ethernet header, an L3 packet of the key's Ethertype
            flow[Slot.PACKET_TYPE.ordinal()] = 1L << 16 | flow[Slot.DL_TYPE.ordinal()];
            for (Slot s : new Slot[] {Slot.DL_SRC, Slot.DL_DST, Slot.VLAN_TCI, Slot.VLAN_TPID}) {
                flow[s.ordinal()] = 0;
            }
        }
        return flow;
    }
}

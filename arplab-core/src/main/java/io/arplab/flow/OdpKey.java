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

    private final String text;
    private final List<String> names = new ArrayList<>();
    private long inPort = ODPP_NONE;
    private long recircId, skbMark, ctState, ctZone, ctMark;
    /** The frozen state's in_port of a recirc_id xlate_lookup_ofproto() found, or -1. */
    private long frozenInPort = -1;
    /** tunnel(...)'s attributes as given, or null. */
    private java.util.Map<String, String> tunnel;
    private String tunnelArgs;
    private byte[] frame;
    /** odp_flow_key_to_flow()'s refusal of the key, or null. */
    private FlowParseException keyError;

    private OdpKey(String text) {
        this.text = text;
    }

    /** The key, or throws FlowParseException "syntax error at ..." ({@code dp} null: no port names known). */
    public static OdpKey parse(String text, Datapath dp) {
        OdpKey k = new OdpKey(text);
        List<OdpKeyParse.Attr> attrs = OdpKeyParse.fromString(text, true, dp == null ? null : dp::portNumber);
        FlowCompose.keys(text, (name, args) -> k.key(name, args, dp));
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

    // parse_odp_key_mask_attr(): the metadata keys here, the headers' syntax checked by FlowCompose
    private boolean key(String name, String args, Datapath dp) {
        names.add(name);
        try {
            switch (name) {
                case "in_port" -> {
                    String a = args.trim();
                    if (!a.isEmpty() && Character.isDigit(a.charAt(0))) {
                        inPort = Long.decode(a);
                    } else {
                        int n = dp == null ? -1 : dp.portNumber(a);
                        if (n < 0) {
                            return false;
                        }
                        inPort = n;
                    }
                }
                case "recirc_id" -> recircId = Long.decode(args.trim());
                case "skb_mark" -> skbMark = Long.decode(args.trim());
                case "ct_state" -> { // scan_ct_state(): parse_flags() of a number or of odp_ct_state_to_string()'s names
                    String a = args.trim();
                    if (!a.isEmpty() && Character.isDigit(a.charAt(0))) {
                        ctState = Long.decode(a) & 0xff;
                    } else {
                        for (String f : a.replaceFirst("^\\+", "").split("[|+]")) {
                            int bit = List.of(MatchFormat.CT_STATE_NAMES).indexOf(f.trim());
                            if (bit < 0) {
                                return false;
                            }
                            ctState |= 1L << bit;
                        }
                    }
                }
                case "ct_zone" -> ctZone = Long.decode(args.trim()) & 0xffff;
                case "ct_mark" -> ctMark = Long.decode(args.trim()) & 0xffffffffL;
                case "tunnel" -> {
                    tunnelArgs = args;
                    tunnel = new java.util.LinkedHashMap<>();
                    for (String kv : args.split(",")) {
                        int eq = kv.indexOf('=');
                        tunnel.put(eq < 0 ? kv.trim() : kv.substring(0, eq).trim(), eq < 0 ? "" : kv.substring(eq + 1));
                    }
                }
                default -> {
                }
            }
        } catch (NumberFormatException e) {
            return false;
        }
        return true;
    }

    /**
     * odp_flow_key_to_flow()'s "duplicate" refusal (parse_flow_nlattrs()), then xlate_lookup_ofproto(): a
     * recirculation id must still have its node, whose frozen state's xport names the bridge and input port (a
     * packet-out's in_port: its bridge); else, or without an xport, the input port must be a bridge's.
     */
    Ofproto lookupOfproto(Datapath dp, long now) {
        if (keyError != null) {
            throw keyError;
        }
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!n.equals("encap") && !seen.add(n)) {
                throw new FlowParseException("duplicate " + n + " attribute in flow key; the flow key in error is: "
                        + text);
            }
        }
        if (tunnel != null && !tunnel.containsKey("ttl")) { // odp_tun_key_from_attr__()
            throw new FlowParseException("tunnel options missing TTL; the flow key in error is: " + text.replace(
                    "tunnel(" + tunnelArgs + ")", "tunnel(" + tunnelFormat() + ")"));
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
        Ofproto br = inPort == ODPP_NONE ? null : dp.bridgeOf((int) inPort);
        if (br == null) {
            throw new FlowParseException("no OpenFlow port for datapath port " + inPort);
        }
        return br;
    }

    // format_odp_tun_attr(): the attributes in OVS's order, flags(key) when the key has a tunnel id
    private String tunnelFormat() {
        List<String> out = new ArrayList<>();
        for (String a : List.of("tun_id", "src", "dst", "ipv6_src", "ipv6_dst", "tos", "ttl", "tp_src", "tp_dst")) {
            if (tunnel.containsKey(a)) {
                out.add(a + "=" + tunnel.get(a));
            }
        }
        if (tunnel.containsKey("tun_id")) {
            out.add("flags(key)");
        }
        return String.join(",", out);
    }

    /**
     * odp_flow_key_to_flow() fits perfectly: the key has the attributes its Ethernet type and protocol imply and no
     * others (parse_l2_5_onward()'s expected_attrs; dpif-netdev refuses a flow put with any other fit).
     */
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
        } else if (type == Match.ETH_IP || type == Match.ETH_IPV6) {
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
    long[] flow(Datapath dp) {
        long ofport = frozenInPort >= 0 ? frozenInPort : dp.port((int) inPort).ofport;
        long[] flow = Packet.extract(frame, ofport, dp.vlanLimit());
        flow[Slot.PKT_MARK.ordinal()] = skbMark;
        flow[Slot.CT_STATE.ordinal()] = ctState; // odp_flow_key_to_flow(): the conntrack metadata as given
        flow[Slot.CT_ZONE.ordinal()] = ctZone;
        flow[Slot.CT_MARK.ordinal()] = ctMark;
        flow[Slot.RECIRC_ID.ordinal()] = recircId;
        if (!names.contains("eth_type")) {
            flow[Slot.DL_TYPE.ordinal()] = FlowCompose.defaultType(text, 0); // the type its L3 key implies
        } else if (!names.contains("eth") && !names.contains("packet_type")) {
            // odp_flow_key_to_flow__(): no Ethernet header, an L3 packet of the key's Ethertype
            flow[Slot.PACKET_TYPE.ordinal()] = 1L << 16 | flow[Slot.DL_TYPE.ordinal()];
            for (Slot s : new Slot[] {Slot.DL_SRC, Slot.DL_DST, Slot.VLAN_TCI, Slot.VLAN_TPID}) {
                flow[s.ordinal()] = 0;
            }
        }
        return flow;
    }
}

package io.arplab.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flow table of a userspace datapath no ofproto runs (one dpctl/add-dp created), as dpctl's flow commands put
 * and delete its flows (lib/dpif-netdev.c dpif_netdev_flow_put(), flow_put_on_pmd(), flow_del_on_pmd(),
 * dpif_netdev_flow_get(), the flow dump): a key and its mask (dpif_netdev_flow_from_nlattrs(),
 * dpif_netdev_mask_from_nlattrs()), a ufid (the one given, or odp_flow_key_hash() of the key), the actions. No
 * packet reaches it, no revalidator deletes from it.
 */
public final class DpifNetdevFlows {
    private static final class Flow {
        final String ufid;
        final long[] value, mask;
        String actions;

        Flow(String ufid, long[] value, long[] mask, String actions) {
            this.ufid = ufid;
            this.value = value;
            this.mask = mask;
            this.actions = actions;
        }
    }

    /** The flows, in the order they were put (dpif-netdev dumps its cmap's hash order). */
    private final List<Flow> flows = new ArrayList<>();
    /** odp_flow_key_hash()'s ufid of each key (a random basis in OVS; a name-based uuid of its canonical text). */
    private final Map<String, String> generated = new HashMap<>();

    /** show_dpif()'s statistics of one of its ports (dpctl/show -s): a dummy netdev that counted nothing. */
    public static String idlePortStats() {
        return DpctlFormat.idlePortStats();
    }

    public int size() {
        return flows.size();
    }

    public void flush() {
        flows.clear();
    }

    /**
     * dpif_netdev_flow_put() of {@code key} (its text after any "ufid:", with {@code ufid} the one given or null)
     * with {@code actions}: a flow whose mask the key meets (dp_netdev_pmd_lookup_flow() of the unmasked key) takes
     * the actions with {@code modify}, else EEXIST with {@code create}, else EINVAL; none: added with {@code create},
     * else ENOENT. Returns the error's name or null.
     */
    public String put(String key, String ufid, String actions, boolean create, boolean modify) {
        long[][] vm = valueAndMask(key);
        if (vm == null) {
            return "EINVAL";
        }
        Flow found = lookup(vm[0]);
        if (found == null) {
            if (!create) {
                return "ENOENT";
            }
            flows.add(new Flow(ufid != null ? ufid : generatedUfid(key), vm[0], vm[1], actions.trim()));
            return null;
        }
        if (modify) {
            found.actions = actions.trim();
            return null;
        }
        return create ? "EEXIST" : "EINVAL";
    }

    /** flow_del_on_pmd(): the flow of the ufid given, or of the key's generated one (dp_netdev_pmd_find_flow()). */
    public boolean del(String key, String ufid) {
        String u = ufid != null ? ufid : generatedUfid(key);
        return flows.removeIf(f -> f.ufid.equals(u));
    }

    /** dpif_netdev_flow_get() by ufid: the flow as dpctl/get-flow prints it, or null. */
    public String get(String ufid) {
        for (Flow f : flows) {
            if (f.ufid.equals(ufid)) {
                return line(f, false);
            }
        }
        return null;
    }

    /**
     * dpctl_dump_flows() of the datapath: "flow-dump from the main thread:" before the first flow, then each; with
     * {@code verbose} (-m) the ufid, every attribute with its mask, dp and dp-extra-info.
     */
    public String dump(boolean verbose) {
        StringBuilder s = new StringBuilder();
        for (Flow f : flows) {
            if (s.isEmpty()) {
                s.append("flow-dump from the main thread:\n");
            }
            s.append(verbose ? "ufid:" + f.ufid + ", " : "").append(line(f, verbose)).append('\n');
        }
        return s.toString();
    }

    private static String line(Flow f, boolean verbose) {
        StringBuilder s = new StringBuilder(OdpFlowFormat.format(null, f.value, f.mask, null, null, Map.of(),
                verbose, 2, f.mask[Slot.PACKET_TYPE.ordinal()] == 0));
        s.append(", packets:0, bytes:0, used:never");
        s.append(verbose ? ", dp:ovs" : "").append(", actions:").append(f.actions);
        return s.append(verbose ? ", dp-extra-info:" + OdpFlowFormat.miniflowBits(f.value, f.mask, null,
                f.mask[Slot.PACKET_TYPE.ordinal()] != 0) : "").toString();
    }

    // dp_netdev_pmd_lookup_flow(): a flow whose masked value the key's value meets
    private Flow lookup(long[] v) {
        for (Flow f : flows) {
            boolean meets = true;
            for (int i = 0; i < v.length && meets; i++) {
                meets = ((v[i] ^ f.value[i]) & f.mask[i]) == 0;
            }
            if (meets) {
                return f;
            }
        }
        return null;
    }

    private String generatedUfid(String key) {
        String canonical = OdpKeyParse.format(OdpKeyParse.fromString(key, true, null));
        return generated.computeIfAbsent(canonical, k -> java.util.UUID.nameUUIDFromBytes(
                ("odp_flow_key_hash " + k).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    }

    /** OVS_KEY_ATTR_* fields as struct flow holds them: attribute, offset and width in its key, slot. */
    private record FieldAt(String attr, int off, int width, Slot slot) {}

    private static final List<FieldAt> FIELDS = List.of(new FieldAt("in_port", 0, 4, Slot.IN_PORT),
            new FieldAt("recirc_id", 0, 4, Slot.RECIRC_ID), new FieldAt("skb_mark", 0, 4, Slot.PKT_MARK),
            new FieldAt("skb_priority", 0, 4, Slot.SKB_PRIORITY), new FieldAt("dp_hash", 0, 4, Slot.DP_HASH),
            new FieldAt("ct_state", 0, 4, Slot.CT_STATE), new FieldAt("ct_zone", 0, 2, Slot.CT_ZONE),
            new FieldAt("ct_mark", 0, 4, Slot.CT_MARK), new FieldAt("ct_label", 0, 8, Slot.CT_LABEL_HI),
            new FieldAt("ct_label", 8, 8, Slot.CT_LABEL_LO), new FieldAt("packet_type", 0, 4, Slot.PACKET_TYPE),
            new FieldAt("eth", 0, 6, Slot.DL_SRC), new FieldAt("eth", 6, 6, Slot.DL_DST),
            new FieldAt("eth_type", 0, 2, Slot.DL_TYPE), new FieldAt("vlan", 0, 2, Slot.VLAN_TCI),
            new FieldAt("ipv4", 0, 4, Slot.NW_SRC), new FieldAt("ipv4", 4, 4, Slot.NW_DST),
            new FieldAt("ipv4", 8, 1, Slot.NW_PROTO), new FieldAt("ipv4", 9, 1, Slot.NW_TOS),
            new FieldAt("ipv4", 10, 1, Slot.NW_TTL), new FieldAt("ipv4", 11, 1, Slot.NW_FRAG),
            new FieldAt("ipv6", 0, 8, Slot.IPV6_SRC_HI), new FieldAt("ipv6", 8, 8, Slot.IPV6_SRC_LO),
            new FieldAt("ipv6", 16, 8, Slot.IPV6_DST_HI), new FieldAt("ipv6", 24, 8, Slot.IPV6_DST_LO),
            new FieldAt("ipv6", 32, 4, Slot.IPV6_LABEL), new FieldAt("ipv6", 36, 1, Slot.NW_PROTO),
            new FieldAt("ipv6", 37, 1, Slot.NW_TOS), new FieldAt("ipv6", 38, 1, Slot.NW_TTL),
            new FieldAt("ipv6", 39, 1, Slot.NW_FRAG), new FieldAt("tcp", 0, 2, Slot.TP_SRC),
            new FieldAt("tcp", 2, 2, Slot.TP_DST), new FieldAt("udp", 0, 2, Slot.TP_SRC),
            new FieldAt("udp", 2, 2, Slot.TP_DST), new FieldAt("sctp", 0, 2, Slot.TP_SRC),
            new FieldAt("sctp", 2, 2, Slot.TP_DST), new FieldAt("tcp_flags", 0, 2, Slot.TCP_FLAGS),
            new FieldAt("icmp", 0, 1, Slot.TP_SRC), new FieldAt("icmp", 1, 1, Slot.TP_DST),
            new FieldAt("icmpv6", 0, 1, Slot.TP_SRC), new FieldAt("icmpv6", 1, 1, Slot.TP_DST),
            new FieldAt("arp", 0, 4, Slot.NW_SRC), new FieldAt("arp", 4, 4, Slot.NW_DST),
            new FieldAt("arp", 8, 2, Slot.NW_PROTO), new FieldAt("arp", 10, 6, Slot.ARP_SHA),
            new FieldAt("arp", 16, 6, Slot.ARP_THA), new FieldAt("nd", 0, 8, Slot.ND_TARGET_HI),
            new FieldAt("nd", 8, 8, Slot.ND_TARGET_LO), new FieldAt("nd", 16, 6, Slot.ARP_SHA),
            new FieldAt("nd", 22, 6, Slot.ARP_THA));

    /**
     * dpif_netdev_flow_put()'s unmasked key of {@code key} (odp_flow_key_to_flow()): its values, a key without eth()
     * an L3 packet's (packet_type (1, its Ethertype)); null when its mask does not fit.
     */
    public static long[] unmaskedKey(String key) {
        long[][] vm = valueAndMask(key);
        if (vm != null && OdpKeyParse.fromString(key, true, null).stream().noneMatch(a -> a.name.equals("eth"))) {
            vm[0][Slot.PACKET_TYPE.ordinal()] = 1L << 16 | vm[0][Slot.DL_TYPE.ordinal()];
        }
        return vm == null ? null : vm[0];
    }

    /**
     * dpif_netdev_flow_from_nlattrs() and dpif_netdev_mask_from_nlattrs(): each attribute's fields into the flow, an
     * attribute given without a mask matched exactly, one not given wildcarded; odp_to_ovs_frag()'s fragment bits;
     * the first VLAN's TCI matched exactly (VID and CFI) when the key leaves it (dpif_netdev_flow_put()). A tag's
     * outer Ethertype is its TPID, the encap()'s the frame's.
     */
    static long[][] valueAndMask(String key) {
        long[] v = new long[Slot.ALL.length], m = new long[Slot.ALL.length];
        List<OdpKeyParse.Attr> attrs = OdpKeyParse.fromString(key, true, null);
        fill(attrs, v, m);
        if (!maskFits(attrs, m)) {
            return null;
        }
        int frag = Slot.NW_FRAG.ordinal();
        v[frag] = v[frag] == 0 ? 0 : v[frag] == 1 ? 1 : 3;
        m[frag] = m[frag] == 0 ? 0 : 3;
        if (!attrs.stream().anyMatch(a -> a.name.equals("recirc_id"))) { // odp_flow_key_to_flow__()'s mask
            m[Slot.RECIRC_ID.ordinal()] = Slot.RECIRC_ID.max;
        }
        if (m[Slot.VLAN_TCI.ordinal()] == 0) {
            m[Slot.VLAN_TCI.ordinal()] = 0x1fff;
        }
        return new long[][] {v, m};
    }

    // odp_flow_key_to_mask()'s parse_l2_5_onward(): an L3 attribute the mask's Ethertype does not match exactly, or an
    // L4 one its IP protocol does not, is unexpected (ODP_FIT_ERROR, EINVAL)
    private static boolean maskFits(List<OdpKeyParse.Attr> attrs, long[] m) {
        for (OdpKeyParse.Attr a : attrs) {
            if (a.name.equals("encap") && !maskFits(a.nested, m)) {
                return false;
            }
            boolean l3 = List.of("ipv4", "ipv6", "arp", "mpls").contains(a.name);
            boolean l4 = List.of("tcp", "udp", "sctp", "icmp", "icmpv6", "tcp_flags", "nd").contains(a.name);
            if (l3 && m[Slot.DL_TYPE.ordinal()] != Slot.DL_TYPE.max
                    || l4 && m[Slot.NW_PROTO.ordinal()] != Slot.NW_PROTO.max) {
                return false;
            }
        }
        return true;
    }

    private static void fill(List<OdpKeyParse.Attr> attrs, long[] v, long[] m) {
        for (OdpKeyParse.Attr a : attrs) {
            if (a.name.equals("encap")) { // the tag's Ethertype was its TPID
                v[Slot.VLAN_TPID.ordinal()] = v[Slot.DL_TYPE.ordinal()];
                m[Slot.VLAN_TPID.ordinal()] = m[Slot.DL_TYPE.ordinal()];
                fill(a.nested, v, m);
                continue;
            }
            boolean known = false;
            for (FieldAt f : FIELDS) {
                if (!f.attr.equals(a.name)) {
                    continue;
                }
                known = true;
                v[f.slot.ordinal()] = OdpKeyParse.get(a.key, f.off, f.width) & f.slot.max;
                m[f.slot.ordinal()] = a.mask.length == 0 ? f.slot.max
                        : OdpKeyParse.get(a.mask, f.off, f.width) & f.slot.max;
            }
            if (!known) {
                throw new FlowParseException("arplab does not model a dpctl flow's " + a.name + "() key");
            }
        }
    }
}

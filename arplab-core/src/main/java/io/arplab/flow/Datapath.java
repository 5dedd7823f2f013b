package io.arplab.flow;

import io.arplab.wire.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The datapath's megaflow cache, as the userspace datapath keeps it (lib/dpif-netdev.c): each pass of a packet
 * (every recirculation too) is one lookup; a miss takes the slow path and installs the megaflow it computed, whose
 * counters then count the later hits only.
 */
public final class Datapath {
    /** tnl_udp_port_min and tnl_udp_port_max (tnl/egress_port_range): the native tunnels' UDP source ports. */
    public final int[] tnlPortRange = {32768, 61000};
    private final List<Megaflow> flows = new ArrayList<>();
    /** The recirculation ids of the ovs-vswitchd this datapath stands for: one id space for all its bridges. */
    final RecircIds recirc = new RecircIds();
    /**
     * The ukeys whose datapath flows dpctl/del-flows deleted: the revalidator keeps them (revalidator_sweep__()
     * revalidates a flow missing from the dump, keeps what still translates alike), so ukey_install() refuses the
     * same exact flow's next upcall, whose packet is executed without a flow installed and counted as lost.
     */
    final List<Megaflow> orphans = new ArrayList<>();
    private final java.util.TreeMap<Integer, Ofproto.Port> ports = new java.util.TreeMap<>();
    private final java.util.TreeMap<String, Ofproto> bridges = new java.util.TreeMap<>();
    /** The bridges as an array, for the check every packet makes ({@link Udpif#stale()}). */
    Ofproto[] bridgeArray = new Ofproto[0];
    public long hit, missed, lost;
    /** The datapath's one connection tracker (dp_netdev's conntrack): its zones are every bridge's. */
    public final Conntrack ct = new Conntrack();
    /** Its upcall handler and revalidators (ofproto-dpif-upcall.c). */
    public final Udpif udpif = new Udpif(this);

    /**
     * Bumped by a port added to or deleted from any bridge on it: bridge_reconfigure()'s REV_RECONFIGURE, the backer's
     * need_revalidate, has every bridge revalidate its megaflows.
     */
    long portsVersion;


    /** ovs-router and tnl-neigh-cache of the ovs-vswitchd that owns this datapath (native tunnelling). */
    public final OvsRouter router = new OvsRouter();
    /** netdev_dummy_construct()'s next_n: the datapath's own port 0 took aa:55:aa:55:00:00. */
    private long nextDummy = 1;
    /** Whether the last bridge's deletion deleted the datapath (close_dpif_backer()), to be created again. */
    private boolean deleted;
    /** bt_support.tnl_push_pop: the userspace datapath pushes and pops tunnel headers, the kernel's does not. */
    public final boolean userspace;
    /** flow_vlan_limit (flow_limit_vlans()): the VLAN headers miniflow_extract() parses, other_config:vlan-limit. */
    private int vlanLimit = 1;
    /**
     * rt_support.odp.max_vlan_headers: check_max_vlan_headers() probes it when the backer opens (its first bridge),
     * with the vlan-limit of that moment, as dpif-netdev refuses a key with more tags (ODP_FIT_TOO_MUCH); 0: not open.
     */
    private int maxVlanHeaders;

    /** The userspace (dummy) datapath. */
    public Datapath() {
        this(true);
    }

    /** {@code userspace} false: the kernel module's (datapath_type system), whose tunnels are kernel devices. */
    public Datapath(boolean userspace) {
        this.userspace = userspace;
    }

    /** A field of struct dpif_backer_support (DPIF_SUPPORT_FIELDS, then odp's ODP_SUPPORT_FIELDS): bool or size_t. */
    enum Support {
        MASKED_SET_ACTION("masked_set_action", "Masked set action", false),
        TNL_PUSH_POP("tnl_push_pop", "Tunnel push pop", false), UFID("ufid", "Ufid", false),
        TRUNC("trunc", "Truncate action", false), CLONE("clone", "Clone action", false),
        SAMPLE_NESTING("sample_nesting", "Sample nesting", true),
        CT_EVENTMASK("ct_eventmask", "Conntrack eventmask", false), CT_CLEAR("ct_clear", "Conntrack clear", false),
        MAX_HASH_ALG("max_hash_alg", "Max dp_hash algorithm", true),
        CHECK_PKT_LEN("check_pkt_len", "Check pkt length action", false),
        CT_TIMEOUT("ct_timeout", "Conntrack timeout policy", false),
        EXPLICIT_DROP_ACTION("explicit_drop_action", "Explicit Drop action", false),
        LB_OUTPUT_ACTION("lb_output_action", "Optimized Balance TCP mode", false),
        CT_ZERO_SNAT("ct_zero_snat", "Conntrack all-zero IP SNAT", false), ADD_MPLS("add_mpls", "MPLS Label add", false),
        MAX_VLAN_HEADERS("max_vlan_headers", "Max VLAN headers", true),
        MAX_MPLS_DEPTH("max_mpls_depth", "Max MPLS depth", true), RECIRC("recirc", "Recirc", false),
        CT_STATE("ct_state", "CT state", false), CT_ZONE("ct_zone", "CT zone", false), CT_MARK("ct_mark", "CT mark", false),
        CT_LABEL("ct_label", "CT label", false), CT_STATE_NAT("ct_state_nat", "CT state NAT", false),
        CT_ORIG_TUPLE("ct_orig_tuple", "CT orig tuple", false),
        CT_ORIG_TUPLE6("ct_orig_tuple6", "CT orig tuple for IPv6", false), ND_EXT("nd_ext", "IPv6 ND Extension", false);

        final String key, title;
        final boolean size;

        Support(String key, String title, boolean size) {
            this.key = key;
            this.title = title;
            this.size = size;
        }

        static Support of(String key) {
            for (Support f : values()) {
                if (f.key.equals(key)) {
                    return f;
                }
            }
            return null;
        }
    }

    private static final long UNSET = Long.MIN_VALUE;
    /** rt_support's fields dpif/set-dp-features set, by ordinal ({@link #UNSET}: the boot value). */
    private final long[] runTime = new long[Support.values().length];

    {
        java.util.Arrays.fill(runTime, UNSET);
    }

    /** bt_support: what the backer's probes found when it opened (the userspace datapath has it all). */
    private long boot(Support f) {
        return switch (f) {
            case TNL_PUSH_POP -> userspace ? 1 : 0; // the kernel's pushes and pops no tunnel headers
            case SAMPLE_NESTING -> 10; // check_max_sample_nesting(): FLOW_MAX_SAMPLE_NESTING
            case MAX_VLAN_HEADERS -> maxVlanHeaders;
            case MAX_MPLS_DEPTH -> 3;
            default -> 1; // max_hash_alg: OVS_HASH_ALG_SYM_L4
        };
    }

    private long runTime(Support f) {
        long v = runTime[f.ordinal()];
        return v != UNSET ? v : boot(f);
    }

    /**
     * get_datapath_cap(): what the vswitchd writes into the Datapath row of the backer's type when it creates that
     * datapath (dp_capability_reconfigure()), from rt_support in that function's order (ODP_SUPPORT_FIELDS, then DPIF_SUPPORT_FIELDS, a
     * size_t printed as a number but sample_nesting's as a bool), ct_flush always true.
     */
    public java.util.Map<String, String> capabilities() {
        java.util.Map<String, String> cap = new java.util.LinkedHashMap<>();
        List<Support> order = new ArrayList<>(List.of(Support.values()).subList(Support.MAX_VLAN_HEADERS.ordinal(),
                Support.values().length));
        order.addAll(List.of(Support.values()).subList(0, Support.MAX_VLAN_HEADERS.ordinal()));
        for (Support f : order) {
            long v = runTime(f);
            cap.put(f.key, f.size && f != Support.SAMPLE_NESTING ? Long.toString(v) : Boolean.toString(v != 0));
        }
        cap.put("ct_flush", "true");
        return cap;
    }

    /** dpif/show-dp-features BR: dpif_show_support() of bt_support. */
    public String showFeatures() {
        StringBuilder s = new StringBuilder();
        for (Support f : Support.values()) {
            long v = boot(f);
            s.append(f.title).append(": ").append(f.size ? Long.toString(v) : v != 0 ? "Yes" : "No").append('\n');
        }
        return s.toString();
    }

    /**
     * dpif/set-dp-features BR [FEATURE [VALUE]] (dpif_set_support()): every field shown (in the shash's order), one
     * shown, or one set, or OVS's refusal; a change flushes the megaflows (udpif_flush()).
     */
    public String setFeature(List<String> args) {
        if (args.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (Support f : Support.values()) {
                names.add(f.key);
            }
            StringBuilder s = new StringBuilder();
            Hmap.of(names, Hmap.shash()).forEach(n -> s.append(feature(Support.of(n))));
            return s.toString();
        }
        Support f = Support.of(args.get(0));
        if (f == null) {
            return "Unexpected support field\n";
        }
        if (args.size() < 2) {
            return feature(f);
        }
        String v = args.get(1);
        if (f.size) { // str_to_int(), 0 to the boot value
            Integer n = io.arplab.wire.libc.CLib.strToInt(v, 10);
            if (n == null) {
                return "Integer number expected\n";
            } else if (n < 0) {
                return "Negative number not expected\n";
            } else if (n > boot(f)) {
                return "Can not set value beyond the datapath capability\n";
            }
            runTime[f.ordinal()] = n;
        } else if (v.equalsIgnoreCase("true")) {
            if (boot(f) == 0) {
                return "Can not enable features not supported by the datapth\n";
            }
            runTime[f.ordinal()] = 1;
        } else if (v.equalsIgnoreCase("false")) {
            runTime[f.ordinal()] = 0;
        } else {
            return "Boolean value expected\n";
        }
        purge();
        return "";
    }

    // display_support_field()
    private String feature(Support f) {
        String rt = f.size ? Long.toString(runTime(f)) : Boolean.toString(runTime(f) != 0);
        String bt = f.size ? Long.toString(boot(f)) : Boolean.toString(boot(f) != 0);
        return f.key + " (" + f.title + ") : [run time]:" + rt + ", [boot time]:" + bt + "\n";
    }

    /** The OpenFlow tunnel ports listening on tunnel datapath port {@code dpPort}, or null. */
    List<Ofproto.Port> tunnelsAt(int dpPort) {
        return listening.get(dpPort);
    }

    /** The bridges on this datapath. */
    java.util.Collection<Ofproto> bridges() {
        return bridges.values();
    }

    /** The datapath's ports by their datapath numbers, ascending. */
    java.util.Collection<Ofproto.Port> portsByNumber() {
        return ports.values();
    }

    /** rt_support's boolean feature {@code name} (dpif/set-dp-features turns one off at run time). */
    boolean supports(Support f) {
        return runTime(f) != 0;
    }

    /** rt_support's size_t feature {@code name} (max_hash_alg, max_vlan_headers ...). */
    long support(Support f) {
        return runTime(f);
    }

    /** rt_support.clone. */
    boolean supportsClone() {
        return runTime(Support.CLONE) != 0;
    }

    /** rt_support.check_pkt_len. */
    boolean supportsCheckPktLen() {
        return runTime(Support.CHECK_PKT_LEN) != 0;
    }

    /** rt_support.explicit_drop_action (ovs_explicit_drop_action_supported()). */
    boolean supportsExplicitDrop() {
        return runTime(Support.EXPLICIT_DROP_ACTION) != 0;
    }

    /** The coverage counters of the datapath's explicit drop actions, as lib/odp-execute.c defines them. */
    static final List<String> DROP_COUNTERS = List.of("drop_action_of_pipeline",
            "drop_action_bridge_not_found", "drop_action_recursion_too_deep", "drop_action_too_many_resubmit",
            "drop_action_stack_too_deep", "drop_action_no_recirculation_context",
            "drop_action_recirculation_conflict", "drop_action_too_many_mpls_labels",
            "drop_action_invalid_tunnel_metadata", "drop_action_unsupported_packet_type", "drop_action_congestion",
            "drop_action_forwarding_disabled");

    /** Each drop counter's count, by its index in {@link #DROP_COUNTERS}. */
    private final long[] dropCounts = new long[DROP_COUNTERS.size()];

    /**
     * dp_update_drop_action_counter(): one packet executed with a translation's explicit drop action, whose counter's
     * index in {@link #DROP_COUNTERS} is {@code counter} (-1: the actions are not an explicit drop).
     */
    void countDrop(int counter) {
        if (counter >= 0) {
            dropCounts[counter]++;
        }
    }

    /** coverage/read-counter NAME of a drop counter, null for another name (the other counters are not modelled). */
    public Long dropCounter(String name) {
        int i = DROP_COUNTERS.indexOf(name);
        return i < 0 ? null : dropCounts[i];
    }

    /** rt_support.sample_nesting. */
    int sampleNesting() {
        return (int) runTime(Support.SAMPLE_NESTING);
    }

    /** ovs_native_tunneling_is_on(): the feature on and a tunnel port on the datapath (the backer's tnl_count). */
    boolean nativeTunneling() {
        return runTime(Support.TNL_PUSH_POP) != 0 && tunnelPort() >= 0;
    }

    /** The datapath number of a tunnel vport (the backer's tnl_count is not 0), or -1. */
    int tunnelPort() {
        if (tunnel == UNKNOWN) {
            tunnel = -1;
            for (Ofproto.Port p : ports.values()) {
                if (p.isTunnel()) {
                    tunnel = p.dpPort;
                    break;
                }
            }
        }
        return tunnel;
    }

    /** tnl-ports.c's port_list: each tunnel datapath port with its OpenFlow ports, in the order they came. */
    private final Map<Integer, List<Ofproto.Port>> listening = new java.util.LinkedHashMap<>();

    /**
     * The backer's reval_seq as arplab sees it: what any bridge's revalidation depends on (its tables, its MAC
     * learning, the ports, the routes and neighbours); a change of it revalidates every ukey of the backer.
     */
    long revalidationEpoch() {
        long e = portsVersion * 31 + router.version;
        for (Ofproto br : bridges.values()) {
            e = e * 31 + br.tables.version;
            e = e * 31 + br.ml.version;
        }
        return e;
    }

    /** The listening ports (tnl_port_map_insert() per tunnel datapath port), oldest first. */
    public List<OvsRouter.Listener> listeners() {
        List<OvsRouter.Listener> l = new ArrayList<>();
        listening.forEach((dp, ps) -> {
            Ofproto.Port p = ps.get(0);
            l.add(new OvsRouter.Listener(p.dpifName(), dp, p.tunnelType.nwProto, p.tunnelType.dstPort(p.options),
                    ps.size()));
        });
        return l;
    }

    /** {@link #tunnelPort()}, found again after a change of the ports (every output of a translation asks). */
    private int tunnel = UNKNOWN;
    private static final int UNKNOWN = -2;

    /**
     * tnl_route_lookup_flow(): the bridge of a route's device, the bridge of that name if it has a port of that name,
     * else the bridge with a port of that name; null when none.
     */
    Ofproto routeBridge(String dev) {
        Ofproto own = bridges.get(dev);
        if (own != null && own.port(dev) != null) {
            return own;
        }
        for (Ofproto br : bridges.values()) {
            if (br.port(dev) != null) {
                return br;
            }
        }
        return null;
    }

    /** netdev_get_etheraddr() of a port's netdev by name, or -1. */
    long netdevMac(String dev) {
        for (Ofproto.Port p : ports.values()) {
            if (p.name.equals(dev)) {
                return p.mac;
            }
        }
        return -1;
    }

    /**
     * dp_execute_cb()'s recirculation depth (recirc_depth_get()): a tnl_pop or recirc() this deep (MAX_RECIRC_DEPTH,
     * 6) drops the packet (datapath_drop_recirc_error) instead of running its next pass.
     */
    int popDepth;

    /**
     * tnl_pop(PORT) executed on {@code frame}: the tunnel class of the datapath port pops its header (or drops the
     * frame); the inner packet's upcall finds its OpenFlow tunnel port by its tunnel key (tnl_port_receive()), whose
     * bridge takes it; without one the upcall fails and the packet is lost, no flow installed.
     */
    void tnlPop(long now, int dpPort, byte[] frame) {
        List<Ofproto.Port> tunnels = listening.get(dpPort);
        if (tunnels == null || popDepth >= 6) {
            return;
        }
        int[] inner = new int[2];
        long[] flow = Tunnel.pop(frame, 0, tunnels.get(0).tunnelType, inner);
        if (flow == null) {
            return;
        }
        Ofproto.Port in = Tunnel.find(tunnels, flow, dpPort);
        Ofproto br = in == null ? null : bridgeOfPort(in);
        if (br == null) {
            lost++; // upcall_receive(): "receive tunnel port not found", ENODEV
            return;
        }
        flow[Slot.IN_PORT.ordinal()] = in.ofport;
        popDepth++;
        try {
            br.popped(now, in, flow, java.util.Arrays.copyOfRange(frame, inner[0], inner[1]));
        } finally {
            popDepth--;
        }
    }


    /**
     * The datapath port number for a new port, as dpif-netdev's choose_port() gives it on a dummy datapath: the
     * number in its name (plus 100 for a name starting "br") if free, else the lowest free number from 1.
     */
    int choosePort(String name) {
        int start = name.startsWith("br") ? 100 : 0;
        for (int i = 0; i < name.length(); i++) {
            if (Character.isDigit(name.charAt(i))) {
                int j = i;
                long n = 0;
                while (j < name.length() && Character.isDigit(name.charAt(j)) && n < 1L << 32) {
                    n = n * 10 + (name.charAt(j++) - '0');
                }
                long no = start + n;
                if (no > 0 && no < 0xffffffffL && !ports.containsKey((int) no)) {
                    return (int) no;
                }
                break;
            }
        }
        int no = 1;
        while (ports.containsKey(no)) {
            no++;
        }
        return no;
    }

    /** flow_limit_vlans(): other_config:vlan-limit, 0 (or less) for FLOW_MAX_VLAN_HEADERS. */
    public void limitVlans(int limit) {
        vlanLimit = limit <= 0 ? 2 : Math.min(limit, 2);
    }

    /** The VLAN headers a packet's flow key holds (flow_vlan_limit). */
    public int vlanLimit() {
        return vlanLimit;
    }

    /**
     * The flow a megaflow's ukey gives back (ukey_create_from_upcall(): odp_flow_key_from_flow() with the backer's
     * max_vlan_headers): the tags past that many dropped, the packet's own Ethertype after them; an IP key without
     * an L4 attribute (IGMP's) reads back without its type, code and group (odp_flow_key_to_flow()).
     */
    long[] ukeyFlow(long[] flow) {
        long[] f = ukeyTags(flow);
        long type = flow[Slot.DL_TYPE.ordinal()];
        int[] l4 = UKEY_L4;
        if (type == Match.ETH_IP && !OdpFlowFormat.hasL4(flow) && (f[l4[0]] | f[l4[1]] | f[l4[2]]) != 0) {
            f = f == flow ? flow.clone() : f;
            for (int i : l4) {
                f[i] = 0;
            }
        }
        return f;
    }

    /** The slots an IP key's L4 attribute carries back: the ports (ICMP's type and code) and IGMP's group. */
    private static final int[] UKEY_L4 = {Slot.TP_SRC.ordinal(), Slot.TP_DST.ordinal(), Slot.ND_RESERVED.ordinal()};

    private long[] ukeyTags(long[] flow) {
        if (truncatedTag(flow)) { // parse_8021q_onward(): the TPID leaves dl_type, a zero TCI ends the key
            long[] f = flow.clone();
            f[Slot.VLAN_TPID.ordinal()] = f[Slot.DL_TYPE.ordinal()];
            f[Slot.DL_TYPE.ordinal()] = 0;
            return f;
        }
        if (maxVlanHeaders >= 2 || (flow[Slot.VLAN_TCI1.ordinal()] | flow[Slot.VLAN_TPID1.ordinal()]) == 0) {
            return flow;
        }
        long[] f = flow.clone();
        f[Slot.VLAN_TCI1.ordinal()] = 0;
        f[Slot.VLAN_TPID1.ordinal()] = 0;
        return f;
    }

    /**
     * A flow with a VLAN Ethertype and no tag (miniflow_extract()'s parse_vlan() found too few bytes for one): its key
     * is `eth_type(0x8100),vlan(vid=0,cfi=0),encap()`, which odp_flow_key_to_flow() reads back without that Ethertype.
     */
    static boolean truncatedTag(long[] flow) {
        long t = flow[Slot.DL_TYPE.ordinal()];
        return (t == 0x8100 || t == 0x88a8) && (flow[Slot.VLAN_TCI.ordinal()] & Match.VLAN_CFI) == 0;
    }

    /**
     * The MAC of the next dummy or internal netdev this ovs-vswitchd opens (netdev_dummy_construct(): one counter for
     * the whole process, so bridges' local ports and every bridge's ports share it): aa:55:aa:55:00:01, :02 ...
     */
    public long nextDummyMac() {
        return 0xaa55_0000_0000L | ((0xaa550000L + nextDummy++) & 0xffffffffL);
    }

    /**
     * Takes back the last MAC {@link #nextDummyMac()} gave, unused: a bridge that ovs-vsctl adds has its local
     * interface's netdev opened by bridge_add_ports(), after the ports of the bridges before it in all_bridges.
     */
    public void returnDummyMac() {
        nextDummy--;
    }

    void register(Ofproto br, Ofproto.Port p) {
        if (bridges.isEmpty()) {
            // open_dpif_backer(): dpif-netdev refuses a key with more tags than vlan-limit, the kernel takes two
            maxVlanHeaders = userspace ? vlanLimit : 2;
            if (deleted) { // create_dp_netdev(): a new datapath's own port 0, a dummy-internal netdev, the next MAC
                nextDummy++;
                deleted = false;
            }
        }
        bridges.put(br.name, br);
        bridgeArray = bridges.values().toArray(new Ofproto[0]);
        if (p.dpPort >= 0) { // a patch port has no datapath port; tunnel ports share theirs
            ports.putIfAbsent(p.dpPort, p);
            if (p.isTunnel()) {
                listening.computeIfAbsent(p.dpPort, k -> new ArrayList<>()).add(p);
            }
        }
        tunnel = UNKNOWN;
    }

    /**
     * ofport_update_peer(): the port a patch port's options:peer names, on a bridge of this datapath, whose own peer
     * names it back; or null.
     */
    public Ofproto.Port peer(Ofproto.Port patch) {
        String name = patch.options.get("peer");
        for (Ofproto b : bridges.values()) {
            Ofproto.Port q = name == null ? null : b.port(name);
            if (q != null) {
                return q.isPatch() && patch.name.equals(q.options.get("peer")) ? q : null;
            }
        }
        return null;
    }

    /** The bridge whose port {@code p} is. */
    Ofproto bridgeOfPort(Ofproto.Port p) {
        for (Ofproto b : bridges.values()) {
            if (b.port(p.ofport) == p) {
                return b;
            }
        }
        return null;
    }

    /** The datapath's ports by name, numbered as the datapath numbers them (dpctl's port map). */
    public PortMap portMap() {
        return new PortMap() {
            @Override public String name(long port) {
                Ofproto.Port p = ports.get((int) port);
                return p == null ? null : p.name;
            }

            @Override public long number(String name) {
                return portNumber(name);
            }
        };
    }

    /** The port of datapath port number {@code dpPort}, or null. */
    public Ofproto.Port port(int dpPort) {
        return ports.get(dpPort);
    }

    /** The bridge that owns datapath port {@code dpPort} (xlate_lookup_ofproto()), or null. */
    public Ofproto bridgeOf(int dpPort) {
        Ofproto.Port p = ports.get(dpPort);
        for (Ofproto br : bridges.values()) {
            if (p != null && br.port(p.ofport) == p) {
                return br;
            }
        }
        return null;
    }

    /** The datapath port number a port name stands for (dpif_port_query_by_name()), or -1. */
    public int portNumber(String name) {
        if (name.equals("ovs-dummy")) {
            return 0;
        }
        for (Ofproto.Port p : ports.values()) {
            if (p.dpifName().equals(name)) {
                return p.dpPort;
            }
        }
        return -1;
    }

    /**
     * dpif_dummy_change_port_number(): the datapath port named {@code name} renumbered to {@code n}, which
     * neither 0, ODPP_NONE nor a port in use may be; ofproto-dpif's process_dpif_port_change() then gives its OpenFlow
     * port the new number and revalidates (REV_RECONFIGURE). Returns the error, or null.
     */
    public String changePortNumber(String name, long n) {
        Ofproto.Port p = null;
        for (Ofproto.Port q : ports.values()) {
            p = q.dpifName().equals(name) ? q : p;
        }
        if (p == null) {
            return "unknown port";
        }
        if (n == 0 || n == 0xffffffffL) {
            return "bad port number";
        }
        if (ports.containsKey((int) n)) {
            return "port number already in use";
        }
        ports.remove(p.dpPort);
        unlisten(p);
        p.dpPort = (int) n;
        register(bridgeOfPort(p), p);
        portsVersion++;
        return null;
    }

    /**
     * type_run()'s tunnel backers after a reconfiguration: a tunnel port whose options now give another datapath port
     * name than {@code before} (a dst_port changed) takes the datapath port of that name, which dpif_port_add()
     * adds (choose_port()) when none has it; the old one stays with the ports that still use it.
     */
    public void retunnel(Ofproto.Port p, String before) {
        String name = p.dpifName();
        if (!p.isTunnel() || p.dpPort < 0 || name.equals(before)) {
            return;
        }
        int n = -1;
        for (Ofproto.Port q : ports.values()) {
            if (q != p && q.dpifName().equals(name)) {
                n = q.dpPort;
            }
        }
        n = n >= 0 ? n : choosePort(name); // the old port is deleted after the new one is added
        Ofproto br = bridgeOfPort(p);
        unregister(p);
        p.dpPort = n;
        register(br, p);
        portsVersion++;
    }

    /** A port deleted (its number free again); a bridge's local port takes the bridge with it. */
    void unregister(Ofproto.Port p) {
        unlisten(p);
        if (ports.remove(p.dpPort, p)) {
            for (Ofproto br : bridges.values()) { // another tunnel port sharing the datapath port keeps it
                for (Ofproto.Port q : br.ports()) {
                    if (q != p && q.dpPort == p.dpPort) {
                        ports.putIfAbsent(q.dpPort, q);
                    }
                }
            }
        }
        tunnel = UNKNOWN;
    }

    // tnl_port_map_delete(): the last OpenFlow port of a listening port takes it away
    private void unlisten(Ofproto.Port p) {
        List<Ofproto.Port> l = listening.get(p.dpPort);
        if (l != null && l.remove(p) && l.isEmpty()) {
            listening.remove(p.dpPort);
        }
    }

    /** A deleted bridge created again: its local port back on the datapath. */
    public void restore(Ofproto br) {
        Ofproto.Port local = br.port(Ports.LOCAL);
        register(br, local);
    }

    /** A bridge deleted: its ports leave the datapath, and its megaflows with them (revalidation). */
    public void remove(Ofproto br) {
        for (Ofproto.Port p : br.ports()) { // the ports still there (LOCAL) leave with the bridge
            ports.remove(p.dpPort);
            unlisten(p);
            router.neighFlush(p.name); // xlate_ofport_remove()
        }
        tunnel = UNKNOWN;
        bridges.remove(br.name);
        bridgeArray = bridges.values().toArray(new Ofproto[0]);
        for (Megaflow m : new ArrayList<>(flows)) {
            if (m.br == br) {
                remove(m);
            }
        }
        if (bridges.isEmpty()) { // close_dpif_backer(): the last bridge's deletion deletes the datapath and its stats
            hit = missed = lost = 0;
            deleted = true;
        }
    }

    // dpcls: a subtable per megaflow mask, in creation order
    private final java.util.Map<FlowTables.MaskKey, DpclsSubtable> masks = new java.util.LinkedHashMap<>();
    /** The subtables in {@link #masks}' order, as lookups walk them. */
    private DpclsSubtable[] probed = new DpclsSubtable[0];
    /** The subtables the last flush emptied, kept with their capacity for their mask's next megaflow. */
    private final java.util.Map<FlowTables.MaskKey, DpclsSubtable> spare = new java.util.HashMap<>();
    /** The subtable the last megaflow went to (null when it may have been deleted). */
    private DpclsSubtable lastTable;
    /** Subtables probed by lookups so far (dpcls' masks hit). */
    public long maskProbes;

    /** dpcls_lookup(): the megaflow {@code flow} hits, probing one hash bucket per mask, or null. */
    public Megaflow lookup(long[] flow) {
        return lookup(null, flow);
    }

    /**
     * As {@link #lookup(long[])} for a packet that came in on bridge {@code br}: the key's in_port is a datapath
     * port, so a megaflow of another bridge's port with the same OpenFlow number is no match.
     */
    Megaflow lookup(Ofproto br, long[] flow) {
        return lookup(br, flow, false, null);
    }

    /**
     * The same with the key's ct_tuple4/6 given ({@code given}): the tuple the packet had when its pass began, which an
     * upcall's translation, having run the pass's own ct() since, no longer finds in conntrack's metadata.
     */
    private Megaflow lookup(Ofproto br, long[] flow, boolean given, Conntrack.Key tuple) {
        for (DpclsSubtable t : probed) {
            maskProbes++;
            for (Megaflow m = t.lookup(flow); m != null; m = m.next) {
                if ((br == null || m.br == br) && (m.ctMask == null || br == null || Conntrack.Key.sameMasked(m.ctTuple,
                        given ? tuple : OdpFlowFormat.ctTuple(br, flow), m.ctMask))) {
                    return m;
                }
            }
        }
        return null;
    }

    /**
     * dp_netdev_pmd_lookup_flow() of a flow put's unmasked key {@code key} (DpifNetdevFlows' slots, in_port a datapath
     * port): whether a megaflow covers it; the pmd's lookup counters untouched (flow_put_on_pmd()).
     */
    public boolean covers(long[] key) {
        int in = (int) key[Slot.IN_PORT.ordinal()];
        Ofproto.Port p = port(in);
        Ofproto br = bridgeOf(in);
        if (p == null || br == null) {
            return false;
        }
        long[] flow = key.clone();
        flow[Slot.IN_PORT.ordinal()] = p.ofport;
        long probes = maskProbes;
        try {
            Megaflow m = lookup(br, flow);
            // xlate_wc_init() makes packet_type exact in every megaflow; arplab's leave an Ethernet one's (0) wild
            return m != null && (m.mask[Slot.PACKET_TYPE.ordinal()] != 0 || flow[Slot.PACKET_TYPE.ordinal()] == 0);
        } finally {
            maskProbes = probes;
        }
    }

    /** The number of distinct megaflow masks. */
    public int maskCount() {
        return masks.size();
    }

    /**
     * One lookup of a packet with this flow (a translation's); on a miss its megaflow is installed. {@code keyMissed}:
     * the upcall's own lookup of this very key just missed (and nothing was installed since), so it is not repeated.
     */
    /** The megaflow the last {@link #pass} hit (null: it installed one, or installed none). */
    Megaflow lastHit;

    Megaflow pass(Ofproto br, long[] flow, long[] mask, String actions, int len, long now, XlateCache xc,
            boolean keyMissed, Conntrack.Key ctTuple) {
        Megaflow m = keyMissed ? null : lookup(br, flow, true, ctTuple); // the tuple of the key, as at its pass's start
        if (m != null) {
            lastHit = m;
            hit(m, flow, len, now);
            m.pushedPackets++; // the upcall's translation credited it
            m.pushedBytes += len;
            return null;
        }
        if (flows.size() >= udpif.flowLimit) {
            lost++; // should_install_flow(): "upcall: datapath reached the dynamic limit", ENOSPC
            return null;
        }
        for (Megaflow o : orphans) {
            // the same ukey: its ufid hashes the whole datapath key, the metadata's ct_tuple4 too
            if (o.br == br && o.keyIs(flow) && Conntrack.Key.sameTuple(o.ctTuple, ctTuple)) {
                lost++; // upcall_cb(): ENOSPC, "ukey installation fails"
                return null;
            }
        }
        missed++;
        udpif.countIdleDumps(now, false);
        // the key keeps the first packet's values (fresh from the translation); dpctl prints them with the mask,
        // which the megaflow shares with its subtable (dp_netdev_flow_add(): the dpcls subtable of its mask)
        DpclsSubtable t = maskTable(mask);
        Megaflow n = new Megaflow(br, flow, t, actions, xc, ctTuple);
        n.created = now;
        flows.add(n);
        if (xc.neighbourMiss) {
            udpif.unpopulated.add(n);
        }
        countComplex(n, 1);
        t.insert(n, flow);
        return n;
    }

    /**
     * Per bridge and input port, the megaflows that are not simple matches (dp_netdev_flow_add() and
     * dp_netdev_pmd_remove_flow() keep n_flows and n_simple_flows per port): none, and a hit may take the simple path.
     */
    private final Map<Ofproto, it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap> complexByPort =
            new java.util.IdentityHashMap<>();

    /** The last bridge {@link #countComplex} counted for, and its counts (most installs are one bridge's). */
    private Ofproto complexBr;
    private it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap complexPorts;

    private void countComplex(Megaflow m, int delta) {
        if (!m.simple) {
            if (m.br != complexBr) {
                complexPorts = complexByPort.computeIfAbsent(m.br,
                        b -> new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap());
                complexBr = m.br;
            }
            complexPorts.addTo(m.key(Slot.IN_PORT.ordinal()), delta);
        }
    }

    private boolean portAllSimple(Megaflow m) {
        it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap ports = complexByPort.get(m.br);
        return ports == null || ports.get(m.key(Slot.IN_PORT.ordinal())) == 0;
    }

    // dpcls_find_subtable(): most installs share the last one's mask, so that is compared before hashing the mask
    private DpclsSubtable maskTable(long[] mask) {
        DpclsSubtable t = lastTable;
        if (t == null || !java.util.Arrays.equals(t.mask, mask)) {
            FlowTables.MaskKey k = new FlowTables.MaskKey(mask);
            t = masks.get(k);
            if (t == null) {
                t = spare.remove(k);
                if (t == null) {
                    t = new DpclsSubtable(mask.clone()); // the translation's array is its scratch
                }
                masks.put(new FlowTables.MaskKey(t.mask), t);
                probed = masks.values().toArray(new DpclsSubtable[0]);
            }
            lastTable = t;
        }
        return t;
    }

    /** A packet with this flow hit megaflow {@code m}: dp_netdev_flow_used(). */
    void hit(Megaflow m, long[] flow, int len, long now) {
        hit++;
        udpif.hitPending(now);
        m.packets++;
        m.bytes += len;
        m.used = now;
        if (m.simple && portAllSimple(m)) {
            // dfc_processing()'s simple match path (every flow of the port simple): parse_tcp_flags(), TCP only
            long proto = flow[Slot.NW_PROTO.ordinal()], type = flow[Slot.DL_TYPE.ordinal()];
            if ((type == Match.ETH_IP || type == Match.ETH_IPV6) && proto == Match.PROTO_TCP
                    && (flow[Slot.NW_FRAG.ordinal()] & 2) == 0) {
                m.tcpFlags |= flow[Slot.TCP_FLAGS.ordinal()];
            }
        } else {
            // miniflow_get_tcp_flags() of the key, whatever its protocol: TCP's flags, ND's first option type
            m.tcpFlags |= flow[Slot.TCP_FLAGS.ordinal()];
        }
    }

    // dp_netdev_flow_is_simple_match()'s test of the mask (its key's recirc_id 0 is the other): no field but
    // in_port, dl_type, the VLAN's VID and CFI, nw_frag
    static boolean simpleMask(long[] mask) {
        long vidCfi = Match.VLAN_VID | Match.VLAN_CFI;
        if ((mask[Slot.VLAN_TCI.ordinal()] & vidCfi) != vidCfi) {
            return false;
        }
        for (int i : NOT_SIMPLE) {
            if (mask[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The fields a simple match's mask leaves out: all but recirc_id, in_port, packet_type, dl_type, the VLAN, nw_frag. */
    private static final int[] NOT_SIMPLE = java.util.Arrays.stream(Slot.ALL).filter(s -> switch (s) {
        case RECIRC_ID, IN_PORT, PACKET_TYPE, DL_TYPE, VLAN_TCI, VLAN_TPID, NW_FRAG -> false;
        default -> true;
    }).mapToInt(Slot::ordinal).toArray();

    /**
     * reval_op_init() of a UKEY_MODIFY: the ukey takes the revalidation's recirculation references for its actions
     * (recirc_refs_swap()) and lets the old actions' go; the one on its key's recirc_id stays. Returns its new refs.
     */
    int[] swapRecircs(Megaflow m, List<Integer> actions) {
        long keyId = m.key(Slot.RECIRC_ID.ordinal());
        List<Integer> next = new ArrayList<>(actions);
        boolean keyKept = false;
        for (int id : m.recircs) {
            if (id == keyId && !keyKept) {
                next.add(0, id);
                keyKept = true;
            } else {
                recirc.unref(id);
            }
        }
        return next.isEmpty() ? Megaflow.NO_RECIRCS : next.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Deletes a megaflow (the revalidator's verdict). */
    void remove(Megaflow m) {
        flows.remove(m);
        udpif.unpopulated.remove(m);
        recirc.unref(m.recircs); // ukey_delete__(): recirc_refs_unref()
        countComplex(m, -1);
        FlowTables.MaskKey k = new FlowTables.MaskKey(m.mask);
        DpclsSubtable t = masks.get(k);
        t.remove(m);
        if (t.isEmpty()) {
            masks.remove(k);
            probed = masks.values().toArray(new DpclsSubtable[0]);
            lastTable = null;
        }
    }


    private final java.util.BitSet meterIds = new java.util.BitSet();

    /** id_pool_alloc_id() of the backer's meter ids: the lowest free one. */
    int allocMeterId() {
        int id = meterIds.nextClearBit(0);
        meterIds.set(id);
        return id;
    }

    void freeMeterId(int id) {
        meterIds.clear(id);
    }

    public List<Megaflow> flows() {
        return flows;
    }

    /** udpif_flush(): udpif_stop_threads()' revalidator_purge() deletes the ukeys (orphans too), then the flows. */
    public void purge() {
        for (Megaflow m : flows) {
            udpif.push(m, m.ukeyCache(), m.used); // push_dp_ops(): a deleted flow's last stats, at its last use
        }
        udpif.pushPatchHits(); // every flow's: their patch ports' counts too
        flush();
        for (Megaflow m : orphans) {
            recirc.unref(m.recircs);
        }
        orphans.clear();
    }

    /** dpctl/del-flows (dpif_flow_flush()): the flows deleted, their ukeys left to the revalidator as orphans. */
    public void flush() {
        orphans.addAll(flows);
        flows.clear();
        udpif.unpopulated.clear();
        complexByPort.clear();
        complexBr = null;
        spare.clear();
        for (java.util.Map.Entry<FlowTables.MaskKey, DpclsSubtable> e : masks.entrySet()) {
            e.getValue().clear();
            spare.put(e.getKey(), e.getValue());
        }
        masks.clear();
        probed = new DpclsSubtable[0];
        lastTable = null;
    }

    /**
     * dpctl/dump-flows (every bridge's, after a header line) or dpif/dump-flows BR (only {@code only}'s): one line per
     * megaflow, in installation order (OVS's is hash order).
     */
    public String dumpFlows(Ofproto only, long now) {
        return dumpFlows(only, now, false, false);
    }

    /** odp_portno_names_set() of every datapath port with {@code names}, else none. */
    java.util.Map<Integer, String> portNames(boolean names) {
        java.util.Map<Integer, String> portNames = new java.util.HashMap<>();
        if (names) {
            portNames.put(0, "ovs-dummy");
            for (Ofproto.Port p : ports.values()) {
                portNames.put(p.dpPort, p.dpifName());
            }
        }
        return portNames;
    }

    /** The same, with {@code verbose} (-m: ufid, every field and mask, dp and dp-extra-info) and port names. */
    public String dumpFlows(Ofproto only, long now, boolean verbose, boolean names) {
        return dumpFlows(only, now, verbose, names, null);
    }

    /**
     * The same, of the flows whose key meets {@code filter} (dpctl/dump-flows filter=), or all with null
     * ({@link DpctlFormat#dumpFlows}).
     */
    public String dumpFlows(Ofproto only, long now, boolean verbose, boolean names, Match filter) {
        return DpctlFormat.dumpFlows(this, only, now, verbose, names, filter);
    }

    /** dpctl/show [-s] ({@link DpctlFormat#show}). */
    public String show(boolean stats, long now) {
        return DpctlFormat.show(this, stats, now);
    }

    /** dpif/show ({@link DpctlFormat#dpifShow}). */
    public String dpifShow(long now) {
        return DpctlFormat.dpifShow(this, now);
    }
}

package io.arplab.stack;

import io.arplab.wire.Bytes;
import io.arplab.wire.EtherType;
import io.arplab.wire.EthernetView;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.Collections;
import java.util.List;

/**
 * One Linux host's network stack, sans-I/O: the façade tools and devices call. The work is done by one class per
 * kernel file — {@link Devinet}, {@link Arp}, {@link IpInput}, {@link IpOutput}, {@link IpForward}, {@link Icmp},
 * {@link Udp}, {@link PingSockets}, {@link PacketSockets} — over the namespace state they share ({@link Netns},
 * which this class extends: the engines hold the namespace, and it is this stack).
 * Frames and the current time come in through {@link #receive} and {@link #advance}; frames go out through the
 * {@link Outbox} handed to each call. It never reads a clock, draws only from its seeded random source, and never
 * prints.
 */
public final class HostStack extends Netns {
    /** Where the stack's frames go during one call. */
    public interface Outbox {
        void transmit(NetDevice dev, byte[] frame);

        /** local_bh_enable() in a system call: the softirq carries what was sent so far (Device.Output's). */
        default void doSoftirq() {}
    }

    /** Receives the RTM_NEWNEIGH / RTM_DELNEIGH / RTM_GETNEIGH notifications {@code ip monitor neigh} shows. */
    public interface NeighbourMonitor {
        /** {@code type} is one of NeighbourTable's RTM_* message types. */
        void neighbourEvent(long now, NeighbourEntry n, int type);
    }

    /** A packet socket bound to ETH_P_ARP on one device (what arping opens): sees every ARP frame the device receives. */
    public interface PacketListener {
        /** skb->pkt_type as a packet socket sees it (linux/if_packet.h's PACKET_*, nft's {@code meta pkttype}). */
        int PACKET_HOST = io.arplab.stack.nft.Packet.PACKET_HOST;
        int PACKET_BROADCAST = io.arplab.stack.nft.Packet.PACKET_BROADCAST;
        int PACKET_MULTICAST = io.arplab.stack.nft.Packet.PACKET_MULTICAST;
        int PACKET_OTHERHOST = io.arplab.stack.nft.Packet.PACKET_OTHERHOST;

        /** {@code pktType} is skb->pkt_type: one of the {@code PACKET_*} above. */
        void frame(long now, byte[] frame, int pktType);
    }

    /**
     * A proxy entry (struct pneigh_entry): answer ARP for {@code address} on {@code dev}, or on every device when
     * null; whether rtnetlink last set it NUD_PERMANENT (a carrier loss spares only those), the NTF_* flags
     * neigh_add() last gave it (NTF_ROUTER, NTF_EXT_LEARNED) and its NDA_PROTOCOL, 0 when never given.
     */
    public record ProxyEntry(Ipv4Address address, NetDevice dev, boolean permanent, int flags, int protocol) {
        public boolean isRouter() {
            return (flags & NeighbourTable.NTF_ROUTER) != 0;
        }

        public boolean isExternLearned() {
            return (flags & NeighbourTable.NTF_EXT_LEARNED) != 0;
        }
    }

    /** A next-hop exception a redirect created (the kernel's fnhe): until {@code expires}, {@code gateway} for the destination. */
    public record Redirected(NetDevice dev, Ipv4Address gateway, long expires) {}

    // skb->pkt_type (if_packet.h's, as nft's meta pkttype has them)
    static final int PACKET_HOST = io.arplab.stack.nft.Packet.PACKET_HOST;
    static final int PACKET_BROADCAST = io.arplab.stack.nft.Packet.PACKET_BROADCAST;
    static final int PACKET_MULTICAST = io.arplab.stack.nft.Packet.PACKET_MULTICAST;
    static final int PACKET_OTHERHOST = io.arplab.stack.nft.Packet.PACKET_OTHERHOST;

    /** IP_MTU_DISCOVER values: never DF; DF when it fits, else fragment locally; always DF (too big: EMSGSIZE). */
    public static final int PMTUDISC_DONT = 0;
    public static final int PMTUDISC_WANT = 1;
    public static final int PMTUDISC_DO = 2;

    private static final int ETH = EthernetView.HEADER_LENGTH;
    private static final int ETH_P_ARP = EtherType.ARP.value();
    private static final int ETH_P_IP = EtherType.IPV4.value();


    public HostStack(String name, SeededRandom random, long now, long epochNanos) {
        super(name, random, now, epochNanos);
    }

    public String name() {
        return name;
    }

    public void setTracer(Tracer tracer) {
        this.tracer = tracer;
        if (neighbours != null) {
            neighbours.setTracer(tracer);
        }
    }

    /**
     * Puts the namespace on its kernel's clock: jiffies and the timer wheel its timers are rounded by (or a lab's
     * {@link TimerWheel#perMachine} plan, the clock then made on first need).
     */
    public void setTimerWheel(TimerWheel wheel) {
        setWheel(wheel);
        if (neighbours != null) {
            neighbours.setTimerWheel(wheel());
        }
    }

    /** The kernel's jiffies and timer wheel, for the timers of the processes in this namespace too. */
    public TimerWheel timerWheel() {
        return wheel();
    }


    /** The neighbour entries in creation order, without making a table for a host that has none. */
    public java.util.Collection<NeighbourEntry> neighbourEntries() {
        return neighbours == null ? List.of() : neighbours.entries();
    }

    /** What identifies this namespace's kernel: its arp_tbl, or the namespace while it has no table (its own). */
    public Object kernel() {
        return neighbours == null ? this : neighbours.tbl();
    }

    /**
     * Makes this namespace one of a machine's: its neighbour entries count in that kernel's arp_tbl, and only the
     * machine's initial namespace ({@code initial}) has net.ipv4.neigh.default. A stack starts as a machine of its own.
     */
    public void joinKernel(ArpTbl tbl, boolean initial) {
        if (neighbours == null) {
            makeNeighbours(tbl);
            for (NetDevice d : deviceList()) {
                d.joinedKernel(tbl.parms()); // lo came with the namespace, on the machine's kernel
            }
        } else if (neighbours.tbl() != tbl) {
            neighbours.setTbl(tbl);
            for (NetDevice d : deviceList()) {
                d.joinedKernel(tbl.parms()); // lo came with the namespace, on the machine's kernel
            }
        }
        if (parts.initialNamespace != initial) {
            own().initialNamespace = initial;
        }
    }

    /** Whether this is its kernel's initial namespace (init_net), where arp_tbl's sysctls live. */
    public boolean initialNamespace() {
        return parts.initialNamespace;
    }

    public RouteTable routes() {
        return routes;
    }

    /**
     * fib_new_table(): routing table {@code id} (neither main nor local), made by the first route added to it and
     * kept once empty. No lookup reads it: the default fib rules consult local, main and default only.
     */
    public RouteTable newTable(long id) {
        NetnsParts p = own();
        if (p.otherTables == null) {
            p.otherTables = new java.util.TreeMap<>();
        }
        return p.otherTables.computeIfAbsent(id, k -> new RouteTable());
    }

    /** Table local (255): fib_add_ifaddr()'s local and broadcast routes of the addresses, in dump order. */
    public RouteTable localTable() {
        return devinet().localTable();
    }

    /** fib_get_table(): the tables besides main made so far, by id (empty if none). */
    public java.util.SortedMap<Long, RouteTable> otherTables() {
        return parts.otherTables == null ? java.util.Collections.emptySortedMap()
                : java.util.Collections.unmodifiableSortedMap(parts.otherTables);
    }

    public List<NetDevice> devices() {
        return Collections.unmodifiableList(deviceList());
    }

    /** The devices made so far, lo only if something has needed it: for the lab's bookkeeping, which must not make lo. */
    public List<NetDevice> devicesMade() {
        return Collections.unmodifiableList(devicesSoFar());
    }

    /** The namespace's nftables ruleset (created on first use). */
    public io.arplab.stack.nft.Nftables nftables() {
        NetnsParts p = own();
        if (p.nft == null) {
            p.nft = new io.arplab.stack.nft.Nftables();
            p.nft.addresses(new io.arplab.stack.nft.Nftables.Addresses() {
                @Override
                public int masquerade(String oif, int daddr) { // nf_nat_masquerade_ipv4()
                    NetDevice out = oif == null ? null : device(oif);
                    return out == null ? 0 : selectAddress(out, daddr, NetDevice.SCOPE_UNIVERSE);
                }

                @Override
                public int redirect(String iif) { // nf_nat_redirect_ipv4()
                    NetDevice in = iif == null ? null : device(iif);
                    return in == null || in.addresses().isEmpty() ? 0 : in.addresses().get(0).address().bits();
                }
            });
        }
        return p.nft;
    }

    /** The namespace's iptables filter table (created on first use). */
    public Xtables xtables() {
        NetnsParts p = own();
        if (p.xtables == null) {
            p.xtables = new Xtables();
            p.xtables.addrTypes(this::addrType);
        }
        return p.xtables;
    }

    /** The namespace's iptables nat table (created on first use). */
    public Xtables xtablesNat() {
        NetnsParts p = own();
        if (p.xtablesNat == null) {
            p.xtablesNat = new Xtables(Xtables.NAT);
            p.xtablesNat.addrTypes(this::addrType);
        }
        return p.xtablesNat;
    }

    /**
     * Call after changing the iptables tables' rules: a conntrack match or a nat target makes the namespace track
     * connections from now on (nf_ct_netns_get() in xt_check_match()/xt_check_target()), as nft's ct expression does;
     * the nat table's built-in chains are nat chains at their hooks while they exist (nf_nat_register_fn()).
     */
    public void xtablesChanged() {
        for (Xtables xt : new Xtables[] {parts.xtables, parts.xtablesNat}) {
            if (xt != null) {
                xt.changed();
                if (xt.usesConntrack()) {
                    nftables().trackConnections();
                }
            }
        }
        Xtables nat = parts.xtablesNat;
        if (nat != null) {
            io.arplab.stack.nft.Nftables nft = nftables();
            java.util.List<io.arplab.stack.nft.Hook> present = nat.hooksPresent();
            for (io.arplab.stack.nft.Hook h : io.arplab.stack.nft.Hook.values()) {
                if (h != io.arplab.stack.nft.Hook.FORWARD) {
                    nft.natChain(h, present.contains(h) ? nat.natWalk() : null);
                }
            }
        }
    }

    /**
     * inet_dev_addr_type(): a zero or limited broadcast address is RTN_BROADCAST, a multicast one RTN_MULTICAST;
     * else the local table's route (a local address RTN_LOCAL, a subnet broadcast RTN_BROADCAST) when it is on
     * {@code dev} (null: any device), else RTN_UNICAST.
     */
    private int addrType(int a, String dev) {
        if (a == 0 || a == -1) {
            return 3;
        }
        if (isMulticast(a)) {
            return 5;
        }
        NetDevice only = dev == null ? null : device(dev);
        if (isLocalAddress(a)) {
            if (only == null) {
                return dev == null ? 2 : 1;
            }
            boolean loNet = (a >>> 24) == 127;
            for (int k = 0, m = only.addressCount(); k < m; k++) {
                if (only.addressAt(k).address().bits() == a) {
                    return 2;
                }
            }
            return loNet && only.loopback ? 2 : 1;
        }
        for (int di = 0, dn = deviceCount(); di < dn; di++) {
            NetDevice d = deviceAt(di);
            if ((only == null || only == d) && isBroadcastFor(d, a)) {
                return 3;
            }
        }
        return 1;
    }

    /** Frames the stack received and dropped (malformed, not for it). */
    public long droppedFrames() {
        return droppedFrames;
    }

    // ----------------------------------------------------------------------------------------- sysctls

    /** The neighbour parameters new devices start with: the kernel's arp_tbl.parms (net.ipv4.neigh.default.*). */
    public NeighParams defaultArpParms() {
        return tblParms();
    }

    /** The IPv4 settings new devices start with (net.ipv4.conf.default.*). */
    public DevConf defaultConf() {
        NetnsParts p = own();
        if (p.defaultConf == null) {
            p.defaultConf = Netns.LINUX_CONF.copy();
        }
        return p.defaultConf;
    }


    /** sysctl -w net.ipv4.ip_forward=0|1: also switches every device, as the kernel does (inet_forward_change). */
    public void setIpForward(boolean on) {
        setSysctl("ip_forward", on ? 1 : 0);
    }

    public int defaultTtl() {
        return parts.defaultTtl;
    }

    /** Writes net.ipv4.KEY as {@code sysctl -w} does; IllegalArgumentException when the kernel would refuse it. */
    public void setSysctl(String key, long value) {
        SysctlRegistry.Target t = SysctlRegistry.resolve("net.ipv4." + key, d -> device(d) != null && device(d).hasInetDevice());
        SysctlRegistry.Outcome o = t == null ? SysctlRegistry.Outcome.ENOENT
                : NamespaceSysctls.write(this, t, Long.toString(value));
        if (o != SysctlRegistry.Outcome.OK) {
            throw new IllegalArgumentException("sysctl 'net.ipv4." + key + "' = " + value + ": " + o.text);
        }
    }

    /** The value of net.ipv4.KEY as /proc shows it. */
    public String sysctl(String key) {
        SysctlRegistry.Target t = SysctlRegistry.resolve("net.ipv4." + key, d -> device(d) != null && device(d).hasInetDevice());
        String v = t == null ? null : NamespaceSysctls.read(this, t);
        if (v == null) {
            throw new IllegalArgumentException("unknown sysctl 'net.ipv4." + key + "'");
        }
        return v;
    }

    /**
     * Whether a broadcast ARP frame (sender not 0.0.0.0, target outside 127/8) arriving on {@code dev} can change
     * anything but when the namespace owns its target or holds an entry for its sender on {@code dev}: see
     * {@link ArpWatch}. False with a packet socket on the device (packet_rcv() queues a copy).
     */
    public boolean arpQuiet(NetDevice dev) {
        return Arp.quiet(this, dev) && (parts.packets == null || !parts.packets.bound(dev));
    }








    int storedSysctl(String path, int dflt) {
        Integer v = storedSysctlOrNull(path);
        return v != null ? v : dflt;
    }


    /** neigh_proc_base_reachable_time(): a new base_reachable_time draws a new reachable_time at once. */
    void redrawReachableTime(NeighParams p) {
        p.randomiseReachableTime(random());
    }

    // ---------------------------------------------------------------- configuration (ip link / ip addr / ip route)

    /** Creates an Ethernet device (veth end) with the host's default sysctls; returns it. */
    public NetDevice addDevice(String devName, MacAddress mac, int mtu) {
        return devinet().addDevice(devName, mac, mtu);
    }

    /**
     * The Geneve device Open vSwitch creates for its Geneve ports (genev_sys_6081: collect_md, UDP port 6081, MTU
     * 65000): frames it receives from the datapath carry a {@link io.arplab.wire.Geneve.Metadata} prefix and leave
     * encapsulated on the underlay; Geneve datagrams to 6081 come back to the datapath through it.
     */
    public NetDevice addGeneveDevice(String devName, MacAddress mac) {
        NetDevice d = devinet().addDevice(devName, mac, 65000);
        d.setKind("geneve");
        own().geneve = new Geneve(this, d);
        udp().geneve = parts.geneve;
        return d;
    }

    /** ip addr add ADDR/LEN dev DEV: the address plus its connected route (proto kernel scope link src ADDR). */
    public void addAddress(NetDevice dev, Ipv4Address addr, int prefixLength) {
        devinet().addAddress(dev, addr, prefixLength, null);
    }

    /** ip addr add ADDR/LEN brd BRD dev DEV: {@code ifaBroadcast} is the configured IFA_BROADCAST (or null). */
    public void addAddress(NetDevice dev, Ipv4Address addr, int prefixLength, Ipv4Address ifaBroadcast) {
        devinet().addAddress(dev, addr, prefixLength, ifaBroadcast);
    }

    /**
     * ip addr add ADDR/LEN [brd BRD] [scope S] dev DEV (inet_rtm_newaddr()): null when added, else the kernel's
     * extack text ("ipv4: Address already assigned", "ipv4: Invalid scope value").
     */
    public String addAddress(NetDevice dev, Ipv4Address addr, int prefixLength, Ipv4Address ifaBroadcast, int scope) {
        return devinet().newAddress(dev, addr, prefixLength, ifaBroadcast, scope);
    }

    /** ip addr add with a label (IFA_LABEL, "eth0:1"). */
    public String addAddress(NetDevice dev, Ipv4Address addr, int prefixLength, Ipv4Address ifaBroadcast, int scope,
                             String label) {
        return devinet().newAddress(dev, addr, prefixLength, ifaBroadcast, scope, label);
    }

    /** ip addr del; false when the device has no such address (the first one if several). */
    public boolean removeAddress(long now, NetDevice dev, Ipv4Address addr) {
        return devinet().removeAddress(now, dev, addr);
    }

    /** ip addr del of one of the device's addresses (__inet_del_ifa(), promote_secondaries). */
    public void removeAddress(long now, NetDevice dev, NetDevice.Address ifa) {
        devinet().deleteAddress(now, dev, ifa);
    }

    /** ip route add: the gateway must be reachable on-link through the device. */
    public void addRoute(Route r) {
        devinet().addRoute(r);
    }

    /** ip link set dev DEV address MAC: the kernel flushes the device's neighbours (NETDEV_CHANGEADDR). */
    public void setMac(long now, NetDevice dev, MacAddress mac, Outbox out) {
        devinet().setMac(now, dev, mac, out);
    }

    /**
     * br_multicast_join_snoopers(): a snooping bridge's interface, coming up, joins the all-snoopers group
     * 224.0.0.106 (ip_mc_inc_group()), which its IGMPv3 reports then announce.
     */
    public void joinSnoopers(long now, NetDevice dev) {
        igmp().join(now, dev, ALL_SNOOPERS);
    }

    /** As {@link #joinSnoopers}, done before time 0: the group is joined and its reports are past. */
    public void joinedSnoopersEarlier(long now, NetDevice dev) {
        igmp().joinedEarlier(now, dev, ALL_SNOOPERS);
    }

    /** br_multicast_leave_snoopers(): snooping turned off on a running bridge (br_multicast_toggle()). */
    public void leaveSnoopers(long now, NetDevice dev) {
        igmp().leave(now, dev, ALL_SNOOPERS);
    }

    private static final int ALL_SNOOPERS = 0xe000_006a;

    /**
     * IFF_RUNNING: a bridge's interface runs while one of its ports does (br_port_carrier_check() →
     * br_stp_enable_port(), a port forwarding at once without STP); another device, as {@link NetDevice#carrier()}.
     */
    public boolean running(NetDevice d) {
        if (!"bridge".equals(d.kind()) || !d.isUp()) {
            return d.carrier();
        }
        for (NetDevice x : devices()) {
            if (d.name.equals(x.master()) && x.carrier()) {
                return true;
            }
        }
        return false;
    }

    /** ip link set dev DEV up|down: going down flushes its neighbours and takes its routes away. */
    public void setUp(long now, NetDevice dev, boolean up, Outbox out) {
        devinet().setUp(now, dev, up, out);
    }

    /** A device as register_netdevice() leaves it when nothing opens it: down, with noop_qdisc. */
    public void registerDown(long now, NetDevice dev, Outbox out) {
        devinet().setUp(now, dev, false, out);
        dev.neverActivated();
    }

    /** ip link set dev DEV arp on|off (IFF_NOARP). */
    public void setNoarp(long now, NetDevice dev, boolean noarp) {
        devinet().setNoarp(now, dev, noarp);
    }

    public void setMtu(NetDevice dev, int mtu) {
        setMtu(0, dev, mtu);
    }

    /** ip link set dev DEV mtu N at {@code now} (an MTU under 68 takes the device's IPv4 configuration away). */
    public void setMtu(long now, NetDevice dev, int mtu) {
        devinet().setMtu(now, dev, mtu);
    }

    /** Sends a gratuitous ARP request for each address of {@code dev} (arp_notify / arping -U). */
    public void announce(long now, NetDevice dev, Outbox out) {
        arp().announce(now, dev, out);
    }

    // --------------------------------------------------------------------------------- receive and timers

    /**
     * A frame arrived on {@code dev} (__netif_receive_skb(): packet taps, then the protocol handler). What it
     * delivers to sockets reaches their listeners when the frame has been processed.
     */
    public void receive(long now, NetDevice dev, byte[] frame, Outbox out) {
        Geneve geneve = parts.geneve;
        if (geneve != null && dev == geneve.dev) {
            // what the datapath sends to its Geneve vport is this device's transmit (geneve_xmit())
            if (!dev.isUp() || !geneve.xmit(now, frame, out)) {
                droppedFrames++;
            }
            deliverQueued();
            return;
        }
        if (!dev.isUp() || frame.length < ETH) {
            droppedFrames++;
            return;
        }
        // a view of the frame's own, not a field: a flood's thousands of receivers write nothing of theirs to read it
        EthernetView e = new EthernetView(frame, 0, frame.length);
        int pktType = pktType(e.destinationBits(), dev.macBits());
        int type = e.outerTypeField();
        if (type == ETH_P_ARP) {
            if (parts.packets != null) {
                parts.packets.rcv(now, dev, frame, pktType);
            }
            arp().rcv(now, dev, frame, pktType, false, out);
        } else if (type == ETH_P_IP) {
            ipInput().rcv(now, dev, frame, pktType, out);
        } else {
            droppedFrames++; // no handler (VLAN tags need a VLAN device, which this host lacks)
        }
        deliverQueued();
    }

    public long nextDeadline() {
        // an engine not yet created has nothing pending
        long d = neighbourDeadline();
        if (parts.ipOutput != null) {
            d = Math.min(d, parts.ipOutput.loopbackDeadline());
        }
        if (parts.arp != null) {
            d = Math.min(d, parts.arp.proxyDeadline());
        }
        if (parts.tcp != null) {
            d = Math.min(d, parts.tcp.nextDeadline());
        }
        if (parts.igmp != null) {
            d = Math.min(d, parts.igmp.nextDeadline());
        }
        return parts.ipInput == null ? d : Math.min(d, parts.ipInput.nextDeadline());
    }

    /** Runs neighbour, proxy and reassembly timers due by {@code now} and delivers packets looped back to this host. */
    public void advance(long now, Outbox out) {
        drainLoopback(now, out);
        if (parts.tcp != null && parts.tcp.advance(now, out, true)) {
            deliverQueued();
        }
        advanceNeighbours(now, out);
        if (parts.arp != null) {
            parts.arp.proxyProcess(now, out);
        }
        if (parts.ipInput != null) {
            parts.ipInput.expire(now, out);
        }
        if (parts.igmp != null) {
            parts.igmp.advance(now, out);
        }
        if (parts.tcp != null && parts.tcp.advance(now, out, false)) {
            deliverQueued(); // a connect that timed out tells its reader
        }
        drainLoopback(now, out);
    }

    /**
     * eth_type_trans(): how a frame to {@code dst} was addressed, seen from a device whose address is {@code devMac}
     * (a host's interface, or a bridge's port).
     */
    /** net.bridge.bridge-nf-call-iptables: whether bridged IPv4 passes this namespace's IPv4 hooks (br_netfilter). */
    public boolean bridgeNfCallIptables() {
        return storedSysctl("net/bridge/bridge-nf-call-iptables",
                SysctlRegistry.bridgeDefault("bridge-nf-call-iptables")) != 0;
    }

    /**
     * br_nf_forward_ip(): a frame bridged between two ports of {@code br}, this namespace's bridge, through
     * NF_INET_FORWARD with in and out the bridge (iptables' FORWARD chain, nft's ip and inet forward chains); a
     * frame for another host is PACKET_HOST there (nf_bridge->pkt_otherhost). The bridge has validated the header
     * at its port (br_validate_ipv4(), LinuxBridge): only whole IPv4 headers come here.
     */
    public boolean bridgedForward(NetDevice br, byte[] frame, long now, Outbox out) {
        int pktType = pktType(io.arplab.wire.Bytes.u48(frame, 0), br.macBits());
        return nfHook(io.arplab.stack.nft.Family.IP, io.arplab.stack.nft.Hook.FORWARD, frame, 14, br, br,
                pktType == PACKET_OTHERHOST ? PACKET_HOST : pktType, 0x0800, now, out);
    }

    public static int pktType(long dst, long devMac) {
        if (MacAddress.isMulticast(dst)) { // the group bit
            return dst == MacAddress.BROADCAST.bits() ? PACKET_BROADCAST : PACKET_MULTICAST;
        }
        return dst == devMac ? PACKET_HOST : PACKET_OTHERHOST;
    }

    /** process_backlog() for lo: each looped-back datagram is received, and its socket deliveries made, in turn. */
    private void drainLoopback(long now, Outbox out) {
        if (parts.ipOutput == null) {
            return;
        }
        IpOutput.Looped l;
        while ((l = parts.ipOutput.pollLoopback(now)) != null) {
            if (l.dev().loopback) {
                ipInput().rcv(now, l.dev(), l.frame(), pktType(Bytes.u48(l.frame(), 0), l.dev().macBits()), out);
            } else {
                ipInput().rcvLooped(now, l.dev(), l.frame(), out);
            }
            deliverQueued();
        }
    }

    /** The readers wake: every socket with queued deliveries hands them to its listener, in arrival order. */
    private void deliverQueued() {
        if (parts.readySockets != null && !parts.readySockets.isEmpty()) {
            readers.accept(this::readQueued);
        }
    }

    private void readQueued() {
        // one queue at a time off the head: a reader may call the stack again (nc connects to its next port from
        // its connected() event), and what that queues must not be cleared with the queues already read
        List<SocketQueue> ready = parts.readySockets;
        while (!ready.isEmpty()) {
            ready.remove(0).drain();
        }
    }

    /** How the sockets' readers get to run: at once by default; a runtime defers it while the process is busy. */
    private java.util.function.Consumer<Runnable> readers = Runnable::run;

    /**
     * Lets the runtime decide when the processes reading this namespace's sockets run: it is handed each wake-up
     * (which reads every socket with something queued, in arrival order) and runs it now or when the process next
     * waits.
     */
    public void setReaders(java.util.function.Consumer<Runnable> readers) {
        this.readers = readers;
    }

    // ----------------------------------------------------------------------------------------- sockets

    /** Opens an ICMP echo socket with a free identifier near {@code preferred}. */
    public PingSocket openPing(int preferred, PingSocket.Listener listener) {
        return pings().open(preferred, listener);
    }

    public void close(PingSocket s) {
        pings().close(s);
    }

    /** Binds a UDP socket to {@code port} (0: an ephemeral port). */
    public UdpSocket openUdp(int port, UdpSocket.Listener listener) {
        return udp().open(port, listener);
    }

    public void close(UdpSocket s) {
        udp().close(s);
    }

    /**
     * A listening TCP socket on {@code port} (bind to every address, listen()); null when the port is in use
     * (EADDRINUSE). New connections reach the listener's {@link TcpSocket.Listener#accepted}.
     */
    public TcpSocket listenTcp(int port, TcpSocket.Listener listener) {
        return tcp().listen(port, false, listener);
    }

    /**
     * connect() of a TCP socket to {@code dst}:{@code dport} from {@code src} (0: the route's) and {@code sport}
     * (0: an ephemeral port): the SYN leaves now; the listener hears connected or failed. A connect that cannot
     * start returns a socket whose {@link #tcpError} is set (ENETUNREACH, EADDRINUSE).
     */
    public TcpSocket connectTcp(long now, Ipv4Address src, int sport, Ipv4Address dst, int dport, NetDevice bind,
                                TcpSocket.Listener listener, Outbox out) {
        return tcp().connect(now, src == null ? 0 : src.bits(), sport, dst.bits(), dport, bind, listener, out);
    }

    /** Why a connect could not start, or null. */
    public Errno tcpError(TcpSocket s) {
        return s.error;
    }

    /** write(): false when the connection can take no more data (EPIPE). */
    public boolean sendTcp(long now, TcpSocket s, byte[] data, Outbox out) {
        boolean ok = tcp().send(now, s, data, out);
        deliverQueued();
        return ok;
    }

    /** shutdown(SHUT_WR): our FIN. */
    public void shutdownTcp(long now, TcpSocket s, Outbox out) {
        tcp().shutdown(now, s, out);
        deliverQueued();
    }

    /** close(): the FIN if not sent yet; nothing more is delivered to the socket's listener. */
    public void closeTcp(long now, TcpSocket s, Outbox out) {
        tcp().close(now, s, out);
        deliverQueued();
    }

    /**
     * socket(SOCK_STREAM) + bind() to port 0: an ephemeral port held by a socket that neither connects nor listens
     * (traceroute -T's, so that its probes' source ports are nobody else's). -1 when none is free.
     */
    public int bindTcpPort() {
        return tcp().bindEphemeral();
    }

    /** close() of a socket {@link #bindTcpPort} made. */
    public void unbindTcpPort(int port) {
        tcp().unbind(port);
    }

    /**
     * socket(AF_INET, SOCK_RAW, protocol) bound to {@code src} (null: none) and connected to {@code dst}, with
     * IP_RECVERR (not ICMP: see openPing).
     */
    public RawSocket openRaw(int protocol, Ipv4Address src, Ipv4Address dst, RawSocket.Listener listener) {
        return raw().open(protocol, src == null ? 0 : src.bits(), dst.bits(), listener);
    }

    public void close(RawSocket s) {
        raw().close(s);
    }

    /** A tool's own random draw (traceroute's random_seq()): from the namespace's seeded source, so a run repeats. */
    public int randomU32() {
        return random().nextInt();
    }

    /**
     * getsockopt(IP_MTU) of a socket connected to {@code dst}: the route's path MTU (lo's for a local address).
     */
    public int connectedMtu(long now, Ipv4Address dst, NetDevice bind) {
        if (isLocalAddress(dst.bits()) && bind == null) {
            NetDevice lo = device("lo");
            return lo != null ? lo.mtu() : 65536;
        }
        Route r = route(dst.bits(), bind);
        return r == null ? 576 : pathMtu(now, dst.bits(), r.device());
    }

    /** send() on a raw socket: {@code payload} under the kernel's IPv4 header. Returns 0 or -errno. */
    public int sendRaw(long now, RawSocket s, byte[] payload, boolean dontFragment, NetDevice bind, Outbox out) {
        int rc = raw().send(now, s, payload, dontFragment, bind, out);
        deliverQueued();
        return rc;
    }

    /** The route a datagram to {@code dst} would take (null: network unreachable). */
    public Route route(Ipv4Address dst, NetDevice bind) {
        return route(dst.bits(), bind);
    }

    /** The route out of {@code oif} (null: any) as ip_route_output_key() makes it, on link when none goes there. */
    public Route outputRoute(Ipv4Address dst, NetDevice oif) {
        return outputRoute(dst.bits(), oif);
    }


    /** inet_select_addr(dev, 0, RT_SCOPE_LINK): the source of a socket bound to {@code dev} guessing "on link". */
    public Ipv4Address onLinkSource(NetDevice dev) {
        int a = selectAddress(dev, 0, NetDevice.SCOPE_LINK);
        return a == 0 ? null : Ipv4Address.of(a);
    }

    /** An echo with routing choosing the source, and DF as IP_PMTUDISC_WANT (true) or DONT (false). */
    public int sendEcho(long now, PingSocket s, Ipv4Address dst, int sequence, byte[] data, int ttl, int tos,
                        boolean dontFragment, NetDevice bind, Outbox out) {
        return sendEcho(now, s, null, dst, sequence, data, ttl, tos, dontFragment ? PMTUDISC_WANT : PMTUDISC_DONT, bind, out);
    }

    /** Like the above with the source address the socket is bound to ({@code src}, or null to let routing pick). */
    public int sendEcho(long now, PingSocket s, Ipv4Address src, Ipv4Address dst, int sequence, byte[] data, int ttl,
                        int tos, boolean dontFragment, NetDevice bind, Outbox out) {
        return sendEcho(now, s, src, dst, sequence, data, ttl, tos, dontFragment ? PMTUDISC_WANT : PMTUDISC_DONT, bind, out);
    }

    /**
     * Sends an echo request from socket {@code s} (as ping does): {@code data} is the ICMP payload; {@code pmtudisc}
     * one of the PMTUDISC_ values. Returns 0, or an {@link Errno}'s {@link Errno#negative()}.
     */
    public int sendEcho(long now, PingSocket s, Ipv4Address src, Ipv4Address dst, int sequence, byte[] data, int ttl,
                        int tos, int pmtudisc, NetDevice bind, Outbox out) {
        return pings().send(now, s, src, dst, sequence, data, ttl, tos, pmtudisc, bind, out);
    }

    /** Sends a UDP datagram from socket {@code s}. Returns 0 or -errno. */
    public int sendUdp(long now, UdpSocket s, Ipv4Address dst, int dstPort, byte[] data, int ttl, NetDevice bind, Outbox out) {
        return udp().send(now, s, null, dst, dstPort, data, ttl, 0, false, bind, out);
    }

    /** Like the above with the socket's bound source (null: routing picks), IP_TOS and DF (IP_PMTUDISC_DO/PROBE). */
    public int sendUdp(long now, UdpSocket s, Ipv4Address src, Ipv4Address dst, int dstPort, byte[] data, int ttl,
                       int tos, boolean dontFragment, NetDevice bind, Outbox out) {
        int rc = udp().send(now, s, src, dst, dstPort, data, ttl, tos, dontFragment, bind, out);
        deliverQueued(); // a local error (ip_local_error) is on the socket when sendto() returns
        return rc;
    }

    /**
     * Opens a packet socket for ARP frames arriving on {@code dev}. As in the kernel (packet_rcv runs from the
     * protocol taps in __netif_receive_skb before arp_rcv), the listener gets its copy and the stack still processes
     * the frame itself.
     */
    public Object openPacketSocket(NetDevice dev, PacketListener listener) {
        return packets().open(dev, listener);
    }

    public void closePacketSocket(Object handle) {
        packets().close(handle);
    }

    /** Sends a raw ARP frame built by a tool (arping), as a packet socket would. */
    public void sendRaw(NetDevice dev, byte[] frame, Outbox out) {
        packets().send(dev, frame, out);
    }

    // ---------------------------------------------------------------------------- neighbour administration

    /** ip neigh add|replace ADDR lladdr MAC dev DEV nud STATE (neigh_add with NEIGH_UPDATE_F_ADMIN). */
    public NeighbourEntry neighAdd(long now, NetDevice dev, Ipv4Address addr, MacAddress mac, NudState state,
                                   boolean replace, Outbox out) {
        return neighAdd(now, dev, addr, mac, state, replace, -1, out);
    }

    /**
     * As {@link #neighAdd(long, NetDevice, Ipv4Address, MacAddress, NudState, boolean, Outbox)} from rtnetlink:
     * neigh_add() passes NEIGH_UPDATE_F_OVERRIDE_ISROUTER, so the entry's NTF_ROUTER becomes {@code router} (1 or 0;
     * -1 for the ioctl of arp -s, which leaves it).
     */
    public NeighbourEntry neighAdd(long now, NetDevice dev, Ipv4Address addr, MacAddress mac, NudState state,
                                   boolean replace, int router, Outbox out) {
        return neighAdd(now, dev, addr, mac, state, replace, router, false, 0, out);
    }

    /**
     * As {@link #neighAdd(long, NetDevice, Ipv4Address, MacAddress, NudState, boolean, int, Outbox)} with
     * NTF_EXT_LEARNED ({@code externLearned}: set or cleared) and NDA_PROTOCOL ({@code protocol}, kept when 0), as
     * neigh_add() takes them: a new entry is created with the flag (exempt from GC), the protocol set before
     * __neigh_update().
     */
    public NeighbourEntry neighAdd(long now, NetDevice dev, Ipv4Address addr, MacAddress mac, NudState state,
                                   boolean replace, int router, boolean externLearned, int protocol, Outbox out) {
        NeighbourTable neighbours = neighbours();
        NeighbourEntry n = neighbours.lookup(dev, addr.bits());
        if (n != null && !replace) {
            throw new IllegalArgumentException("neighbour " + addr + " dev " + dev.name + " exists (RTNETLINK answers: "
                    + Errno.EEXIST.text + ")");
        }
        if (n == null) {
            n = neighbours.create(now, dev, addr.bits(), state == NudState.PERMANENT || externLearned);
            if (n == null) {
                throw new IllegalArgumentException("neighbour table overflow (RTNETLINK answers: "
                        + Errno.ENOBUFS.text + ")");
            }
            n.flags |= externLearned ? NeighbourTable.NTF_EXT_LEARNED : 0;
        }
        if (protocol != 0) {
            n.protocol = protocol;
        }
        int flags = NeighbourTable.F_OVERRIDE | NeighbourTable.F_ADMIN
                | (externLearned ? NeighbourTable.F_EXT_LEARNED : 0);
        if (router >= 0) {
            flags |= NeighbourTable.F_OVERRIDE_ISROUTER | (router > 0 ? NeighbourTable.F_ISROUTER : 0);
        }
        neighbours.update(now, n, mac == null ? NeighbourTable.NO_LLADDR : mac.bits(), state.bits, flags, out);
        return n;
    }

    /** ___neigh_create() as neigh_add() calls it: an entry in NUD_NONE (null when the table is full). */
    public NeighbourEntry neighCreate(long now, NetDevice dev, Ipv4Address addr, boolean exemptFromGc) {
        NeighbourEntry n = neighbour(dev, addr.bits());
        return n != null ? n : neighbours().create(now, dev, addr.bits(), exemptFromGc);
    }

    /** ip neigh del ADDR dev DEV; false when there is no such entry. */
    public boolean neighDelete(long now, NetDevice dev, Ipv4Address addr, Outbox out) {
        NeighbourEntry n = neighbour(dev, addr.bits());
        if (n == null) {
            return false;
        }
        neighbours.delete(now, n, out);
        return true;
    }

    public void addNeighbourMonitor(NeighbourMonitor m) {
        arp().addMonitor(m);
    }

    public void removeNeighbourMonitor(NeighbourMonitor m) {
        arp().removeMonitor(m);
    }

    /** ip neigh add proxy ADDR [dev DEV]; false when it exists already. */
    public boolean proxyAdd(Ipv4Address address, NetDevice dev) {
        return arp().proxyAdd(address, dev, null, 0, 0);
    }

    /**
     * ip neigh add|replace proxy ADDR [dev DEV] [nud STATE] [router] [extern_learn] [protocol P]: neigh_add() sets
     * the entry's permanence and flags, and its protocol when one is given (not 0).
     */
    public boolean proxyAdd(Ipv4Address address, NetDevice dev, boolean permanent, int flags, int protocol) {
        return arp().proxyAdd(address, dev, permanent, flags, protocol);
    }

    /** ip neigh del proxy ADDR [dev DEV]; false when there is no such entry. */
    public boolean proxyDelete(Ipv4Address address, NetDevice dev) {
        return arp().proxyDelete(address, dev);
    }

    /**
     * The proxy entries in the kernel's dump order: by pneigh_hash() bucket (a fold of the address's last four
     * bytes as a little-endian word, 16 buckets), newest first within one.
     */
    public List<ProxyEntry> proxies() {
        return parts.arp == null ? List.of() : parts.arp.proxies();
    }

    /** The redirect exception for {@code dst}, if one is in force at {@code now} (ip route get shows it). */
    public Redirected redirected(Ipv4Address dst, long now) {
        return parts.icmp == null ? null : parts.icmp.redirected(dst.bits(), now);
    }

}

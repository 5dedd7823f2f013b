package io.arplab.stack;

import io.arplab.wire.Ipv4Address;
import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * One network namespace's IPv4 state, shared by the protocol parts of {@link HostStack} (the kernel's struct net
 * with its netns_ipv4): devices and their addresses, the main routing table, the ARP table, sysctls, the IP ID.
 * The address predicates mirror inet_addr_type() and inet_select_addr() (net/ipv4/fib_frontend.c, devinet.c).
 * {@link HostStack}, the façade, extends it: a namespace is one object, and an idle host's stack no more than it.
 */
abstract class Netns extends SeededRandom implements NeighbourTable.Ops {
    static final NeighParams LINUX_NEIGH = NeighParams.linuxDefaults();
    static final DevConf LINUX_CONF = new DevConf();

    final String name;
    /** Wall-clock epoch at virtual time 0, for ICMP timestamps (data handed in, never read from a clock). */
    final long epochNanos;
    /**
     * The devices in ifindex order, lo first once it is made: on first need (see {@link #lo()}), as an idle host's
     * build and flood checks never need it, and its values are the same in every namespace but the reachable_time
     * drawn for it when the namespace was made. Null, the one device (an idle host's eth0: no list), or an ArrayList
     * from the second on (see {@link #growable()}); read through {@link #deviceCount()} and {@link #deviceAt(int)}.
     */
    private Object devices;
    /** lo's reachable_time, drawn when the namespace was made (loopback_net_init()), until lo is made. */
    private final int loReachableMs;
    final RouteTable routes = new RouteTable();
    /**
     * This namespace's part of arp_tbl, made on first need by {@link #neighbours()} (null until then: an idle host
     * has resolved nothing). This namespace is its Ops, handing each call to {@link #arp()}.
     */
    NeighbourTable neighbours;
    /** When the namespace was made: its own kernel's arp_tbl last_flush, and the origin of the periodic work. */
    private final long born;
    /** While there is no table: when neigh_periodic_work() next runs (it runs on nothing, but keeps its time). */
    private long neighPeriodic;
    /*
     * The protocol engines and the rarely set state, in one object made on first need (NONE until then): an idle
     * host has none. An engine reaches the others through the accessors below.
     */
    NetnsParts parts = NetnsParts.NONE;
    /**
     * The kernel's jiffies and timer wheel: ICMP rate limits count jiffies, timers fire on its ticks. A machine of its
     * own holds its lab's {@link TimerWheel#perMachine} plan here until {@link #wheel()} first needs its clock.
     */
    private TimerWheel wheel = TimerWheel.NOMINAL;
    /** Every local address, for the per-frame "is this for us?" test (inet_addr_type == RTN_LOCAL). */
    private int[] localAddrs = LO_ONLY;
    /** The local addresses of a namespace whose only device is lo (shared: the array is never modified). */
    private static final int[] LO_ONLY = {Ipv4Address.LOOPBACK.bits()};
    private int ipId;
    long droppedFrames;

    /**
     * NF_HOOK(): whether the frame passes the family's base chains at {@code hook}; {@code network} is where its
     * network header starts, {@code iif}/{@code oif} the devices (null where the hook has none). A reject statement
     * that dropped it has sent its ICMP error or TCP reset ({@code now}, {@code out}).
     */
    boolean nfHook(io.arplab.stack.nft.Family family, io.arplab.stack.nft.Hook hook, byte[] frame, int network,
            NetDevice iif, NetDevice oif, int pktType, int protocol, long now, HostStack.Outbox out) {
        return nfHook(family, hook, frame, network, network, iif, oif, pktType, protocol, now, out);
    }

    /** The same with skb->data at {@code data} (0: the link header already pushed, as arp_xmit()'s skb has it). */
    boolean nfHook(io.arplab.stack.nft.Family family, io.arplab.stack.nft.Hook hook, byte[] frame, int network,
            int data, NetDevice iif, NetDevice oif, int pktType, int protocol, long now, HostStack.Outbox out) {
        io.arplab.stack.nft.Nftables nft = parts.nft;
        // iptables' filter table (NF_IP_PRI_FILTER), run before the nft chains: a drop is a drop in any order; its
        // conntrack match reads what nf_conntrack_in() found for the packet (conntrack runs once a rule asked for it)
        Xtables xt = parts.xtables;
        if (xt != null && family == io.arplab.stack.nft.Family.IP) {
            io.arplab.stack.nft.Packet ct = !xt.usesConntrack() || nft == null ? null
                    : nftPacket(frame, network, data, iif, oif, pktType, protocol, now);
            if (!xt.accept(hook, frame, network, iif == null ? null : iif.name, oif == null ? null : oif.name, nft,
                    ct, now)) {
                Xtables.Reject r = xt.rejected();
                if (r != null && r != Xtables.Reject.ICMP_ECHOREPLY) { // reject_tg()
                    reject(r == Xtables.Reject.TCP_RESET ? "tcp reset" : "icmp", r.icmpCode(), frame, iif, hook,
                            now, out);
                }
                return false;
            }
        }
        if (nft == null || !nft.hooked(family, hook) && !nft.tracks(family)) {
            return true;
        }
        io.arplab.stack.nft.Packet p = nftPacket(frame, network, data, iif, oif, pktType, protocol, now);
        if (nft.accept(family, hook, p)) {
            return true;
        }
        if (p.reject != null) {
            reject(p.reject, p.rejectCode, frame, iif, hook, now, out);
        }
        return false;
    }

    // an ICMP reply or error: what only the stack's own ICMP socket sends (icmp_reply(), icmp_send())
    private static boolean fromIcmpSocket(byte[] frame) {
        int ip = 14;
        if (frame.length < ip + 20 || (frame[ip + 9] & 0xff) != 1) {
            return false;
        }
        int l4 = ip + (frame[ip] & 0x0f) * 4;
        if (frame.length <= l4) {
            return false;
        }
        int type = frame[l4] & 0xff;
        return type != 8 && type != 13 && type != 15 && type != 17;
    }

    // the namespace's nft view of the packet (parts are the namespace's own once nft exists)
    private io.arplab.stack.nft.Packet nftPacket(byte[] frame, int network, int data, NetDevice iif, NetDevice oif,
            int pktType, int protocol, long now) {
        if (parts.nftPacket == null) {
            parts.nftPacket = new io.arplab.stack.nft.Packet();
        }
        return parts.nftPacket.set(frame, network, iif == null ? null : iif.name, oif == null ? null : oif.name,
                pktType, protocol).dataAt(data).at(now);
    }

    /**
     * nft_reject_ipv4_eval(): nf_send_unreach() (icmp_send() of a destination unreachable about the packet) or
     * nf_send_reset() (a reset answering a TCP segment that is none, from the address it was sent to).
     */
    private void reject(String kind, int code, byte[] frame, NetDevice iif, io.arplab.stack.nft.Hook hook, long now,
            HostStack.Outbox out) {
        if (kind.equals("tcp reset")) {
            io.arplab.wire.Ipv4View ip = new io.arplab.wire.Ipv4View(frame, 14, frame.length - 14);
            if (ip.protocolNumber() != 6 || ip.fragmentOffset() != 0) {
                return;
            }
            io.arplab.wire.TcpView t = new io.arplab.wire.TcpView(frame, 14 + ip.headerLength(), ip.totalLength() - ip.headerLength());
            if ((t.flags() & io.arplab.wire.TcpView.RST) == 0) {
                tcp().output.sendReset(now, ip.destinationBits(), ip.sourceBits(), t, out);
            }
            return;
        }
        if (kind.equals("icmpx")) { // nft_reject_icmp_code(): the abstract codes as ICMP's
            code = new int[] {0, 3, 1, 13}[code];
        }
        if (hook == io.arplab.stack.nft.Hook.OUTPUT && fromIcmpSocket(frame)) {
            return; // icmp_xmit_lock(): the stack's ICMP socket is sending it, icmp_send() finds its lock taken
        }
        icmp().send(now, frame, io.arplab.wire.IcmpType.DESTINATION_UNREACHABLE, code, 0,
                hook == io.arplab.stack.nft.Hook.OUTPUT ? null : iif, out);
    }
    Tracer tracer = Tracer.OFF;

    /** {@code random}: the namespace's own source (get_random_u32()), which it continues as its own fields. */
    Netns(String name, SeededRandom random, long now, long epochNanos) {
        super(random);
        this.name = name;
        this.epochNanos = epochNanos;
        this.born = now;
        this.neighPeriodic = now + NeighbourTable.PERIODIC_INTERVAL;
        this.ipId = nextInt(0x10000);
        this.loReachableMs = drawReachableMs(LINUX_NEIGH);
    }

    /** The namespace's random source: itself. */
    final SeededRandom random() {
        return this;
    }

    // ------------------------------------------------------------------------------------ neighbour table

    /**
     * The neighbour table, made on first need on a kernel of its own (as neigh_table_init() made it at boot: its
     * last_flush is when the namespace was made) with the periodic work's time kept meanwhile. Making it draws
     * nothing: a device's reachable_time was drawn when the device was made, and the 300 s re-draw only reaches the
     * parameters registered with a table.
     */
    public NeighbourTable neighbours() {
        if (neighbours == null) {
            makeNeighbours(new ArpTbl(NeighbourTable.GcConfig.linuxDefaults(), born));
        }
        return neighbours;
    }

    /** Makes the table on {@code tbl}, a machine's arp_tbl this namespace joins before it has a table. */
    void makeNeighbours(ArpTbl tbl) {
        neighbours = new NeighbourTable(tbl, this, random(), born, neighPeriodic);
        neighbours.setTracer(tracer);
        neighbours.setTimerWheel(wheel());
    }

    /** The kernel's clock, made from its lab's plan on first need (the same clock whenever that is). */
    TimerWheel wheel() {
        if (wheel.isPlan()) {
            wheel = wheel.forMachine(name);
        }
        return wheel;
    }

    void setWheel(TimerWheel wheel) {
        this.wheel = wheel;
    }

    /** The entry for {@code ip} on {@code dev}, or null (without making a table). */
    NeighbourEntry neighbour(NetDevice dev, int ip) {
        return neighbours == null ? null : neighbours.lookup(dev, ip);
    }

    /** tbl->parms: what new devices copy (the kernel's defaults on a table not yet made). */
    NeighParams tblParms() {
        return neighbours == null ? LINUX_NEIGH : neighbours.tbl().parms();
    }

    private long timersArmed;

    /** Counts the wheel timers armed here (neighbours', TCP's retransmission timers): their order in a bucket. */
    @Override
    public long timerArmed() {
        return timersArmed++;
    }

    /** When the neighbour table next has work: its periodic work at least. */
    long neighbourDeadline() {
        return neighbours == null ? neighPeriodic : neighbours.nextDeadline();
    }

    /** Runs the neighbour timers due by {@code now}; without a table, the periodic work only keeps its time. */
    void advanceNeighbours(long now, HostStack.Outbox out) {
        if (neighbours != null) {
            neighbours.advance(now, out);
            return;
        }
        while (neighPeriodic <= now) {
            neighPeriodic += NeighbourTable.PERIODIC_INTERVAL;
        }
    }

    /** neigh_flush_dev() on a device (nothing to flush without a table). */
    void flushNeighbours(long now, NetDevice dev, boolean skipPermanent) {
        if (neighbours != null) {
            neighbours.flushDevice(now, dev, skipPermanent);
        }
    }

    // ------------------------------------------------------------------------------- protocol engines

    /** The namespace's own parts, made on first need. */
    NetnsParts own() {
        if (parts == NetnsParts.NONE) {
            parts = new NetnsParts();
        }
        return parts;
    }

    Arp arp() {
        NetnsParts p = own();
        if (p.arp == null) {
            p.arp = new Arp(this);
        }
        return p.arp;
    }

    Icmp icmp() {
        NetnsParts p = own();
        if (p.icmp == null) {
            p.icmp = new Icmp(this);
        }
        return p.icmp;
    }

    IpInput ipInput() {
        NetnsParts p = own();
        if (p.ipInput == null) {
            p.ipInput = new IpInput(this);
        }
        return p.ipInput;
    }

    Igmp igmp() {
        NetnsParts p = own();
        if (p.igmp == null) {
            p.igmp = new Igmp(this);
        }
        return p.igmp;
    }

    IpOutput ipOutput() {
        NetnsParts p = own();
        if (p.ipOutput == null) {
            p.ipOutput = new IpOutput(this);
        }
        return p.ipOutput;
    }

    IpForward forward() {
        NetnsParts p = own();
        if (p.forward == null) {
            p.forward = new IpForward(this);
        }
        return p.forward;
    }

    Udp udp() {
        NetnsParts p = own();
        if (p.udp == null) {
            p.udp = new Udp(this);
        }
        return p.udp;
    }

    Tcp tcp() {
        NetnsParts p = own();
        if (p.tcp == null) {
            p.tcp = new Tcp(this);
        }
        return p.tcp;
    }

    RawSockets raw() {
        NetnsParts p = own();
        if (p.raw == null) {
            p.raw = new RawSockets(this);
        }
        return p.raw;
    }

    PingSockets pings() {
        NetnsParts p = own();
        if (p.pings == null) {
            p.pings = new PingSockets(this);
        }
        return p.pings;
    }

    PacketSockets packets() {
        NetnsParts p = own();
        if (p.packets == null) {
            p.packets = new PacketSockets(this);
        }
        return p.packets;
    }

    /** devinet.c keeps no state of its own: made per configuration call. */
    Devinet devinet() {
        return new Devinet(this);
    }

    List<SocketQueue> readySockets() {
        NetnsParts p = own();
        if (p.readySockets == null) {
            p.readySockets = new ArrayList<>(1);
        }
        return p.readySockets;
    }

    // neigh->ops (arp_hh_ops / arp_generic_ops): the neighbour table's callbacks, done by Arp

    @Override
    public void solicit(long now, NeighbourEntry n, byte[] queued, HostStack.Outbox out) {
        arp().solicit(now, n, queued, out);
    }

    @Override
    public void errorReport(long now, NeighbourEntry n, byte[] frame, Route via, NetDevice iif,
                            HostStack.Outbox out) {
        arp().errorReport(now, n, frame, via, iif, out);
    }

    @Override
    public void transmit(long now, NeighbourEntry n, byte[] frame, HostStack.Outbox out) {
        arp().transmit(now, n, frame, out);
    }

    @Override
    public void notify(long now, NeighbourEntry n, int type) {
        if (parts.arp != null) {
            parts.arp.notify(now, n, type); // monitors are Arp's: none before it exists
        }
    }

    // ------------------------------------------------------------------------------------------ devices

    /** The devices made so far (lo not made here). */
    List<NetDevice> devicesSoFar() {
        return devices == null ? List.of() : devices instanceof NetDevice one ? List.of(one) : list();
    }

    int deviceCount() {
        return devices == null ? 0 : devices instanceof NetDevice ? 1 : list().size();
    }

    NetDevice deviceAt(int i) {
        return devices instanceof NetDevice one && i == 0 ? one : list().get(i);
    }

    @SuppressWarnings("unchecked")
    private List<NetDevice> list() {
        return (List<NetDevice>) devices;
    }

    /** The devices, lo first (made here on first need). */
    List<NetDevice> deviceList() {
        lo();
        return list();
    }

    /**
     * loopback_net_init(): lo, ifindex 1, with 127.0.0.1/8 and the reachable_time drawn for it when the namespace was
     * made, on the parameters of the kernel it was made on (a namespace that joins a machine's kernel makes lo first).
     */
    NetDevice lo() {
        if (deviceCount() == 0 || !deviceAt(0).loopback) {
            NetDevice lo = new NetDevice(1, "lo", 0, 65536, true, this, LINUX_NEIGH, loReachableMs);
            lo.setAddresses(NetDevice.LOOPBACK_ADDRESSES);
            growable().add(0, lo);
            if (parts.byName != null) {
                parts.byName.put(lo.name, lo);
            }
        }
        return deviceAt(0);
    }

    /** The ifindex the next device gets (lo's 1 is taken whether lo is made or not). */
    int nextIfindex() {
        int n = deviceCount();
        return n == 0 ? 2 : Math.max(2, deviceAt(n - 1).ifindex + 1);
    }

    public NetDevice device(String devName) {
        if (devName.equals("lo")) {
            return lo();
        }
        if (parts.byName != null) {
            return parts.byName.get(devName);
        }
        for (int di = 0, dn = deviceCount(); di < dn; di++) {
            NetDevice d = deviceAt(di);
            if (d.name.equals(devName)) {
                return d;
            }
        }
        return null;
    }

    public NetDevice device(int ifindex) {
        if (ifindex == 1) {
            return lo();
        }
        for (int di = 0, dn = deviceCount(); di < dn; di++) {
            NetDevice d = deviceAt(di);
            if (d.ifindex == ifindex) {
                return d;
            }
        }
        return null;
    }

    private List<NetDevice> growable() {
        if (!(devices instanceof ArrayList)) {
            devices = new ArrayList<>(devicesSoFar());
        }
        return list();
    }

    void addDevice(NetDevice d) {
        if (devices == null) {
            devices = d;
        } else {
            growable().add(d);
        }
        if (parts.byName == null && deviceCount() > 16) {
            own().byName = new Object2ObjectOpenHashMap<>();
            for (NetDevice x : list()) {
                parts.byName.put(x.name, x);
            }
        } else if (parts.byName != null) {
            parts.byName.put(d.name, d);
        }
    }

    NetDevice firstUp() {
        for (int di = 0, dn = deviceCount(); di < dn; di++) {
            NetDevice d = deviceAt(di);
            if (!d.loopback && d.isUp()) {
                return d;
            }
        }
        return null;
    }

    /** neigh_rand_reach_time() at device creation, in ms (the parameters themselves come later, on demand). */
    int drawReachableMs(NeighParams template) {
        NeighParams p = template.copy();
        p.randomiseReachableTime(random());
        return (int) (p.reachableTime / NeighParams.MS);
    }

    /** A device's own copy of the default neighbour parameters, with the reachable_time drawn at its creation. */
    NeighParams materialiseParms(NetDevice d) {
        NeighParams p = d.parmsTemplate().copy();
        p.reachableTime = d.drawnReachableMs * NeighParams.MS;
        neighbours().registerParms(p);
        return p;
    }

    // ------------------------------------------------------------------------------------------ sysctls

    /** conf/all, made this namespace's own on first use. */
    DevConf allConf() {
        NetnsParts p = own();
        if (p.allConf == null) {
            p.allConf = LINUX_CONF.copy();
        }
        return p.allConf;
    }

    /** conf/default as it stands: what a new device's values are, and what a device that never wrote one follows. */
    DevConf defaultConfInForce() {
        return parts.defaultConf != null ? parts.defaultConf : LINUX_CONF;
    }

    /** IN_DEV_ORCONF, IN_DEV_MAXCONF, ... (include/linux/inetdevice.h): a conf key's value in force on a device. */
    public int devconf(NetDevice dev, int slot) {
        DevConf all = parts.allConf != null ? parts.allConf : LINUX_CONF;
        return SysctlRegistry.combine(slot).apply(all.get(slot), dev.confValue(slot), dev.confValue(DevConf.FORWARDING));
    }

    public boolean ipForward() {
        return (parts.allConf != null ? parts.allConf : LINUX_CONF).get(DevConf.FORWARDING) != 0;
    }

    /** The host-wide keys the behaviour reads, by SysctlRegistry.NET slot, in their stored unit. */
    int netSysctl(int slot) {
        return switch (slot) {
            case 0 -> ipForward() ? 1 : 0;
            case 1 -> parts.defaultTtl;
            case 2 -> parts.icmpEchoIgnoreAll ? 1 : 0;
            case 3 -> parts.icmpEchoIgnoreBroadcasts ? 1 : 0;
            case 4 -> SysctlRegistry.nanosToJiffies(rateLimit().ratelimit);
            case 5 -> rateLimit().ratemask;
            case 6 -> rateLimit().msgsPerSec;
            case 7 -> rateLimit().msgsBurst;
            case 8 -> parts.icmpErrorsUseInboundIfaddr ? 1 : 0;
            default -> throw new IllegalArgumentException("net sysctl slot " + slot);
        };
    }

    void setNetSysctl(int slot, int v) {
        switch (slot) {
            case 1 -> own().defaultTtl = v;
            case 2 -> own().icmpEchoIgnoreAll = v != 0;
            case 3 -> own().icmpEchoIgnoreBroadcasts = v != 0;
            case 4 -> rateLimit().ratelimit = SysctlRegistry.jiffiesToNanos(v);
            case 5 -> rateLimit().ratemask = v;
            case 6 -> rateLimit().msgsPerSec = v;
            case 7 -> rateLimit().msgsBurst = v;
            case 8 -> own().icmpErrorsUseInboundIfaddr = v != 0;
            default -> throw new IllegalArgumentException("net sysctl slot " + slot);
        }
    }

    Integer storedSysctlOrNull(String path) {
        return parts.storedSysctls == null ? null : parts.storedSysctls.get(path);
    }

    void storeSysctl(String path, int v) {
        NetnsParts p = own();
        if (p.storedSysctls == null) {
            p.storedSysctls = new HashMap<>();
        }
        p.storedSysctls.put(path, v);
    }

    IcmpRateLimit rateLimit() {
        NetnsParts p = own();
        if (p.icmpRateLimit == null) {
            p.icmpRateLimit = new IcmpRateLimit();
        }
        return p.icmpRateLimit;
    }

    /** ip_select_ident() for the datagrams this host builds. */
    int nextIpId() {
        ipId = (ipId + 1) & 0xffff;
        return ipId;
    }

    // -------------------------------------------------------------------------------- address predicates

    /**
     * __mkroute_output(): a route to one of our addresses leaves through lo, and without lo's in_device (its MTU under
     * IPV4_MIN_MTU, inetdev_destroy()) it fails with EINVAL: connect(), sendmsg(), `ip route get` and our ICMP errors.
     */
    public boolean localRouteRefused() {
        NetDevice lo = deviceCount() == 0 ? null : deviceAt(0);
        return lo != null && lo.loopback && !lo.hasInetDevice();
    }

    /** inet_addr_type() == RTN_LOCAL: one of this host's addresses, on any device. */
    public boolean isLocalAddress(int a) {
        for (int x : localAddrs) {
            if (x == a) {
                return true;
            }
        }
        boolean loopbackNet = (a >>> 24) == 127;
        if (deviceCount() == 0 || !deviceAt(0).loopback) {
            return loopbackNet; // lo not made yet: its 127.0.0.1/8 to come
        }
        // fib_add_ifaddr(): a primary address of an up loopback device makes its whole prefix local (local
        // 127.0.0.0/8, local 172.28.0.0/16 after ip addr add 172.28.0.11/16 dev lo), but for the prefix's broadcast
        // (broadcast 127.255.255.255, a longer match: inet_addr_type() is RTN_BROADCAST); 127/8 stays local on lo down
        NetDevice lo = deviceAt(0);
        for (int k = 0, m = lo.addressCount(); k < m; k++) {
            NetDevice.Address x = lo.addressAt(k);
            if (!x.matches(a)) {
                continue;
            }
            boolean routed = lo.isUp() && !x.secondary() && x.prefixLength() < 32 && (x.network().bits() >>> 24) != 0;
            if (routed && x.prefixLength() < 31 && a == (x.address().bits() | ~Ipv4Address.netmask(x.prefixLength()))) {
                return false;
            }
            if (routed || loopbackNet) {
                return true;
            }
        }
        return false;
    }

    /** fib_sync_down_dev() / fib_sync_down_addr() then fib_flush(): routes go from every table, main and the others. */
    void removeRoutesIf(java.util.function.Predicate<Route> which) {
        routes.removeIf(which);
        if (parts.otherTables != null) {
            parts.otherTables.values().forEach(t -> t.removeIf(which));
        }
    }

    void refreshLocalAddresses() {
        boolean loMade = deviceCount() > 0 && deviceAt(0).loopback;
        int n = loMade ? 0 : NetDevice.LOOPBACK_ADDRESSES.size(); // lo not made yet: its 127.0.0.1 first
        for (int di = 0, dn = deviceCount(); di < dn; di++) {
            NetDevice d = deviceAt(di);
            n += d.addressCount();
        }
        int[] all = new int[n];
        int i = 0;
        for (int j = 0; !loMade && j < NetDevice.LOOPBACK_ADDRESSES.size(); j++) {
            all[i++] = NetDevice.LOOPBACK_ADDRESSES.get(j).address().bits();
        }
        for (int di = 0, dn = deviceCount(); di < dn; di++) {
            NetDevice d = deviceAt(di);
            for (int k = 0, m = d.addressCount(); k < m; k++) {
                all[i++] = d.addressAt(k).address().bits();
            }
        }
        localAddrs = all;
        configChanged();
    }

    /** The local addresses as an array that is never modified (a new one replaces it on change). */
    public int[] localAddresses() {
        return localAddrs;
    }

    /**
     * The devices with an {@link ArpWatch}: null, the one device (most hosts have one), or an array of them. A host
     * with thousands of bridge ports has none, so a change is not told to every device.
     */
    private Object watched;

    void watched(NetDevice d) {
        if (watched == null || watched == d) {
            watched = d;
        } else if (watched instanceof NetDevice one) {
            watched = new NetDevice[] {one, d};
        } else if (!java.util.Arrays.asList((NetDevice[]) watched).contains(d)) {
            NetDevice[] a = java.util.Arrays.copyOf((NetDevice[]) watched, ((NetDevice[]) watched).length + 1);
            a[a.length - 1] = d;
            watched = a;
        }
    }

    /** Tells the devices' watchers that what decides their reaction to ARP may have changed. */
    void configChanged() {
        if (watched instanceof NetDevice one) {
            one.arpWatch.configChanged();
        } else if (watched != null) {
            for (NetDevice d : (NetDevice[]) watched) {
                d.arpWatch.configChanged();
            }
        }
    }

    /** inet_current_timestamp(): the wall clock's ms since midnight UTC (an ICMP or IP option timestamp). */
    int inetCurrentTimestamp(long now) {
        return (int) Math.floorMod((epochNanos + now) / 1_000_000L, 86_400_000L);
    }

    /** inet_addr_type() == RTN_UNICAST: not local, broadcast, multicast or zero. */
    boolean isUnicastAddress(int a) {
        if (a == 0 || a == -1 || isMulticast(a) || isLocalAddress(a)) {
            return false;
        }
        for (int di = 0, dn = deviceCount(); di < dn; di++) {
            NetDevice d = deviceAt(di);
            if (isBroadcastFor(d, a)) {
                return false;
            }
        }
        return true;
    }

    /** ip_route_input_slow()'s fib_lookup() result is RTN_BROADCAST: the device of that route of table local, or null. */
    NetDevice broadcastRouteDevice(int a) {
        return devinet().broadcastRouteDevice(a);
    }

    /**
     * The input route of a datagram delivered to us is RTCF_BROADCAST or RTCF_MULTICAST (brd_input, a multicast
     * route): __udp4_lib_rcv() hands it to __udp4_lib_mcast_deliver() and __icmp_send() answers it with no error.
     */
    boolean broadcastInput(int daddr) {
        return daddr == -1 || isMulticast(daddr) || !isLocalAddress(daddr) && broadcastRouteDevice(daddr) != null;
    }

    static boolean isBroadcastFor(NetDevice dev, int a) {
        for (int i = 0, n = dev.addressCount(); i < n; i++) {
            NetDevice.Address x = dev.addressAt(i);
            if (x.broadcast() != null && x.broadcast().bits() == a
                    || x.ifaBroadcast() != null && x.ifaBroadcast().bits() == a) {
                return true;
            }
        }
        return false;
    }

    static boolean onLink(NetDevice dev, int a) {
        for (int i = 0, n = dev.addressCount(); i < n; i++) {
            NetDevice.Address x = dev.addressAt(i);
            if (((x.address().bits() ^ a) & Ipv4Address.netmask(x.prefixLength())) == 0) {
                return true;
            }
        }
        return false;
    }

    static boolean isMulticast(int a) {
        return (a & 0xf000_0000) == 0xe000_0000;
    }

    /**
     * ip_route_input_slow()'s source checks with fib_validate_source(): whether a packet from {@code saddr} may come
     * in on {@code dev} to be delivered here ({@code oif} null) or forwarded out of {@code oif}. One of our own
     * addresses is a martian (unless accept_local); with rp_filter the route back to the sender must leave through
     * {@code dev} (1, strict) or exist (2, loose).
     */
    boolean validSource(NetDevice dev, int saddr, NetDevice oif) {
        if (isMulticast(saddr) || saddr == -1 || (saddr >>> 24) == 127 && devconf(dev, DevConf.ROUTE_LOCALNET) == 0) {
            return false;
        }
        int rpf = devconf(dev, DevConf.RP_FILTER);
        boolean acceptLocal = devconf(dev, DevConf.ACCEPT_LOCAL) != 0;
        if (rpf == 0 && (oif != dev || devconf(dev, DevConf.SEND_REDIRECTS) == 0)) {
            return acceptLocal || !isLocalAddress(saddr); // inet_lookup_ifaddr_rcu(): "within the same container"
        }
        // __fib_validate_source(): the route back to saddr
        NetDevice via = null;
        if (isLocalAddress(saddr)) {
            if (!acceptLocal) {
                return false;
            }
            for (int di = 0, dn = deviceCount(); di < dn; di++) {
                NetDevice d = deviceAt(di);
                via = d.hasAddress(saddr) ? d : via;
            }
        } else {
            for (int di = 0, dn = deviceCount(); di < dn; di++) {
                NetDevice d = deviceAt(di);
                if (isBroadcastFor(d, saddr)) {
                    return false;
                }
            }
            Route r = routes.lookup(saddr);
            if (r == null) {
                return rpf == 0; // last_resort
            }
            if (r.type() != Route.UNICAST) {
                return false;
            }
            via = r.device();
        }
        if (via == dev) {
            return true;
        }
        if (dev.addressCount() == 0) {
            return rpf == 0; // last_resort
        }
        return rpf != 1;
    }

    /**
     * rt_set_nexthop(): a route's gateway is used only when its nexthop has scope link; fib_check_nh_v4_gw() gives a
     * gateway that is one of our own addresses scope host, so the destination is reached as if on-link.
     */
    public boolean usesGateway(Route r) {
        return r.gateway() != null && !isLocalAddress(r.gateway().bits());
    }

    /** fib_result_prefsrc(): the route's preferred source, else inet_select_addr() on its device with its scope. */
    int sourceFor(Route r, int dst) {
        if (r.prefsrc() != null) {
            return r.prefsrc().bits();
        }
        int scope = "host".equals(r.scope()) ? NetDevice.SCOPE_HOST
                : "link".equals(r.scope()) ? NetDevice.SCOPE_LINK : NetDevice.SCOPE_UNIVERSE;
        return selectAddress(r.device(), r.gateway() != null ? r.gateway().bits() : dst, scope);
    }

    /** IN_DEV_ROUTE_LOCALNET lets scope host addresses count as scope link. */
    private int localnetScope(NetDevice dev) {
        return devconf(dev, DevConf.ROUTE_LOCALNET) != 0 ? NetDevice.SCOPE_LINK : NetDevice.SCOPE_HOST;
    }

    /**
     * inet_select_addr(dev, dst, scope): a primary address of the device (in dst's subnet if it has one), else the
     * first suitable primary address of any device, lo first.
     */
    int selectAddress(NetDevice dev, int dst, int scope) {
        int addr = dev.selectAddress(dst, scope, localnetScope(dev));
        for (int i = 0; addr == 0 && i < deviceList().size(); i++) {
            addr = deviceAt(i).anyAddress(scope);
        }
        return addr;
    }

    /**
     * inet_confirm_addr(): {@code local} (or, when 0, any address) of scope at most {@code scope} is on the device
     * (on any device when {@code inDev} is null), and one of that device's subnets holds local and dst.
     */
    boolean confirmAddress(NetDevice inDev, int dst, int local, int scope) {
        if (inDev != null) {
            return confirmAddressOn(inDev, dst, local, scope) != 0;
        }
        for (NetDevice d : deviceList()) {
            if (confirmAddressOn(d, dst, local, scope) != 0) {
                return true;
            }
        }
        return false;
    }

    /** confirm_addr_indev(). */
    private int confirmAddressOn(NetDevice dev, int dst, int local, int scope) {
        int localnet = localnetScope(dev);
        int addr = 0;
        boolean same = false;
        for (int i = 0, n = dev.addressCount(); i < n; i++) {
            NetDevice.Address a = dev.addressAt(i);
            int minScope = Math.min(a.scope(), localnet);
            int ifaLocal = a.address().bits();
            if (addr == 0 && (local == ifaLocal || local == 0) && minScope <= scope) {
                addr = ifaLocal;
                if (same) {
                    break;
                }
            }
            if (!same) {
                same = (local == 0 || a.matches(local)) && (dst == 0 || a.matches(dst));
                if (same && addr != 0) {
                    if (local != 0 || dst == 0) {
                        break;
                    }
                    if (a.matches(addr)) {
                        break;
                    }
                    if (minScope <= scope) {
                        addr = ifaLocal;
                        break;
                    }
                    same = false;
                }
            }
        }
        return same ? addr : 0;
    }

    /** inet_addr_onlink(): one subnet of the device holds both {@code a} and {@code b} (b 0: a alone). */
    static boolean addrOnlink(NetDevice dev, int a, int b) {
        for (int i = 0, n = dev.addressCount(); i < n; i++) {
            NetDevice.Address x = dev.addressAt(i);
            if (x.matches(a) && (b == 0 || x.matches(b))) {
                return true;
            }
        }
        return false;
    }

    Route route(int dst, NetDevice bind) {
        return bind != null ? routes.lookup(dst, bind) : routes.lookup(dst);
    }

    /**
     * ip_route_output_key_hash_rcu(): with an output device given (a bound socket, `ip route get ... oif`) and no
     * route through it, "assume that the destination is on link" while the device is up.
     */
    Route outputRoute(int dst, NetDevice oif) {
        Route r = route(dst, oif);
        if (r == null && oif != null && oif.isUp()) {
            r = new Route(Ipv4Address.of(dst), 32, null, oif, "kernel", "link", null, 0, Route.UNICAST);
        }
        return r;
    }

    /** The source address a datagram to {@code dst} would carry, or null when unroutable. */
    public Ipv4Address sourceAddress(Ipv4Address dst, NetDevice bind) {
        if (isLocalFor(dst.bits(), bind)) {
            return localRouteSource(dst);
        }
        Route r = route(dst.bits(), bind);
        if (r == null && bind != null && bind.assumesOnLink()) {
            // ip_route_output_key_hash_rcu(): no route through the bound device, "assume that the destination is
            // on link", source inet_select_addr(dev, 0, RT_SCOPE_LINK): 0.0.0.0 when no device has one to give
            return Ipv4Address.of(selectAddress(bind, 0, NetDevice.SCOPE_LINK));
        }
        return r == null ? null : Ipv4Address.of(sourceFor(r, dst.bits()));
    }

    /**
     * ip_route_output_key_hash_rcu()'s RTN_LOCAL source: the prefsrc of the longest local route to {@code dst} in table
     * local, as fib_add_ifaddr() made it (a secondary's the primary of its subnet, a loopback prefix's its primary:
     * 127.0.40.1 is reached from 127.0.0.1); the destination itself when none matches.
     */
    private Ipv4Address localRouteSource(Ipv4Address dst) {
        Route best = localRoute(dst.bits());
        return best == null || best.prefsrc() == null ? dst : best.prefsrc();
    }

    /**
     * inet_iif() of a datagram to our own {@code dst} that came back in through lo: ip_route_output_key_hash_rcu()
     * sets orig_oif to the RTN_LOCAL route's device (FIB_RES_OIF, "make sure orig_oif points to fib result device"),
     * which becomes the route's rt_iif (lo when no local route matches).
     */
    NetDevice localInputDevice(int dst) {
        Route best = localRoute(dst);
        return best == null ? deviceAt(0) : best.device();
    }

    /**
     * An output route to our own {@code a} through {@code oif} (null: any) is RTN_LOCAL only when its local route is
     * on that device: fib_lookup_good_nhc() skips a nexthop on another device than flowi4_oif, and the lookup goes on
     * to the main table (then "assume on link").
     */
    public boolean isLocalFor(int a, NetDevice oif) {
        return isLocalAddress(a) && (oif == null || localInputDevice(a) == oif);
    }

    /** The longest RTN_LOCAL route of table local matching {@code dst}, or null. */
    private Route localRoute(int dst) {
        Route best = null;
        for (Route r : devinet().localTable().routes()) {
            if (r.type() == Route.LOCAL && r.matches(dst) && (best == null || r.prefixLength() > best.prefixLength())) {
                best = r;
            }
        }
        return best;
    }

    /** net.ipv4.route.mtu_expires (ip_rt_mtu_expires, 10 min) and min_pmtu (ip_rt_min_pmtu). */
    static final long IP_RT_MTU_EXPIRES = 600 * NeighParams.SECOND;
    static final int IP_RT_MIN_PMTU = 512 + 20 + 20;

    /** ipv4_mtu(): the learned path MTU to {@code daddr} while it has not expired, else the device's. */
    int pathMtu(long now, int daddr, NetDevice dev) {
        long[] e = parts.pmtuExceptions == null ? null : parts.pmtuExceptions.get(daddr);
        if (e == null || now >= e[1]) {
            return dev.mtu();
        }
        return (int) Math.min(e[0], dev.mtu());
    }

    /** __ip_rt_update_pmtu(): a Fragmentation Needed about {@code daddr} lowers its path MTU for ip_rt_mtu_expires. */
    void updatePmtu(long now, int daddr, int mtu, NetDevice dev) {
        int old = pathMtu(now, daddr, dev);
        if (old < mtu) {
            return;
        }
        boolean lock = false;
        if (mtu < IP_RT_MIN_PMTU) {
            lock = true;
            mtu = Math.min(old, IP_RT_MIN_PMTU);
        }
        NetnsParts p = own();
        if (p.pmtuExceptions == null) {
            p.pmtuExceptions = new it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap<>(1);
        }
        long[] e = p.pmtuExceptions.get(daddr);
        if (e != null && e[0] == mtu && !lock && now < e[1] - IP_RT_MTU_EXPIRES / 2) {
            return;
        }
        p.pmtuExceptions.put(daddr, new long[] {mtu, now + IP_RT_MTU_EXPIRES});
    }
}

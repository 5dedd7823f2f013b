package io.arplab.stack;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.List;

/** One network interface of a host stack (the kernel's net_device plus its in_device configuration). */
public final class NetDevice {
    /** RT_SCOPE_UNIVERSE, RT_SCOPE_LINK, RT_SCOPE_HOST (include/uapi/linux/rtnetlink.h). */
    public static final int SCOPE_UNIVERSE = 0;
    public static final int SCOPE_LINK = 253;
    public static final int SCOPE_HOST = 254;

    /**
     * An IPv4 address on the device, with its prefix (the kernel's in_ifaddr). {@code broadcast} is the directed
     * broadcast the stack answers to; {@code ifaBroadcast} is the IFA_BROADCAST attribute as configured ({@code ip
     * addr add ... brd +}), which {@code ip addr} prints, or null when none was given. {@code scope} is ifa_scope
     * ({@link #SCOPE_UNIVERSE}, {@link #SCOPE_LINK}, {@link #SCOPE_HOST}); {@code secondary} is IFA_F_SECONDARY.
     */
    public record Address(Ipv4Address address, int prefixLength, Ipv4Address broadcast, String label,
                          Ipv4Address ifaBroadcast, int scope, boolean secondary) {
        public Address(Ipv4Address address, int prefixLength, Ipv4Address broadcast, String label) {
            this(address, prefixLength, broadcast, label, null);
        }

        public Address(Ipv4Address address, int prefixLength, Ipv4Address broadcast, String label,
                       Ipv4Address ifaBroadcast) {
            this(address, prefixLength, broadcast, label, ifaBroadcast,
                    address.isLoopback() ? SCOPE_HOST : SCOPE_UNIVERSE, false);
        }

        /** inet_ifa_match(): {@code a} is in this address's subnet. */
        public boolean matches(int a) {
            return ((a ^ address.bits()) & Ipv4Address.netmask(prefixLength)) == 0;
        }

        Address withSecondary(boolean s) {
            return new Address(address, prefixLength, broadcast, label, ifaBroadcast, scope, s);
        }

        public Ipv4Address network() {
            return address.masked(prefixLength);
        }
    }

    // Idle hosts are many, each with three devices (lo, eth0, its veth's end on the bridge), so a device keeps in
    // its own fields what every device uses and in {@link Extras}, made on first need, what few do.
    public final int ifindex;
    private long mac;
    public final String name;
    private Netns owner;
    /** The other end of a veth pair (a device of another host's stack), or null. */
    public NetDevice peer;
    /**
     * The device's addresses in the kernel's order (ifa_list), replaced on each change: null, the one address (an
     * idle host's eth0 has one: no list), or an immutable list of two or more. Read through {@link #addressCount()}
     * and {@link #addressAt(int)} on paths run per frame.
     */
    private Object addresses;
    /**
     * The device's neighbour parameters once its own ({@link #ownParms}); until then tbl->parms as they were when the
     * device was created, what {@link #arpParms()} copies.
     */
    private NeighParams parms;
    /** The bridge this device is a port of, told when the port stops running (br_port_carrier_check()), or null. */
    public BridgeMaster bridge;
    /** Told of the device's neighbour entries and of configuration changes (a flood index), or null. */
    ArpWatch arpWatch;
    /** Counters, conf values and rarely set attributes, or null while the device has none of them. */
    private Extras extras;
    private int mtu;
    /** The reachable_time drawn for this device when it was created (milliseconds). */
    int drawnReachableMs;
    /** The id this namespace gives the peer's namespace (IFLA_LINK_NETNSID), or -1 when none. */
    private int linkNetnsId = -1;
    public final boolean loopback;
    private boolean up = true;
    /** dev_activate() has run once: the device has its default qdisc (noqueue) instead of noop_qdisc. */
    private boolean activated = true;
    private boolean ownParms;
    /** IFLA_INFO_KIND as its index in {@link #KINDS}. */
    private byte kind;

    /** A Linux bridge as its ports' devices see it: br_stp_disable_port() when one stops running. */
    public interface BridgeMaster {
        String name();

        void portDisabled(String portName, long now);

        /** br_stp_enable_port(): the port runs again (up, with its carrier) and begins forwarding. */
        default void portEnabled(String portName, long now) {
        }
    }

    /** IFLA_INFO_KIND values a device may have (none: a plain device). */
    private static final String[] KINDS = {null, "veth", "bridge", "openvswitch", "tun", "geneve"};

    public NetDevice(int ifindex, String name, long mac, int mtu, boolean loopback, NeighParams arpParms, DevConf conf) {
        this.ifindex = ifindex;
        this.name = name;
        this.mac = mac;
        this.mtu = mtu;
        this.loopback = loopback;
        this.parms = arpParms;
        this.ownParms = arpParms != null;
        if (conf != null) {
            extras().conf = conf;
        }
    }

    /** A device of {@code owner} whose parameters and conf values are the host's defaults until first needed. */
    NetDevice(int ifindex, String name, long mac, int mtu, boolean loopback, Netns owner, NeighParams parmsTemplate) {
        this(ifindex, name, mac, mtu, loopback, owner, parmsTemplate, owner.drawReachableMs(parmsTemplate));
    }

    /** The same with its reachable_time drawn earlier (lo, made on first need). */
    NetDevice(int ifindex, String name, long mac, int mtu, boolean loopback, Netns owner, NeighParams parmsTemplate,
              int drawnReachableMs) {
        this(ifindex, name, mac, mtu, loopback, (NeighParams) null, null);
        this.owner = owner;
        this.parms = parmsTemplate;
        this.drawnReachableMs = drawnReachableMs;
    }

    /** IFLA_INFO_KIND: "veth", "bridge", "openvswitch", "tun", "geneve", or null for a plain device. */
    public String kind() {
        return KINDS[kind];
    }

    /**
     * A tunnel's device (geneve: genev_sys_6081): what it carries is captured on the underlay, as outer frames; its
     * own frames hold the tunnel's metadata ahead of the inner Ethernet header.
     */
    public boolean isTunnel() {
        return "geneve".equals(kind());
    }

    public void setKind(String k) {
        int i = java.util.Arrays.asList(KINDS).indexOf(k);
        if (i < 0) {
            throw new IllegalArgumentException("unknown device kind " + k);
        }
        kind = (byte) i;
    }

    /** The name of the bridge this device is a port of (iproute2's "master"), or null. */
    public String master() {
        return bridge != null ? bridge.name() : extras != null ? extras.master : null;
    }

    /** Makes the device a port of a master that is not told of its state (a TAP port of a bridge). */
    public void setMaster(String master) {
        extras().master = master;
    }

    /** "eth0@if72" style peer index (iproute2 prints it for veth); 0 when the device has no peer. */
    public int peerIfindex() {
        return peer != null ? peer.ifindex : 0;
    }

    /** The id this namespace gives the peer's namespace (IFLA_LINK_NETNSID), or -1 when none. */
    public int linkNetnsId() {
        return linkNetnsId;
    }

    public void setLinkNetnsId(int id) {
        linkNetnsId = id;
    }

    /** The peer namespace's name when it has one ({@code ip netns}); iproute2 then prints "link-netns NAME". */
    public String linkNetnsName() {
        return extras != null ? extras.linkNetnsName : null;
    }

    public void setLinkNetnsName(String netnsName) {
        if (netnsName != null || extras != null) {
            extras().linkNetnsName = netnsName;
        }
    }

    /**
     * IFLA_CARRIER_CHANGES: carrier_up_count + carrier_down_count; a veth end starts at two (veth_newlink(): its
     * carrier off once registered, then on when both ends are up).
     */
    public int carrierChanges() {
        return (peer != null ? 2 : 0) + (extras != null ? extras.carrierChanges : 0);
    }

    /**
     * The device's own conf values, made its own on first use as a copy of conf/default: until then it follows
     * conf/default, which is what devinet_copy_dflt_conf() gives a device that never set a key (idle hosts are many).
     */
    public DevConf conf() {
        Extras x = extras();
        if (x.conf == null) {
            x.conf = owner.defaultConfInForce().copy();
        }
        return x.conf;
    }

    /** A conf key's stored value on this device, without making the values its own. */
    int confValue(int slot) {
        DevConf conf = extras != null ? extras.conf : null;
        return (conf != null ? conf : owner.defaultConfInForce()).get(slot);
    }

    /** devinet_copy_dflt_conf(): a conf/default write reaches the device unless it set the key itself. */
    void inheritConf(int slot, int value) {
        if (extras != null && extras.conf != null) {
            extras.conf.inherit(slot, value); // a device still following conf/default sees the write already
        }
    }

    /** tbl->parms as they were when the device was created (read before {@link #arpParms()} makes its own). */
    NeighParams parmsTemplate() {
        return parms;
    }

    /** The namespace joined a machine's kernel: the device was made from that kernel's arp_tbl.parms. */
    void joinedKernel(NeighParams tblParms) {
        if (!ownParms) {
            parms = tblParms;
        }
    }

    /**
     * The device's neighbour parameters (/proc/sys/net/ipv4/neigh/DEV), with its reachable_time drawn at random
     * when the device was created. Thousands of bridge-port devices never need theirs, so they exist on demand.
     */
    public NeighParams arpParms() {
        if (!ownParms) {
            parms = owner.materialiseParms(this);
            ownParms = true;
        }
        return parms;
    }

    /** Has {@code w} told of the device's neighbour entries and of its namespace's configuration changes. */
    public void watchArp(ArpWatch w) {
        arpWatch = w;
        if (owner != null) {
            owner.watched(this);
        }
    }

    public ArpWatch arpWatch() {
        return arpWatch;
    }

    /** The namespace the device belongs to (null for a device made outside a host stack). */
    Netns owner() {
        return owner;
    }

    /** IFF_RUNNING for a veth: its peer is up (a device without a peer always has carrier). */
    public boolean carrier() {
        return up && (peer == null || peer.up);
    }

    boolean hasArpParms() {
        return ownParms;
    }

    public long macBits() {
        return mac;
    }

    public MacAddress mac() {
        return MacAddress.of(mac);
    }

    void setMac(long mac) {
        this.mac = mac;
    }

    /**
     * __in_dev_get_rtnl(dev) != NULL: the device has its IPv4 configuration (conf/DEV, neigh/DEV, arp_cache parms).
     * inetdev_event(NETDEV_CHANGEMTU) destroys it below IPV4_MIN_MTU (68) and creates it again above.
     */
    public boolean hasInetDevice() {
        return mtu >= 68;
    }

    /**
     * ip_route_output_key_hash_rcu(): with no route through a socket's bound device, the destination is assumed on
     * link while the device is up with its in_device (addresses or none).
     */
    public boolean assumesOnLink() {
        return isUp() && hasInetDevice();
    }

    public int mtu() {
        return mtu;
    }

    void setMtu(int mtu) {
        this.mtu = mtu;
    }

    public boolean isUp() {
        return up;
    }

    /** Whether the device was ever up: until dev_activate() attaches its default qdisc, IFLA_QDISC is "noop". */
    public boolean activated() {
        return activated;
    }

    /** A device registered down and never opened since (an OVS internal port nobody set up). */
    void neverActivated() {
        activated = false;
    }

    void setUp(boolean up) {
        syncSkippedFloods(); // what was skipped so far counted with the carrier it had
        if (peer != null) {
            peer.syncSkippedFloods();
        }
        boolean carrier = carrier();
        this.up = up;
        activated |= up;
        if (peer != null && carrier != carrier()) {
            extras().carrierChanges++; // veth_open() / veth_close(): netif_carrier_on() / netif_carrier_off() of both ends
            peer.extras().carrierChanges++;
        }
    }

    /**
     * What a device has once it carries frames or is configured beyond the defaults. Frames and bytes (Ethernet
     * header included) it received and sent, and the broadcasts it was not handed because the simulator skips hosts
     * an ARP broadcast cannot change: those still count as received, as veth_xmit() counts every frame it passes,
     * taken lazily from the flood group's running {frames, bytes} so that a flood costs what it changes. Its own
     * conf values, a master that is not a {@link BridgeMaster}, the peer namespace's name, the carrier changes since
     * it was created, and the frames it dropped for want of carrier (tx_dropped).
     */
    private static final class Extras {
        long rxPackets, rxBytes, txPackets, txBytes, txDropped;
        long[] floodTotals;
        long seenFrames, seenBytes;
        /** conf/DEV (in_device->cnf); null while the device follows its namespace's conf/default. */
        DevConf conf;
        String master;
        String linkNetnsName;
        int carrierChanges;
        /** Addresses a user added to dev->uc or dev->mc (ndo_dflt_fdb_add()), in the order added. */
        List<MacAddress> fdbAddrs;
        /** Addresses SIOCADDMULTI made global in dev->mc (ip maddr add), in the order added. */
        List<MacAddress> globalMc;
        /** IFF_NOARP set by ip link set DEV arp off. */
        boolean noarp;
        /** dev->tx_queue_len when set (ip link set DEV txqueuelen N); -1: DEFAULT_TX_QUEUE_LEN. */
        int txqlen = -1;
    }

    /** IFF_NOARP (ip link set DEV arp off). */
    public boolean noarp() {
        return extras != null && extras.noarp;
    }

    /** dev_change_flags(IFF_NOARP); true when the flag changed. */
    public boolean setNoarp(boolean noarp) {
        if (noarp() == noarp) {
            return false;
        }
        extras().noarp = noarp;
        return true;
    }

    /** dev->tx_queue_len: DEFAULT_TX_QUEUE_LEN (1000) unless set. */
    public int txqlen() {
        return extras == null || extras.txqlen < 0 ? 1000 : extras.txqlen;
    }

    public void setTxqlen(int txqlen) {
        extras().txqlen = txqlen;
    }

    /**
     * ndo_dflt_fdb_add() (bridge fdb add ... self on a device without its own fdb): dev_uc_add_excl() or
     * dev_mc_add_excl(); false when the address is there already.
     */
    public boolean addFdbAddress(MacAddress mac) {
        Extras x = extras();
        if (x.fdbAddrs == null) {
            x.fdbAddrs = new java.util.ArrayList<>();
        }
        if (x.fdbAddrs.contains(mac)) {
            return false;
        }
        x.fdbAddrs.add(mac);
        return true;
    }

    /** ndo_dflt_fdb_del(): dev_uc_del() or dev_mc_del(); false when the address was not there. */
    public boolean deleteFdbAddress(MacAddress mac) {
        return extras != null && extras.fdbAddrs != null && extras.fdbAddrs.remove(mac);
    }

    /** What {@link #addFdbAddress} added, in order. */
    public List<MacAddress> fdbAddresses() {
        return extras == null || extras.fdbAddrs == null ? List.of() : List.copyOf(extras.fdbAddrs);
    }

    /** dev_mc_add_global() (SIOCADDMULTI): the address is in dev->mc with global_use, once however often added. */
    public void addGlobalMc(MacAddress mac) {
        Extras x = extras();
        if (x.globalMc == null) {
            x.globalMc = new java.util.ArrayList<>();
        }
        if (!x.globalMc.contains(mac)) {
            x.globalMc.add(mac);
        }
    }

    /** dev_mc_del_global() (SIOCDELMULTI): false (ENOENT) when the address was not added global. */
    public boolean deleteGlobalMc(MacAddress mac) {
        return extras != null && extras.globalMc != null && extras.globalMc.remove(mac);
    }

    /** What {@link #addGlobalMc} added and is still there, in order. */
    public List<MacAddress> globalMcAddresses() {
        return extras == null || extras.globalMc == null ? List.of() : List.copyOf(extras.globalMc);
    }

    private Extras extras() {
        Extras x = extras;
        return x != null ? x : (extras = new Extras());
    }

    /** A frame of {@code bytes} received (the driver's rx_packets / rx_bytes). */
    public void countRx(long bytes) {
        Extras c = extras();
        c.rxPackets++;
        c.rxBytes += bytes;
    }

    /** A frame of {@code bytes} sent (tx_packets / tx_bytes). */
    public void countTx(long bytes) {
        Extras c = extras();
        c.txPackets++;
        c.txBytes += bytes;
    }

    /** A frame queued for sending while the device has no carrier, which the kernel drops (tx_dropped). */
    public void countTxDropped() {
        extras().txDropped++;
    }

    public long txDropped() {
        return extras == null ? 0 : extras.txDropped;
    }

    public long rxPackets() {
        syncSkippedFloods();
        return extras == null ? 0 : extras.rxPackets;
    }

    public long rxBytes() {
        syncSkippedFloods();
        return extras == null ? 0 : extras.rxBytes;
    }

    public long txPackets() {
        return extras == null ? 0 : extras.txPackets;
    }

    public long txBytes() {
        return extras == null ? 0 : extras.txBytes;
    }

    /** Joins a flood group whose totals count from now on (what the previous group skipped is counted first). */
    public void joinFloodGroup(long[] totals) {
        syncSkippedFloods();
        Extras c = extras();
        c.floodTotals = totals;
        c.seenFrames = totals[0];
        c.seenBytes = totals[1];
    }

    /** This device received (or sent) the group's latest broadcast itself: not one it skipped. */
    public void floodSeen(int length) {
        Extras c = extras;
        if (c != null && c.floodTotals != null) {
            c.seenFrames++;
            c.seenBytes += length;
        }
    }

    /** Adds the skipped broadcasts to the counters (a bridge device counts them without their Ethernet header). */
    public void syncSkippedFloods() {
        Extras c = extras;
        if (c == null || c.floodTotals == null) {
            return;
        }
        long frames = c.floodTotals[0] - c.seenFrames, bytes = c.floodTotals[1] - c.seenBytes;
        if (carrier()) {
            c.rxPackets += frames;
            c.rxBytes += "bridge".equals(kind()) ? bytes - 14 * frames : bytes;
        }
        c.seenFrames = c.floodTotals[0];
        c.seenBytes = c.floodTotals[1];
    }

    /** lo's 127.0.0.1/8 (loopback_net_init()): the same value in every namespace, so one list shared by all. */
    static final List<Address> LOOPBACK_ADDRESSES =
            List.of(new Address(Ipv4Address.LOOPBACK, 8, null, "lo"));

    /** The device's addresses in the kernel's order (primaries first); unmodifiable. */
    public List<Address> addresses() {
        return addresses == null ? List.of() : addresses instanceof Address one ? List.of(one) : list();
    }

    int addressCount() {
        return addresses == null ? 0 : addresses instanceof Address ? 1 : list().size();
    }

    Address addressAt(int i) {
        return addresses instanceof Address one && i == 0 ? one : list().get(i);
    }

    @SuppressWarnings("unchecked")
    private List<Address> list() {
        return (List<Address>) addresses;
    }

    /** inet_insert_ifa() / inet_del_ifa() have changed the list: the device keeps an immutable copy, exactly sized. */
    void setAddresses(List<Address> list) {
        addresses = list.isEmpty() ? null : list.size() == 1 ? list.get(0) : List.copyOf(list);
    }

    /** The primary address (first added), or null. */
    public Address primary() {
        return addresses == null ? null : addressAt(0);
    }

    public boolean hasAddress(int ip) {
        for (int i = 0, n = addressCount(); i < n; i++) {
            if (addressAt(i).address().bits() == ip) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first pass of inet_select_addr(dev, dst, scope): a primary address of scope at most {@code scope}, the
     * one whose subnet holds {@code dst} if any, else the first; 0 when the device has none.
     */
    int selectAddress(int dst, int scope, int localnetScope) {
        int addr = 0;
        for (int i = 0, n = addressCount(); i < n; i++) {
            Address a = addressAt(i);
            if (a.secondary() || Math.min(a.scope(), localnetScope) > scope) {
                continue;
            }
            if (dst == 0 || a.matches(dst)) {
                return a.address().bits();
            }
            if (addr == 0) {
                addr = a.address().bits();
            }
        }
        return addr;
    }

    /** in_dev_select_addr(): the first primary address of scope at most {@code scope} that is not scope link. */
    int anyAddress(int scope) {
        for (int i = 0, n = addressCount(); i < n; i++) {
            Address a = addressAt(i);
            if (!a.secondary() && a.scope() != SCOPE_LINK && a.scope() <= scope) {
                return a.address().bits();
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return name;
    }
}

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

    public final int ifindex;
    public final String name;
    public final boolean loopback;
    private long mac;
    private int mtu;
    private boolean up = true;
    /** "eth0@if72" style peer index (iproute2 prints it for veth); 0 when unknown. */
    public int peerIfindex;
    /** The name of the bridge this device is a port of (iproute2's "master"), or null. */
    public String master;
    /** The bridge this device is a port of, told when the port stops running (br_port_carrier_check()), or null. */
    public BridgeMaster bridge;

    /** A Linux bridge as its ports' devices see it: br_stp_disable_port() when one stops running. */
    public interface BridgeMaster {
        void portDisabled(String portName, long now);
    }
    /** The other end of a veth pair (a device of another host's stack), or null. */
    public NetDevice peer;
    /** The id this namespace gives the peer's namespace (IFLA_LINK_NETNSID), or -1 when none. */
    public int linkNetnsId = -1;
    /** The peer namespace's name when it has one ({@code ip netns}); iproute2 then prints "link-netns NAME". */
    public String linkNetnsName;
    /** IFLA_CARRIER_CHANGES: carrier_up_count + carrier_down_count. */
    public int carrierChanges;
    /** The driver's counters, made by the first frame counted (an idle device has none). */
    private Counters counters;
    /** IFLA_INFO_KIND: "veth", "bridge", or null for a plain device. */
    public String kind;
    /** The device's addresses in the kernel's order (ifa_list): an immutable list, replaced on each change. */
    private List<Address> addresses = List.of();
    /** The device's neighbour parameters; created on first use from the host's defaults (see {@link #arpParms()}). */
    private NeighParams arpParms;
    private Netns owner;
    /** tbl->parms as they were when the device was created: what {@link #arpParms()} copies. */
    private NeighParams parmsTemplate;
    /** The reachable_time drawn for this device when it was created (milliseconds). */
    int drawnReachableMs;
    /** conf/DEV (in_device->cnf); null while the device follows its namespace's conf/default (see {@link #conf()}). */
    private DevConf conf;
    /** Told of the device's neighbour entries and of configuration changes (a flood index), or null. */
    ArpWatch arpWatch;

    public NetDevice(int ifindex, String name, long mac, int mtu, boolean loopback, NeighParams arpParms, DevConf conf) {
        this.ifindex = ifindex;
        this.name = name;
        this.mac = mac;
        this.mtu = mtu;
        this.loopback = loopback;
        this.arpParms = arpParms;
        this.conf = conf;
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
        this.parmsTemplate = parmsTemplate;
        this.drawnReachableMs = drawnReachableMs;
    }

    /**
     * The device's own conf values, made its own on first use as a copy of conf/default: until then it follows
     * conf/default, which is what devinet_copy_dflt_conf() gives a device that never set a key (idle hosts are many).
     */
    public DevConf conf() {
        if (conf == null) {
            conf = owner.defaultConfInForce().copy();
        }
        return conf;
    }

    /** A conf key's stored value on this device, without making the values its own. */
    int confValue(int slot) {
        return (conf != null ? conf : owner.defaultConfInForce()).get(slot);
    }

    /** devinet_copy_dflt_conf(): a conf/default write reaches the device unless it set the key itself. */
    void inheritConf(int slot, int value) {
        if (conf != null) {
            conf.inherit(slot, value); // a device still following conf/default sees the write already
        }
    }

    NeighParams parmsTemplate() {
        return parmsTemplate;
    }

    /** The namespace joined a machine's kernel: the device was made from that kernel's arp_tbl.parms. */
    void joinedKernel(NeighParams tblParms) {
        if (arpParms == null) {
            parmsTemplate = tblParms;
        }
    }

    /**
     * The device's neighbour parameters (/proc/sys/net/ipv4/neigh/DEV), with its reachable_time drawn at random
     * when the device was created. Thousands of bridge-port devices never need theirs, so they exist on demand.
     */
    public NeighParams arpParms() {
        if (arpParms == null) {
            arpParms = owner.materialiseParms(this);
        }
        return arpParms;
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
        return arpParms != null;
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

    public int mtu() {
        return mtu;
    }

    void setMtu(int mtu) {
        this.mtu = mtu;
    }

    public boolean isUp() {
        return up;
    }

    void setUp(boolean up) {
        syncSkippedFloods(); // what was skipped so far counted with the carrier it had
        if (peer != null) {
            peer.syncSkippedFloods();
        }
        boolean carrier = carrier();
        this.up = up;
        if (peer != null && carrier != carrier()) {
            carrierChanges++; // veth_open() / veth_close(): netif_carrier_on() / netif_carrier_off() of both ends
            peer.carrierChanges++;
        }
    }

    /**
     * Frames and bytes (Ethernet header included) this device received and sent, and the broadcasts it was not handed
     * because the simulator skips hosts an ARP broadcast cannot change: those still count as received, as veth_xmit()
     * counts every frame it passes, taken lazily from the flood group's running {frames, bytes} so that a flood costs
     * what it changes.
     */
    private static final class Counters {
        long rxPackets, rxBytes, txPackets, txBytes;
        long[] floodTotals;
        long seenFrames, seenBytes;
    }

    private Counters counters() {
        Counters c = counters;
        return c != null ? c : (counters = new Counters());
    }

    /** A frame of {@code bytes} received (the driver's rx_packets / rx_bytes). */
    public void countRx(long bytes) {
        Counters c = counters();
        c.rxPackets++;
        c.rxBytes += bytes;
    }

    /** A frame of {@code bytes} sent (tx_packets / tx_bytes). */
    public void countTx(long bytes) {
        Counters c = counters();
        c.txPackets++;
        c.txBytes += bytes;
    }

    public long rxPackets() {
        syncSkippedFloods();
        return counters == null ? 0 : counters.rxPackets;
    }

    public long rxBytes() {
        syncSkippedFloods();
        return counters == null ? 0 : counters.rxBytes;
    }

    public long txPackets() {
        return counters == null ? 0 : counters.txPackets;
    }

    public long txBytes() {
        return counters == null ? 0 : counters.txBytes;
    }

    /** Joins a flood group whose totals count from now on (what the previous group skipped is counted first). */
    public void joinFloodGroup(long[] totals) {
        syncSkippedFloods();
        Counters c = counters();
        c.floodTotals = totals;
        c.seenFrames = totals[0];
        c.seenBytes = totals[1];
    }

    /** This device received (or sent) the group's latest broadcast itself: not one it skipped. */
    public void floodSeen(int length) {
        Counters c = counters;
        if (c != null && c.floodTotals != null) {
            c.seenFrames++;
            c.seenBytes += length;
        }
    }

    /** Adds the skipped broadcasts to the counters (a bridge device counts them without their Ethernet header). */
    public void syncSkippedFloods() {
        Counters c = counters;
        if (c == null || c.floodTotals == null) {
            return;
        }
        long frames = c.floodTotals[0] - c.seenFrames, bytes = c.floodTotals[1] - c.seenBytes;
        if (carrier()) {
            c.rxPackets += frames;
            c.rxBytes += "bridge".equals(kind) ? bytes - 14 * frames : bytes;
        }
        c.seenFrames = c.floodTotals[0];
        c.seenBytes = c.floodTotals[1];
    }

    /** lo's 127.0.0.1/8 (loopback_net_init()): the same value in every namespace, so one list shared by all. */
    static final List<Address> LOOPBACK_ADDRESSES =
            List.of(new Address(Ipv4Address.LOOPBACK, 8, null, "lo"));

    /** The device's addresses in the kernel's order (primaries first); unmodifiable. */
    public List<Address> addresses() {
        return addresses;
    }

    /** inet_insert_ifa() / inet_del_ifa() have changed the list: the device keeps an immutable copy, exactly sized. */
    void setAddresses(List<Address> list) {
        addresses = List.copyOf(list);
    }

    /** The primary address (first added), or null. */
    public Address primary() {
        return addresses.isEmpty() ? null : addresses.get(0);
    }

    public boolean hasAddress(int ip) {
        for (Address a : addresses) {
            if (a.address().bits() == ip) {
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
        for (Address a : addresses) {
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
        for (Address a : addresses) {
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

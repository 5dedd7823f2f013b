package io.arplab.stack;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/** One network interface of a host stack (the kernel's net_device plus its in_device configuration). */
public final class NetDevice {
    /**
     * An IPv4 address on the device, with its prefix (the kernel's in_ifaddr). {@code broadcast} is the directed
     * broadcast the stack answers to; {@code ifaBroadcast} is the IFA_BROADCAST attribute as configured ({@code ip
     * addr add ... brd +}), which {@code ip addr} prints, or null when none was given.
     */
    public record Address(Ipv4Address address, int prefixLength, Ipv4Address broadcast, String label,
                          Ipv4Address ifaBroadcast) {
        public Address(Ipv4Address address, int prefixLength, Ipv4Address broadcast, String label) {
            this(address, prefixLength, broadcast, label, null);
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
    /** The other end of a veth pair (a device of another host's stack), or null. */
    public NetDevice peer;
    /** The id this namespace gives the peer's namespace (IFLA_LINK_NETNSID), or -1 when none. */
    public int linkNetnsId = -1;
    /** The peer namespace's name when it has one ({@code ip netns}); iproute2 then prints "link-netns NAME". */
    public String linkNetnsName;
    /** IFLA_INFO_KIND: "veth", "bridge", or null for a plain device. */
    public String kind;
    public final List<Address> addresses = new ArrayList<>(0); // no array until the first address
    /** The device's neighbour parameters; created on first use from the host's defaults (see {@link #arpParms()}). */
    private NeighParams arpParms;
    private Netns owner;
    /** The reachable_time drawn for this device when it was created (milliseconds). */
    int drawnReachableMs;
    public final DevConf conf;

    public NetDevice(int ifindex, String name, long mac, int mtu, boolean loopback, NeighParams arpParms, DevConf conf) {
        this.ifindex = ifindex;
        this.name = name;
        this.mac = mac;
        this.mtu = mtu;
        this.loopback = loopback;
        this.arpParms = arpParms;
        this.conf = conf;
    }

    /** A device of {@code owner} whose parameters are copied from the host's defaults when first needed. */
    NetDevice(int ifindex, String name, long mac, int mtu, boolean loopback, Netns owner, int drawnReachableMs, DevConf conf) {
        this(ifindex, name, mac, mtu, loopback, (NeighParams) null, conf);
        this.owner = owner;
        this.drawnReachableMs = drawnReachableMs;
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
        this.up = up;
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
     * inet_select_addr(dev, dst, scope): the device's primary address in the same subnet as {@code dst}, else its
     * first address; 0 when it has none.
     */
    public int selectAddress(int dst) {
        int first = 0;
        for (Address a : addresses) {
            if (first == 0) {
                first = a.address().bits();
            }
            int mask = Ipv4Address.netmask(a.prefixLength());
            if (dst != 0 && (a.address().bits() & mask) == (dst & mask)) {
                return a.address().bits();
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return name;
    }
}

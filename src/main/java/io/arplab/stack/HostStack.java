package io.arplab.stack;

import io.arplab.wire.ArpFrames;
import io.arplab.wire.Bytes;
import io.arplab.wire.EthernetFrames;
import io.arplab.wire.IcmpFrames;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4Frames;
import io.arplab.wire.Ipv4View;
import io.arplab.wire.MacAddress;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One Linux host's network stack, sans-I/O: devices and addresses, the main routing table, ARP (net/ipv4/arp.c)
 * over the neighbour table, IPv4 input, output and forwarding, ICMP (echo, errors with rate limiting) and UDP.
 * Frames and the current time come in through {@link #receive} and {@link #advance}; frames go out through the
 * {@link Outbox} of that call. It never reads a clock, draws only from its seeded random source, and never prints.
 */
public final class HostStack implements NeighbourTable.Ops {
    /** Where the stack's frames go during one call. */
    public interface Outbox {
        void transmit(NetDevice dev, byte[] frame);
    }

    // skb->pkt_type
    static final int PACKET_HOST = 0;
    static final int PACKET_BROADCAST = 1;
    static final int PACKET_MULTICAST = 2;
    static final int PACKET_OTHERHOST = 3;

    private static final int ETH = 14;
    private static final int ARP_REQUEST = 1;
    private static final int ARP_REPLY = 2;
    private static final int IPPROTO_ICMP = 1;
    private static final int IPPROTO_UDP = 17;
    /** icmp_send(): an error quotes as much of the offending datagram as fits in 576 bytes. */
    private static final int ICMP_ERROR_MAX = 576;

    private final String name;
    private final List<NetDevice> devices = new ArrayList<>(3);
    private final RouteTable routes = new RouteTable();
    private final NeighbourTable neighbours;
    private final SplittableRandom random;
    // created on first use: a lab may hold thousands of idle hosts
    private IcmpRateLimit icmpRateLimit;
    private Int2ObjectOpenHashMap<PingSocket> pingSockets;
    private Int2ObjectOpenHashMap<UdpSocket> udpSockets;
    private final Ipv4View ip = new Ipv4View(new byte[0], 0, 0);
    private ArrayDeque<byte[]> loopback;
    private IpDefrag defrag;
    private List<ProxyEntry> proxies;
    private it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap<Redirected> redirects;
    private List<ProxyWait> proxyQueue;
    /** Every local address, for the per-frame "is this for us?" test (inet_addr_type == RTN_LOCAL). */
    private int[] localAddrs = new int[0];
    private static final NeighParams LINUX_NEIGH = NeighParams.linuxDefaults();
    private static final DevConf LINUX_CONF = new DevConf();
    /** net.ipv4.neigh.default / conf.default: null until changed, meaning the kernel's defaults. */
    private NeighParams defaultArpParms;
    private DevConf defaultConf;
    private Tracer tracer = Tracer.OFF;
    private Outbox out;
    private int ipId;
    private int nextEphemeralPort = 32768;
    /** conf/all (devconf_all, whose forwarding is net.ipv4.ip_forward): null until written, meaning the defaults. */
    private DevConf allConf;
    /** Values of the sysctls the behaviour does not read, by /proc/sys path: stored so a write reads back. */
    private java.util.HashMap<String, Integer> storedSysctls;
    /** net.ipv4.ip_default_ttl */
    private int defaultTtl = 64;
    /** net.ipv4.icmp_echo_ignore_broadcasts */
    private boolean icmpEchoIgnoreBroadcasts = true;
    private boolean icmpEchoIgnoreAll;
    /** Wall-clock epoch at virtual time 0, for ICMP timestamps (data handed in, never read from a clock). */
    private final long epochNanos;
    private long droppedFrames;
    private List<NeighbourMonitor> monitors;

    /** Receives the RTM_NEWNEIGH / RTM_DELNEIGH notifications {@code ip monitor neigh} shows. */
    public interface NeighbourMonitor {
        void neighbourEvent(long now, NeighbourEntry n, boolean deleted);
    }

    public HostStack(String name, SplittableRandom random, long now, long epochNanos) {
        this.name = name;
        this.random = random;
        this.epochNanos = epochNanos;
        this.ipId = random.nextInt(0x10000);
        this.neighbours = new NeighbourTable(NeighbourTable.GcConfig.linuxDefaults(), this, random, now);
        NetDevice lo = new NetDevice(1, "lo", 0, 65536, true, this, drawReachableMs(LINUX_NEIGH), LINUX_CONF.copy());
        devices.add(lo);
        lo.addresses.add(new NetDevice.Address(Ipv4Address.LOOPBACK, 8, null, "lo"));
        refreshLocalAddresses();
    }

    public String name() {
        return name;
    }

    public void setTracer(Tracer tracer) {
        this.tracer = tracer;
        neighbours.setTracer(tracer);
    }

    public NeighbourTable neighbours() {
        return neighbours;
    }

    public RouteTable routes() {
        return routes;
    }

    public List<NetDevice> devices() {
        return Collections.unmodifiableList(devices);
    }

    public NetDevice device(String devName) {
        if (byName != null) {
            return byName.get(devName);
        }
        for (NetDevice d : devices) {
            if (d.name.equals(devName)) {
                return d;
            }
        }
        return null;
    }

    /** Devices by name, once a host has many (a bridge owner holds one veth per port). */
    private it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap<String, NetDevice> byName;

    private void indexDevice(NetDevice d) {
        if (byName == null && devices.size() > 16) {
            byName = new it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap<>();
            for (NetDevice x : devices) {
                byName.put(x.name, x);
            }
        } else if (byName != null) {
            byName.put(d.name, d);
        }
    }

    public NetDevice device(int ifindex) {
        for (NetDevice d : devices) {
            if (d.ifindex == ifindex) {
                return d;
            }
        }
        return null;
    }

    /** The neighbour parameters new devices start with (net.ipv4.neigh.default.*). */
    public NeighParams defaultArpParms() {
        if (defaultArpParms == null) {
            // existing devices keep the values they were created with: give them their own copies first
            for (NetDevice d : devices) {
                d.arpParms();
            }
            defaultArpParms = LINUX_NEIGH.copy();
        }
        return defaultArpParms;
    }

    /** neigh_rand_reach_time() at device creation, in ms (the parameters themselves come later, on demand). */
    private int drawReachableMs(NeighParams template) {
        NeighParams p = template.copy();
        p.randomiseReachableTime(random);
        return (int) (p.reachableTime / NeighParams.MS);
    }

    /** A device's own copy of the default neighbour parameters, with the reachable_time drawn at its creation. */
    NeighParams materialiseParms(NetDevice d) {
        NeighParams p = (defaultArpParms != null ? defaultArpParms : LINUX_NEIGH).copy();
        p.reachableTime = d.drawnReachableMs * NeighParams.MS;
        neighbours.registerParms(p);
        return p;
    }

    /** The IPv4 settings new devices start with (net.ipv4.conf.default.*). */
    public DevConf defaultConf() {
        if (defaultConf == null) {
            defaultConf = LINUX_CONF.copy();
        }
        return defaultConf;
    }

    /** net.ipv4.ip_forward (conf/all/forwarding) is on. */
    public boolean ipForward() {
        return (allConf != null ? allConf : LINUX_CONF).get(DevConf.FORWARDING) != 0;
    }

    /** sysctl -w net.ipv4.ip_forward=0|1: also switches every device, as the kernel does (inet_forward_change). */
    public void setIpForward(boolean on) {
        setSysctl("ip_forward", on ? 1 : 0);
    }

    public int defaultTtl() {
        return defaultTtl;
    }

    /** Writes net.ipv4.KEY as {@code sysctl -w} does; IllegalArgumentException when the kernel would refuse it. */
    public void setSysctl(String key, long value) {
        SysctlRegistry.Target t = SysctlRegistry.resolve("net.ipv4." + key, d -> device(d) != null);
        SysctlRegistry.Outcome o = t == null ? SysctlRegistry.Outcome.ENOENT
                : NamespaceSysctls.write(this, t, Long.toString(value));
        if (o != SysctlRegistry.Outcome.OK) {
            throw new IllegalArgumentException("sysctl 'net.ipv4." + key + "' = " + value + ": " + o.text);
        }
    }

    /** The value of net.ipv4.KEY as /proc shows it. */
    public String sysctl(String key) {
        SysctlRegistry.Target t = SysctlRegistry.resolve("net.ipv4." + key, d -> device(d) != null);
        String v = t == null ? null : NamespaceSysctls.read(this, t);
        if (v == null) {
            throw new IllegalArgumentException("unknown sysctl 'net.ipv4." + key + "'");
        }
        return v;
    }

    /** conf/all, made this namespace's own on first use. */
    DevConf allConf() {
        if (allConf == null) {
            allConf = LINUX_CONF.copy();
        }
        return allConf;
    }

    /**
     * The value in force for a conf key on a device: its own combined with conf/all by the key's rule (IN_DEV_ORCONF,
     * IN_DEV_MAXCONF, ... in include/linux/inetdevice.h).
     */
    public int devconf(NetDevice dev, int slot) {
        DevConf all = allConf != null ? allConf : LINUX_CONF;
        return SysctlRegistry.combine(slot).apply(all.get(slot), dev.conf.get(slot), dev.conf.get(DevConf.FORWARDING));
    }

    /** The host-wide keys the behaviour reads, by SysctlRegistry.NET slot, in their stored unit. */
    int netSysctl(int slot) {
        return switch (slot) {
            case 0 -> (allConf != null ? allConf : LINUX_CONF).get(DevConf.FORWARDING);
            case 1 -> defaultTtl;
            case 2 -> icmpEchoIgnoreAll ? 1 : 0;
            case 3 -> icmpEchoIgnoreBroadcasts ? 1 : 0;
            case 4 -> SysctlRegistry.nanosToJiffies(rateLimit().ratelimit);
            case 5 -> rateLimit().ratemask;
            case 6 -> rateLimit().msgsPerSec;
            case 7 -> rateLimit().msgsBurst;
            default -> throw new IllegalArgumentException("net sysctl slot " + slot);
        };
    }

    void setNetSysctl(int slot, int v) {
        switch (slot) {
            case 1 -> defaultTtl = v;
            case 2 -> icmpEchoIgnoreAll = v != 0;
            case 3 -> icmpEchoIgnoreBroadcasts = v != 0;
            case 4 -> rateLimit().ratelimit = SysctlRegistry.jiffiesToNanos(v);
            case 5 -> rateLimit().ratemask = v;
            case 6 -> rateLimit().msgsPerSec = v;
            case 7 -> rateLimit().msgsBurst = v;
            default -> throw new IllegalArgumentException("net sysctl slot " + slot);
        }
    }

    Integer storedSysctlOrNull(String path) {
        return storedSysctls == null ? null : storedSysctls.get(path);
    }

    int storedSysctl(String path, int dflt) {
        Integer v = storedSysctlOrNull(path);
        return v != null ? v : dflt;
    }

    void storeSysctl(String path, int v) {
        if (storedSysctls == null) {
            storedSysctls = new java.util.HashMap<>();
        }
        storedSysctls.put(path, v);
    }

    /** neigh_proc_base_reachable_time(): a new base_reachable_time draws a new reachable_time at once. */
    void redrawReachableTime(NeighParams p) {
        p.randomiseReachableTime(random);
    }

    /** Frames the stack received and dropped (malformed, not for it). */
    public long droppedFrames() {
        return droppedFrames;
    }

    // ---------------------------------------------------------------- configuration (ip link / ip addr / ip route)

    /** Creates an Ethernet device (veth end) with the host's default sysctls; returns it. */
    public NetDevice addDevice(String devName, MacAddress mac, int mtu) {
        if (device(devName) != null) {
            throw new IllegalArgumentException("device '" + devName + "' already exists on " + name);
        }
        if (mac.isMulticast() || mac.isZero()) {
            throw new IllegalArgumentException("invalid MAC address " + mac + " for " + name + " " + devName
                    + ": must be unicast and not zero");
        }
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("invalid MTU " + mtu + " for " + name + " " + devName + ": 68..65535");
        }
        int ifindex = devices.get(devices.size() - 1).ifindex + 1;
        NetDevice d = new NetDevice(ifindex, devName, mac.bits(), mtu, false, this,
                drawReachableMs(defaultArpParms != null ? defaultArpParms : LINUX_NEIGH),
                (defaultConf != null ? defaultConf : LINUX_CONF).copy());
        devices.add(d);
        indexDevice(d);
        return d;
    }

    /** ip addr add ADDR/LEN dev DEV: the address plus its connected route (proto kernel scope link src ADDR). */
    public void addAddress(NetDevice dev, Ipv4Address addr, int prefixLength) {
        addAddress(dev, addr, prefixLength, null);
    }

    /** ip addr add ADDR/LEN brd BRD dev DEV: {@code ifaBroadcast} is the configured IFA_BROADCAST (or null). */
    public void addAddress(NetDevice dev, Ipv4Address addr, int prefixLength, Ipv4Address ifaBroadcast) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0..32");
        }
        if (dev.hasAddress(addr.bits())) {
            throw new IllegalArgumentException("address " + addr + "/" + prefixLength + " already on " + name + " "
                    + dev.name + " (RTNETLINK answers: File exists)");
        }
        if (addr.isMulticast() || addr.isLimitedBroadcast() || addr.isUnspecified()) {
            throw new IllegalArgumentException("invalid address " + addr + " for " + name + " " + dev.name);
        }
        Ipv4Address brd = prefixLength >= 31 ? null : Ipv4Address.of(addr.bits() | ~Ipv4Address.netmask(prefixLength));
        boolean secondary = false;
        for (NetDevice.Address a : dev.addresses) {
            if (a.prefixLength() == prefixLength && a.network().equals(addr.masked(prefixLength))) {
                secondary = true;
            }
        }
        dev.addresses.add(new NetDevice.Address(addr, prefixLength, brd, dev.name, ifaBroadcast));
        refreshLocalAddresses();
        if (!secondary && prefixLength < 32) {
            routes.add(Route.connected(dev, addr, prefixLength));
        }
    }

    public boolean removeAddress(long now, NetDevice dev, Ipv4Address addr) {
        NetDevice.Address victim = null;
        for (NetDevice.Address a : dev.addresses) {
            if (a.address().equals(addr)) {
                victim = a;
            }
        }
        if (victim == null) {
            return false;
        }
        dev.addresses.remove(victim);
        refreshLocalAddresses();
        final NetDevice.Address gone = victim;
        List<Route> doomed = new ArrayList<>();
        for (Route r : routes.routes()) {
            if (r.device() == dev && ("kernel".equals(r.protocol()) && addr.equals(r.prefsrc())
                    || r.gateway() != null && !onLink(dev, r.gateway().bits()))) {
                doomed.add(r);
            }
        }
        doomed.forEach(routes::remove);
        if (gone.prefixLength() < 32) {
            for (NetDevice.Address a : dev.addresses) {
                if (a.network().equals(gone.network()) && a.prefixLength() == gone.prefixLength()) {
                    routes.add(Route.connected(dev, a.address(), a.prefixLength()));
                    break;
                }
            }
        }
        return true;
    }

    /** ip route add: the gateway must be reachable on-link through the device. */
    public void addRoute(Route r) {
        if (r.gateway() != null && r.device() != null && !onLink(r.device(), r.gateway().bits())) {
            throw new IllegalArgumentException("gateway " + r.gateway() + " is not on-link via " + name + " "
                    + r.device().name + " (Error: Nexthop has invalid gateway.)");
        }
        routes.add(r);
    }

    /** ip link set dev DEV address MAC: the kernel flushes the device's neighbours (NETDEV_CHANGEADDR). */
    public void setMac(long now, NetDevice dev, MacAddress mac, Outbox out) {
        if (mac.isMulticast() || mac.isZero()) {
            throw new IllegalArgumentException("invalid MAC address " + mac + ": must be unicast and not zero");
        }
        this.out = out;
        dev.setMac(mac.bits());
        neighbours.flushDevice(now, dev, false);
        if (devconf(dev, DevConf.ARP_NOTIFY) != 0) {
            announce(now, dev, out);
        }
    }

    /** ip link set dev DEV up|down: going down flushes its neighbours and takes its routes away. */
    public void setUp(long now, NetDevice dev, boolean up, Outbox out) {
        if (dev.isUp() == up) {
            return;
        }
        this.out = out;
        dev.setUp(up);
        if (!up) {
            neighbours.flushDevice(now, dev, false);
            // fib_disable_ip(): every route through the device goes, static ones for good
            routes.removeDevice(dev);
        } else {
            // fib_add_ifaddr() on NETDEV_UP: the connected routes of the primary addresses come back
            for (int i = 0; i < dev.addresses.size(); i++) {
                NetDevice.Address a = dev.addresses.get(i);
                boolean secondary = false;
                for (int k = 0; k < i; k++) {
                    NetDevice.Address p = dev.addresses.get(k);
                    secondary |= p.prefixLength() == a.prefixLength() && p.network().equals(a.network());
                }
                if (!secondary && a.prefixLength() < 32 && !dev.loopback) {
                    routes.add(Route.connected(dev, a.address(), a.prefixLength()));
                }
            }
            if (devconf(dev, DevConf.ARP_NOTIFY) != 0) {
                announce(now, dev, out);
            }
        }
    }

    public void setMtu(NetDevice dev, int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("invalid MTU " + mtu + ": 68..65535");
        }
        dev.setMtu(mtu);
    }

    /** Sends a gratuitous ARP request for each address of {@code dev} (arp_notify / arping -U). */
    public void announce(long now, NetDevice dev, Outbox out) {
        this.out = out;
        for (NetDevice.Address a : dev.addresses) {
            arpSend(ARP_REQUEST, dev, a.address().bits(), a.address().bits(), MacAddress.BROADCAST.bits(), dev.macBits(), 0);
        }
    }

    // --------------------------------------------------------------------------------------- timers

    public long nextDeadline() {
        if (loopback != null && !loopback.isEmpty()) {
            return Long.MIN_VALUE;
        }
        long d = neighbours.nextDeadline();
        if (proxyQueue != null) {
            d = Math.min(d, proxyDeadline());
        }
        return defrag == null ? d : Math.min(d, defrag.nextDeadline());
    }

    /** Runs neighbour timers due by {@code now} and delivers packets looped back to this host. */
    public void advance(long now, Outbox out) {
        this.out = out;
        drainLoopback(now);
        neighbours.advance(now);
        proxyProcess(now);
        if (defrag != null) {
            // ip_expire(): the sender learns its datagram was lost if its first fragment had come
            defrag.expire(now, first -> icmpSend(now, first, 11, 1, 0, null));
        }
        drainLoopback(now);
    }

    private void drainLoopback(long now) {
        while (loopback != null && !loopback.isEmpty()) {
            byte[] frame = loopback.pollFirst();
            ipRcv(now, devices.get(0), frame, PACKET_HOST);
        }
    }

    // --------------------------------------------------------------------------------------- receive

    /** A frame arrived on {@code dev}. */
    public void receive(long now, NetDevice dev, byte[] frame, Outbox out) {
        this.out = out;
        if (!dev.isUp() || frame.length < ETH) {
            droppedFrames++;
            return;
        }
        long dst = Bytes.u48(frame, 0);
        int pktType;
        if (dst == dev.macBits()) {
            pktType = PACKET_HOST;
        } else if (dst == 0xffff_ffff_ffffL) {
            pktType = PACKET_BROADCAST;
        } else if ((dst & 0x0100_0000_0000L) != 0) {
            pktType = PACKET_MULTICAST;
        } else {
            pktType = PACKET_OTHERHOST;
        }
        switch (Bytes.u16(frame, 12)) {
            case 0x0806 -> {
                deliverToPacketSockets(now, dev, frame, pktType);
                arpRcv(now, dev, frame, pktType, false);
            }
            case 0x0800 -> ipRcv(now, dev, frame, pktType);
            default -> droppedFrames++; // no handler (VLAN tags need a VLAN device, which this host lacks)
        }
    }

    /** arp_rcv() + arp_process() for an Ethernet device. */
    /** @param redo the request comes back from the proxy queue (NEIGH_CB LOCALLY_ENQUEUED): answer it now */
    private void arpRcv(long now, NetDevice dev, byte[] frame, int pktType, boolean redo) {
        if (pktType == PACKET_OTHERHOST) {
            return;
        }
        // arp_rcv(): the header plus two Ethernet and two IPv4 addresses must be there (ar_hln 6, ar_pln 4)
        if (frame.length < ETH + 28 || Bytes.u8(frame, ETH + 4) != 6 || Bytes.u8(frame, ETH + 5) != 4) {
            droppedFrames++;
            return;
        }
        int hrd = Bytes.u16(frame, ETH);
        if (hrd != 1 && hrd != 6 || Bytes.u16(frame, ETH + 2) != 0x0800) {
            return;
        }
        int op = Bytes.u16(frame, ETH + 6);
        if (op != ARP_REQUEST && op != ARP_REPLY) {
            return;
        }
        long sha = Bytes.u48(frame, ETH + 8);
        int sip = Bytes.i32(frame, ETH + 14);
        long tha = Bytes.u48(frame, ETH + 18);
        int tip = Bytes.i32(frame, ETH + 24);
        if (isMulticast(tip) || (tip >>> 24) == 127 && devconf(dev, DevConf.ROUTE_LOCALNET) == 0) {
            return;
        }
        if (sip == tip && devconf(dev, DevConf.DROP_GRATUITOUS_ARP) != 0) {
            return;
        }
        if (sip == 0) {
            // RFC 2131 duplicate address detection probe: answer if the address is ours
            if (op == ARP_REQUEST && isLocalAddress(tip) && !arpIgnore(dev, sip, tip)) {
                arpSend(ARP_REPLY, dev, sip, tip, sha, dev.macBits(), sha);
            }
            return;
        }
        if (op == ARP_REQUEST) {
            if (isLocalAddress(tip)) {
                if (!arpIgnore(dev, sip, tip) && !(devconf(dev, DevConf.ARP_FILTER) != 0 && arpFilter(sip, tip, dev))) {
                    // a request for us: learn the requester as STALE (neigh_event_ns), then reply
                    NeighbourEntry n = neighbours.eventNs(now, dev, sip, sha);
                    if (n != null) {
                        arpSend(ARP_REPLY, dev, sip, tip, sha, dev.macBits(), sha);
                    }
                }
                return;
            }
            // IN_DEV_FORWARD(in_dev): the receiving device's own forwarding
            boolean proxyArp = devconf(dev, DevConf.PROXY_ARP) != 0;
            if (dev.conf.get(DevConf.FORWARDING) != 0 && (proxyArp || proxies != null)) {
                Route r = routes.lookup(tip);
                // arp_fwd_proxy() (proxy_arp on, route out of another device) or a proxy entry (ip neigh add proxy)
                if (r != null && r.type() == Route.UNICAST && r.device() != dev
                        && (proxyArp || proxyLookup(dev, tip))) {
                    NeighbourEntry n = neighbours.eventNs(now, dev, sip, sha);
                    long delay = dev.arpParms().proxyDelay;
                    if (redo || pktType == PACKET_HOST || delay == 0) {
                        if (n != null) {
                            arpSend(ARP_REPLY, dev, sip, tip, sha, dev.macBits(), sha);
                        }
                    } else {
                        proxyEnqueue(now, dev, frame, pktType, delay);
                    }
                    return;
                }
            }
        }
        NeighbourEntry n = neighbours.lookup(dev, sip);
        boolean accept = arpAccept(dev, sip);
        boolean isGarp = false;
        if (n != null || accept) {
            isGarp = arpIsGarp(op, sip, tip, sha, tha);
        }
        if (accept && n == null && (isGarp || op == ARP_REPLY && isUnicastAddress(sip))) {
            n = neighbours.lookupOrCreate(now, dev, sip);
        }
        if (n != null) {
            // "If several different ARP replies follow back-to-back, use the FIRST one" (locktime)
            boolean override = now > n.updated + n.parms.locktime || isGarp;
            // broadcast replies and requests do not assert reachability
            int state = op != ARP_REPLY || pktType != PACKET_HOST ? NudState.STALE.bits : NudState.REACHABLE.bits;
            neighbours.update(now, n, sha, state, override ? NeighbourTable.F_OVERRIDE : 0);
        }
    }

    /** arp_is_garp(): spa == tpa (a reply also needs tha == sha), and the address a plain unicast one. */
    private boolean arpIsGarp(int op, int sip, int tip, long sha, long tha) {
        boolean garp = sip == tip;
        if (garp && op == ARP_REPLY) {
            garp = tha == sha;
        }
        return garp && isUnicastAddress(sip);
    }

    /** arp_accept(): 0 never, 1 always, 2 only from our own subnets. */
    private boolean arpAccept(NetDevice dev, int sip) {
        return switch (devconf(dev, DevConf.ARP_ACCEPT)) {
            case 1 -> true;
            case 2 -> onLink(dev, sip);
            default -> false;
        };
    }

    /** arp_ignore(): whether to stay silent to a request for {@code tip} arriving on {@code dev}. */
    private boolean arpIgnore(NetDevice dev, int sip, int tip) {
        switch (devconf(dev, DevConf.ARP_IGNORE)) {
            case 0:
                return false;
            case 1:
                return !dev.hasAddress(tip);
            case 2:
                for (NetDevice.Address a : dev.addresses) {
                    int mask = Ipv4Address.netmask(a.prefixLength());
                    if (a.address().bits() == tip && (sip & mask) == (tip & mask)) {
                        return false;
                    }
                }
                return true;
            case 3:
                return (tip >>> 24) == 127;
            case 8:
                return true;
            default:
                return false;
        }
    }

    /** arp_filter(): reply only if the route back to the sender leaves through this device. */
    private boolean arpFilter(int sip, int tip, NetDevice dev) {
        Route r = routes.lookup(sip);
        return r == null || r.device() != dev;
    }

    /** arp_send_dst(): an Ethernet/IPv4 ARP frame, 42 bytes (veth does not pad to 60). */
    private void arpSend(int op, NetDevice dev, int destIp, int srcIp, long destHw, long srcHw, long targetHw) {
        byte[] f = new byte[ArpFrames.FRAME_LENGTH];
        ArpFrames.write(f, 0, destHw, dev.macBits(), op, srcHw, srcIp, targetHw, destIp);
        out.transmit(dev, f);
    }

    // ------------------------------------------------------------------------------------ proxy ARP

    /** A proxy entry (pneigh): answer ARP for {@code address} on {@code dev}, or on every device when null. */
    public record ProxyEntry(Ipv4Address address, NetDevice dev) {}

    /** ip neigh add proxy ADDR [dev DEV]; false when it exists already. */
    public boolean proxyAdd(Ipv4Address address, NetDevice dev) {
        if (proxies == null) {
            proxies = new ArrayList<>(2);
        }
        for (ProxyEntry e : proxies) {
            if (e.address().equals(address) && e.dev() == dev) {
                return false;
            }
        }
        proxies.add(0, new ProxyEntry(address, dev)); // pneigh_create() links at the head of its bucket
        return true;
    }

    /** ip neigh del proxy ADDR [dev DEV]; false when there is no such entry. */
    public boolean proxyDelete(Ipv4Address address, NetDevice dev) {
        boolean removed = proxies != null && proxies.removeIf(e -> e.address().equals(address) && e.dev() == dev);
        if (proxies != null && proxies.isEmpty()) {
            proxies = null;
        }
        return removed;
    }

    /**
     * The proxy entries in the kernel's dump order: by pneigh_hash() bucket (a fold of the address's last four
     * bytes as a little-endian word, 16 buckets), newest first within one.
     */
    public List<ProxyEntry> proxies() {
        if (proxies == null) {
            return List.of();
        }
        List<ProxyEntry> sorted = new ArrayList<>(proxies);
        sorted.sort(java.util.Comparator.comparingInt(e -> pneighHash(e.address().bits())));
        return sorted;
    }

    private static int pneighHash(int address) {
        int h = Integer.reverseBytes(address);
        h ^= h >>> 16;
        h ^= h >>> 8;
        h ^= h >>> 4;
        return h & 0xf;
    }

    /** pneigh_lookup(): an entry for the address on this device or on any. */
    private boolean proxyLookup(NetDevice dev, int address) {
        if (proxies != null) {
            for (ProxyEntry e : proxies) {
                if (e.address().bits() == address && (e.dev() == null || e.dev() == dev)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A request waiting in the proxy queue until its random delay has passed (pneigh_enqueue). */
    private record ProxyWait(long due, NetDevice dev, byte[] frame, int pktType) {}

    /** pneigh_enqueue(): answer a broadcast request after a random part of proxy_delay, at most proxy_qlen waiting. */
    private void proxyEnqueue(long now, NetDevice dev, byte[] frame, int pktType, long delay) {
        if (proxyQueue == null) {
            proxyQueue = new ArrayList<>(2);
        }
        int waiting = 0;
        for (ProxyWait w : proxyQueue) {
            if (w.dev() == dev) {
                waiting++;
            }
        }
        if (waiting > dev.arpParms().proxyQlen) {
            return;
        }
        proxyQueue.add(new ProxyWait(now + random.nextLong(delay), dev, frame, pktType));
    }

    /** neigh_proxy_process(): replays the requests whose delay has passed, in queue order. */
    private void proxyProcess(long now) {
        if (proxyQueue == null) {
            return;
        }
        List<ProxyWait> due = new ArrayList<>();
        for (var it = proxyQueue.iterator(); it.hasNext(); ) {
            ProxyWait w = it.next();
            if (w.due() <= now) {
                due.add(w);
                it.remove();
            }
        }
        if (proxyQueue.isEmpty()) {
            proxyQueue = null;
        }
        for (ProxyWait w : due) {
            if (w.dev().isUp()) {
                arpRcv(now, w.dev(), w.frame(), w.pktType(), true);
            }
        }
    }

    private long proxyDeadline() {
        long d = Long.MAX_VALUE;
        if (proxyQueue != null) {
            for (ProxyWait w : proxyQueue) {
                d = Math.min(d, w.due());
            }
        }
        return d;
    }

    // ------------------------------------------------------------------------- NeighbourTable.Ops (arp_tbl)

    /** arp_solicit(): broadcast while resolving, unicast to the cached address while probing. */
    @Override
    public void solicit(long now, NeighbourEntry n, byte[] queued) {
        NetDevice dev = n.dev;
        int target = n.ip;
        int saddr = 0;
        int announce = devconf(dev, DevConf.ARP_ANNOUNCE);
        if (queued != null && announce != 2) {
            int s = Bytes.i32(queued, ETH + 12);
            if (isLocalAddress(s) && (announce == 0 || onLink(dev, s) && onLink(dev, target))) {
                saddr = s;
            }
        }
        if (saddr == 0) {
            saddr = dev.selectAddress(target);
        }
        int probes = n.probes - n.parms.ucastProbes;
        long dstHw;
        if (probes < 0) {
            dstHw = n.lladdr;
        } else {
            probes -= n.parms.appProbes;
            if (probes < 0) {
                return; // an arpd in user space would be asked (neigh_app_ns); there is none here
            }
            dstHw = 0xffff_ffff_ffffL;
        }
        arpSend(ARP_REQUEST, dev, target, saddr, dstHw, dev.macBits(), 0);
    }

    /** arp_error_report(): the packet could not be delivered; tell its sender (host unreachable). */
    @Override
    public void errorReport(long now, NeighbourEntry n, byte[] frame) {
        icmpSend(now, frame, 3, 1, 0, null);
    }

    @Override
    public void notify(long now, NeighbourEntry n, int type) {
        for (int i = 0; monitors != null && i < monitors.size(); i++) {
            monitors.get(i).neighbourEvent(now, n, type == NeighbourTable.RTM_DELNEIGH);
        }
    }

    public void addNeighbourMonitor(NeighbourMonitor m) {
        if (monitors == null) {
            monitors = new ArrayList<>(1);
        }
        monitors.add(m);
    }

    public void removeNeighbourMonitor(NeighbourMonitor m) {
        if (monitors != null) {
            monitors.remove(m);
        }
    }

    @Override
    public void transmit(long now, NeighbourEntry n, byte[] frame) {
        EthernetFrames.writeHeader(frame, 0, n.lladdr, n.dev.macBits(), 0x0800);
        out.transmit(n.dev, frame);
    }

    // --------------------------------------------------------------------------------------- IPv4 input

    /** ip_rcv() + ip_rcv_finish(): validate, route, deliver locally or forward. */
    private void ipRcv(long now, NetDevice dev, byte[] frame, int pktType) {
        if (pktType == PACKET_OTHERHOST) {
            return;
        }
        ip.wrap(frame, ETH, frame.length - ETH);
        if (ip.check() != null || !ip.headerChecksumValid()) {
            droppedFrames++;
            return;
        }
        int saddr = ip.sourceBits();
        int daddr = ip.destinationBits();
        if (isMulticast(saddr) || saddr == -1 || !dev.loopback && ((saddr >>> 24) == 127 || (daddr >>> 24) == 127)) {
            droppedFrames++; // martian
            return;
        }
        if (isLocalAddress(daddr) || daddr == -1 || isBroadcastFor(dev, daddr) || daddr == 0xe000_0001) {
            localDeliver(now, dev, frame, pktType, daddr);
            return;
        }
        if (isMulticast(daddr)) {
            return; // no multicast routing
        }
        if (dev.conf.get(DevConf.FORWARDING) != 0) { // IN_DEV_FORWARD of the receiving device
            forward(now, dev, frame, pktType);
        }
    }

    private void localDeliver(long now, NetDevice dev, byte[] frame, int pktType, int daddr) {
        if (ip.isFragment()) {
            if (defrag == null) {
                defrag = new IpDefrag();
            }
            byte[] whole = defrag.add(now, frame);
            if (whole == null) {
                return;
            }
            frame = whole;
            ip.wrap(frame, ETH, frame.length - ETH);
        }
        int ipOff = ETH;
        int hl = ip.headerLength();
        int totalLength = ip.totalLength();
        int l4 = ipOff + hl;
        int l4Length = totalLength - hl;
        switch (ip.protocolNumber()) {
            case IPPROTO_ICMP -> icmpRcv(now, dev, frame, l4, l4Length, pktType, daddr);
            case IPPROTO_UDP -> udpRcv(now, frame, l4, l4Length, pktType, daddr);
            default -> {
                if (pktType == PACKET_HOST) {
                    icmpSend(now, frame, 3, 2, 0, dev); // protocol unreachable
                }
            }
        }
    }

    /** icmp_rcv(): echo is answered; replies and errors go to the socket they belong to. */
    private void icmpRcv(long now, NetDevice dev, byte[] frame, int off, int len, int pktType, int daddr) {
        if (len < 8 || !InternetChecksum.verify(frame, off, len)) {
            droppedFrames++;
            return;
        }
        int type = Bytes.u8(frame, off);
        int code = Bytes.u8(frame, off + 1);
        int saddr = Bytes.i32(frame, ETH + 12);
        boolean broadcast = pktType != PACKET_HOST && !dev.loopback || !isLocalAddress(daddr);
        switch (type) {
            case 8 -> {
                if (icmpEchoIgnoreAll || broadcast && icmpEchoIgnoreBroadcasts) {
                    return;
                }
                icmpEcho(now, frame, off, len, daddr, broadcast);
            }
            case 0 -> {
                PingSocket s = pingSockets == null ? null : pingSockets.get(Bytes.u16(frame, off + 4));
                if (s != null && (s.boundDevice == null || s.boundDevice == dev)) {
                    s.listener.echoReply(now, saddr, Bytes.u8(frame, ETH + 8), Bytes.u16(frame, off + 6), len, frame,
                            off + 8, len - 8);
                }
            }
            case 5 -> {
                icmpRedirect(now, frame, off, len, saddr, code);
                icmpError(now, dev, frame, off, len, saddr, type, code);
            }
            case 3, 4, 11, 12 -> icmpError(now, dev, frame, off, len, saddr, type, code);
            case 13 -> icmpTimestamp(now, frame, off, len, daddr, broadcast);
            default -> { }
        }
    }

    /** A next-hop exception a redirect created (the kernel's fnhe): until {@code expires}, {@code gateway} for the destination. */
    public record Redirected(NetDevice dev, Ipv4Address gateway, long expires) {}

    /** ip_rt_gc_timeout: how long a redirect's exception lasts. */
    private static final long REDIRECT_TIMEOUT = 300 * NeighParams.SECOND;

    /** The next hop to {@code daddr} through route {@code r}: a live redirect exception, the gateway, or on-link. */
    private int nexthop(long now, Route r, int daddr) {
        if (redirects != null && r.gateway() != null) {
            Redirected x = redirects.get(daddr);
            if (x != null) {
                if (x.expires() <= now) {
                    redirects.remove(daddr);
                } else if (x.dev() == r.device()) {
                    return x.gateway().bits();
                }
            }
        }
        return r.gateway() != null ? r.gateway().bits() : daddr;
    }

    /** The redirect exception for {@code dst}, if one is in force at {@code now} (ip route get shows it). */
    public Redirected redirected(Ipv4Address dst, long now) {
        Redirected x = redirects == null ? null : redirects.get(dst.bits());
        return x != null && x.expires() > now ? x : null;
    }

    /**
     * __ip_do_redirect(): a redirect from our current gateway for a destination moves that destination to the new
     * gateway, once the new gateway's neighbour entry is valid (the first redirect only starts resolving it).
     */
    private void icmpRedirect(long now, byte[] frame, int off, int len, int from, int code) {
        if (len < 8 + 20 + 8 || (code & 7) > 3) {
            return;
        }
        int newGw = Bytes.i32(frame, off + 4);
        int qhl = (Bytes.u8(frame, off + 8) & 0x0f) * 4;
        if (qhl < 20) {
            return;
        }
        int dst = Bytes.i32(frame, off + 8 + 16);
        Route r = routes.lookup(dst);
        if (r == null || r.gateway() == null || nexthop(now, r, dst) != from) {
            return;
        }
        NetDevice dev = r.device();
        // IN_DEV_RX_REDIRECTS: a forwarding device needs conf/all/accept_redirects too, which turning on
        // forwarding clears (inet_forward_change): routers ignore redirects
        boolean accept = devconf(dev, DevConf.ACCEPT_REDIRECTS) != 0; // IN_DEV_RX_REDIRECTS
        if (newGw == from || !accept || isMulticast(newGw) || newGw == -1 || newGw == 0) {
            return;
        }
        if (devconf(dev, DevConf.SHARED_MEDIA) == 0 ? !onLink(dev, newGw) : !isUnicastAddress(newGw)) {
            return;
        }
        NeighbourEntry n = neighbours.lookupOrCreate(now, dev, newGw);
        if (n == null) {
            return;
        }
        if ((n.state & NudState.VALID) == 0) {
            neighbours.eventSend(now, n, null);
            return;
        }
        if (redirects == null) {
            redirects = new it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap<>(2);
        }
        redirects.put(dst, new Redirected(dev, Ipv4Address.of(newGw), now + REDIRECT_TIMEOUT));
    }

    /** An ICMP error: find the socket that sent the quoted datagram (icmp_unreach → raw/ping/udp err handlers). */
    private void icmpError(long now, NetDevice dev, byte[] frame, int off, int len, int from, int type, int code) {
        int q = off + 8;
        if (len < 8 + 20 + 8) {
            return;
        }
        int qhl = (Bytes.u8(frame, q) & 0x0f) * 4;
        if (qhl < 20 || len < 8 + qhl + 8) {
            return;
        }
        int info = switch (type) {
            case 3 -> code == 4 ? Bytes.u16(frame, off + 6) : 0;
            case 5 -> Bytes.i32(frame, off + 4);
            case 12 -> Bytes.u8(frame, off + 4);
            default -> 0;
        };
        int proto = Bytes.u8(frame, q + 9);
        int l4 = q + qhl;
        if (proto == IPPROTO_ICMP && Bytes.u8(frame, l4) == 8) {
            PingSocket s = pingSockets == null ? null : pingSockets.get(Bytes.u16(frame, l4 + 4));
            // raw_icmp_error() matches sk_bound_dev_if against the device the error came in on (lo for local errors)
            if (s != null && (s.boundDevice == null || s.boundDevice == dev)) {
                s.listener.error(now, from, type, code, info, Bytes.u16(frame, l4 + 6));
            }
        } else if (proto == IPPROTO_UDP) {
            UdpSocket s = udpSockets == null ? null : udpSockets.get(Bytes.u16(frame, l4));
            if (s != null) {
                s.listener.error(now, from, type, code, info, Bytes.i32(frame, q + 16), Bytes.u16(frame, l4 + 2),
                        Bytes.u8(frame, q + 8));
            }
        }
    }

    /** icmp_echo() + icmp_reply(): the reply leaves from the address the request was sent to. */
    private void icmpEcho(long now, byte[] frame, int off, int len, int daddr, boolean broadcast) {
        int saddr = Bytes.i32(frame, ETH + 12);
        Route r = routes.lookup(saddr);
        int src = broadcast ? 0 : daddr;
        if (src == 0) {
            src = r == null ? 0 : sourceFor(r, saddr);
        }
        byte[] reply = new byte[ETH + 20 + len];
        System.arraycopy(frame, off, reply, ETH + 20, len);
        Bytes.put8(reply, ETH + 20, 0);
        Bytes.put16(reply, ETH + 22, 0);
        Bytes.put16(reply, ETH + 22, InternetChecksum.compute(reply, ETH + 20, len));
        Ipv4Frames.writeHeader(reply, ETH, Bytes.u8(frame, ETH + 1), 20 + len, nextIpId(), false, defaultTtl, 1, src, saddr);
        ipOutput(now, reply, null);
    }

    /** icmp_timestamp(): reply with receive and transmit times in ms since midnight UT (RFC 792). */
    private void icmpTimestamp(long now, byte[] frame, int off, int len, int daddr, boolean broadcast) {
        if (len < 20 || broadcast) {
            return;
        }
        int saddr = Bytes.i32(frame, ETH + 12);
        long ms = Math.floorMod((epochNanos + now) / 1_000_000L, 86_400_000L);
        byte[] reply = new byte[ETH + 20 + 20];
        int o = ETH + 20;
        Bytes.put8(reply, o, 14);
        Bytes.put32(reply, o + 4, Bytes.i32(frame, off + 4));
        Bytes.put32(reply, o + 8, Bytes.i32(frame, off + 8));
        Bytes.put32(reply, o + 12, (int) ms);
        Bytes.put32(reply, o + 16, (int) ms);
        Bytes.put16(reply, o + 2, InternetChecksum.compute(reply, o, 20));
        Ipv4Frames.writeHeader(reply, ETH, Bytes.u8(frame, ETH + 1), 40, nextIpId(), false, defaultTtl, 1, daddr, saddr);
        ipOutput(now, reply, null);
    }

    /** udp_rcv(): to a bound socket, else port unreachable (for unicast only). */
    private void udpRcv(long now, byte[] frame, int off, int len, int pktType, int daddr) {
        if (len < 8) {
            return;
        }
        int udpLen = Bytes.u16(frame, off + 4);
        if (udpLen < 8 || udpLen > len) {
            droppedFrames++;
            return;
        }
        int saddr = Bytes.i32(frame, ETH + 12);
        int csum = Bytes.u16(frame, off + 6);
        if (csum != 0) {
            long sum = InternetChecksum.pseudoHeader(saddr, daddr, IPPROTO_UDP, udpLen);
            if (InternetChecksum.fold(InternetChecksum.add(sum, frame, off, udpLen)) != 0xffff) {
                droppedFrames++;
                return;
            }
        }
        UdpSocket s = udpSockets == null ? null : udpSockets.get(Bytes.u16(frame, off + 2));
        if (s != null) {
            s.listener.datagram(now, saddr, Bytes.u16(frame, off), Bytes.u8(frame, ETH + 8), frame, off + 8, udpLen - 8);
        } else if (pktType == PACKET_HOST || isLocalAddress(daddr)) {
            icmpSend(now, frame, 3, 3, 0, null);
        }
    }

    // ------------------------------------------------------------------------------------ forwarding

    /** ip_forward(): TTL, route, MTU, then out through the egress device's neighbour with our MAC as source. */
    private void forward(long now, NetDevice in, byte[] frame, int pktType) {
        if (pktType != PACKET_HOST) {
            return;
        }
        int ttl = ip.ttl();
        int daddr = ip.destinationBits();
        if (ttl <= 1) {
            icmpSend(now, frame, 11, 0, 0, in);
            return;
        }
        Route r = routes.lookup(daddr);
        if (r == null || r.type() == Route.UNREACHABLE) {
            icmpSend(now, frame, 3, r == null ? 0 : 1, 0, in);
            return;
        }
        if (r.type() != Route.UNICAST) {
            if (r.type() == Route.PROHIBIT) {
                icmpSend(now, frame, 3, 13, 0, in);
            }
            return;
        }
        int totalLength = ip.totalLength();
        NetDevice outDev = r.device();
        if (totalLength > outDev.mtu() && ip.dontFragment()) {
            icmpSend(now, frame, 3, 4, outDev.mtu(), in);
            return;
        }
        byte[] copy = new byte[ETH + totalLength];
        System.arraycopy(frame, 0, copy, 0, copy.length);
        int nexthopFwd = nexthop(now, r, daddr);
        if (totalLength > outDev.mtu()) {
            Bytes.put8(copy, ETH + 8, ttl - 1);
            for (byte[] f : IpDefrag.fragment(copy, outDev.mtu())) {
                finishOutput(now, outDev, nexthopFwd, f);
            }
            return;
        }
        // ip_decrease_ttl(): RFC 1624 incremental checksum update
        int oldWord = Bytes.u16(copy, ETH + 8);
        Bytes.put8(copy, ETH + 8, ttl - 1);
        Bytes.put16(copy, ETH + 10, InternetChecksum.update(Bytes.u16(copy, ETH + 10), oldWord, Bytes.u16(copy, ETH + 8)));
        int nexthop = nexthop(now, r, daddr);
        // __mkroute_input()/ip_forward(): out the way it came in, to a sender on this link: tell it the better hop
        int saddr = Bytes.i32(copy, ETH + 12);
        if (outDev == in && devconf(outDev, DevConf.SEND_REDIRECTS) != 0 && (devconf(outDev, DevConf.SHARED_MEDIA) != 0 || onLink(outDev, saddr))
                && onLink(in, saddr) && rateLimit().redirectAllowed(now, saddr)) {
            icmpSend(now, copy, 5, 1, nexthop, in);
        }
        finishOutput(now, outDev, nexthop, copy);
    }

    // ----------------------------------------------------------------------------------------- output

    /**
     * Routes a locally built datagram (the frame has 14 bytes of room for the Ethernet header and a complete IPv4
     * header) and sends it; {@code bind} restricts the route to one device (SO_BINDTODEVICE). Returns 0 or -errno.
     */
    int ipOutput(long now, byte[] frame, NetDevice bind) {
        int daddr = Bytes.i32(frame, ETH + 16);
        if (isLocalAddress(daddr)) {
            loop(frame);
            return 0;
        }
        NetDevice dev;
        int nexthop;
        if (daddr == -1) {
            dev = bind != null ? bind : firstUp();
            if (dev == null) {
                return -101;
            }
            nexthop = daddr;
        } else {
            Route r = bind != null ? routes.lookup(daddr, bind) : routes.lookup(daddr);
            if (r == null && bind != null && !bind.loopback && bind.isUp()) {
                // a socket bound to a device: with no route through it, the destination is taken to be on link
                r = new Route(Ipv4Address.of(daddr), 32, null, bind, "kernel", "link", null, 0, Route.UNICAST);
            }
            if (r == null) {
                return -101; // ENETUNREACH
            }
            if (r.type() != Route.UNICAST) {
                return r.type() == Route.PROHIBIT ? -13 : r.type() == Route.BLACKHOLE ? -22 : -113;
            }
            dev = r.device();
            nexthop = nexthop(now, r, daddr);
        }
        int totalLength = Bytes.u16(frame, ETH + 2);
        if (totalLength > dev.mtu()) {
            if ((Bytes.u16(frame, ETH + 6) & 0x4000) != 0) {
                return -90; // EMSGSIZE: IP_PMTUDISC_DO and too big
            }
            for (byte[] f : IpDefrag.fragment(frame, dev.mtu())) {
                finishOutput(now, dev, nexthop, f);
            }
            return 0;
        }
        finishOutput(now, dev, nexthop, frame);
        return 0;
    }

    private NetDevice firstUp() {
        for (NetDevice d : devices) {
            if (!d.loopback && d.isUp()) {
                return d;
            }
        }
        return null;
    }

    /** ip_finish_output2(): broadcast and multicast need no resolution; unicast goes through the neighbour. */
    private void finishOutput(long now, NetDevice dev, int nexthop, byte[] frame) {
        if (dev.loopback) {
            loop(frame);
            return;
        }
        if (nexthop == -1 || isBroadcastFor(dev, nexthop)) {
            EthernetFrames.writeHeader(frame, 0, 0xffff_ffff_ffffL, dev.macBits(), 0x0800);
            out.transmit(dev, frame);
            return;
        }
        if (isMulticast(nexthop)) {
            long mac = 0x0100_5e00_0000L | (nexthop & 0x007f_ffffL);
            EthernetFrames.writeHeader(frame, 0, mac, dev.macBits(), 0x0800);
            out.transmit(dev, frame);
            return;
        }
        NeighbourEntry n = neighbours.lookupOrCreate(now, dev, nexthop);
        if (n == null) {
            droppedFrames++; // neighbour table overflow: ENOBUFS
            return;
        }
        neighbours.output(now, n, frame);
    }

    private void loop(byte[] frame) {
        EthernetFrames.writeHeader(frame, 0, 0, 0, 0x0800);
        if (loopback == null) {
            loopback = new ArrayDeque<>(2);
        }
        loopback.addLast(frame);
    }

    /**
     * icmp_send(): an error about {@code offending} (a frame with its IPv4 header at 14), unless it is about an ICMP
     * error, a non-first fragment or a broadcast, or the rate limit says no. TOS 0xc0, TTL 64, quoting up to 576
     * bytes in all.
     */
    void icmpSend(long now, byte[] offending, int type, int code, int info, NetDevice in) {
        int ihl = (Bytes.u8(offending, ETH) & 0x0f) * 4;
        int tot = Bytes.u16(offending, ETH + 2);
        int saddr = Bytes.i32(offending, ETH + 12);
        int daddr = Bytes.i32(offending, ETH + 16);
        if ((Bytes.u16(offending, ETH + 6) & 0x1fff) != 0) {
            return;
        }
        if (saddr == 0 || isMulticast(saddr) || saddr == -1 || isMulticast(daddr) || daddr == -1) {
            return;
        }
        if (Bytes.u8(offending, ETH + 9) == IPPROTO_ICMP && tot >= ihl + 1) {
            int t = Bytes.u8(offending, ETH + ihl);
            if (t != 0 && t != 8 && t != 13 && t != 14 && t != 15 && t != 16 && t != 17 && t != 18) {
                return; // never an error about an error
            }
        }
        int src;
        if (isLocalAddress(daddr)) {
            src = daddr;
        } else {
            Route back = routes.lookup(saddr);
            if (isLocalAddress(saddr)) {
                src = saddr;
            } else if (back == null) {
                return;
            } else {
                src = sourceFor(back, saddr);
            }
        }
        if (!isLocalAddress(saddr) && !rateLimit().allow(now, saddr, type, code)) {
            return;
        }
        int quoted = Math.min(Math.min(tot, offending.length - ETH), ICMP_ERROR_MAX - 20 - 8);
        int icmpLen = 8 + quoted;
        byte[] f = new byte[ETH + 20 + icmpLen];
        int o = ETH + 20;
        Bytes.put8(f, o, type);
        Bytes.put8(f, o + 1, code);
        if (type == 3 && code == 4) {
            Bytes.put16(f, o + 6, info);
        } else if (type == 5) {
            Bytes.put32(f, o + 4, info);
        } else if (type == 12) {
            Bytes.put8(f, o + 4, info);
        }
        System.arraycopy(offending, ETH, f, o + 8, quoted);
        Bytes.put16(f, o + 2, InternetChecksum.compute(f, o, icmpLen));
        int tos = (Bytes.u8(offending, ETH + 1) & 0x1e) | 0xc0;
        Ipv4Frames.writeHeader(f, ETH, tos, 20 + icmpLen, nextIpId(), false, defaultTtl, 1, src, saddr);
        ipOutput(now, f, null);
    }

    private IcmpRateLimit rateLimit() {
        if (icmpRateLimit == null) {
            icmpRateLimit = new IcmpRateLimit();
        }
        return icmpRateLimit;
    }

    private int sourceFor(Route r, int dst) {
        if (r.prefsrc() != null) {
            return r.prefsrc().bits();
        }
        return r.device().selectAddress(r.gateway() != null ? r.gateway().bits() : dst);
    }

    private int nextIpId() {
        ipId = (ipId + 1) & 0xffff;
        return ipId;
    }

    // ----------------------------------------------------------------------------------- sockets

    /** Opens an ICMP echo socket with a free identifier near {@code preferred}. */
    public PingSocket openPing(int preferred, PingSocket.Listener listener) {
        if (pingSockets == null) {
            pingSockets = new Int2ObjectOpenHashMap<>(1);
        }
        int id = preferred & 0xffff;
        while (pingSockets.containsKey(id)) {
            id = (id + 1) & 0xffff;
        }
        PingSocket s = new PingSocket(id, listener);
        pingSockets.put(id, s);
        return s;
    }

    public void close(PingSocket s) {
        pingSockets.remove(s.identifier);
        s.closed = true;
    }

    /** Binds a UDP socket to {@code port} (0: an ephemeral port). */
    public UdpSocket openUdp(int port, UdpSocket.Listener listener) {
        if (udpSockets == null) {
            udpSockets = new Int2ObjectOpenHashMap<>(1);
        }
        if (port == 0) {
            do {
                port = nextEphemeralPort++;
                if (nextEphemeralPort > 60999) {
                    nextEphemeralPort = 32768;
                }
            } while (udpSockets.containsKey(port));
        } else if (udpSockets.containsKey(port)) {
            throw new IllegalArgumentException("UDP port " + port + " already in use on " + name);
        }
        UdpSocket s = new UdpSocket(port, listener);
        udpSockets.put(port, s);
        return s;
    }

    public void close(UdpSocket s) {
        udpSockets.remove(s.port);
    }

    /** The route a datagram to {@code dst} would take (null: network unreachable). */
    public Route route(Ipv4Address dst, NetDevice bind) {
        return bind != null ? routes.lookup(dst.bits(), bind) : routes.lookup(dst.bits());
    }

    /** The source address a datagram to {@code dst} would carry, or null when unroutable. */
    public Ipv4Address sourceAddress(Ipv4Address dst, NetDevice bind) {
        if (isLocalAddress(dst.bits())) {
            return dst;
        }
        Route r = route(dst, bind);
        if (r == null && bind != null && !bind.loopback && !bind.addresses.isEmpty()) {
            // ip_route_output_key_hash_rcu(): no route through the bound device, "assume that the destination is
            // on link", source inet_select_addr(dev, 0, RT_SCOPE_LINK)
            return bind.addresses.get(0).address();
        }
        return r == null ? null : Ipv4Address.of(sourceFor(r, dst.bits()));
    }

    /** IP_MTU_DISCOVER values: never DF; DF when it fits, else fragment locally; always DF (too big: EMSGSIZE). */
    public static final int PMTUDISC_DONT = 0;
    public static final int PMTUDISC_WANT = 1;
    public static final int PMTUDISC_DO = 2;

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
     * one of the PMTUDISC_ values. Returns 0, or -errno (101 ENETUNREACH, 90 EMSGSIZE ...).
     */
    public int sendEcho(long now, PingSocket s, Ipv4Address src, Ipv4Address dst, int sequence, byte[] data, int ttl,
                        int tos, int pmtudisc, NetDevice bind, Outbox out) {
        this.out = out;
        if (src == null) {
            src = sourceAddress(dst, bind);
        }
        if (src == null) {
            return -101;
        }
        boolean df = pmtudisc != PMTUDISC_DONT;
        if (pmtudisc == PMTUDISC_WANT) {
            Route r = route(dst, bind);
            int mtu = r == null || isLocalAddress(dst.bits()) ? 65535 : r.device().mtu();
            df = 28 + data.length <= mtu; // too big for the path: fragmented locally, without DF
        }
        byte[] f = new byte[IcmpFrames.ECHO_HEADERS_LENGTH + data.length];
        IcmpFrames.writeEchoRequest(f, 0, 0, 0, src.bits(), dst.bits(), nextIpId(), ttl, df, s.identifier,
                sequence, data, 0, data.length);
        if (tos != 0) {
            Bytes.put8(f, ETH + 1, tos);
            Bytes.put16(f, ETH + 10, 0);
            Bytes.put16(f, ETH + 10, InternetChecksum.compute(f, ETH, 20));
        }
        return ipOutput(now, f, bind);
    }

    /** Sends a UDP datagram from socket {@code s}. Returns 0 or -errno. */
    public int sendUdp(long now, UdpSocket s, Ipv4Address dst, int dstPort, byte[] data, int ttl, NetDevice bind, Outbox out) {
        return sendUdp(now, s, null, dst, dstPort, data, ttl, 0, false, bind, out);
    }

    /** Like the above with the socket's bound source (null: routing picks), IP_TOS and DF (IP_PMTUDISC_DO/PROBE). */
    public int sendUdp(long now, UdpSocket s, Ipv4Address src, Ipv4Address dst, int dstPort, byte[] data, int ttl,
                       int tos, boolean dontFragment, NetDevice bind, Outbox out) {
        this.out = out;
        if (src == null) {
            src = sourceAddress(dst, bind);
        }
        if (src == null) {
            return -101;
        }
        int udpLen = 8 + data.length;
        byte[] f = new byte[ETH + 20 + udpLen];
        int o = ETH + 20;
        Bytes.put16(f, o, s.port);
        Bytes.put16(f, o + 2, dstPort);
        Bytes.put16(f, o + 4, udpLen);
        System.arraycopy(data, 0, f, o + 8, data.length);
        long sum = InternetChecksum.pseudoHeader(src.bits(), dst.bits(), IPPROTO_UDP, udpLen);
        int csum = InternetChecksum.finish(InternetChecksum.add(sum, f, o, udpLen));
        Bytes.put16(f, o + 6, csum == 0 ? 0xffff : csum);
        Ipv4Frames.writeHeader(f, ETH, tos, 20 + udpLen, nextIpId(), dontFragment, ttl, IPPROTO_UDP, src.bits(),
                dst.bits());
        return ipOutput(now, f, bind);
    }

    /** A packet socket bound to ETH_P_ARP on one device (what arping opens): sees every ARP frame the device receives. */
    public interface PacketListener {
        /** {@code pktType} is skb->pkt_type: 0 host, 1 broadcast, 2 multicast, 3 other host. */
        void frame(long now, byte[] frame, int pktType);
    }

    private record PacketSocket(NetDevice dev, PacketListener listener) {}

    /** Open packet sockets (arping); created with the first one. */
    private List<PacketSocket> packetSockets;

    /**
     * Opens a packet socket for ARP frames arriving on {@code dev}. As in the kernel (packet_rcv runs from the
     * protocol taps in __netif_receive_skb before arp_rcv), the listener gets its copy and the stack still processes
     * the frame itself.
     */
    public Object openPacketSocket(NetDevice dev, PacketListener listener) {
        PacketSocket ps = new PacketSocket(dev, listener);
        if (packetSockets == null) {
            packetSockets = new ArrayList<>(1);
        }
        packetSockets.add(ps);
        return ps;
    }

    public void closePacketSocket(Object handle) {
        if (packetSockets != null) {
            packetSockets.remove(handle);
        }
    }

    private void deliverToPacketSockets(long now, NetDevice dev, byte[] frame, int pktType) {
        for (int i = 0; packetSockets != null && i < packetSockets.size(); i++) {
            PacketSocket ps = packetSockets.get(i);
            if (ps.dev == dev) {
                ps.listener.frame(now, frame.clone(), pktType);
            }
        }
    }

    /** Sends a raw ARP frame built by a tool (arping), as a packet socket would. */
    public void sendRaw(NetDevice dev, byte[] frame, Outbox out) {
        this.out = out;
        out.transmit(dev, frame);
    }

    // ---------------------------------------------------------------------------- neighbour administration

    /** ip neigh add|replace ADDR lladdr MAC dev DEV nud STATE (neigh_add with NEIGH_UPDATE_F_ADMIN). */
    public NeighbourEntry neighAdd(long now, NetDevice dev, Ipv4Address addr, MacAddress mac, NudState state,
                                   boolean replace, Outbox out) {
        this.out = out;
        NeighbourEntry n = neighbours.lookup(dev, addr.bits());
        if (n != null && !replace) {
            throw new IllegalArgumentException("neighbour " + addr + " dev " + dev.name + " exists (RTNETLINK answers: File exists)");
        }
        if (n == null) {
            n = neighbours.create(now, dev, addr.bits(), state == NudState.PERMANENT);
            if (n == null) {
                throw new IllegalArgumentException("neighbour table overflow (RTNETLINK answers: No buffer space available)");
            }
        }
        int flags = NeighbourTable.F_OVERRIDE | NeighbourTable.F_ADMIN;
        neighbours.update(now, n, mac == null ? NeighbourTable.NO_LLADDR : mac.bits(), state.bits, flags);
        return n;
    }

    /** ip neigh del ADDR dev DEV; false when there is no such entry. */
    public boolean neighDelete(long now, NetDevice dev, Ipv4Address addr, Outbox out) {
        this.out = out;
        NeighbourEntry n = neighbours.lookup(dev, addr.bits());
        if (n == null) {
            return false;
        }
        neighbours.delete(now, n);
        return true;
    }

    // ----------------------------------------------------------------------------------- address predicates

    /** inet_addr_type() == RTN_LOCAL: one of this host's addresses, on any device. */
    public boolean isLocalAddress(int a) {
        for (int x : localAddrs) {
            if (x == a) {
                return true;
            }
        }
        return (a >>> 24) == 127;
    }

    private void refreshLocalAddresses() {
        int n = 0;
        for (NetDevice d : devices) {
            n += d.addresses.size();
        }
        int[] all = new int[n];
        int i = 0;
        for (NetDevice d : devices) {
            for (NetDevice.Address a : d.addresses) {
                all[i++] = a.address().bits();
            }
        }
        localAddrs = all;
    }

    /** inet_addr_type() == RTN_UNICAST: not local, broadcast, multicast or zero. */
    private boolean isUnicastAddress(int a) {
        if (a == 0 || a == -1 || isMulticast(a) || isLocalAddress(a)) {
            return false;
        }
        for (NetDevice d : devices) {
            if (isBroadcastFor(d, a)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBroadcastFor(NetDevice dev, int a) {
        for (NetDevice.Address x : dev.addresses) {
            if (x.broadcast() != null && x.broadcast().bits() == a
                    || x.ifaBroadcast() != null && x.ifaBroadcast().bits() == a) {
                return true;
            }
        }
        return false;
    }

    private static boolean onLink(NetDevice dev, int a) {
        for (NetDevice.Address x : dev.addresses) {
            if (((x.address().bits() ^ a) & Ipv4Address.netmask(x.prefixLength())) == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMulticast(int a) {
        return (a & 0xf000_0000) == 0xe000_0000;
    }
}

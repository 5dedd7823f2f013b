package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Hook;
import io.arplab.wire.EtherType;
import io.arplab.wire.EthernetFrames;
import io.arplab.wire.EthernetView;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4View;
import io.arplab.wire.MacAddress;
import java.util.ArrayDeque;

/**
 * net/ipv4/ip_output.c: ip_local_out() of a locally built datagram (route, fragment when too big, unless DF),
 * ip_finish_output2() through the neighbour, and the loopback device's queue (drivers/net/loopback.c) that
 * brings datagrams for this host back to {@link IpInput}.
 */
final class IpOutput {
    private static final int ETH = EthernetView.HEADER_LENGTH;
    private static final int IPV4 = EtherType.IPV4.value();
    private static final int ETH_P_IP = 0x0800;

    private final Netns ns;
    private Ipv4View ip;
    /** lo's queue: each frame with the time it comes in again. */
    private ArrayDeque<Looped> loopback;

    /** A frame on lo's queue: {@code dev} is where it comes in, lo or the device a broadcast went out by. */
    record Looped(byte[] frame, long due, NetDevice dev) {}

    /**
     * The time a looped-back datagram takes to come in again (loopback_xmit(), netif_rx(), the backlog's softirq),
     * as a veth hop's wire takes it: never none, so that a process answering what it receives at once (ping -i 0
     * 127.0.0.1) runs in time, as on a real machine, not forever at one instant.
     */
    static final long LOOPBACK_LATENCY = 5_000;

    IpOutput(Netns ns) {
        this.ns = ns;
    }

    /**
     * Routes a locally built datagram (the frame has 14 bytes of room for the Ethernet header and a complete IPv4
     * header) and sends it; {@code bind} restricts the route to one device (SO_BINDTODEVICE). Returns 0 or -errno.
     */
    int output(long now, byte[] frame, NetDevice bind, Outbox out) {
        return output(now, frame, bind, null, out);
    }

    /** {@link #output} of a datagram charged to socket {@code owner}'s send buffer while it waits on resolution. */
    int output(long now, byte[] frame, NetDevice bind, Object owner, Outbox out) {
        Ipv4View h = ip().wrap(frame, ETH, frame.length - ETH);
        int daddr = h.destinationBits();
        int rc = route(now, h.sourceBits(), daddr, bind);
        if (rc < 0) {
            return rc;
        }
        if (!ns.nfHook(Family.IP, Hook.OUTPUT, frame, ETH, null, routed, HostStack.PACKET_HOST, ETH_P_IP, now, out)) {
            return Errno.EPERM.negative();
        }
        if (h.destinationBits() != daddr) { // nf_nat_ipv4_local_fn(): a destination changed at output is routed again
            daddr = h.destinationBits();
            rc = route(now, h.sourceBits(), daddr, bind); // ip_route_me_harder()
            if (rc < 0) {
                return rc;
            }
        }
        NetDevice dev = routed;
        int nexthop = routedNexthop;
        Route via = routedVia;
        boolean local = routedLocal;
        if (!ns.nfHook(Family.IP, Hook.POSTROUTING, frame, ETH, null, dev, HostStack.PACKET_HOST, ETH_P_IP, now, out)) {
            return Errno.EPERM.negative();
        }
        if (local) {
            // local routes go out through lo: its 0.0.0.0 neighbour
            loop(now, frame, dev != null && dev.loopback ? ns.neighbours().noarp(now, dev, 0, 0) : null);
            return 0;
        }
        int mtu = daddr == -1 ? dev.mtu() : ns.pathMtu(now, daddr, dev);
        if (h.totalLength() > mtu && h.dontFragment()) {
            return Errno.EMSGSIZE.negative(); // IP_PMTUDISC_DO and too big
        }
        if (nexthop == -1 || Netns.isBroadcastFor(dev, nexthop)) {
            // ip_mc_output(): a broadcast route (RTCF_BROADCAST) also loops a clone of the whole datagram back to
            // this host (dev_loopback_xmit()), received on dev with the output route it keeps
            byte[] copy = frame.clone();
            EthernetFrames.writeHeader(copy, 0, MacAddress.BROADCAST.bits(), dev.macBits(), IPV4);
            queue(new Looped(copy, now + LOOPBACK_LATENCY, dev));
        }
        if (h.totalLength() > mtu) {
            // ip_do_fragment(): each fragment through ip_finish_output2(), whose local_bh_enable() (in
            // __neigh_event_send() or __dev_queue_xmit()) runs the softirq before the next: a first fragment that
            // starts resolving the next hop comes out of the queue, answered, before the second is queued behind it
            for (byte[] f : IpDefrag.fragment(frame, mtu)) {
                finishOutput(now, dev, nexthop, via, f, owner, null, out);
                out.doSoftirq();
            }
            return 0;
        }
        finishOutput(now, dev, nexthop, via, frame, owner, null, out);
        return 0;
    }

    /** What {@link #route} found: the device, the next hop, the table route (null when none), whether it is local. */
    private NetDevice routed;
    private int routedNexthop;
    private Route routedVia;
    private boolean routedLocal;

    /** ip_route_output_key() from {@code saddr} to {@code daddr}: 0 with {@link #routed} and the rest set, or -errno. */
    private int route(long now, int saddr, int daddr, NetDevice bind) {
        routedVia = null;
        routedLocal = ns.isLocalFor(daddr, bind);
        if (routedLocal) {
            routed = ns.device(1);
            return ns.localRouteRefused() ? Errno.EINVAL.negative() : 0;
        }
        if (daddr == -1) {
            routed = bind != null ? bind : ns.firstUp();
            routedNexthop = daddr;
            return routed == null ? Errno.ENETUNREACH.negative() : localnet(saddr, routed);
        }
        Route via = ns.route(daddr, bind);
        Route r = via != null ? via : ns.outputRoute(daddr, bind);
        if (r == null) {
            return Errno.ENETUNREACH.negative();
        }
        if (r.type() != Route.UNICAST) {
            // ip_route_output_key(): the route type's fib_props error
            return (r.type() == Route.PROHIBIT ? Errno.EACCES
                    : r.type() == Route.BLACKHOLE ? Errno.EINVAL : Errno.EHOSTUNREACH).negative();
        }
        routedVia = via;
        routed = r.device();
        routedNexthop = ns.icmp().nexthop(now, r, daddr);
        return localnet(saddr, routed);
    }

    // __mkroute_output(): a loopback source leaves by a device that is not loopback only with its
    // IN_DEV_ROUTE_LOCALNET (conf.all or the device)
    private int localnet(int saddr, NetDevice dev) {
        return (saddr >>> 24) == 127 && !dev.loopback && ns.devconf(dev, DevConf.ROUTE_LOCALNET) == 0
                ? Errno.EINVAL.negative() : 0;
    }

    /**
     * ip_local_out()'s NF_INET_LOCAL_OUT (a datagram this host made; {@code in} is null), then ip_output()'s
     * NF_INET_POST_ROUTING with the device it came in by (before ip_finish_output() fragments it). False when a rule
     * dropped it: nf_hook_slow()'s -EPERM, which sendmsg() returns.
     */
    boolean mayLeave(long now, byte[] frame, NetDevice in, NetDevice dev, HostStack.Outbox out) {
        return (in != null || ns.nfHook(Family.IP, Hook.OUTPUT, frame, ETH, null, dev, HostStack.PACKET_HOST, ETH_P_IP, now, out))
                && ns.nfHook(Family.IP, Hook.POSTROUTING, frame, ETH, in, dev, HostStack.PACKET_HOST, ETH_P_IP, now, out);
    }

    /**
     * ip_finish_output2(): broadcast and multicast need no resolution; unicast goes through the neighbour, with the
     * table route it took ({@code via}, null when none: the skb's dst).
     */
    void finishOutput(long now, NetDevice dev, int nexthop, Route via, byte[] frame, Outbox out) {
        finishOutput(now, dev, nexthop, via, frame, null, null, out);
    }

    /** {@link #finishOutput} of a datagram forwarded from {@code iif}. */
    void forwardOutput(long now, NetDevice dev, int nexthop, Route via, byte[] frame, NetDevice iif, Outbox out) {
        finishOutput(now, dev, nexthop, via, frame, null, iif, out);
    }

    private void finishOutput(long now, NetDevice dev, int nexthop, Route via, byte[] frame, Object owner,
                              NetDevice iif, Outbox out) {
        if (dev.loopback) { // ip_neigh_gw4(): a loopback device's neighbour is 0.0.0.0
            loop(now, frame, ns.neighbours().noarp(now, dev, 0, 0));
            return;
        }
        if (nexthop == -1 || Netns.isBroadcastFor(dev, nexthop)) {
            ns.neighbours().noarp(now, dev, nexthop, MacAddress.BROADCAST.bits());
            EthernetFrames.writeHeader(frame, 0, MacAddress.BROADCAST.bits(), dev.macBits(), IPV4);
            out.transmit(dev, frame);
            return;
        }
        if (Netns.isMulticast(nexthop)) {
            long mac = NeighbourTable.multicastMac(nexthop);
            ns.neighbours().noarp(now, dev, nexthop, mac);
            EthernetFrames.writeHeader(frame, 0, mac, dev.macBits(), IPV4);
            out.transmit(dev, frame);
            return;
        }
        NeighbourEntry n = ns.neighbours().lookupOrCreate(now, dev, nexthop);
        if (n == null) {
            ns.droppedFrames++; // neighbour table overflow: ENOBUFS
            return;
        }
        ns.neighbours().output(now, n, frame, via, owner, iif, out);
    }

    /**
     * loopback_xmit(): the frame comes back in through lo {@link #LOOPBACK_LATENCY} later, addressed to what lo's
     * neighbour holds (neigh_hh_output()): lo's own zero address, or an address set by hand (ip neigh add X lladdr M
     * dev lo), which eth_type_trans() then finds is not lo's (PACKET_OTHERHOST, dropped by ip_rcv()).
     */
    private void loop(long now, byte[] frame, NeighbourEntry hh) {
        long mac = hh != null && (hh.state & NudState.VALID) != 0 ? hh.lladdr : 0;
        EthernetFrames.writeHeader(frame, 0, mac, 0, IPV4);
        NetDevice lo = ns.device(1);
        if (lo != null && lo.loopback) { // loopback_xmit(): counted after eth_type_trans(), as sent and received
            lo.countTx(frame.length - 14);
        }
        queue(new Looped(frame, now + LOOPBACK_LATENCY, lo));
    }

    private void queue(Looped l) {
        if (loopback == null) {
            loopback = new ArrayDeque<>(2);
        }
        loopback.addLast(l);
    }

    /** When the oldest frame on lo comes in, or Long.MAX_VALUE. */
    long loopbackDeadline() {
        return loopback == null || loopback.isEmpty() ? Long.MAX_VALUE : loopback.peekFirst().due();
    }

    /** The oldest frame on lo if it has come in by {@code now}, or null. */
    Looped pollLoopback(long now) {
        return loopback == null || loopback.isEmpty() || loopback.peekFirst().due() > now ? null
                : loopback.pollFirst();
    }

    /** The view, created on first use (a lab holds thousands of idle hosts). */
    private Ipv4View ip() {
        if (ip == null) {
            ip = new Ipv4View(Ipv4View.NO_BYTES, 0, 0);
        }
        return ip;
    }
}

package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Hook;
import io.arplab.wire.ArpFrames;
import io.arplab.wire.ArpOp;
import io.arplab.wire.ArpView;
import io.arplab.wire.EtherType;
import io.arplab.wire.EthernetFrames;
import io.arplab.wire.EthernetView;
import io.arplab.wire.IcmpCode;
import io.arplab.wire.IcmpType;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4View;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * net/ipv4/arp.c: arp_rcv()/arp_process(), arp_solicit(), arp_error_report(), arp_send_dst(), and the proxy
 * ARP it does through the pneigh table and proxy queue (net/core/neighbour.c pneigh_*, neigh_proxy_process()).
 * It does the neighbour table's {@link NeighbourTable.Ops} (arp_hh_ops / arp_generic_ops) that {@link Netns} hands it.
 */
final class Arp implements NeighbourTable.Ops {
    private static final int ETH = EthernetView.HEADER_LENGTH;
    private static final int REQUEST = ArpOp.REQUEST.code();
    private static final int REPLY = ArpOp.REPLY.code();
    private static final int IPV4 = EtherType.IPV4.value();
    private static final int ETH_P_ARP = EtherType.ARP.value();

    private final Netns ns;
    private Ipv4View queuedIp;
    private List<HostStack.ProxyEntry> proxies;
    private List<ProxyWait> proxyQueue;
    private List<HostStack.NeighbourMonitor> monitors;

    Arp(Netns ns) {
        this.ns = ns;
    }

    /**
     * arp_rcv() + arp_process() for an Ethernet device. {@code redo}: the request comes back from the proxy queue
     * (NEIGH_CB LOCALLY_ENQUEUED), answer it now.
     */
    void rcv(long now, NetDevice dev, byte[] frame, int pktType, boolean redo, Outbox out) {
        if (pktType == HostStack.PACKET_OTHERHOST || dev.noarp()) {
            return; // arp_rcv(): IFF_NOARP or another host's frame, consumed
        }
        ArpView a = new ArpView(frame, ETH, frame.length - ETH); // the frame's own view (see HostStack.receive)
        // arp_rcv(): the header plus two Ethernet and two IPv4 addresses must be there (ar_hln 6, ar_pln 4)
        if (frame.length < ETH + ArpView.ETHERNET_IPV4_LENGTH || a.hardwareLength() != 6 || a.protocolLength() != 4) {
            ns.droppedFrames++;
            return;
        }
        // arp_rcv(): NF_HOOK(NFPROTO_ARP, NF_ARP_IN, ..., arp_process); a proxied request comes back past it
        if (!redo && !ns.nfHook(Family.ARP, Hook.INPUT, frame, ETH, dev, null, pktType, ETH_P_ARP, now, out)) {
            return;
        }
        int hrd = a.hardwareType();
        if (hrd != 1 && hrd != 6 || a.protocolType() != IPV4) {
            return; // ARPHRD_ETHER or ARPHRD_IEEE802, ETH_P_IP
        }
        int op = a.operationCode();
        if (op != REQUEST && op != REPLY) {
            return;
        }
        long sha = a.senderHardwareAddressBits();
        int sip = a.senderProtocolAddressBits();
        long tha = a.targetHardwareAddressBits();
        int tip = a.targetProtocolAddressBits();
        if (Netns.isMulticast(tip) || (tip >>> 24) == 127 && ns.devconf(dev, DevConf.ROUTE_LOCALNET) == 0) {
            return;
        }
        if (sip == tip && ns.devconf(dev, DevConf.DROP_GRATUITOUS_ARP) != 0) {
            return;
        }
        if (sip == 0) {
            // RFC 2131 duplicate address detection probe: answer if the address is ours
            if (op == REQUEST && ns.isLocalAddress(tip) && !ignore(dev, sip, tip)) {
                send(now, REPLY, dev, sip, tip, sha, dev.macBits(), sha, out);
            }
            return;
        }
        // ip_route_input_noref(skb, tip, sip, 0, dev): a request whose sender fails the source checks is not
        // answered (nor proxied); it only updates an existing entry below
        if (op == REQUEST) {
            boolean local = ns.isLocalAddress(tip);
            if (local && ns.validSource(dev, sip, null)) {
                if (!ignore(dev, sip, tip) && !(ns.devconf(dev, DevConf.ARP_FILTER) != 0 && filter(sip, dev))) {
                    // a request for us: learn the requester as STALE (neigh_event_ns), then reply
                    NeighbourEntry n = ns.neighbours().eventNs(now, dev, sip, sha, out);
                    if (n != null) {
                        send(now, REPLY, dev, sip, tip, sha, dev.macBits(), sha, out);
                    }
                }
                return;
            }
            // IN_DEV_FORWARD(in_dev): the receiving device's own forwarding
            boolean proxyArp = ns.devconf(dev, DevConf.PROXY_ARP) != 0;
            boolean pvlan = ns.devconf(dev, DevConf.PROXY_ARP_PVLAN) != 0;
            if (!local && dev.confValue(DevConf.FORWARDING) != 0 && (proxyArp || pvlan || proxies != null)) {
                Route r = ns.routes.lookup(tip);
                // arp_fwd_proxy() (proxy_arp on, route out of another device), a proxy entry (ip neigh add proxy), or
                // arp_fwd_pvlan() (proxy_arp_pvlan: the route goes back out of the same device, not a self probe)
                boolean proxied = r != null && (r.device() != dev ? proxyArp || proxyLookup(dev, tip)
                        : pvlan && sip != tip);
                if (r != null && r.type() == Route.UNICAST && proxied && ns.validSource(dev, sip, r.device())) {
                    NeighbourEntry n = ns.neighbours().eventNs(now, dev, sip, sha, out);
                    long delay = dev.arpParms().proxyDelay;
                    if (redo || pktType == HostStack.PACKET_HOST || delay == 0) {
                        if (n != null) {
                            send(now, REPLY, dev, sip, tip, sha, dev.macBits(), sha, out);
                        }
                    } else {
                        proxyEnqueue(now, dev, frame, pktType, delay);
                    }
                    return;
                }
            }
        }
        NeighbourEntry n = ns.neighbour(dev, sip);
        boolean accept = accept(dev, sip);
        boolean isGarp = false;
        if (n != null || accept) {
            isGarp = isGarp(op, sip, tip, sha, tha);
        }
        if (accept && n == null && (isGarp || op == REPLY && ns.isUnicastAddress(sip))) {
            n = ns.neighbours().lookupOrCreate(now, dev, sip);
        }
        if (n != null) {
            // "If several different ARP replies follow back-to-back, use the FIRST one" (locktime)
            boolean override = now > n.updated + n.parms.locktime || isGarp;
            // broadcast replies and requests do not assert reachability
            int state = op != REPLY || pktType != HostStack.PACKET_HOST ? NudState.STALE.bits : NudState.REACHABLE.bits;
            ns.neighbours().update(now, n, sha, state, override ? NeighbourTable.F_OVERRIDE : 0, out);
        }
    }

    /**
     * Whether arp_process() on {@code dev} can act on a broadcast request or reply (sender not 0.0.0.0, target not in
     * 127/8) only when the namespace owns the target or holds an entry for the sender on {@code dev}: the device is up,
     * arp_accept is off (no entry created from a gratuitous ARP or a reply), and no proxy ARP can answer (IN_DEV_FORWARD
     * with proxy_arp or a pneigh entry). Packet sockets are the caller's part.
     */
    static boolean quiet(Netns ns, NetDevice dev) {
        boolean pneigh = ns.parts.arp != null && ns.parts.arp.proxies != null; // no Arp yet: no proxy entries
        return dev.isUp() && dev.macBits() != MacAddress.BROADCAST.bits() && ns.devconf(dev, DevConf.ARP_ACCEPT) == 0
                && !(dev.confValue(DevConf.FORWARDING) != 0 && (ns.devconf(dev, DevConf.PROXY_ARP) != 0
                        || ns.devconf(dev, DevConf.PROXY_ARP_PVLAN) != 0 || pneigh));
    }

    /** arp_is_garp(): spa == tpa (a reply also needs tha == sha), and the address a plain unicast one. */
    private boolean isGarp(int op, int sip, int tip, long sha, long tha) {
        boolean garp = sip == tip;
        if (garp && op == REPLY) {
            garp = tha == sha;
        }
        return garp && ns.isUnicastAddress(sip);
    }

    /** arp_accept(): 0 never, 1 always, 2 only from our own subnets. */
    private boolean accept(NetDevice dev, int sip) {
        return switch (ns.devconf(dev, DevConf.ARP_ACCEPT)) {
            case 1 -> true;
            case 2 -> Netns.onLink(dev, sip);
            default -> false;
        };
    }

    /** arp_ignore(): whether to stay silent to a request for {@code tip} arriving on {@code dev}. */
    private boolean ignore(NetDevice dev, int sip, int tip) {
        return switch (ns.devconf(dev, DevConf.ARP_IGNORE)) {
            // 1: tip must be on the incoming device; 2: also in a subnet holding sip; 3: not a scope host address
            case 1 -> !ns.confirmAddress(dev, 0, tip, NetDevice.SCOPE_HOST);
            case 2 -> !ns.confirmAddress(dev, sip, tip, NetDevice.SCOPE_HOST);
            case 3 -> !ns.confirmAddress(null, 0, tip, NetDevice.SCOPE_LINK);
            case 8 -> true;
            default -> false;
        };
    }

    /** arp_filter(): reply only if the route back to the sender leaves through this device. */
    private boolean filter(int sip, NetDevice dev) {
        Route r = ns.isLocalAddress(sip) ? null : ns.routes.lookup(sip);
        return r == null || r.device() != dev;
    }

    /** arp_send_dst(): an Ethernet/IPv4 ARP frame, 42 bytes (veth does not pad to 60). */
    private void send(long now, int op, NetDevice dev, int destIp, int srcIp, long destHw, long srcHw, long targetHw, Outbox out) {
        if (dev.noarp()) {
            return; // arp_send_dst(): nothing on an IFF_NOARP device (a hand-made DELAY entry's probes)
        }
        byte[] f = new byte[ArpFrames.FRAME_LENGTH];
        ArpFrames.write(f, 0, destHw, dev.macBits(), op, srcHw, srcIp, targetHw, destIp);
        // arp_xmit(): NF_HOOK(NFPROTO_ARP, NF_ARP_OUT, ..., arp_xmit_finish), the skb from dev_hard_header() on
        if (ns.nfHook(Family.ARP, Hook.OUTPUT, f, ETH, 0, null, dev, HostStack.PACKET_HOST, ETH_P_ARP, now, out)) {
            out.transmit(dev, f);
        }
    }

    /** arp_send(ARPOP_REQUEST) of a gratuitous request for each address of {@code dev} (arp_notify, arping -U). */
    void announce(long now, NetDevice dev, Outbox out) {
        if (dev.loopback || dev.noarp()) {
            return; // arp_send_dst(): nothing on an IFF_NOARP device
        }
        for (NetDevice.Address a : dev.addresses()) {
            int ip = a.address().bits();
            send(now, REQUEST, dev, ip, ip, MacAddress.BROADCAST.bits(), dev.macBits(), 0, out);
        }
    }

    // ------------------------------------------------------------------------- NeighbourTable.Ops (arp_tbl)

    /** arp_solicit(): broadcast while resolving, unicast to the cached address while probing. */
    @Override
    public void solicit(long now, NeighbourEntry n, byte[] queued, Outbox out) {
        NetDevice dev = n.dev;
        int target = n.ip;
        int saddr = 0;
        int s = queued == null ? 0 : queuedIp().wrap(queued, ETH, queued.length - ETH).sourceBits();
        switch (ns.devconf(dev, DevConf.ARP_ANNOUNCE)) {
            case 1 -> {
                // restrict announcements to a source in a subnet of the device that also holds the target
                if (queued != null && ns.isLocalAddress(s) && Netns.addrOnlink(dev, target, s)) {
                    saddr = s;
                }
            }
            case 2 -> { } // avoid secondary and foreign addresses: a primary one of the device
            default -> {
                if (queued != null && ns.isLocalAddress(s)) {
                    saddr = s;
                }
            }
        }
        if (saddr == 0) {
            saddr = ns.selectAddress(dev, target, NetDevice.SCOPE_LINK);
        }
        int probes = n.probes - n.parms.ucastProbes;
        long dstHw;
        if (probes < 0) {
            dstHw = n.lladdr;
        } else {
            probes -= n.parms.appProbes;
            if (probes < 0) {
                notify(now, n, NeighbourTable.RTM_GETNEIGH); // neigh_app_ns(): ask a resolver in user space
                return;
            }
            dstHw = MacAddress.BROADCAST.bits();
        }
        send(now, REQUEST, dev, target, saddr, dstHw, dev.macBits(), 0, out);
    }

    /**
     * arp_error_report(): the packet could not be delivered; tell its sender (host unreachable). A packet whose table
     * route went while it waited sends nothing here: freeing the fib_info dst_dev_put() its cached dst onto
     * blackhole_netdev, so __icmp_send() takes dev_net() of that, init_net, and routes the error there.
     */
    @Override
    public void errorReport(long now, NeighbourEntry n, byte[] frame, Route via, NetDevice iif, Outbox out) {
        if (via != null && !ns.routes.routes().contains(via)) {
            return;
        }
        ns.icmp().send(now, frame, IcmpType.DESTINATION_UNREACHABLE, IcmpCode.Unreachable.HOST, 0, n.dev, iif, out);
    }

    /** neigh_resolve_output() / neigh_connected_output(): dev_hard_header() from the entry, then dev_queue_xmit(). */
    @Override
    public void transmit(long now, NeighbourEntry n, byte[] frame, Outbox out) {
        EthernetFrames.writeHeader(frame, 0, n.lladdr, n.dev.macBits(), IPV4);
        out.transmit(n.dev, frame);
    }

    /** neigh_notify() → rtnetlink RTNLGRP_NEIGH listeners ({@code ip monitor neigh}). */
    @Override
    public void notify(long now, NeighbourEntry n, int type) {
        for (int i = 0; monitors != null && i < monitors.size(); i++) {
            monitors.get(i).neighbourEvent(now, n, type);
        }
    }

    void addMonitor(HostStack.NeighbourMonitor m) {
        if (monitors == null) {
            monitors = new ArrayList<>(1);
        }
        monitors.add(m);
    }

    void removeMonitor(HostStack.NeighbourMonitor m) {
        if (monitors != null) {
            monitors.remove(m);
        }
    }

    // ------------------------------------------------------------------------------------ proxy ARP

    /**
     * pneigh_create(): false when the entry exists already. {@code permanent} null is the ioctl's pneigh_lookup()
     * (a new entry not permanent, without flags or protocol, an existing one left), else neigh_add()'s NUD_PERMANENT
     * and {@code flags}, set on either, and {@code protocol} unless 0.
     */
    boolean proxyAdd(Ipv4Address address, NetDevice dev, Boolean permanent, int flags, int protocol) {
        if (proxies == null) {
            proxies = new ArrayList<>(2);
        }
        for (int i = 0; i < proxies.size(); i++) {
            HostStack.ProxyEntry e = proxies.get(i);
            if (e.address().equals(address) && e.dev() == dev) {
                if (permanent != null) {
                    proxies.set(i, new HostStack.ProxyEntry(address, dev, permanent, flags,
                            protocol != 0 ? protocol : e.protocol()));
                }
                return false;
            }
        }
        // pneigh_create() links at the head of its bucket
        proxies.add(0, new HostStack.ProxyEntry(address, dev, permanent != null && permanent, flags, protocol));
        ns.configChanged();
        return true;
    }

    /** pneigh_delete(): false when there is no such entry. */
    boolean proxyDelete(Ipv4Address address, NetDevice dev) {
        boolean removed = proxies != null && proxies.removeIf(e -> e.address().equals(address) && e.dev() == dev);
        if (proxies != null && proxies.isEmpty()) {
            proxies = null;
        }
        ns.configChanged();
        return removed;
    }

    /**
     * __neigh_ifdown()'s proxy part: the device's proxy entries go (pneigh_ifdown()), and so do the namespace's
     * requests waiting in the proxy queue (pneigh_queue_purge()).
     */
    void proxyIfdown(NetDevice dev) {
        proxyQueue = null;
        if (proxies != null && proxies.removeIf(e -> e.dev() == dev)) {
            if (proxies.isEmpty()) {
                proxies = null;
            }
            ns.configChanged();
        }
    }

    /** neigh_carrier_down() → pneigh_ifdown_and_unlock(skip_perm): the device's proxy entries but permanent ones go. */
    void proxyCarrierDown(NetDevice dev) {
        if (proxies != null && proxies.removeIf(e -> e.dev() == dev && !e.permanent())) {
            if (proxies.isEmpty()) {
                proxies = null;
            }
            ns.configChanged();
        }
    }

    /** The entries in pneigh_dump_table() order: by pneigh_hash() bucket, newest first within one. */
    List<HostStack.ProxyEntry> proxies() {
        if (proxies == null) {
            return List.of();
        }
        List<HostStack.ProxyEntry> sorted = new ArrayList<>(proxies);
        sorted.sort(java.util.Comparator.comparingInt(e -> pneighHash(e.address().bits())));
        return sorted;
    }

    /** pneigh_hash(): a fold of the address's last four bytes as a little-endian word, 16 buckets. */
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
            for (HostStack.ProxyEntry e : proxies) {
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
        proxyQueue.add(new ProxyWait(now + ns.random().nextLong(delay), dev, frame, pktType));
    }

    /** neigh_proxy_process(): replays the requests whose delay has passed, in queue order. */
    void proxyProcess(long now, Outbox out) {
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
                rcv(now, w.dev(), w.frame(), w.pktType(), true, out);
            }
        }
    }

    long proxyDeadline() {
        long d = Long.MAX_VALUE;
        if (proxyQueue != null) {
            for (ProxyWait w : proxyQueue) {
                d = Math.min(d, w.due());
            }
        }
        return d;
    }

    /** The view, created on first use (a lab holds thousands of idle hosts). */
    private Ipv4View queuedIp() {
        if (queuedIp == null) {
            queuedIp = new Ipv4View(Ipv4View.NO_BYTES, 0, 0);
        }
        return queuedIp;
    }
}

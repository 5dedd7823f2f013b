package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Hook;
import io.arplab.wire.EthernetView;
import io.arplab.wire.IcmpCode;
import io.arplab.wire.IcmpType;
import io.arplab.wire.IpProtocol;
import io.arplab.wire.Ipv4View;

/**
 * net/ipv4/ip_input.c: ip_rcv() validation, the input route decision of ip_rcv_finish() (local, broadcast,
 * martian, forward), and ip_local_deliver() with reassembly (ip_fragment.c, {@link IpDefrag}) to ICMP, UDP and TCP.
 */
final class IpInput {
    private static final int ETH = EthernetView.HEADER_LENGTH;
    private static final int ICMP = IpProtocol.ICMP.number();
    private static final int UDP = IpProtocol.UDP.number();
    private static final int TCP = IpProtocol.TCP.number();
    private static final int ETH_P_IP = 0x0800;
    /** 224.0.0.1, all-hosts: the one group every host is a member of. */
    private static final int ALL_HOSTS = 0xe000_0001;

    private final Netns ns;
    private Ipv4View ip;
    private IpDefrag defrag;
    /** The packet being received is dev_loopback_xmit()'s clone of a broadcast this host sent (rcvLooped()). */
    private boolean looped;
    /** IPCB(skb)->opt of the datagram being received (null: no options), and that datagram (and its forwarded copy). */
    private IpOptions opt;
    private byte[] optFrame;
    private byte[] optCopy;

    IpInput(Netns ns) {
        this.ns = ns;
    }

    /** ip_rcv() + ip_rcv_finish(): validate, route, deliver locally or forward. */
    void rcv(long now, NetDevice dev, byte[] frame, int pktType, Outbox out) {
        try {
            receive(now, dev, frame, pktType, out);
        } finally { // the skb is consumed: its control block goes with it
            opt = null;
            optFrame = null;
            optCopy = null;
        }
    }

    /**
     * dev_loopback_xmit()'s clone of a broadcast this host sent out {@code dev} (ip_mc_output()): received on dev but
     * with the output route it keeps (ip_rcv_finish() routes only an skb without a dst), so no martian or source
     * check; its route delivers it locally (RTCF_BROADCAST | RTCF_LOCAL).
     */
    void rcvLooped(long now, NetDevice dev, byte[] frame, Outbox out) {
        looped = true;
        try {
            rcv(now, dev, frame, HostStack.PACKET_BROADCAST, out);
        } finally {
            looped = false;
        }
    }

    private void receive(long now, NetDevice dev, byte[] frame, int pktType, Outbox out) {
        if (pktType == HostStack.PACKET_OTHERHOST) {
            return;
        }
        ip().wrap(frame, ETH, frame.length - ETH);
        if (ip.check() != null || !ip.headerChecksumValid()) {
            ns.droppedFrames++;
            return;
        }
        // ip_rcv(): NF_HOOK(NFPROTO_IPV4, NF_INET_PRE_ROUTING, ..., ip_rcv_finish)
        if (!ns.nfHook(Family.IP, Hook.PREROUTING, frame, ETH, dev, null, pktType, ETH_P_IP, now, out)) {
            return;
        }
        int saddr = ip.sourceBits();
        int daddr = ip.destinationBits();
        boolean keepsRoute = dev.loopback || looped; // looped-back packets keep their output route
        // ip_route_input_slow(): a loopback destination or source is a martian unless IN_DEV_NET_ROUTE_LOCALNET
        boolean loopbackNet = (saddr >>> 24) == 127 || (daddr >>> 24) == 127;
        if (Netns.isMulticast(saddr) || saddr == -1
                || !keepsRoute && loopbackNet && ns.devconf(dev, DevConf.ROUTE_LOCALNET) == 0) {
            ns.droppedFrames++; // martian
            return;
        }
        boolean local = ns.isLocalAddress(daddr) || daddr == -1 || daddr == ALL_HOSTS;
        // ip_route_input_slow(): an RTN_BROADCAST route (a subnet's broadcast, of any of our devices) is received as
        // a broadcast (brd_input), or forwarded when conf.all's and the input device's bc_forwarding say so
        // (IN_DEV_BFORWARD, then make_route: no IN_DEV_FORWARD check); a looped clone is not routed again: its output
        // route (RTCF_BROADCAST | RTCF_LOCAL) delivers it here whatever bc_forwarding says
        NetDevice brdDev = local || Netns.isMulticast(daddr) ? null
                : Netns.isBroadcastFor(dev, daddr) ? dev : ns.broadcastRouteDevice(daddr);
        boolean bforward = !keepsRoute && brdDev != null && ns.devconf(dev, DevConf.BC_FORWARDING) != 0;
        local |= brdDev != null && !bforward;
        // ip_route_input_slow(): fib_validate_source() on the way in
        NetDevice oif = local ? null : bforward ? brdDev : forwardDevice(dev, daddr);
        if (!keepsRoute && saddr != 0 && (local || oif != null) && !ns.validSource(dev, saddr, oif)) {
            ns.droppedFrames++; // martian source
            return;
        }
        if (ip.ihl() > 5 && (local || oif != null)) {
            frame = frame.clone(); // ip_rcv_options(): skb_cow(), the options are written in place
            ip().wrap(frame, ETH, frame.length - ETH);
            boolean unicast = local && brdDev == null && daddr != -1 && daddr != ALL_HOSTS;
            opt = IpOptions.compile(frame, ETH, () -> unicast ? daddr : specDst(dev, saddr), ns, now);
            optFrame = frame;
            if (opt.ppPtr >= 0) { // ip_options_compile(): icmp_send(ICMP_PARAMETERPROB) and drop
                ns.icmp().send(now, frame, IcmpType.PARAMETER_PROBLEM, 0, opt.ppPtr, dev, dev, out);
                return;
            }
        }
        deliver(now, dev, frame, pktType, local, bforward, daddr, out);
    }

    /** ip_rcv_finish() once routed: local delivery or forwarding. */
    private void deliver(long now, NetDevice dev, byte[] frame, int pktType, boolean local, boolean bforward,
                         int daddr, Outbox out) {
        if (local) {
            // ip_local_deliver(): NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_IN, ..., ip_local_deliver_finish)
            if (ns.nfHook(Family.IP, Hook.INPUT, frame, ETH, dev, null, pktType, ETH_P_IP, now, out)) {
                localDeliver(now, dev, frame, pktType, daddr, out);
            }
            return;
        }
        if (Netns.isMulticast(daddr)) {
            return; // no multicast routing
        }
        if (bforward || dev.confValue(DevConf.FORWARDING) != 0) { // IN_DEV_FORWARD of the receiving device
            ns.forward().forward(now, dev, frame, ip, pktType, out);
        }
    }

    /**
     * fib_compute_spec_dst() of a datagram not for one of our unicast addresses: the preferred source of the route
     * back to its sender, else an address of the device it came in by ({@code dev}, null when unknown).
     */
    int specDst(NetDevice dev, int saddr) {
        if (saddr == 0) {
            return dev == null ? 0 : ns.selectAddress(dev, 0, NetDevice.SCOPE_LINK);
        }
        if (ns.isLocalAddress(saddr)) {
            return saddr; // our own datagram: its local route's source
        }
        Route r = ns.routes.lookup(saddr);
        return r != null ? ns.sourceFor(r, saddr) : dev == null ? 0 : ns.selectAddress(dev, saddr, NetDevice.SCOPE_UNIVERSE);
    }

    /**
     * IPCB(skb)->opt: the compiled options of {@code frame} when it is the datagram being received (or its copy on
     * the way out, see {@link #carry}); null otherwise.
     */
    IpOptions options(byte[] frame) {
        return frame != null && (frame == optFrame || frame == optCopy) ? opt : null;
    }

    /** The forwarding path's copy of the datagram being received is the same skb (skb_cow()): it keeps its IPCB. */
    void carry(byte[] copy) {
        if (opt != null) {
            optCopy = copy;
        }
    }

    /** The device a datagram to {@code daddr} would be forwarded out of, or null (not forwarded: not validated). */
    private NetDevice forwardDevice(NetDevice dev, int daddr) {
        if (Netns.isMulticast(daddr) || dev.confValue(DevConf.FORWARDING) == 0) {
            return null;
        }
        Route r = ns.routes.lookup(daddr);
        return r == null || r.type() != Route.UNICAST ? null : r.device();
    }

    /** ip_local_deliver(): reassemble, then the protocol handler (or protocol unreachable). */
    private void localDeliver(long now, NetDevice dev, byte[] frame, int pktType, int daddr, Outbox out) {
        if (ip.isFragment()) {
            if (defrag == null) {
                defrag = new IpDefrag();
            }
            byte[] whole = defrag.add(now, frame);
            if (whole == null) {
                return;
            }
            frame = whole;
            ip().wrap(frame, ETH, frame.length - ETH);
            if (ip.ihl() > 5) { // ip_frag_reasm(): the datagram keeps its first fragment's control block
                opt = IpOptions.compiled(frame, ETH);
                optFrame = frame;
            }
        }
        int l4 = ip.payloadOffset();
        int l4Length = ip.totalLength() - ip.headerLength();
        int proto = ip.protocolNumber();
        if (proto != ICMP && ns.parts.raw != null) { // ip_protocol_deliver_rcu(): raw_local_deliver() first
            ns.parts.raw.deliver(now, proto, ip.sourceBits(), ip.ttl(), frame, l4, l4Length);
        }
        if (proto == ICMP) {
            ns.icmp().rcv(now, dev, frame, l4, l4Length, pktType, daddr, out);
        } else if (proto == UDP) {
            ns.udp().rcv(now, frame, l4, l4Length, pktType, daddr, out);
        } else if (proto == TCP) {
            if (pktType == HostStack.PACKET_HOST) { // tcp_v4_rcv(): skb->pkt_type != PACKET_HOST is discarded
                ns.tcp().rcv(now, frame, l4, l4Length, ip, out);
            }
        } else if (pktType == HostStack.PACKET_HOST && !ns.broadcastInput(daddr)) {
            ns.icmp().send(now, frame, IcmpType.DESTINATION_UNREACHABLE, IcmpCode.Unreachable.PROTOCOL, 0, out);
        }
    }

    long nextDeadline() {
        return defrag == null ? Long.MAX_VALUE : defrag.nextDeadline();
    }

    /** ip_expire(): the sender learns its datagram was lost if its first fragment had come. */
    void expire(long now, Outbox out) {
        if (defrag != null) {
            defrag.expire(now, first -> ns.icmp().send(now, first, IcmpType.TIME_EXCEEDED,
                    IcmpCode.TimeExceeded.FRAGMENT_REASSEMBLY_TIME_EXCEEDED, 0, out));
        }
    }

    /** The view, created on first use (a lab holds thousands of idle hosts). */
    private Ipv4View ip() {
        if (ip == null) {
            ip = new Ipv4View(Ipv4View.NO_BYTES, 0, 0);
        }
        return ip;
    }
}

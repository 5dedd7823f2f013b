package io.arplab.stack;

import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Hook;
import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.Bytes;
import io.arplab.wire.EthernetView;
import io.arplab.wire.IcmpCode;
import io.arplab.wire.IcmpType;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv4View;

/**
 * net/ipv4/ip_forward.c: ip_forward() with the TTL and MTU checks, redirects to senders on the link the datagram
 * leaves by (ip_rt_send_redirect() in net/ipv4/route.c), and the fragmentation of what does not fit.
 */
final class IpForward {
    private static final int ETH = EthernetView.HEADER_LENGTH;
    /** Offset of the TTL byte in the IPv4 header (TTL and protocol form one 16-bit checksum word). */
    private static final int TTL = 8;
    private static final int CHECKSUM = 10;

    private static final int ETH_P_IP = 0x0800;

    private final Netns ns;
    private Ipv4View copyView;

    IpForward(Netns ns) {
        this.ns = ns;
    }

    /**
     * ip_route_input()'s verdict, then ip_forward(): TTL, MTU, then out through the egress device's neighbour with our
     * MAC as source.
     */
    void forward(long now, NetDevice in, byte[] frame, Ipv4View ip, int pktType, Outbox out) {
        if (pktType != HostStack.PACKET_HOST) {
            return;
        }
        int ttl = ip.ttl();
        int daddr = ip.destinationBits();
        // ip_route_input_slow(): a destination without a forwarding route gets ip_error() as its input, before and
        // whatever the TTL ip_forward() would check
        Route r = ns.routes.lookup(daddr);
        if ((r == null || r.type() == Route.UNREACHABLE || r.type() == Route.PROHIBIT)
                && !ns.rateLimit().routeErrorAllowed(ns.wheel().jiffies(now), ip.sourceBits())) {
            return;
        }
        if (r == null || r.type() == Route.UNREACHABLE) {
            ns.icmp().send(now, frame, IcmpType.DESTINATION_UNREACHABLE,
                    r == null ? IcmpCode.Unreachable.NET : IcmpCode.Unreachable.HOST, 0, in, in, out);
            return;
        }
        if (r.type() != Route.UNICAST) {
            if (r.type() == Route.PROHIBIT) {
                ns.icmp().send(now, frame, IcmpType.DESTINATION_UNREACHABLE,
                        IcmpCode.Unreachable.COMMUNICATION_ADMIN_PROHIBITED, 0, in, in, out);
            }
            return;
        }
        if (ttl <= 1) {
            ns.icmp().send(now, frame, IcmpType.TIME_EXCEEDED, IcmpCode.TimeExceeded.TTL_EXCEEDED_IN_TRANSIT, 0, in, in,
                    out);
            return;
        }
        int totalLength = ip.totalLength();
        NetDevice outDev = r.device();
        if (totalLength > outDev.mtu() && ip.dontFragment()) {
            ns.icmp().send(now, frame, IcmpType.DESTINATION_UNREACHABLE, IcmpCode.Unreachable.FRAGMENTATION_NEEDED,
                    outDev.mtu(), in, in, out);
            return;
        }
        byte[] copy = new byte[ETH + totalLength];
        System.arraycopy(frame, 0, copy, 0, copy.length);
        ns.ipInput().carry(copy);
        int nexthopFwd = ns.icmp().nexthop(now, r, daddr);
        if (totalLength > outDev.mtu()) {
            Bytes.put8(copy, ETH + TTL, ttl - 1);
            if (!ns.nfHook(Family.IP, Hook.FORWARD, copy, ETH, in, outDev, pktType, ETH_P_IP, now, out)) {
                return;
            }
            forwardOptions(copy, r, daddr);
            if (!ns.ipOutput().mayLeave(now, copy, in, outDev, out)) {
                return; // fragmented later, by ip_finish_output() after the hooks
            }
            for (byte[] f : IpDefrag.fragment(copy, outDev.mtu())) {
                ns.ipOutput().forwardOutput(now, outDev, nexthopFwd, r, f, in, out);
            }
            return;
        }
        // ip_decrease_ttl(): RFC 1624 incremental checksum update
        int oldWord = Bytes.u16(copy, ETH + TTL);
        Bytes.put8(copy, ETH + TTL, ttl - 1);
        Bytes.put16(copy, ETH + CHECKSUM,
                InternetChecksum.update(Bytes.u16(copy, ETH + CHECKSUM), oldWord, Bytes.u16(copy, ETH + TTL)));
        int nexthop = ns.icmp().nexthop(now, r, daddr);
        // __mkroute_input()/ip_forward(): out the way it came in, to a sender on this link: tell it the better hop
        int saddr = copyView().wrap(copy, ETH, totalLength).sourceBits();
        if (outDev == in && ns.devconf(outDev, DevConf.SEND_REDIRECTS) != 0
                && (ns.devconf(outDev, DevConf.SHARED_MEDIA) != 0 || Netns.onLink(outDev, saddr))
                && Netns.onLink(in, saddr) && ns.rateLimit().redirectAllowed(ns.wheel().jiffies(now), saddr)) {
            ns.icmp().send(now, copy, IcmpType.REDIRECT, IcmpCode.Redirect.HOST, nexthop, in, in, out);
        }
        // ip_forward(): NF_HOOK(NFPROTO_IPV4, NF_INET_FORWARD, ..., ip_forward_finish), after the redirect
        if (!ns.nfHook(Family.IP, Hook.FORWARD, copy, ETH, in, outDev, pktType, ETH_P_IP, now, out)) {
            return;
        }
        forwardOptions(copy, r, daddr);
        if (ns.ipOutput().mayLeave(now, copy, in, outDev, out)) {
            ns.ipOutput().forwardOutput(now, outDev, nexthop, r, copy, in, out); // ip_forward_finish() → ip_output()
        }
    }

    /**
     * ip_forward_finish(): ip_forward_options() writes our address on the way out (ip_rt_get_source(): the
     * forwarding route's preferred source) in the record route slot taken on the way in.
     */
    private void forwardOptions(byte[] copy, Route r, int daddr) {
        IpOptions opt = ns.ipInput().options(copy);
        if (opt != null) {
            opt.forward(copy, ETH, ns.sourceFor(r, daddr));
        }
    }

    /** The view, created on first use (a lab holds thousands of idle hosts). */
    private Ipv4View copyView() {
        if (copyView == null) {
            copyView = new Ipv4View(Ipv4View.NO_BYTES, 0, 0);
        }
        return copyView;
    }
}

package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.Bytes;
import io.arplab.wire.EthernetView;
import io.arplab.wire.IcmpCode;
import io.arplab.wire.IcmpType;
import io.arplab.wire.IcmpView;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.IpProtocol;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4Frames;
import io.arplab.wire.Ipv4View;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * net/ipv4/icmp.c: icmp_rcv() (echo, timestamp, errors handed to the socket that caused them), icmp_send() with
 * icmpv4_xrlim_allow()'s rate limit, and the redirects it receives with the next-hop exceptions they create
 * (net/ipv4/route.c __ip_do_redirect(), fnhe).
 */
final class Icmp {
    private static final int ETH = EthernetView.HEADER_LENGTH;
    private static final int ICMP = IpProtocol.ICMP.number();
    private static final int UDP = IpProtocol.UDP.number();
    private static final int TCP = IpProtocol.TCP.number();
    /** icmp_send(): an error quotes as much of the offending datagram as fits in 576 bytes. */
    private static final int ICMP_ERROR_MAX = 576;
    /** ip_rt_gc_timeout: how long a redirect's exception lasts. */
    private static final long REDIRECT_TIMEOUT = 300 * NeighParams.SECOND;

    private final Netns ns;
    private IcmpView icmp;
    private Ipv4View ip;
    private Ipv4View quoted;
    private Int2ObjectOpenHashMap<HostStack.Redirected> redirects;

    Icmp(Netns ns) {
        this.ns = ns;
    }

    /** icmp_rcv(): echo is answered; replies and errors go to the socket they belong to. */
    void rcv(long now, NetDevice dev, byte[] frame, int off, int len, int pktType, int daddr, Outbox out) {
        if (len < IcmpView.HEADER_LENGTH || !InternetChecksum.verify(frame, off, len)) {
            ns.droppedFrames++;
            return;
        }
        IcmpView m = icmp().wrap(frame, off, len);
        int type = m.type();
        int code = m.code();
        Ipv4View h = ip().wrap(frame, ETH, off - ETH);
        int saddr = h.sourceBits();
        boolean broadcast = pktType != HostStack.PACKET_HOST && !dev.loopback || !ns.isLocalAddress(daddr);
        switch (type) {
            case IcmpType.ECHO_REQUEST -> {
                if (ns.parts.icmpEchoIgnoreAll || broadcast && ns.parts.icmpEchoIgnoreBroadcasts) {
                    return;
                }
                echo(now, frame, off, len, daddr, broadcast, out);
            }
            // raw_v4_input() matches a bound socket against inet_iif(): for a reply to ourselves, through lo, the
            // local route's device
            case IcmpType.ECHO_REPLY -> ns.pings().echoReply(now, dev.loopback ? ns.localInputDevice(daddr) : dev,
                    saddr, h.ttl(), m.identifier(), m.sequenceNumber(), len, frame, off + IcmpView.HEADER_LENGTH,
                    len - IcmpView.HEADER_LENGTH);
            case IcmpType.REDIRECT -> {
                redirect(now, frame, off, len, saddr, code, out);
                error(now, dev, frame, off, len, saddr, type, code);
            }
            case IcmpType.DESTINATION_UNREACHABLE, IcmpType.SOURCE_QUENCH, IcmpType.TIME_EXCEEDED,
                    IcmpType.PARAMETER_PROBLEM -> error(now, dev, frame, off, len, saddr, type, code);
            case IcmpType.TIMESTAMP -> timestamp(now, frame, off, len, daddr, broadcast, out);
            default -> { }
        }
    }

    /** The next hop to {@code daddr} through route {@code r}: a live redirect exception, the gateway, or on-link. */
    int nexthop(long now, Route r, int daddr) {
        if (!ns.usesGateway(r)) {
            return daddr;
        }
        if (redirects != null) {
            HostStack.Redirected x = redirects.get(daddr);
            if (x != null) {
                if (x.expires() <= now) {
                    redirects.remove(daddr);
                } else if (x.dev() == r.device()) {
                    return x.gateway().bits();
                }
            }
        }
        return r.gateway().bits();
    }

    /** The redirect exception for {@code dst}, if one is in force at {@code now}. */
    HostStack.Redirected redirected(int dst, long now) {
        HostStack.Redirected x = redirects == null ? null : redirects.get(dst);
        return x != null && x.expires() > now ? x : null;
    }

    /**
     * __ip_do_redirect(): a redirect from our current gateway for a destination moves that destination to the new
     * gateway, once the new gateway's neighbour entry is valid (the first redirect only starts resolving it).
     */
    private void redirect(long now, byte[] frame, int off, int len, int from, int code, Outbox out) {
        if (len < 8 + 20 + 8 || (code & 7) > IcmpCode.Redirect.TOS_AND_HOST) {
            return;
        }
        int newGw = icmp.gatewayBits();
        Ipv4View q = quoted().wrap(frame, off + IcmpView.HEADER_LENGTH, len - IcmpView.HEADER_LENGTH);
        if (q.headerLength() < Ipv4View.MIN_HEADER_LENGTH) {
            return;
        }
        int dst = q.destinationBits();
        Route r = ns.routes.lookup(dst);
        if (r == null || r.gateway() == null || nexthop(now, r, dst) != from) {
            return;
        }
        NetDevice dev = r.device();
        // IN_DEV_RX_REDIRECTS: a forwarding device needs conf/all/accept_redirects too, which turning on
        // forwarding clears (inet_forward_change): routers ignore redirects
        boolean accept = ns.devconf(dev, DevConf.ACCEPT_REDIRECTS) != 0;
        if (newGw == from || !accept || Netns.isMulticast(newGw) || newGw == -1 || newGw == 0) {
            return;
        }
        if (ns.devconf(dev, DevConf.SHARED_MEDIA) == 0 ? !Netns.onLink(dev, newGw) : !ns.isUnicastAddress(newGw)) {
            return;
        }
        NeighbourEntry n = ns.neighbours().lookupOrCreate(now, dev, newGw);
        if (n == null) {
            return;
        }
        if ((n.state & NudState.VALID) == 0) {
            ns.neighbours().eventSend(now, n, null, out);
            return;
        }
        if (redirects == null) {
            redirects = new Int2ObjectOpenHashMap<>(2);
        }
        redirects.put(dst, new HostStack.Redirected(dev, Ipv4Address.of(newGw), now + REDIRECT_TIMEOUT));
    }

    /** icmp_unreach() → the err handler of the quoted protocol (ping_err, udp_err) finds the socket that sent it. */
    private void error(long now, NetDevice dev, byte[] frame, int off, int len, int from, int type, int code) {
        int q = off + IcmpView.HEADER_LENGTH;
        if (len < 8 + 20 + 8) {
            return;
        }
        Ipv4View inner = quoted().wrap(frame, q, len - IcmpView.HEADER_LENGTH);
        int qhl = inner.headerLength();
        if (qhl < Ipv4View.MIN_HEADER_LENGTH || len < 8 + qhl + 8) {
            return;
        }
        int info = switch (type) {
            case IcmpType.DESTINATION_UNREACHABLE ->
                    code == IcmpCode.Unreachable.FRAGMENTATION_NEEDED ? icmp.nextHopMtu() : 0;
            case IcmpType.REDIRECT -> icmp.gatewayBits();
            case IcmpType.PARAMETER_PROBLEM -> icmp.pointer();
            default -> 0;
        };
        if (type == IcmpType.DESTINATION_UNREACHABLE && code == IcmpCode.Unreachable.FRAGMENTATION_NEEDED) {
            Route r = ns.routes.lookup(inner.destinationBits());
            if (r != null) {
                ns.updatePmtu(now, inner.destinationBits(), info, r.device()); // ipv4_sk_update_pmtu() from udp_err/ping_err
            }
        }
        int proto = inner.protocolNumber();
        int l4 = q + qhl;
        if (proto != ICMP && ns.parts.raw != null) { // icmp_socket_deliver(): raw_icmp_error() first
            ns.parts.raw.error(now, proto, inner.destinationBits(), from, type, code, info, frame, l4, off + len);
        }
        if (proto == ICMP && Bytes.u8(frame, l4) == IcmpType.ECHO_REQUEST) {
            // the quoted echo's identifier and sequence (bytes 4 and 6 of its ICMP header)
            ns.pings().error(now, dev, from, ip.ttl(), type, code, info, Bytes.u16(frame, l4 + 4),
                    Bytes.u16(frame, l4 + 6));
        } else if (proto == UDP && type != IcmpType.REDIRECT) { // __udp4_lib_err(): a redirect only updates the route
            ns.udp().err(now, from, ip.ttl(), type, code, info, inner.destinationBits(), inner.ttl(), frame, l4, off + len);
        } else if (proto == TCP) {
            ns.tcp().err(now, type, code, inner.sourceBits(), inner.destinationBits(), frame, l4);
        }
    }

    /** icmp_echo() + icmp_reply(): the reply leaves from the address the request was sent to. */
    private void echo(long now, byte[] frame, int off, int len, int daddr, boolean broadcast, Outbox out) {
        int saddr = ip.sourceBits();
        int tos = ip.tos();
        Route r = ns.routes.lookup(saddr);
        int src = broadcast ? 0 : daddr;
        if (src == 0) {
            src = r == null ? 0 : ns.sourceFor(r, saddr);
        }
        IpOptions sopt = ns.ipInput().options(frame);
        IpOptions dopt = sopt == null ? null : sopt.echo(ns);
        if (sopt != null && dopt == null) {
            return; // icmp_reply(): ip_options_echo() refused the options
        }
        int o = ETH + Ipv4View.MIN_HEADER_LENGTH;
        byte[] reply = new byte[o + len];
        System.arraycopy(frame, off, reply, o, len);
        Bytes.put8(reply, o, IcmpType.ECHO_REPLY);
        Bytes.put16(reply, o + 2, 0);
        Bytes.put16(reply, o + 2, InternetChecksum.compute(reply, o, len));
        Ipv4Frames.writeHeader(reply, ETH, tos, 20 + len, ns.nextIpId(), false, ns.parts.defaultTtl, ICMP, src, saddr);
        byte[] f = dopt == null ? reply : dopt.build(reply, src, ns.inetCurrentTimestamp(now));
        ns.ipOutput().output(now, f, null, out);
    }

    /** icmp_timestamp(): reply with receive and transmit times in ms since midnight UT (RFC 792). */
    private void timestamp(long now, byte[] frame, int off, int len, int daddr, boolean broadcast, Outbox out) {
        if (len < IcmpView.TIMESTAMP_LENGTH || broadcast) {
            return;
        }
        int saddr = ip.sourceBits();
        long ms = ns.inetCurrentTimestamp(now);
        byte[] reply = new byte[ETH + 20 + 20];
        int o = ETH + 20;
        Bytes.put8(reply, o, IcmpType.TIMESTAMP_REPLY);
        Bytes.put32(reply, o + 4, Bytes.i32(frame, off + 4)); // identifier and sequence
        Bytes.put32(reply, o + 8, (int) icmp.originateTimestamp());
        Bytes.put32(reply, o + 12, (int) ms);
        Bytes.put32(reply, o + 16, (int) ms);
        Bytes.put16(reply, o + 2, InternetChecksum.compute(reply, o, 20));
        Ipv4Frames.writeHeader(reply, ETH, ip.tos(), 40, ns.nextIpId(), false, ns.parts.defaultTtl, ICMP, daddr, saddr);
        ns.ipOutput().output(now, reply, null, out);
    }

    /**
     * icmp_send(): an error about {@code offending} (a frame with its IPv4 header at 14), unless it is about an ICMP
     * error, a non-first fragment or a broadcast, or the rate limit says no. TOS 0xc0, TTL 64, quoting up to 576
     * bytes in all.
     */
    void send(long now, byte[] offending, int type, int code, int info, Outbox out) {
        send(now, offending, type, code, info, null, out);
    }

    /**
     * As {@link #send(long, byte[], int, int, int, Outbox)}, about a packet that was on {@code inDev} (skb_in->dev;
     * null: lo for a packet from one of our addresses, which came in through it).
     */
    void send(long now, byte[] offending, int type, int code, int info, NetDevice inDev, Outbox out) {
        send(now, offending, type, code, info, inDev, null, out);
    }

    /**
     * As {@link #send(long, byte[], int, int, int, NetDevice, Outbox)}, about a datagram being forwarded: {@code iif}
     * is the device it came in by (its input route's inet_iif()), null for a datagram of ours or one we received.
     */
    void send(long now, byte[] offending, int type, int code, int info, NetDevice inDev, NetDevice iif, Outbox out) {
        Ipv4View h = quoted().wrap(offending, ETH, offending.length - ETH);
        int ihl = h.headerLength();
        int tot = h.totalLength();
        int saddr = h.sourceBits();
        int daddr = h.destinationBits();
        if (h.fragmentOffset() != 0) {
            return;
        }
        if (saddr == 0 || Netns.isMulticast(saddr) || saddr == -1 || Netns.isMulticast(daddr) || daddr == -1) {
            return;
        }
        if (h.protocolNumber() == ICMP && tot >= ihl + 1 && !isInformational(Bytes.u8(offending, ETH + ihl))) {
            return; // never an error about an error
        }
        int tos = (h.tos() & 0x1e) | 0xc0;
        int src;
        if (ns.isLocalAddress(daddr)) {
            src = daddr;
        } else {
            Route back = ns.routes.lookup(saddr);
            if (ns.isLocalAddress(saddr)) {
                // __icmp_send(): no source for an output route's error; icmp_route_lookup() to our own address is
                // RTN_LOCAL and takes its local route's prefsrc (a secondary's is its subnet's primary)
                src = ns.sourceAddress(Ipv4Address.of(saddr), null).bits();
            } else if (back == null) {
                return;
            } else if (iif != null && ns.parts.icmpErrorsUseInboundIfaddr) {
                // __icmp_send(): an input route's error, with icmp_errors_use_inbound_ifaddr, comes from
                // inet_select_addr(dev of inet_iif(), the offender's source, RT_SCOPE_LINK)
                src = ns.selectAddress(iif, saddr, NetDevice.SCOPE_LINK);
            } else {
                src = ns.sourceFor(back, saddr);
            }
        }
        // __icmp_send(): the netns bucket unless the packet came in on lo; icmpv4_xrlim_allow(): no peer bucket
        // for an error routed back to ourselves (through lo)
        boolean toUs = ns.isLocalAddress(saddr);
        boolean inOnLo = inDev == null ? toUs : inDev.loopback;
        if (!ns.rateLimit().allow(ns.wheel().jiffies(now), saddr, type, code, !inOnLo, !toUs)) {
            return;
        }
        IpOptions dopt = null;
        if (ihl > Ipv4View.MIN_HEADER_LENGTH) {
            IpOptions sopt = ns.ipInput().options(offending);
            if (sopt == null) {
                // ipv4_send_dest_unreach(): a datagram no longer being received has its options compiled again
                // ("IPCB may not be valid anymore"), in place, so the quote shows that fill too
                offending = offending.clone();
                sopt = IpOptions.compile(offending, ETH, () -> ns.ipInput().specDst(null, saddr), ns, now);
                if (sopt.ppPtr >= 0) {
                    return;
                }
            }
            dopt = sopt.echo(ns); // __icmp_send(): __ip_options_echo()
            if (dopt == null) {
                return;
            }
        }
        int optlen = dopt == null ? 0 : dopt.optlen();
        int quotedLength = Math.min(Math.min(tot, offending.length - ETH), ICMP_ERROR_MAX - 20 - optlen - 8);
        int icmpLen = IcmpView.HEADER_LENGTH + quotedLength;
        byte[] f = new byte[ETH + 20 + icmpLen];
        int o = ETH + 20;
        Bytes.put8(f, o, type);
        Bytes.put8(f, o + 1, code);
        if (type == IcmpType.DESTINATION_UNREACHABLE && code == IcmpCode.Unreachable.FRAGMENTATION_NEEDED) {
            Bytes.put16(f, o + 6, info);
        } else if (type == IcmpType.REDIRECT) {
            Bytes.put32(f, o + 4, info);
        } else if (type == IcmpType.PARAMETER_PROBLEM) {
            Bytes.put8(f, o + 4, info);
        }
        System.arraycopy(offending, ETH, f, o + 8, quotedLength);
        Bytes.put16(f, o + 2, InternetChecksum.compute(f, o, icmpLen));
        Ipv4Frames.writeHeader(f, ETH, tos, 20 + icmpLen, ns.nextIpId(), false, ns.parts.defaultTtl, ICMP, src, saddr);
        ns.ipOutput().output(now, dopt == null ? f : dopt.build(f, src, ns.inetCurrentTimestamp(now)), null, out);
    }

    /** icmp_pointers[].error == 0: the queries and replies an error may be about. */
    private static boolean isInformational(int t) {
        return switch (t) {
            case IcmpType.ECHO_REPLY, IcmpType.ECHO_REQUEST, IcmpType.TIMESTAMP, IcmpType.TIMESTAMP_REPLY,
                    IcmpType.INFORMATION_REQUEST, IcmpType.INFORMATION_REPLY, IcmpType.ADDRESS_MASK_REQUEST,
                    IcmpType.ADDRESS_MASK_REPLY -> true;
            default -> false;
        };
    }

    /** The view, created on first use (a lab holds thousands of idle hosts). */
    private IcmpView icmp() {
        if (icmp == null) {
            icmp = new IcmpView(Ipv4View.NO_BYTES, 0, 0);
        }
        return icmp;
    }

    /** The view, created on first use (a lab holds thousands of idle hosts). */
    private Ipv4View ip() {
        if (ip == null) {
            ip = new Ipv4View(Ipv4View.NO_BYTES, 0, 0);
        }
        return ip;
    }

    /** The view, created on first use (a lab holds thousands of idle hosts). */
    private Ipv4View quoted() {
        if (quoted == null) {
            quoted = new Ipv4View(Ipv4View.NO_BYTES, 0, 0);
        }
        return quoted;
    }
}

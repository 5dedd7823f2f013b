package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.EthernetView;
import io.arplab.wire.IcmpType;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4Frames;
import io.arplab.wire.Ipv4View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * net/ipv4/raw.c for protocols other than ICMP (whose echo sockets are {@link PingSockets}): raw_sendmsg() without
 * IP_HDRINCL, raw_local_deliver() of a clone of every packet of the protocol, and raw_icmp_error(); both match a
 * socket as raw_v4_match() does (the protocol, and the connected address against the remote end).
 */
final class RawSockets {
    private static final int ETH = EthernetView.HEADER_LENGTH;

    private final Netns ns;
    private final List<RawSocket> sockets = new ArrayList<>(1);

    RawSockets(Netns ns) {
        this.ns = ns;
    }

    RawSocket open(int protocol, int laddr, int raddr, RawSocket.Listener listener) {
        RawSocket s = new RawSocket(protocol, laddr, raddr, listener);
        sockets.add(s);
        return s;
    }

    void close(RawSocket s) {
        sockets.remove(s);
        s.queue.close();
    }

    /**
     * raw_sendmsg() → ip_append_data(): the kernel's IPv4 header (the route's source, the socket's TTL, DF per
     * IP_MTU_DISCOVER) on the caller's {@code payload}. Returns 0 or -errno.
     */
    int send(long now, RawSocket s, byte[] payload, boolean dontFragment, NetDevice bind, Outbox out) {
        Ipv4Address src = s.laddr != 0 ? Ipv4Address.of(s.laddr) : ns.sourceAddress(Ipv4Address.of(s.raddr), bind);
        if (src == null) {
            return Errno.ENETUNREACH.negative();
        }
        byte[] f = new byte[ETH + Ipv4View.MIN_HEADER_LENGTH + payload.length];
        System.arraycopy(payload, 0, f, ETH + Ipv4View.MIN_HEADER_LENGTH, payload.length);
        Ipv4Frames.writeHeader(f, ETH, 0, Ipv4View.MIN_HEADER_LENGTH + payload.length, ns.nextIpId(), dontFragment,
                s.ttl != 0 ? s.ttl : ns.parts.defaultTtl, s.protocol, src.bits(), s.raddr);
        return ns.ipOutput().output(now, f, bind, out);
    }

    /** raw_v4_input(): a clone to every socket of the packet's protocol connected to its source. */
    void deliver(long now, int protocol, int saddr, int ttl, byte[] frame, int l4, int l4Length) {
        for (RawSocket s : sockets) {
            if (s.protocol == protocol && s.raddr == saddr) {
                byte[] payload = Arrays.copyOfRange(frame, l4, Math.min(frame.length, l4 + l4Length));
                s.queue.add(frame.length, () -> s.listener.packet(now, saddr, ttl, payload), ns.readySockets());
            }
        }
    }

    /**
     * raw_icmp_error() → raw_err(): the error to every socket of the quoted protocol connected to the quoted
     * destination, but a redirect (it only updates the route, ipv4_sk_redirect()) or a source quench.
     */
    void error(long now, int protocol, int quotedDst, int from, int type, int code, int info, byte[] frame, int l4,
               int end) {
        if (type == IcmpType.REDIRECT || type == IcmpType.SOURCE_QUENCH) {
            return;
        }
        for (RawSocket s : sockets) {
            if (s.protocol == protocol && s.raddr == quotedDst) {
                byte[] quoted = Arrays.copyOfRange(frame, l4, Math.max(l4, Math.min(end, frame.length)));
                s.queue.addError(() -> s.listener.error(now, from, type, code, info, quoted), ns.readySockets());
            }
        }
    }

    boolean isEmpty() {
        return sockets.isEmpty();
    }
}

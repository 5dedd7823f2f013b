package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.Bytes;
import io.arplab.wire.EthernetView;
import io.arplab.wire.IcmpFrames;
import io.arplab.wire.IcmpType;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4View;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * net/ipv4/ping.c: ICMP echo sockets by identifier: ping_v4_sendmsg() builds the request, ping_rcv() and ping_err()
 * queue what comes back on the socket that sent it.
 */
final class PingSockets {
    private static final int ETH = EthernetView.HEADER_LENGTH;
    /** Offsets of the TOS byte and the header checksum in the IPv4 header. */
    private static final int TOS = 1;
    private static final int CHECKSUM = 10;

    private final Netns ns;
    // created on first use: a lab may hold thousands of idle hosts
    private Int2ObjectOpenHashMap<PingSocket> sockets;

    PingSockets(Netns ns) {
        this.ns = ns;
    }

    /** ping_get_port(): a free identifier at or after {@code preferred}. */
    PingSocket open(int preferred, PingSocket.Listener listener) {
        if (sockets == null) {
            sockets = new Int2ObjectOpenHashMap<>(1);
        }
        int id = preferred & 0xffff;
        while (sockets.containsKey(id)) {
            id = (id + 1) & 0xffff;
        }
        PingSocket s = new PingSocket(ns, id, listener);
        sockets.put(id, s);
        return s;
    }

    void close(PingSocket s) {
        sockets.remove(s.identifier);
        s.closed = true;
        s.queue.close();
    }

    /** ping_v4_sendmsg(): an echo request with the socket's identifier. Returns 0 or -errno. */
    int send(long now, PingSocket s, Ipv4Address src, Ipv4Address dst, int sequence, byte[] data, int ttl, int tos,
             int pmtudisc, NetDevice bind, Outbox out) {
        if (src == null) {
            src = ns.sourceAddress(dst, bind);
        }
        if (src == null) {
            return Errno.ENETUNREACH.negative();
        }
        if (s.sendBufferFull()) {
            return Errno.ENOBUFS.negative();
        }
        boolean df = pmtudisc != HostStack.PMTUDISC_DONT;
        int optlen = s.options == null ? 0 : s.options.optlen();
        if (pmtudisc == HostStack.PMTUDISC_WANT) {
            Route r = ns.route(dst.bits(), bind);
            int mtu = r == null || ns.isLocalAddress(dst.bits()) ? 65535 : r.device().mtu();
            df = 28 + optlen + data.length <= mtu; // too big for the path: fragmented locally, without DF
        }
        byte[] f = new byte[IcmpFrames.ECHO_HEADERS_LENGTH + data.length];
        IcmpFrames.writeEchoRequest(f, 0, 0, 0, src.bits(), dst.bits(), ns.nextIpId(), ttl, df, s.identifier,
                sequence, data, 0, data.length);
        if (tos != 0) {
            Bytes.put8(f, ETH + TOS, tos);
            Bytes.put16(f, ETH + CHECKSUM, 0);
            Bytes.put16(f, ETH + CHECKSUM, InternetChecksum.compute(f, ETH, Ipv4View.MIN_HEADER_LENGTH));
        }
        // __ip_make_skb(): ip_options_build() with the datagram's source in a record route's first slot
        return ns.ipOutput().output(now, s.options == null ? f
                : s.options.build(f, src.bits(), ns.inetCurrentTimestamp(now)), bind, s, out);
    }

    /** ping_rcv(): an echo reply for the socket with its identifier (and bound to the device it came in on). */
    void echoReply(long now, NetDevice dev, int from, int ttl, int identifier, int sequence, int icmpLength,
                   byte[] frame, int dataOffset, int dataLength) {
        PingSocket s = lookup(identifier, dev);
        if (s != null) {
            s.queue.add(frame.length, () -> s.listener.echoReply(now, from, ttl, sequence, icmpLength, frame,
                    dataOffset, dataLength), ns.readySockets());
        }
    }

    /** ping_err(): an ICMP error quoting one of the socket's requests (raw_icmp_error() matches the device too). */
    void error(long now, NetDevice dev, int from, int ttl, int type, int code, int info, int identifier, int sequence) {
        PingSocket s = lookup(identifier, dev);
        PingSocket raw = s == null && dev.loopback ? lookup(identifier, null) : null;
        if (s != null) {
            Runnable deliver = () -> s.listener.error(now, from, ttl, type, code, info, sequence);
            if (type == IcmpType.REDIRECT || type == IcmpType.SOURCE_QUENCH) {
                s.queue.add(0, deliver, ns.readySockets()); // raw_err() queues no error: the packet alone
            } else {
                s.queue.addError(deliver, ns.readySockets());
            }
        } else if (raw != null) {
            // a local error (a failed resolution's Host Unreachable) for a socket bound to a device: its error queue
            // stays empty but the raw socket still reads the packet (ping -I eth0: "pipe 2", no From line)
            raw.queue.add(0, () -> raw.listener.errorPacket(now, type, sequence), ns.readySockets());
        }
    }

    /** ping_lookup(): by identifier, honouring SO_BINDTODEVICE (lo for local errors). */
    private PingSocket lookup(int identifier, NetDevice dev) {
        PingSocket s = sockets == null ? null : sockets.get(identifier);
        return s != null && (dev == null || s.boundDevice == null || s.boundDevice == dev) ? s : null;
    }
}

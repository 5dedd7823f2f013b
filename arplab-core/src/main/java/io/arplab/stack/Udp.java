package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.Bytes;
import io.arplab.wire.EthernetView;
import io.arplab.wire.IcmpCode;
import io.arplab.wire.IcmpType;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.IpProtocol;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4Frames;
import io.arplab.wire.Ipv4View;
import io.arplab.wire.UdpView;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * net/ipv4/udp.c: sockets by local port (udp_lib_get_port() for ephemeral ones), udp_sendmsg(), udp_rcv() to the
 * bound socket or port unreachable, and udp_err() for the ICMP errors about what a socket sent.
 */
final class Udp {
    private static final int ETH = EthernetView.HEADER_LENGTH;
    private static final int UDP = IpProtocol.UDP.number();

    private final Netns ns;
    private UdpView udp;
    private Ipv4View ip;
    // created on first use: a lab may hold thousands of idle hosts
    private Int2ObjectOpenHashMap<UdpSocket> sockets;
    /** The Geneve device's UDP tunnel socket on port 6081 (setup_udp_tunnel_sock()), or null. */
    Geneve geneve;
    /** The next ephemeral port tried: udp_lib_get_port() draws one at random, arplab takes the range in turn. */
    private int nextEphemeralPort = 32768;

    Udp(Netns ns) {
        this.ns = ns;
    }

    /** Binds a socket to {@code port} (0: an ephemeral port). */
    UdpSocket open(int port, UdpSocket.Listener listener) {
        if (sockets == null) {
            sockets = new Int2ObjectOpenHashMap<>(1);
        }
        if (port == 0) {
            port = ephemeralPort();
        } else if (sockets.containsKey(port)) {
            throw new IllegalArgumentException("UDP port " + port + " already in use on " + ns.name);
        }
        UdpSocket s = new UdpSocket(port, listener);
        sockets.put(port, s);
        return s;
    }

    /** A free port of net.ipv4.ip_local_port_range; none free is inet_autobind()'s EAGAIN. */
    private int ephemeralPort() {
        int ports = NamespaceSysctls.localPortRange(ns);
        int low = SysctlRegistry.portLow(ports), high = SysctlRegistry.portHigh(ports);
        for (int tries = high - low + 1; tries > 0; tries--) {
            if (nextEphemeralPort < low || nextEphemeralPort > high) {
                nextEphemeralPort = low;
            }
            int port = nextEphemeralPort++;
            if (!sockets.containsKey(port)) {
                return port;
            }
        }
        throw new IllegalArgumentException(Errno.EAGAIN.text);
    }

    void close(UdpSocket s) {
        sockets.remove(s.port);
        s.queue.close();
    }

    /** udp_sendmsg(): the datagram with its checksum (0 sent as 0xffff). Returns 0 or -errno. */
    int send(long now, UdpSocket s, Ipv4Address src, Ipv4Address dst, int dstPort, byte[] data, int ttl, int tos,
             boolean dontFragment, NetDevice bind, Outbox out) {
        if (src == null) {
            src = ns.sourceAddress(dst, bind);
        }
        if (src == null) {
            return Errno.ENETUNREACH.negative();
        }
        int udpLen = UdpView.HEADER_LENGTH + data.length;
        if (udpLen > 0xFFFF) {
            return Errno.EMSGSIZE.negative(); // udp_sendmsg(): len > 0xFFFF, nothing queued
        }
        byte[] f = new byte[ETH + Ipv4View.MIN_HEADER_LENGTH + udpLen];
        int o = ETH + Ipv4View.MIN_HEADER_LENGTH;
        Bytes.put16(f, o, s.port);
        Bytes.put16(f, o + 2, dstPort);
        Bytes.put16(f, o + 4, udpLen);
        System.arraycopy(data, 0, f, o + UdpView.HEADER_LENGTH, data.length);
        long sum = InternetChecksum.pseudoHeader(src.bits(), dst.bits(), UDP, udpLen);
        int csum = InternetChecksum.finish(InternetChecksum.add(sum, f, o, udpLen));
        Bytes.put16(f, o + 6, csum == 0 ? 0xffff : csum);
        Ipv4Frames.writeHeader(f, ETH, tos, Ipv4View.MIN_HEADER_LENGTH + udpLen, ns.nextIpId(), dontFragment, ttl,
                UDP, src.bits(), dst.bits());
        int rc = ns.ipOutput().output(now, f, bind, out);
        if (rc == Errno.EMSGSIZE.negative() && dontFragment) {
            // __ip_append_data() → ip_local_error(): the route's MTU; an unconnected socket's port is 0
            Route r = ns.route(dst.bits(), bind);
            int mtu = r == null ? 0 : ns.pathMtu(now, dst.bits(), r.device());
            int daddr = dst.bits();
            s.queue.addError(() -> s.listener.localError(now, Errno.EMSGSIZE, mtu, daddr, 0), ns.readySockets());
        }
        return rc;
    }

    /** udp_rcv(): to a bound socket, else port unreachable (for unicast only). */
    void rcv(long now, byte[] frame, int off, int len, int pktType, int daddr, Outbox out) {
        if (len < UdpView.HEADER_LENGTH) {
            return;
        }
        UdpView u = udp().wrap(frame, off, len);
        int udpLen = u.udpLength();
        if (udpLen < UdpView.HEADER_LENGTH || udpLen > len) {
            ns.droppedFrames++;
            return;
        }
        Ipv4View h = ip().wrap(frame, ETH, off - ETH);
        int saddr = h.sourceBits();
        if (!u.checksumValid(saddr, daddr)) {
            ns.droppedFrames++;
            return;
        }
        if (geneve != null && u.destinationPort() == io.arplab.wire.Geneve.PORT) {
            // udp_queue_rcv_one_skb(): an encapsulation socket's encap_rcv() takes the datagram
            if (!geneve.rcv(frame, off, len, out)) {
                ns.droppedFrames++;
            }
            return;
        }
        UdpSocket s = sockets == null ? null : sockets.get(u.destinationPort());
        if (s != null) {
            int fromPort = u.sourcePort();
            int ttl = h.ttl();
            int dataOffset = u.payloadOffset();
            int dataLength = u.payloadLength();
            s.queue.add(frame.length, () -> s.listener.datagram(now, saddr, fromPort, ttl, frame, dataOffset,
                    dataLength), ns.readySockets());
        } else if ((pktType == HostStack.PACKET_HOST || ns.isLocalAddress(daddr)) && !ns.broadcastInput(daddr)) {
            ns.icmp().send(now, frame, IcmpType.DESTINATION_UNREACHABLE, IcmpCode.Unreachable.PORT, 0, out);
        }
    }

    /**
     * udp_err(): an ICMP error quoting a datagram from one of our ports ({@code l4} is the quoted UDP header in
     * {@code frame}; {@code dst} and {@code quotedTtl} are from the quoted IPv4 header) goes to its socket.
     */
    void err(long now, int from, int ttl, int type, int code, int info, int dst, int quotedTtl, byte[] frame, int l4,
             int end) {
        UdpSocket s = sockets == null ? null : sockets.get(Bytes.u16(frame, l4));
        if (s != null) {
            int dstPort = Bytes.u16(frame, l4 + 2);
            int p = l4 + UdpView.HEADER_LENGTH;
            byte[] payload = java.util.Arrays.copyOfRange(frame, p, Math.max(p, Math.min(end, frame.length)));
            s.queue.addError(() -> s.listener.error(now, from, ttl, type, code, info, dst, dstPort, quotedTtl, payload),
                    ns.readySockets());
        }
    }

    /** The view, created on first use (a lab holds thousands of idle hosts). */
    private UdpView udp() {
        if (udp == null) {
            udp = new UdpView(Ipv4View.NO_BYTES, 0, 0);
        }
        return udp;
    }

    /** The view, created on first use (a lab holds thousands of idle hosts). */
    private Ipv4View ip() {
        if (ip == null) {
            ip = new Ipv4View(Ipv4View.NO_BYTES, 0, 0);
        }
        return ip;
    }
}

package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.Bytes;
import io.arplab.wire.EthernetView;
import io.arplab.wire.Geneve.Metadata;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.IpProtocol;
import io.arplab.wire.Ipv4Frames;
import io.arplab.wire.Ipv4View;
import io.arplab.wire.UdpView;

/**
 * drivers/net/geneve.c in collect_md mode: the {@code genev_sys_6081} device Open vSwitch creates for its Geneve
 * ports. A frame the datapath sends to it carries its tunnel key ({@link Metadata}); geneve_xmit_skb() wraps it in
 * Geneve, UDP and IPv4 and routes it on the underlay; geneve_udp_encap_recv() takes Geneve off a datagram to port
 * 6081 and hands the inner frame, with the outer addresses as its tunnel key, back to the datapath.
 */
final class Geneve {
    private static final int ETH = EthernetView.HEADER_LENGTH;
    private static final int UDP = IpProtocol.UDP.number();
    private static final int OUTER = Ipv4View.MIN_HEADER_LENGTH + UdpView.HEADER_LENGTH
            + io.arplab.wire.Geneve.HEADER_LENGTH;

    private final Netns ns;
    final NetDevice dev;
    /** The seed of the flow hash the source port comes from (the kernel's hashrnd, random at boot). */
    private final int hashrnd;

    Geneve(Netns ns, NetDevice dev) {
        this.ns = ns;
        this.dev = dev;
        this.hashrnd = ns.random().nextInt();
    }

    /** geneve_xmit_skb(): the prefixed frame from the datapath, encapsulated and sent; false when dropped. */
    boolean xmit(long now, byte[] prefixed, Outbox out) {
        Metadata key = Metadata.parse(prefixed);
        if (key == null || key.dst() == 0) {
            return false; // no tunnel info: geneve_xmit() drops it
        }
        byte[] inner = Metadata.inner(prefixed);
        // geneve_get_v4_rt(): the route to the remote end picks the source unless the key has one
        int saddr = key.src();
        if (saddr == 0) {
            io.arplab.wire.Ipv4Address s = ns.sourceAddress(io.arplab.wire.Ipv4Address.of(key.dst()), null);
            if (s == null) {
                return false;
            }
            saddr = s.bits();
        }
        Route r = ns.route(key.dst(), null);
        if (r == null || r.device() == dev) {
            return false; // no route, or a loop through ourselves
        }
        byte[] f = new byte[ETH + OUTER + inner.length];
        int ip = ETH;
        int udp = ip + Ipv4View.MIN_HEADER_LENGTH;
        int udpLen = UdpView.HEADER_LENGTH + io.arplab.wire.Geneve.HEADER_LENGTH + inner.length;
        int flags = (key.flags() & io.arplab.wire.Geneve.TNL_OAM) != 0 ? io.arplab.wire.Geneve.FLAG_OAM : 0;
        io.arplab.wire.Geneve.writeHeader(f, udp + UdpView.HEADER_LENGTH, flags, io.arplab.wire.Geneve.PROTO_TEB,
                (int) key.tunId() & 0xffffff);
        System.arraycopy(inner, 0, f, ETH + OUTER, inner.length);
        Bytes.put16(f, udp, sourcePort(inner));
        Bytes.put16(f, udp + 2, io.arplab.wire.Geneve.PORT); // the device's port, not the key's
        Bytes.put16(f, udp + 4, udpLen);
        if ((key.flags() & io.arplab.wire.Geneve.TNL_CSUM) != 0) {
            // udp_set_csum(): a full checksum, 0 sent as 0xffff; without TUNNEL_CSUM the field stays 0
            long sum = InternetChecksum.pseudoHeader(saddr, key.dst(), UDP, udpLen);
            int c = InternetChecksum.finish(InternetChecksum.add(sum, f, udp, udpLen));
            Bytes.put16(f, udp + 6, c == 0 ? 0xffff : c);
        }
        boolean df = (key.flags() & io.arplab.wire.Geneve.TNL_DONT_FRAGMENT) != 0;
        // iptunnel_xmit(): ip_tunnel_ecn_encap() keeps the key's tos and takes the inner ECN; ttl from the key
        Ipv4Frames.writeHeader(f, ip, ecnEncap(key.tos(), inner), Ipv4View.MIN_HEADER_LENGTH + udpLen,
                ns.nextIpId(), df, key.ttl(), UDP, saddr, key.dst());
        return ns.ipOutput().output(now, f, null, out) == 0;
    }

    // INET_ECN_encapsulate(): the outer ECN is the inner's, CE sent as ECT(0)
    private static int ecnEncap(int tos, byte[] inner) {
        int ecn = 0;
        if (inner.length >= ETH + 20 && Bytes.u16(inner, 12) == 0x0800) {
            ecn = inner[ETH + 1] & 3;
            if (ecn == 3) {
                ecn = 2;
            }
        }
        return (tos & ~3) | ecn;
    }

    // udp_flow_src_port(net, skb, 1, USHRT_MAX, true): the inner flow's hash, folded, scaled onto 1..65535
    private int sourcePort(byte[] inner) {
        int h = hashrnd;
        if (inner.length >= ETH + 20 && Bytes.u16(inner, 12) == 0x0800) {
            int ihl = (inner[ETH] & 0xf) * 4;
            int proto = inner[ETH + 9] & 0xff;
            h = mix(h, Bytes.i32(inner, ETH + 12));
            h = mix(h, Bytes.i32(inner, ETH + 16));
            h = mix(h, proto);
            if ((proto == 6 || proto == 17) && inner.length >= ETH + ihl + 4) {
                h = mix(h, Bytes.i32(inner, ETH + ihl));
            }
        } else {
            // no flow: jhash of the two MAC addresses and the protocol
            for (int i = 0; i + 4 <= 12; i += 4) {
                h = mix(h, Bytes.i32(inner, i));
            }
        }
        h ^= h << 16;
        return (int) (((h & 0xffffffffL) * 65534L) >>> 32) + 1;
    }

    private static int mix(int h, int v) {
        h ^= v * 0xcc9e2d51;
        h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        h ^= h >>> 16;
        return h * 0x85ebca6b;
    }

    /**
     * geneve_udp_encap_recv(): a datagram to port 6081 ({@code off}: its UDP header in {@code frame}); the inner
     * frame goes to the device with the tunnel key the kernel's ip_tun_rx_dst() fills. False: not Geneve (dropped).
     */
    boolean rcv(byte[] frame, int off, int len, Outbox out) {
        int g = off + UdpView.HEADER_LENGTH;
        if (len < UdpView.HEADER_LENGTH + io.arplab.wire.Geneve.HEADER_LENGTH) {
            return false;
        }
        int verOpt = frame[g] & 0xff;
        int optLen = (verOpt & 0x3f) * 4;
        if (verOpt >> 6 != 0 || Bytes.u16(frame, g + 2) != io.arplab.wire.Geneve.PROTO_TEB
                || len < UdpView.HEADER_LENGTH + io.arplab.wire.Geneve.HEADER_LENGTH + optLen + ETH
                || !dev.isUp()) {
            return false;
        }
        int gflags = frame[g + 1] & 0xff;
        int ip = ETH;
        int flags = io.arplab.wire.Geneve.TNL_KEY
                | ((gflags & io.arplab.wire.Geneve.FLAG_OAM) != 0 ? io.arplab.wire.Geneve.TNL_OAM : 0)
                | (Bytes.u16(frame, off + 6) != 0 ? io.arplab.wire.Geneve.TNL_CSUM : 0);
        Metadata key = new Metadata(Bytes.u32(frame, g + 4) >>> 8, Bytes.i32(frame, ip + 12),
                Bytes.i32(frame, ip + 16), frame[ip + 1] & 0xff, frame[ip + 8] & 0xff, Bytes.u16(frame, off),
                Bytes.u16(frame, off + 2), flags);
        int innerOff = g + io.arplab.wire.Geneve.HEADER_LENGTH + optLen;
        int innerEnd = off + len;
        out.transmit(dev, key.prefix(java.util.Arrays.copyOfRange(frame, innerOff, innerEnd)));
        return true;
    }
}

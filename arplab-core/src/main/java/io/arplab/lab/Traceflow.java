package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.device.OvsBridge;
import io.arplab.flow.Ofproto;
import io.arplab.flow.TraceflowHop;
import io.arplab.sim.Network;
import io.arplab.sim.NetworkNode;
import io.arplab.stack.NetDevice;
import io.arplab.stack.Route;
import io.arplab.wire.Bytes;
import io.arplab.wire.Geneve;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4Frames;
import java.util.ArrayList;
import java.util.List;

/**
 * Antrea's traceflow without a cluster (pkg/agent/controller/traceflow): one packet from a pod, built as the pod
 * would send it (its MAC, the MAC of its next hop), through each node's br-int as ofproto/trace runs it, across the
 * Geneve tunnel to the node its tunnel destination names, to the port it is delivered to or the table that drops it.
 * Nothing in the lab changes (no counters, no learning, no conntrack entries: every lookup answers new).
 */
public final class Traceflow {
    private static final int MAX_HOPS = 16;

    /** One bridge on the way: where the packet came in, what the bridge decided, where it went. */
    public record Hop(String node, String bridge, String inPort, Geneve.Metadata tunnel, TraceflowHop decisions,
                      String result) {}

    /** The whole trace: the packet's ends, its protocol, the hops and the final verdict (delivered, dropped). */
    public record Report(String from, Ipv4Address source, String to, Ipv4Address destination, String protocol,
                         int port, List<Hop> hops, String verdict) {}

    private Traceflow() {}

    /** Traces a packet of {@code protocol} (icmp, udp, tcp; {@code port}: the destination port) from pod {@code from}. */
    public static Report run(Lab lab, String from, String to, String protocol, int port) {
        Host src = lab.hosts().get(from);
        if (src == null) {
            throw new IllegalArgumentException("traceflow: unknown pod '" + from + "'");
        }
        Ipv4Address dst = lab.resolver().resolve(to);
        if (dst == null) {
            throw new IllegalArgumentException("traceflow: cannot resolve '" + to + "'");
        }
        NetDevice eth0 = src.stack().device("eth0");
        NetworkNode srcNode = lab.network().node(from);
        int p = eth0 == null ? -1 : src.portOf(eth0);
        NetworkNode peer = p < 0 ? null : srcNode.peer(p);
        if (peer == null || !(peer.device() instanceof OvsBridge br)) {
            throw new IllegalArgumentException("traceflow: '" + from + "' is not a pod (its eth0 is not on an OVS bridge)");
        }
        Route r = src.stack().route(dst, null);
        if (r == null) {
            throw new IllegalArgumentException("traceflow: " + from + " has no route to " + dst);
        }
        Ipv4Address srcIp = src.stack().sourceAddress(dst, null);
        Ipv4Address nexthop = r.gateway() != null ? r.gateway() : dst;
        NetDevice next = device(lab, nexthop);
        if (next == null) {
            throw new IllegalArgumentException("traceflow: no interface has " + nexthop + ", the next hop to " + dst);
        }
        byte[] frame = packet(eth0.macBits(), next.macBits(), srcIp, dst, protocol, port);

        List<Hop> hops = new ArrayList<>();
        long inPort = br.ofport(srcNode.peerPort(p));
        String inName = br.ofproto().port(inPort).name;
        Geneve.Metadata tunnel = null;
        String verdict = "dropped";
        for (int i = 0; i < MAX_HOPS; i++) {
            TraceflowHop d = new TraceflowHop();
            br.ofproto().traceflow(lab.now(), inPort, tunnel == null ? frame : tunnel.prefix(frame), d);
            String node = lab.bridgeOwner(br.name()).name();
            if (d.outputs.isEmpty()) {
                hops.add(new Hop(node, br.bridgeName(), inName, tunnel, d, dropReason(d)));
                break;
            }
            Ofproto.Output o = d.outputs.get(0);
            Ofproto.Port out = br.ofproto().port(o.ofport());
            if (out.isTunnel()) {
                Geneve.Metadata sent = Geneve.Metadata.parse(o.frame());
                NetDevice remote = device(lab, Ipv4Address.of(sent.dst()));
                OvsBridge nextBr = remote == null ? null : bridgeOf(lab, remote);
                String remoteNode = nextBr == null ? null : lab.bridgeOwner(nextBr.name()).name();
                hops.add(new Hop(node, br.bridgeName(), inName, tunnel, d, "tunnelled to " + Ipv4Address.of(sent.dst())
                        + (remoteNode == null ? " (no node has it)" : " (" + remoteNode + ")")));
                if (nextBr == null) {
                    break;
                }
                // what the peer's geneve_udp_encap_recv() hands its datapath: the outer addresses as the key
                Ipv4Address local = lab.host(node).stack().sourceAddress(Ipv4Address.of(sent.dst()), null);
                tunnel = new Geneve.Metadata(sent.tunId(), local == null ? 0 : local.bits(), sent.dst(), sent.tos(),
                        sent.ttl(), 0, Geneve.PORT, Geneve.TNL_KEY | (sent.flags() & Geneve.TNL_CSUM));
                frame = Geneve.Metadata.inner(o.frame());
                br = nextBr;
                Ofproto.Port tun = br.ofproto().ports().stream().filter(Ofproto.Port::isTunnel).findFirst().orElse(null);
                if (tun == null) {
                    break;
                }
                inPort = tun.ofport;
                inName = tun.name;
                continue;
            }
            String where = delivery(lab, br, o.ofport());
            hops.add(new Hop(node, br.bridgeName(), inName, tunnel, d, where));
            verdict = "delivered";
            break;
        }
        return new Report(from, srcIp, to, dst, protocol, port, hops, verdict);
    }

    // the table whose rule dropped it, or the table no rule matched
    private static String dropReason(TraceflowHop d) {
        if (d.tables.isEmpty()) {
            return "dropped";
        }
        TraceflowHop.Table t = d.tables.get(d.tables.size() - 1);
        return t.match() == null ? "dropped: no match in table " + t.table()
                : "dropped by table " + t.table() + " (priority " + t.priority() + ", actions=" + t.actions() + ")";
    }

    private static String delivery(Lab lab, OvsBridge br, long ofport) {
        Ofproto.Port out = br.ofproto().port(ofport);
        NetworkNode bn = lab.network().node(br.name());
        int dp = br.devicePort(ofport);
        NetworkNode peer = dp < 0 ? null : bn.peer(dp);
        String owner = lab.bridgeOwner(br.name()).name();
        if (peer == null || peer.name().equals(owner)) {
            return "delivered to node " + owner + " on " + out.name;
        }
        return "delivered to pod " + peer.name() + " on port " + out.name + " (" + ofport + ")";
    }

    private static NetDevice device(Lab lab, Ipv4Address a) {
        for (Host h : lab.hosts().values()) {
            for (NetDevice d : h.stack().devices()) {
                if (d.hasAddress(a.bits())) {
                    return d;
                }
            }
        }
        return null;
    }

    // the br-int of the node that owns device d
    private static OvsBridge bridgeOf(Lab lab, NetDevice d) {
        for (OvsBridge b : lab.ovsBridges().values()) {
            Host owner = lab.bridgeOwner(b.name());
            if (owner != null && owner.stack().devices().contains(d)) {
                return b;
            }
        }
        return null;
    }

    /** The packet the pod sends: Ethernet, IPv4 (TTL 64, DF), an ICMP echo request, a UDP datagram or a TCP SYN. */
    static byte[] packet(long srcMac, long dstMac, Ipv4Address src, Ipv4Address dst, String protocol, int port) {
        int l4len = switch (protocol) {
            case "icmp", "udp" -> 8;
            case "tcp" -> 20;
            default -> throw new IllegalArgumentException("traceflow: protocol '" + protocol + "': icmp, udp or tcp");
        };
        byte[] f = new byte[14 + 20 + l4len];
        Bytes.put48(f, 0, dstMac);
        Bytes.put48(f, 6, srcMac);
        Bytes.put16(f, 12, 0x0800);
        int proto = protocol.equals("icmp") ? 1 : protocol.equals("udp") ? 17 : 6;
        Ipv4Frames.writeHeader(f, 14, 0, 20 + l4len, 0, true, 64, proto, src.bits(), dst.bits());
        int l4 = 34;
        if (proto == 1) {
            f[l4] = 8; // echo request, id 0, seq 0
            Bytes.put16(f, l4 + 2, InternetChecksum.compute(f, l4, l4len));
            return f;
        }
        Bytes.put16(f, l4, 10000); // a fixed source port: the trace is of one packet, not of a socket
        Bytes.put16(f, l4 + 2, port);
        if (proto == 17) {
            Bytes.put16(f, l4 + 4, l4len);
        } else {
            f[l4 + 12] = 0x50; // data offset 5
            f[l4 + 13] = 0x02; // SYN
        }
        long sum = InternetChecksum.pseudoHeader(src.bits(), dst.bits(), proto, l4len);
        int c = InternetChecksum.finish(InternetChecksum.add(sum, f, l4, l4len));
        Bytes.put16(f, l4 + (proto == 17 ? 6 : 16), proto == 17 && c == 0 ? 0xffff : c);
        return f;
    }
}

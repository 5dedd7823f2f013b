package io.arplab.report;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.lab.Lab;
import io.arplab.sim.Network;
import io.arplab.stack.NetDevice;
import io.arplab.topo.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lab's topology as the pictures need it: hosts, routers (hosts that forward) and bridges, each interface's name,
 * MAC and addresses, and the links between interfaces and bridge ports; networks named as the lab file names them.
 */
public record LabGraph(String name, List<Node> nodes, List<Link> links) {
    public enum Kind { HOST, ROUTER, BRIDGE }

    /** {@code addresses} as "172.28.0.11/16"; {@code bridge} is the bridge the interface plugs into (or null). */
    public record Iface(String name, String mac, List<String> addresses, String bridge) {}

    /** {@code network} is the lab file's name of a bridge's network (or null), {@code subnet} its prefix. */
    public record Node(String name, Kind kind, String network, String subnet, List<Iface> ifaces) {
        public String title() {
            return network != null ? network + " (" + name + ")" : name;
        }
    }

    /** A host interface wired to a bridge port. */
    public record Link(String host, String ifname, String bridge, String port) {}

    public Node node(String nodeName) {
        for (Node n : nodes) {
            if (n.name.equals(nodeName)) {
                return n;
            }
        }
        return null;
    }

    /** The graph of a built lab; {@code topology} (or null) names the networks. */
    public static LabGraph of(Lab lab, Topology topology) {
        Map<String, Topology.Network> byBridge = new LinkedHashMap<>();
        if (topology != null) {
            for (Topology.Network n : topology.networks()) {
                byBridge.put(n.bridge(), n);
            }
        }
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (Map.Entry<String, Host> e : lab.hosts().entrySet()) {
            Host h = e.getValue();
            Network.Node gn = lab.network().node(e.getKey());
            List<Iface> ifaces = new ArrayList<>();
            for (int p = 0; p < h.portCount(); p++) {
                NetDevice dev = h.port(p);
                List<String> addrs = new ArrayList<>();
                for (NetDevice.Address a : dev.addresses()) {
                    addrs.add(a.address() + "/" + a.prefixLength());
                }
                Network.Node peer = gn.peer(p);
                String bridge = peer != null && peer.device() instanceof LinuxBridge ? peer.name() : null;
                ifaces.add(new Iface(dev.name, dev.mac().toString(), addrs, bridge));
                if (bridge != null) {
                    links.add(new Link(e.getKey(), dev.name, bridge, peer.device().portName(gn.peerPort(p))));
                }
            }
            Kind kind = h.stack().ipForward() && ifaces.size() > 1 ? Kind.ROUTER : Kind.HOST;
            nodes.add(new Node(e.getKey(), kind, null, null, ifaces));
        }
        for (LinuxBridge b : lab.bridges().values()) {
            Topology.Network n = byBridge.get(b.name());
            nodes.add(new Node(b.name(), Kind.BRIDGE, n == null ? null : n.name(),
                    n == null ? null : n.subnet().toString(), List.of(new Iface(b.name(), b.mac().toString(), List.of(), null))));
        }
        return new LabGraph(topology == null ? "lab" : topology.name(), nodes, links);
    }
}

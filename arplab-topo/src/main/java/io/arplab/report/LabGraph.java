package io.arplab.report;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.device.OvsBridge;
import io.arplab.device.Switch;
import io.arplab.lab.Lab;
import io.arplab.sim.Network;
import io.arplab.sim.NetworkNode;
import io.arplab.stack.NetDevice;
import io.arplab.topo.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lab's topology as the pictures need it: hosts, routers (hosts that forward) and bridges (Linux and Open vSwitch),
 * each interface's name, MAC and addresses, and the links between interfaces and bridge ports or, for a veth between
 * two hosts, the other host's interface; networks named as the lab file names them.
 */
public record LabGraph(String name, List<Node> nodes, List<Link> links) {
    public enum Kind { HOST, ROUTER, BRIDGE }

    /**
     * {@code addresses} as "172.28.0.11/16"; {@code bridge} is the node at the other end of the interface's wire: the
     * bridge it plugs into, or the host of a veth's other end (or null); {@code pcap} the file its capture has under
     * --pcap-dir ({@link Lab#pcapFiles}), or null.
     */
    public record Iface(String name, String mac, List<String> addresses, String bridge, String pcap) {}

    /**
     * {@code network} is the lab file's name of a bridge's network (or null), {@code subnet} its prefix; a bridge
     * {@code learns} source MACs from every frame (a Linux bridge; an Open vSwitch bridge's flows decide).
     */
    public record Node(String name, Kind kind, String network, String subnet, List<Iface> ifaces, boolean learns) {
        public String title() {
            return network != null ? network + " (" + name + ")" : name;
        }
    }

    /** A host interface wired to a bridge port, or to another host's interface ({@code port}) by a veth. */
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
        java.util.Set<String> wired = new java.util.HashSet<>(); // lookups only
        for (Map.Entry<String, Host> e : lab.hosts().entrySet()) {
            Host h = e.getValue();
            NetworkNode gn = lab.network().node(e.getKey());
            List<Iface> ifaces = new ArrayList<>();
            Map<String, String> pcaps = lab.pcapFiles(e.getKey());
            for (int p = 0; p < h.portCount(); p++) {
                NetDevice dev = h.port(p);
                List<String> addrs = new ArrayList<>();
                for (NetDevice.Address a : dev.addresses()) {
                    addrs.add(a.address() + "/" + a.prefixLength());
                }
                // the node at the other end: a bridge, or a host (a veth between two hosts, whose link is drawn once)
                NetworkNode peer = gn.peer(p);
                boolean toSwitch = peer != null && peer.device() instanceof Switch;
                boolean toHost = peer != null && peer.device() instanceof Host;
                ifaces.add(new Iface(dev.name, dev.mac().toString(), addrs, toSwitch || toHost ? peer.name() : null,
                        pcaps.get(dev.name)));
                if (toSwitch || toHost && !wired.contains(peer.name() + " " + e.getKey())) {
                    links.add(new Link(e.getKey(), dev.name, peer.name(), peer.device().portName(gn.peerPort(p))));
                    wired.add(e.getKey() + " " + peer.name());
                }
            }
            Kind kind = h.stack().ipForward() && ifaces.size() > 1 ? Kind.ROUTER : Kind.HOST;
            nodes.add(new Node(e.getKey(), kind, null, null, ifaces, false));
        }
        for (LinuxBridge b : lab.bridges().values()) {
            nodes.add(bridge(b, byBridge, true));
        }
        for (OvsBridge b : lab.ovsBridges().values()) {
            nodes.add(bridge(b, byBridge, false));
        }
        return new LabGraph(topology == null ? "lab" : topology.name(), nodes, links);
    }

    private static Node bridge(Switch b, Map<String, Topology.Network> byBridge, boolean learns) {
        Topology.Network n = byBridge.get(b.name());
        return new Node(b.name(), Kind.BRIDGE, n == null ? null : n.name(), n == null || n.subnet() == null ? null
                : n.subnet().toString(), List.of(new Iface(b.name(), b.mac().toString(), List.of(), null, null)), learns);
    }
}

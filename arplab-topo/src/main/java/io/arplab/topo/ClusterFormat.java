package io.arplab.topo;

import static io.arplab.topo.Fields.checkKeys;
import static io.arplab.topo.Fields.error;

import io.arplab.lab.Cidr;
import io.arplab.topo.Yaml.Entry;
import io.arplab.topo.Yaml.MapNode;
import io.arplab.topo.Yaml.Node;
import io.arplab.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact form of a Kubernetes pod network ({@link Cluster}), expanded by {@link ClusterBuilder}:
 * <pre>
 * lab: antrea-cluster
 * cluster:
 *   underlay: 10.79.1.0/24
 *   nodes:
 *     master:  {address: 10.79.1.200, pod_cidr: 10.222.0.0/24}
 *     worker1: {address: 10.79.1.201, pod_cidr: 10.222.1.0/24, pods: [frontend, backend1]}
 *   services:
 *     backend: {cluster_ip: 10.96.0.10, port: 80, protocol: tcp, target_port: 80, endpoints: [backend1]}
 * </pre>
 */
final class ClusterFormat {
    static final List<String> TOP = List.of("lab", "cluster");
    static final List<String> CLUSTER = List.of("underlay", "underlay_bridge", "service_cidr", "nodes", "services");
    static final List<String> NODE = List.of("address", "pod_cidr", "pods");
    static final List<String> SERVICE = List.of("cluster_ip", "port", "protocol", "target_port", "endpoints");

    private ClusterFormat() {}

    static Topology read(MapNode root) {
        checkKeys(root, "at the top of a cluster lab", TOP);
        String name = root.has("lab") ? Fields.string(root.get("lab"), "the lab's name") : null;
        MapNode c = Fields.map(root.get("cluster"), "cluster settings (underlay, nodes, services)");
        checkKeys(c, "in cluster", CLUSTER);
        Fields.require(c, "underlay", "in cluster");
        Fields.require(c, "nodes", "in cluster");
        Cidr underlay = Fields.subnet(c.get("underlay"), "the underlay subnet");
        String bridge = c.has("underlay_bridge") ? Fields.ifname(c.get("underlay_bridge"), "the underlay bridge")
                : "underlay";
        Cidr services = c.has("service_cidr") ? Fields.subnet(c.get("service_cidr"), "the service CIDR")
                : Cidr.parse("10.96.0.0/12");
        Map<String, Node> seen = new HashMap<>();
        Map<Integer, String> addresses = new HashMap<>();
        List<Cluster.Node> nodes = new ArrayList<>();
        for (Entry e : Fields.map(c.get("nodes"), "nodes").entries().values()) {
            String n = Fields.nodeName(e.key(), "node name");
            unique(seen, n, e.key());
            MapNode m = Fields.mapOrEmpty(e.value(), "node settings (address, pod_cidr, pods)");
            checkKeys(m, "in node '" + n + "'", NODE);
            Fields.require(m, "address", "in node '" + n + "'");
            Fields.require(m, "pod_cidr", "in node '" + n + "'");
            Ipv4Address a = Fields.address(m.get("address"), "the node's underlay address");
            if (!underlay.network().equals(a.masked(underlay.prefixLength()))) {
                throw error(m.get("address"), "address " + a + " is outside the underlay " + underlay);
            }
            if (addresses.put(a.bits(), n) != null) {
                throw error(m.get("address"), "address " + a + " is already the address of node '"
                        + addresses.get(a.bits()) + "'");
            }
            Cidr pods = Fields.subnet(m.get("pod_cidr"), "the node's pod CIDR");
            for (Cluster.Node o : nodes) {
                if (overlap(o.podCidr(), pods)) {
                    throw error(m.get("pod_cidr"), "pod CIDR " + pods + " overlaps " + o.podCidr() + " of node '"
                            + o.name() + "'");
                }
            }
            List<String> names = new ArrayList<>();
            if (m.has("pods")) {
                Node pl = m.get("pods");
                for (Node p : Fields.list(pl, "pod names").items()) {
                    Yaml.Scalar s = Fields.scalar(p, "a pod name");
                    String pod = Fields.nodeName(s, "pod name");
                    unique(seen, pod, s);
                    names.add(pod);
                }
                long room = (1L << (32 - pods.prefixLength())) - 3; // network, gateway, broadcast
                if (names.size() > room) {
                    throw error(pl, names.size() + " pods do not fit in " + pods + " (" + room + " addresses)");
                }
            }
            nodes.add(new Cluster.Node(n, a, pods, names));
        }
        if (nodes.isEmpty()) {
            throw error(c.get("nodes"), "the cluster has no nodes");
        }
        List<Cluster.Service> svcs = c.has("services") ? services(Fields.map(c.get("services"),
                "services (name: settings)"), services, nodes) : List.of();
        return new Topology(name, null, List.of(), List.of(), Map.of(), io.arplab.lab.Lab.Kernel.PER_HOST,
                new Cluster(underlay, bridge, services, nodes, svcs));
    }

    private static List<Cluster.Service> services(MapNode map, Cidr range, List<Cluster.Node> nodes) {
        List<String> pods = new ArrayList<>();
        nodes.forEach(n -> pods.addAll(n.pods()));
        Map<String, String> frontends = new HashMap<>();
        List<Cluster.Service> out = new ArrayList<>();
        for (Entry e : map.entries().values()) {
            String n = Fields.string(e.key(), "service name");
            String where = "in service '" + n + "'";
            MapNode m = Fields.mapOrEmpty(e.value(), "service settings (cluster_ip, port, endpoints)");
            checkKeys(m, where, SERVICE);
            for (String k : List.of("cluster_ip", "port", "endpoints")) {
                Fields.require(m, k, where);
            }
            Ipv4Address ip = Fields.address(m.get("cluster_ip"), "the service's ClusterIP");
            if (!range.network().equals(ip.masked(range.prefixLength()))) {
                throw error(m.get("cluster_ip"), "ClusterIP " + ip + " is outside the service CIDR " + range);
            }
            int port = port(m.get("port"), "the service's port");
            int target = m.has("target_port") ? port(m.get("target_port"), "the endpoints' port") : port;
            String proto = m.has("protocol") ? Fields.string(m.get("protocol"), "tcp or udp") : "tcp";
            if (!proto.equals("tcp") && !proto.equals("udp")) {
                throw error(m.get("protocol"), "protocol '" + proto + "' is not tcp or udp");
            }
            String other = frontends.put(proto + " " + ip + ":" + port, n);
            if (other != null) {
                throw error(m.get("cluster_ip"), proto + " " + ip + ":" + port + " is already service '" + other
                        + "'");
            }
            List<String> eps = new ArrayList<>();
            for (Node p : Fields.list(m.get("endpoints"), "endpoint pod names").items()) {
                Yaml.Scalar s = Fields.scalar(p, "a pod name");
                if (!pods.contains(s.text())) {
                    throw error(s, "endpoint '" + s.text() + "' is not a pod of the cluster"
                            + Suggest.didYouMean(s.text(), pods));
                }
                if (eps.contains(s.text())) {
                    throw error(s, "endpoint '" + s.text() + "' is listed twice");
                }
                eps.add(s.text());
            }
            if (eps.isEmpty()) {
                throw error(m.get("endpoints"), "service '" + n + "' has no endpoints");
            }
            out.add(new Cluster.Service(n, ip, port, proto, target, eps));
        }
        return out;
    }

    private static int port(Node n, String what) {
        long p = Fields.integer(n, what);
        if (p < 1 || p > 65535) {
            throw error(n, "port " + p + " is out of range (1-65535)");
        }
        return (int) p;
    }

    private static void unique(Map<String, Node> seen, String name, Node at) {
        if (seen.put(name, at) != null) {
            throw error(at, "duplicate name '" + name + "' (nodes and pods are all nodes of the lab)");
        }
    }

    private static boolean overlap(Cidr a, Cidr b) {
        int len = Math.min(a.prefixLength(), b.prefixLength());
        return a.network().masked(len).equals(b.network().masked(len));
    }
}

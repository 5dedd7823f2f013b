package io.arplab.topo;

import static io.arplab.topo.Fields.checkKeys;
import static io.arplab.topo.Fields.error;
import static io.arplab.topo.Fields.nth;

import io.arplab.lab.Cidr;
import io.arplab.lab.Lab;
import io.arplab.stack.NudState;
import io.arplab.stack.SysctlKey;
import io.arplab.topo.Topology.Where;
import io.arplab.topo.Yaml.Entry;
import io.arplab.topo.Yaml.ListNode;
import io.arplab.topo.Yaml.MapNode;
import io.arplab.topo.Yaml.Node;
import io.arplab.topo.Yaml.Scalar;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * arplab's own lab format (see the README, "Lab files"):
 * <pre>
 * lab: arp_lan
 * networks:
 *   arp_lan: {subnet: 172.28.0.0/16, gateway: 172.28.0.1}
 * hosts:
 *   node1: {interfaces: [{network: arp_lan, address: 172.28.0.11}]}
 * </pre>
 * Left out, a value is chosen as Docker would: gateway .1, addresses .2, .3 ... in file order, MAC 02:42 + the
 * address, interfaces eth0, eth1 ..., a default route via the first interface's gateway.
 */
final class LabFormat {
    static final List<String> TOP = List.of("lab", "kernel", "names", "host", "networks", "hosts");
    static final List<String> NETWORK = List.of("subnet", "gateway", "bridge", "mac", "kind", "fdb_max_learned");
    static final List<String> OVS_NETWORK = List.of("subnet", "kind", "datapath_type", "fail_mode", "datapath_id",
            "hwaddr", "protocols", "flows", "ports", "other_config");
    static final List<String> OVS_PORT = List.of("ofport", "type", "options", "tag", "trunks", "vlan_mode",
            "other_config");
    static final List<String> HOST = List.of("interfaces", "gateway", "routes", "sysctls", "neighbours", "aliases");
    static final List<String> INTERFACE = List.of("network", "address", "mac", "name", "veth", "veth_mac", "aliases",
            "ofport");
    static final List<String> ROUTE = List.of("to", "via", "dev", "metric");
    static final List<String> NEIGHBOUR = List.of("address", "mac", "dev", "state");
    static final List<String> BRIDGE_HOST = List.of("name", "sysctls");

    private final String file;
    private final List<String> notes;
    private final Map<String, Where> where = new HashMap<>();
    private final Map<String, Topology.Network> networks = new LinkedHashMap<>();
    private final Map<String, DockerIpam.Allocator> allocators = new HashMap<>();
    private Lab.Kernel kernel = Lab.Kernel.SHARED;

    private LabFormat(String file, List<String> notes) {
        this.file = file;
        this.notes = notes;
    }

    static Topology read(String file, MapNode root, List<String> notes) {
        return new LabFormat(file, notes).read(root);
    }

    private void mark(String path, Node n) {
        where.put(path, n.where());
    }

    private Topology read(MapNode root) {
        List<String> known = new ArrayList<>(TOP);
        for (Entry e : root.entries().values()) {
            if (!TOP.contains(e.key().text())) {
                known.add("services"); // a misspelt compose file gets the right suggestion
                throw error(e.key(), "unknown key '" + e.key().text() + "' at the top of a lab file"
                        + Suggest.didYouMean(e.key().text(), known));
            }
        }
        String name = root.has("lab") ? Fields.string(root.get("lab"), "the lab's name") : null;
        if (root.has("kernel")) {
            String k = Fields.string(root.get("kernel"), "whose kernel the hosts run on (shared or per-host)");
            List<String> kinds = List.of("shared", "per-host");
            if (!kinds.contains(k)) {
                throw error(root.get("kernel"), "invalid kernel '" + k + "': expected shared (the hosts are one"
                        + " machine's namespaces) or per-host (separate machines)" + Suggest.didYouMean(k, kinds));
            }
            kernel = k.equals("shared") ? Lab.Kernel.SHARED : Lab.Kernel.PER_HOST;
        }
        String naming = "docker";
        if (root.has("names")) {
            naming = Fields.string(root.get("names"), "how reverse names are made (docker, hosts or none)");
            if (!List.of("docker", "hosts", "none").contains(naming)) {
                throw error(root.get("names"), "invalid names '" + naming + "': expected docker (node3.arp_lan), hosts"
                        + " (node3) or none" + Suggest.didYouMean(naming, List.of("docker", "hosts", "none")));
            }
        }
        MapNode nets = root.has("networks") ? Fields.mapOrEmpty(root.get("networks"), "networks (name: settings)")
                : new MapNode(Map.of(), root.where());
        for (Entry e : nets.entries().values()) {
            network(e);
        }
        // a lab of Open vSwitch bridges alone needs no hosts: the bridge host runs the ovs-* tools
        boolean ovsOnly = networks.values().stream().anyMatch(n -> n.ovs() != null);
        if (!root.has("hosts") && !ovsOnly) {
            throw error(root, "missing 'hosts' in lab file: a lab needs at least one host");
        }
        MapNode hostsNode = root.has("hosts") ? Fields.mapOrEmpty(root.get("hosts"), "hosts (name: settings)")
                : new MapNode(Map.of(), root.where());
        if (root.has("hosts")) {
            mark("hosts", root.entry("hosts").key());
        }
        if (hostsNode.entries().isEmpty() && !ovsOnly) {
            throw error(root.entry("hosts").key(), "no hosts in lab file");
        }
        reserveExplicitAddresses(hostsNode);
        List<Topology.Host> hosts = new ArrayList<>();
        Set<String> hostNames = new HashSet<>(hostsNode.entries().keySet());
        for (Entry e : hostsNode.entries().values()) {
            hosts.add(host(e, naming));
        }
        Topology.BridgeHost bridgeHost = null;
        boolean gateways = networks.values().stream().anyMatch(n -> n.gateway() != null || n.ovs() != null);
        if (root.has("host")) {
            MapNode bh = Fields.mapOrEmpty(root.get("host"), "settings of the host that owns the bridges");
            checkKeys(bh, "in 'host'", BRIDGE_HOST);
            mark("host", root.entry("host").key());
            String bhName = bh.has("name") ? Fields.nodeName(Fields.scalar(bh.get("name"), "a host name"), "host name")
                    : pickName(hostNames);
            Set<String> devices = new LinkedHashSet<>(List.of("lo"));
            networks.values().stream().filter(n -> n.gateway() != null).forEach(n -> devices.add(n.bridge()));
            List<Topology.Sysctl> sysctls = bh.has("sysctls") ? sysctls(bh.get("sysctls"), "host", devices, true) : List.of();
            bridgeHost = new Topology.BridgeHost(bhName, sysctls);
        } else if (gateways) {
            bridgeHost = new Topology.BridgeHost(pickName(hostNames), List.of());
        }
        return new Topology(name, bridgeHost, List.copyOf(networks.values()), hosts, where, kernel);
    }

    /** "host", unless a lab host already has that name. */
    static String pickName(Set<String> taken) {
        for (String c : List.of("host", "dockerhost", "bridgehost")) {
            if (!taken.contains(c)) {
                return c;
            }
        }
        int i = 1;
        while (taken.contains("host" + i)) {
            i++;
        }
        return "host" + i;
    }

    private void network(Entry e) {
        String name = e.key().text();
        String p = "networks/" + name;
        String ctx = "in network '" + name + "'";
        mark(p, e.key());
        MapNode m = Fields.mapOrEmpty(e.value(), "settings for network '" + name + "'");
        if (m.has("kind") && Fields.string(m.get("kind"), "a network kind").equals("ovs")) {
            ovsNetwork(e, m);
            return;
        }
        checkKeys(m, ctx, NETWORK);
        if (m.has("kind")) {
            String kind = Fields.string(m.get("kind"), "a network kind");
            if (!kind.equals("bridge")) {
                throw error(m.get("kind"), "unsupported kind '" + kind + "' for network '" + name
                        + "': expected bridge or ovs");
            }
        }
        if (!m.has("subnet")) {
            throw error(e.key(), "missing 'subnet' in network '" + name + "'");
        }
        Cidr subnet = Fields.subnet(m.get("subnet"), "subnet of network '" + name + "'");
        mark(p + "/subnet", m.get("subnet"));
        if (subnet.prefixLength() > 30) {
            throw error(m.get("subnet"), "subnet " + subnet + " of network '" + name + "' is too small: /30 or larger");
        }
        Ipv4Address gateway = DockerIpam.firstHost(subnet);
        if (m.has("gateway")) {
            mark(p + "/gateway", m.get("gateway"));
            Node g = m.get("gateway");
            gateway = g instanceof Scalar s && s.text().equals("none") ? null
                    : Fields.address(g, "gateway of network '" + name + "'");
        }
        String bridge = m.has("bridge") ? Fields.ifname(m.get("bridge"), "bridge name of network '" + name + "'")
                : defaultBridgeName(name);
        if (m.has("bridge")) {
            mark(p + "/bridge", m.get("bridge"));
        }
        MacAddress mac = m.has("mac") ? Fields.mac(m.get("mac"), "bridge MAC of network '" + name + "'")
                : DockerIpam.bridgeMac(name);
        if (m.has("mac")) {
            mark(p + "/mac", m.get("mac"));
        }
        long maxLearned = 0;
        if (m.has("fdb_max_learned")) {
            // IFLA_BR_FDB_MAX_LEARNED is a u32; 0 means no limit
            maxLearned = Fields.integer(m.get("fdb_max_learned"), "fdb_max_learned of network '" + name + "'");
            if (maxLearned < 0 || maxLearned > 0xffff_ffffL) {
                throw error(m.get("fdb_max_learned"), "fdb_max_learned of network '" + name + "' is " + maxLearned
                        + ": expected 0 (no limit) to 4294967295");
            }
            mark(p + "/fdb_max_learned", m.get("fdb_max_learned"));
        }
        networks.put(name, new Topology.Network(name, Topology.NetworkKind.BRIDGE, subnet, gateway, bridge, mac, null,
                maxLearned));
    }

    // an Open vSwitch bridge named like the network, as ovs-vsctl add-br and set bridge would make it
    private void ovsNetwork(Entry e, MapNode m) {
        String name = e.key().text();
        String ctx = "in network '" + name + "'";
        checkKeys(m, ctx, OVS_NETWORK);
        if (!Fields.validIfname(name)) {
            throw error(e.key(), "invalid bridge name '" + name + "'");
        }
        Cidr subnet = null; // a bridge without hosts needs none
        if (m.has("subnet")) {
            subnet = Fields.subnet(m.get("subnet"), "subnet of network '" + name + "'");
            mark("networks/" + name + "/subnet", m.get("subnet"));
        }
        String dpType = m.has("datapath_type") ? Fields.string(m.get("datapath_type"), "dummy or system") : "dummy";
        String failMode = m.has("fail_mode") ? Fields.string(m.get("fail_mode"), "secure or standalone") : "secure";
        MacAddress hwaddr = m.has("hwaddr") ? Fields.mac(m.get("hwaddr"), "hwaddr of bridge '" + name + "'")
                : DockerIpam.bridgeMac(name);
        long dpid = hwaddr.bits();
        if (m.has("datapath_id")) {
            String d = Fields.string(m.get("datapath_id"), "16 hex digits");
            if (!d.matches("[0-9a-fA-F]{16}")) {
                throw error(m.get("datapath_id"), "invalid datapath_id '" + d + "': expected 16 hex digits");
            }
            dpid = Long.parseUnsignedLong(d, 16);
        }
        List<String> protocols = m.has("protocols") ? Fields.strings(m.get("protocols"), "OpenFlow versions")
                : List.of("OpenFlow10", "OpenFlow13", "OpenFlow15");
        for (String p : protocols) {
            if (io.arplab.flow.OfVersion.byName(p) == null) {
                throw error(m.get("protocols"), "unknown protocol '" + p + "' for bridge '" + name + "'");
            }
        }
        String flows = null;
        if (m.has("flows")) {
            flows = Fields.string(m.get("flows"), "a file of flows");
            java.nio.file.Path dir = java.nio.file.Path.of(file).toAbsolutePath().getParent();
            flows = dir == null ? flows : dir.resolve(flows).toString();
        }
        List<Topology.OvsPort> ports = new ArrayList<>();
        Map<Long, String> ofports = new java.util.HashMap<>();
        if (m.has("ports")) {
            MapNode pm = Fields.mapOrEmpty(m.get("ports"), "ports (name: settings)");
            for (Entry pe : pm.entries().values()) {
                MapNode ps = Fields.mapOrEmpty(pe.value(), "settings of port '" + pe.key().text() + "'");
                checkKeys(ps, "in port '" + pe.key().text() + "' of bridge '" + name + "'", OVS_PORT);
                long ofport = ps.has("ofport") ? Fields.integer(ps.get("ofport"), "a port number") : -1;
                if (ps.has("ofport") && (ofport < 1 || ofport >= 0xff00)) {
                    // ofproto.c ofport_request: OpenFlow ports 1 to 65279 (below OFPP_MAX)
                    throw error(ps.get("ofport"), "ofport " + ofport + " out of range (1 to 65279)");
                }
                String holder = ofport < 0 ? null : ofports.putIfAbsent(ofport, pe.key().text());
                if (holder != null) {
                    throw error(ps.get("ofport"), "ofport " + ofport + " is already used by port '" + holder
                            + "' of bridge '" + name + "'");
                }
                String type = ps.has("type") ? Fields.string(ps.get("type"), "a port type") : "internal";
                if (!List.of("internal", "dummy", "geneve", "vxlan", "gre", "patch").contains(type)) {
                    throw error(ps.get("type"), "unsupported port type '" + type
                            + "': expected internal, dummy, geneve, vxlan, gre or patch");
                }
                Map<String, String> options = new LinkedHashMap<>();
                if (ps.has("options")) {
                    MapNode om = Fields.mapOrEmpty(ps.get("options"), "port options");
                    for (Entry oe : om.entries().values()) {
                        options.put(oe.key().text(), Fields.string(oe.value(), "an option value"));
                        if (oe.key().text().equals("address")) {
                            try {
                                Cidr.parse(options.get("address"));
                            } catch (IllegalArgumentException bad) {
                                throw error(oe.value(), "invalid address '" + options.get("address") + "' of port '"
                                        + pe.key().text() + "' (expected an address like 10.222.1.1/24)");
                            }
                        }
                    }
                }
                ports.add(new Topology.OvsPort(pe.key().text(), ofport, type, options, portVlan(ps, pe.key().text()),
                        otherConfig(ps)));
            }
        }
        // the Bridge row's other_config (mac-aging-time, mac-table-size, ...), set as ovs-vsctl sets it
        Map<String, String> otherConfig = otherConfig(m);
        Topology.Ovs ovs = new Topology.Ovs(dpType, failMode, dpid, protocols, flows, ports, otherConfig);
        networks.put(name, new Topology.Network(name, Topology.NetworkKind.OVS, subnet, null, name, hwaddr, ovs));
    }

    // a Bridge or Port row's other_config (key: value), set as ovs-vsctl sets it
    private static Map<String, String> otherConfig(MapNode m) {
        Map<String, String> otherConfig = new LinkedHashMap<>();
        if (m.has("other_config")) {
            MapNode om = Fields.mapOrEmpty(m.get("other_config"), "other_config (key: value)");
            for (Entry oe : om.entries().values()) {
                otherConfig.put(oe.key().text(), Fields.string(oe.value(), "a value"));
            }
        }
        return otherConfig;
    }

    // the Port row's tag, trunks and vlan_mode, checked as the vswitch schema constrains them
    private static io.arplab.flow.PortVlan portVlan(MapNode ps, String port) {
        int tag = ps.has("tag") ? vlanId(ps.get("tag"), "tag of port '" + port + "'") : -1;
        java.util.BitSet trunks = null;
        if (ps.has("trunks")) {
            trunks = new java.util.BitSet(4096);
            Node t = ps.get("trunks");
            for (Node v : t instanceof Yaml.ListNode l ? l.items() : List.of(t)) {
                trunks.set(vlanId(v, "trunks of port '" + port + "'"));
            }
            trunks = trunks.isEmpty() ? null : trunks;
        }
        String mode = ps.has("vlan_mode") ? Fields.string(ps.get("vlan_mode"), "a VLAN mode") : null;
        List<String> modes = List.of("access", "dot1q-tunnel", "native-tagged", "native-untagged", "trunk");
        if (mode != null && !modes.contains(mode)) {
            throw error(ps.get("vlan_mode"), "vlan_mode '" + mode + "' of port '" + port + "' is not one of "
                    + String.join(", ", modes));
        }
        return io.arplab.flow.PortVlan.configure(tag, trunks, null, mode, null);
    }

    private static int vlanId(Node n, String what) {
        long v = Fields.integer(n, "a VLAN id (0 to 4095) as " + what);
        if (v < 0 || v > 4095) {
            throw error(n, "VLAN " + v + " in " + what + " out of range (0 to 4095)");
        }
        return (int) v;
    }

    /** br-NAME when that fits in a device name, else Docker's style br-(12 hex digits). */
    private static String defaultBridgeName(String network) {
        String b = "br-" + network;
        return Fields.validIfname(b) ? b : DockerIpam.bridgeName(network);
    }

    /** Explicit addresses are taken before any is handed out, as Docker reserves a container's ipv4_address. */
    private void reserveExplicitAddresses(MapNode hostsNode) {
        Map<String, List<Ipv4Address>> reserved = new HashMap<>();
        for (Entry e : hostsNode.entries().values()) {
            if (e.value() instanceof MapNode h && h.get("interfaces") instanceof ListNode l) {
                for (Node i : l.items()) {
                    if (i instanceof MapNode im && im.get("network") instanceof Scalar n && im.get("address") instanceof Scalar a) {
                        Ipv4Address ip = Ipv4Address.tryParse(a.text().contains("/") ? a.text().substring(0, a.text().indexOf('/')) : a.text());
                        if (ip != null) {
                            reserved.computeIfAbsent(n.text(), k -> new ArrayList<>()).add(ip);
                        }
                    }
                }
            }
        }
        for (Topology.Network n : networks.values()) {
            if (n.subnet() == null) {
                continue;
            }
            allocators.put(n.name(), new DockerIpam.Allocator(n.subnet(), null, n.gateway(),
                    reserved.getOrDefault(n.name(), List.of())));
        }
    }

    private Topology.Host host(Entry e, String naming) {
        String name = Fields.nodeName(e.key(), "host name");
        String p = "hosts/" + name;
        String ctx = "in host '" + name + "'";
        mark(p, e.key());
        MapNode m = Fields.mapOrEmpty(e.value(), "settings for host '" + name + "'");
        checkKeys(m, ctx, HOST);
        List<Topology.Interface> interfaces = new ArrayList<>();
        if (m.has("interfaces")) {
            ListNode l = Fields.list(m.get("interfaces"), "interfaces of host '" + name + "'");
            for (int i = 0; i < l.items().size(); i++) {
                interfaces.add(iface(name, i, l.items().get(i), naming));
            }
        }
        List<Topology.Route> routes = new ArrayList<>();
        List<Node> routeNodes = m.has("routes") ? Fields.list(m.get("routes"), "routes of host '" + name + "'").items() : List.of();
        boolean explicitDefault = false;
        List<Topology.Route> statics = new ArrayList<>();
        for (int i = 0; i < routeNodes.size(); i++) {
            Topology.Route r = route(name, i, routeNodes.get(i));
            explicitDefault |= r.isDefault();
            statics.add(r);
        }
        Node gwNode = m.get("gateway");
        if (gwNode != null && explicitDefault) {
            throw error(gwNode, "host '" + name + "' has both 'gateway' and a default route in 'routes': keep one");
        }
        Topology.Route def = null;
        if (gwNode != null) {
            if (!(gwNode instanceof Scalar s && s.text().equals("none"))) {
                def = new Topology.Route(new Cidr(Ipv4Address.ANY, 0), Fields.address(gwNode, "gateway of host '" + name + "'"), null, 0);
            }
        } else if (!explicitDefault && !interfaces.isEmpty()) {
            Ipv4Address gw = networks.get(interfaces.get(0).network()).gateway();
            if (gw != null) {
                def = new Topology.Route(new Cidr(Ipv4Address.ANY, 0), gw, null, 0);
            }
        }
        if (def != null) {
            routes.add(def);
            mark(p + "/routes/0", gwNode != null ? gwNode : m.get("interfaces"));
        }
        int base = routes.size();
        for (int i = 0; i < statics.size(); i++) {
            routes.add(statics.get(i));
            copyMarks(p + "/routes/x" + i, p + "/routes/" + (base + i));
        }
        Set<String> devices = new LinkedHashSet<>(List.of("lo"));
        interfaces.forEach(i -> devices.add(i.name()));
        List<Topology.Sysctl> sysctls = m.has("sysctls")
                ? sysctls(m.get("sysctls"), p, devices, kernel == Lab.Kernel.PER_HOST) : List.of();
        List<Topology.Neighbour> neighbours = new ArrayList<>();
        if (m.has("neighbours")) {
            ListNode l = Fields.list(m.get("neighbours"), "neighbours of host '" + name + "'");
            for (int i = 0; i < l.items().size(); i++) {
                neighbours.add(neighbour(name, i, l.items().get(i), interfaces));
            }
        }
        List<String> names = new ArrayList<>();
        if (!naming.equals("none")) {
            names.add(name);
            if (m.has("aliases")) {
                names.addAll(Fields.strings(m.get("aliases"), "names of host '" + name + "'"));
            }
        }
        return new Topology.Host(name, interfaces, routes, sysctls, neighbours, names);
    }

    /** Route positions are read before the default route's place is known; move them under their final index. */
    private void copyMarks(String from, String to) {
        Map<String, Where> moved = new HashMap<>();
        for (Map.Entry<String, Where> e : where.entrySet()) {
            if (e.getKey().equals(from) || e.getKey().startsWith(from + "/")) {
                moved.put(to + e.getKey().substring(from.length()), e.getValue());
            }
        }
        where.putAll(moved);
    }

    private Topology.Interface iface(String host, int index, Node n, String naming) {
        String p = "hosts/" + host + "/interfaces/" + index;
        String ctx = "in interface " + nth(index) + " of host '" + host + "'";
        mark(p, n);
        MapNode m = Fields.map(n, "interface settings (network, address ...) for host '" + host + "'");
        checkKeys(m, ctx, INTERFACE);
        if (!m.has("network")) {
            throw error(m, "missing 'network' " + ctx);
        }
        String network = Fields.string(m.get("network"), "a network name");
        mark(p + "/network", m.get("network"));
        Topology.Network net = networks.get(network);
        if (net == null) {
            throw error(m.get("network"), "unknown network '" + network + "' " + ctx
                    + Suggest.didYouMean(network, networks.keySet()));
        }
        if (net.subnet() == null) {
            throw error(m.get("network"), "network '" + network + "' has no subnet for the addresses of its hosts "
                    + ctx + " (give it one: subnet: 10.0.0.0/24)");
        }
        String ifname = "eth" + index;
        if (m.has("name")) {
            ifname = Fields.ifname(m.get("name"), "interface name");
            mark(p + "/name", m.get("name"));
        }
        Ipv4Address address;
        if (m.has("address")) {
            Scalar s = Fields.scalar(m.get("address"), "an address like 172.28.0.11");
            mark(p + "/address", s);
            String text = s.text().trim();
            int slash = text.indexOf('/');
            address = Fields.address(new Scalar(slash < 0 ? text : text.substring(0, slash), s.kind(), s.where()),
                    "address of host '" + host + "' " + ifname);
            if (slash >= 0) {
                Cidr c = Fields.prefix(s, "address of host '" + host + "' " + ifname);
                if (c.prefixLength() != net.subnet().prefixLength()) {
                    throw error(s, "address " + text + " of host '" + host + "' " + ifname + " does not match the prefix"
                            + " of network '" + network + "' (/" + net.subnet().prefixLength() + ")");
                }
            }
        } else {
            address = allocators.get(network).next();
            if (address == null) {
                throw error(m, "no free address left in network '" + network + "' (" + net.subnet() + ") for host '" + host + "'");
            }
        }
        MacAddress mac = DockerIpam.macFromIp(address);
        if (m.has("mac")) {
            mac = Fields.mac(m.get("mac"), "MAC of host '" + host + "' " + ifname);
            mark(p + "/mac", m.get("mac"));
        }
        String veth = null;
        if (m.has("veth")) {
            veth = Fields.ifname(m.get("veth"), "veth name");
            mark(p + "/veth", m.get("veth"));
        }
        MacAddress vethMac = null;
        if (m.has("veth_mac")) {
            vethMac = Fields.mac(m.get("veth_mac"), "veth MAC of host '" + host + "' " + ifname);
            mark(p + "/veth_mac", m.get("veth_mac"));
        }
        long ofport = -1;
        if (m.has("ofport")) {
            ofport = interfaceOfport(m.get("ofport"), net, host + " " + ifname);
            mark(p + "/ofport", m.get("ofport"));
        }
        List<String> aliases = m.has("aliases") && !naming.equals("none")
                ? Fields.strings(m.get("aliases"), "names of this address") : List.of();
        String reverse = switch (naming) {
            case "docker" -> host + "." + network;
            case "hosts" -> host;
            default -> null;
        };
        return new Topology.Interface(ifname, network, address, mac, veth, vethMac, aliases, reverse, ofport);
    }

    private final Map<String, Map<Long, String>> interfaceOfports = new java.util.HashMap<>();

    // ofproto.c ofport_request: 1 to 65279, one port per number on a bridge
    private long interfaceOfport(Node n, Topology.Network net, String what) {
        if (net.ovs() == null) {
            throw error(n, "'ofport' of " + what + ": network '" + net.name() + "' is not an OVS network");
        }
        long ofport = Fields.integer(n, "a port number");
        if (ofport < 1 || ofport >= 0xff00) {
            throw error(n, "ofport " + ofport + " out of range (1 to 65279)");
        }
        Map<Long, String> used = interfaceOfports.computeIfAbsent(net.name(), k -> {
            Map<Long, String> ports = new java.util.HashMap<>();
            net.ovs().ports().forEach(p -> ports.put(p.ofport(), "port '" + p.name() + "'"));
            return ports;
        });
        String holder = used.putIfAbsent(ofport, what);
        if (holder != null) {
            throw error(n, "ofport " + ofport + " is already used by " + holder + " on network '" + net.name() + "'");
        }
        return ofport;
    }

    private Topology.Route route(String host, int index, Node n) {
        String p = "hosts/" + host + "/routes/x" + index;
        String ctx = "in route " + nth(index) + " of host '" + host + "'";
        mark(p, n);
        MapNode m = Fields.map(n, "route settings (to, via, dev, metric) for host '" + host + "'");
        checkKeys(m, ctx, ROUTE);
        if (!m.has("to")) {
            throw error(m, "missing 'to' " + ctx);
        }
        Cidr to = Fields.prefix(Fields.scalar(m.get("to"), "a destination like 10.0.0.0/8 or default"), "route destination");
        mark(p + "/to", m.get("to"));
        Ipv4Address via = null;
        if (m.has("via")) {
            via = Fields.address(m.get("via"), "gateway of the route");
            mark(p + "/via", m.get("via"));
        }
        String dev = null;
        if (m.has("dev")) {
            dev = Fields.ifname(m.get("dev"), "route device");
            mark(p + "/dev", m.get("dev"));
        }
        int metric = 0;
        if (m.has("metric")) {
            long v = Fields.integer(m.get("metric"), "a metric (0..2147483647)");
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw error(m.get("metric"), "metric " + v + " out of range: 0.." + Integer.MAX_VALUE);
            }
            metric = (int) v;
        }
        if (via == null && dev == null) {
            throw error(m, "route to " + ((Scalar) m.get("to")).text() + " of host '" + host + "' needs 'via' or 'dev'");
        }
        return new Topology.Route(to, via, dev, metric);
    }

    private Topology.Neighbour neighbour(String host, int index, Node n, List<Topology.Interface> interfaces) {
        String p = "hosts/" + host + "/neighbours/" + index;
        String ctx = "in neighbour " + nth(index) + " of host '" + host + "'";
        mark(p, n);
        MapNode m = Fields.map(n, "neighbour settings (address, mac, dev, state) for host '" + host + "'");
        checkKeys(m, ctx, NEIGHBOUR);
        if (!m.has("address")) {
            throw error(m, "missing 'address' " + ctx);
        }
        Ipv4Address address = Fields.address(m.get("address"), "neighbour address");
        NudState state = NudState.PERMANENT;
        if (m.has("state")) {
            String s = Fields.string(m.get("state"), "a state (permanent, noarp, reachable or stale)");
            List<String> states = List.of("permanent", "noarp", "reachable", "stale");
            if (!states.contains(s)) {
                throw error(m.get("state"), "invalid neighbour state '" + s + "': expected permanent, noarp, reachable or stale"
                        + Suggest.didYouMean(s, states));
            }
            state = NudState.parse(s);
        }
        if (!m.has("mac") && state != NudState.NOARP) {
            throw error(m, "missing 'mac' " + ctx);
        }
        MacAddress mac = m.has("mac") ? Fields.mac(m.get("mac"), "neighbour MAC") : null;
        String dev;
        if (m.has("dev")) {
            dev = Fields.ifname(m.get("dev"), "neighbour device");
            mark(p + "/dev", m.get("dev"));
        } else {
            dev = null;
            for (Topology.Interface f : interfaces) {
                Cidr s = networks.get(f.network()).subnet();
                if (address.inSubnet(s.address(), s.prefixLength())) {
                    dev = f.name();
                    break;
                }
            }
            if (dev == null) {
                throw error(m.get("address"), "neighbour " + address + " of host '" + host + "' is on none of its"
                        + " networks: give 'dev'");
            }
        }
        return new Topology.Neighbour(address, mac, dev, state);
    }

    /** A map of sysctls (key: integer); real keys without an effect here are noted and dropped. */
    private List<Topology.Sysctl> sysctls(Node n, String path, Set<String> devices, boolean initialNamespace) {
        MapNode m = Fields.mapOrEmpty(n, "sysctls (net.ipv4.KEY: value)");
        List<Topology.Sysctl> out = new ArrayList<>();
        for (Entry e : m.entries().values()) {
            Topology.Sysctl s = sysctl(e.key(), e.value(), e.key().text(), devices, initialNamespace, notes);
            if (s != null) {
                out.add(s);
                mark(path + "/sysctls/" + s.key(), e.key());
            }
        }
        return out;
    }

    /** Checks one sysctl at its place in the file; null (and a note) for one that is accepted and ignored. */
    static Topology.Sysctl sysctl(Node keyNode, Node valueNode, String key, Set<String> devices, List<String> notes) {
        return sysctl(keyNode, valueNode, key, devices, false, notes);
    }

    private static Topology.Sysctl sysctl(Node keyNode, Node valueNode, String key, Set<String> devices,
                                          boolean initialNamespace, List<String> notes) {
        Sysctls.Key k;
        try {
            k = Sysctls.key(key, devices, initialNamespace);
        } catch (IllegalArgumentException ex) {
            throw error(keyNode, ex.getMessage());
        }
        if (k.scope() == Sysctls.Scope.IGNORED) {
            notes.add(keyNode.where() + ": sysctl '" + key + "' is not modelled: ignored");
            return null;
        }
        // a number; ip_local_port_range takes one or two, white space apart, as its /proc file does
        String v = k.target().key().unit() == SysctlKey.Unit.PORT_RANGE && valueNode instanceof Scalar sc
                ? sc.text().strip() : Long.toString(Fields.integer(valueNode, "an integer value for sysctl '" + key + "'"));
        try {
            Sysctls.checkValue(k, v);
        } catch (IllegalArgumentException ex) {
            throw error(valueNode, ex.getMessage());
        }
        return new Topology.Sysctl(k.text(), v);
    }
}

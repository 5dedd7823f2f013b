package io.arplab.topo;

import io.arplab.lab.Cidr;
import io.arplab.lab.Lab;
import io.arplab.stack.NudState;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lab as data: networks (one Linux bridge each), the host that owns the bridges' own interfaces (Docker's host:
 * the gateway addresses, forwarding on) and the hosts plugged into them. Everything is explicit here (addresses,
 * MACs, interface names, routes, names); the readers ({@link TopologyLoader}) fill in what a file leaves out, and
 * {@link TopologyBuilder} turns the result into a {@link io.arplab.lab.Lab} without further guessing.
 * <p>
 * Room to grow: a network has a {@link NetworkKind} (Open vSwitch bridges later), and new node kinds (routers) get
 * their own list beside {@link #hosts()}.
 *
 * @param name       the lab's name (the compose project), or null
 * @param bridgeHost the host owning the bridges' interfaces, or null when no network has a gateway
 * @param where      where each item came from, by path (see {@link #where(String)}); empty for a topology in code
 * @param kernel     whether the hosts are one machine's namespaces (the bridge host's) or machines of their own
 * @param cluster    a pod network ({@code cluster:}) that {@link ClusterBuilder} expands, else null
 * @param docker     a Docker Engine's containers (a compose file), else null: names come from Docker's embedded DNS
 *                   (within the networks a container shares) rather than the lab-wide names of a hosts file, and the
 *                   bridge host may have the iptables rules dockerd writes
 */
public record Topology(String name, BridgeHost bridgeHost, List<Network> networks, List<Host> hosts,
                       Map<String, Where> where, Lab.Kernel kernel, Cluster cluster, Docker docker) {

    public Topology {
        networks = List.copyOf(networks);
        hosts = List.copyOf(hosts);
        where = Map.copyOf(where);
    }

    public Topology(String name, BridgeHost bridgeHost, List<Network> networks, List<Host> hosts,
                    Map<String, Where> where, Lab.Kernel kernel, Cluster cluster) {
        this(name, bridgeHost, networks, hosts, where, kernel, cluster, null);
    }

    public Topology(String name, BridgeHost bridgeHost, List<Network> networks, List<Host> hosts,
                    Map<String, Where> where, Lab.Kernel kernel) {
        this(name, bridgeHost, networks, hosts, where, kernel, null);
    }

    /** A lab on one shared kernel (Docker's). */
    public Topology(String name, BridgeHost bridgeHost, List<Network> networks, List<Host> hosts,
                    Map<String, Where> where) {
        this(name, bridgeHost, networks, hosts, where, Lab.Kernel.SHARED);
    }

    /**
     * What a Docker Engine adds to a compose lab: {@code iptables}, whether the host has the filter rules dockerd
     * writes (its {@code "iptables"} setting; off unless the file's {@code x-arplab} turns it on); {@code internal},
     * the networks marked {@code internal: true}; {@code endpoints}, each container's network keys in its sandbox's
     * endpoint order, the order Docker's DNS asks them in.
     */
    public record Docker(boolean iptables, Set<String> internal, Map<String, List<String>> endpoints) {
        public Docker {
            internal = Set.copyOf(internal);
            endpoints = Map.copyOf(endpoints);
        }
    }

    /** A place in a file, 1-based; prints as {@code file:line:column}. */
    public record Where(String file, int line, int column) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    public enum NetworkKind {
        /** A Linux bridge (brctl/ip link type bridge), as Docker's bridge driver creates. */
        BRIDGE,
        /** An Open vSwitch bridge (kind: ovs), owned by the bridge host, programmed with OpenFlow. */
        OVS
    }

    /**
     * One L2 segment.
     *
     * @param subnet    the network prefix (address part masked)
     * @param gateway   the bridge's own address, or null for a segment the bridge host is not on
     * @param bridge    the bridge device's name (at most 15 characters)
     * @param bridgeMac the bridge device's MAC
     */
    public record Network(String name, NetworkKind kind, Cidr subnet, Ipv4Address gateway, String bridge,
                          MacAddress bridgeMac, Ovs ovs, long fdbMaxLearned) {
        public Network(String name, NetworkKind kind, Cidr subnet, Ipv4Address gateway, String bridge,
                       MacAddress bridgeMac) {
            this(name, kind, subnet, gateway, bridge, bridgeMac, null, 0);
        }

        public Network(String name, NetworkKind kind, Cidr subnet, Ipv4Address gateway, String bridge,
                       MacAddress bridgeMac, Ovs ovs) {
            this(name, kind, subnet, gateway, bridge, bridgeMac, ovs, 0);
        }
    }

    /**
     * The settings ovs-vsctl gives an OVS bridge: {@code flows} is a file (resolved against the lab file) installed
     * as {@code ovs-ofctl -O <highest protocol> add-flows} would, or null.
     */
    public record Ovs(String datapathType, String failMode, long datapathId, List<String> protocols, String flows,
                      List<OvsPort> ports, Map<String, String> otherConfig) {}

    /** A port added with ovs-vsctl add-port, in the order written; {@code ofport} -1 for the next free number. */
    /** A port of an OVS bridge; {@code vlan} from its tag, trunks and vlan_mode keys, its Port row's other_config. */
    public record OvsPort(String name, long ofport, String type, Map<String, String> options,
                          io.arplab.flow.PortVlan vlan, Map<String, String> otherConfig) {}

    /** The host owning the bridges (Docker's host): forwarding on, then its sysctls. */
    public record BridgeHost(String name, List<Sysctl> sysctls) {
        public BridgeHost {
            sysctls = List.copyOf(sysctls);
        }
    }

    /**
     * A Linux host (a container's network namespace).
     *
     * @param names forward names resolving to the host's first address (its own name first)
     */
    public record Host(String name, List<Interface> interfaces, List<Route> routes, List<Sysctl> sysctls,
                       List<Neighbour> neighbours, List<String> names) {
        public Host {
            interfaces = List.copyOf(interfaces);
            routes = List.copyOf(routes);
            sysctls = List.copyOf(sysctls);
            neighbours = List.copyOf(neighbours);
            names = List.copyOf(names);
        }

        public Interface iface(String ifname) {
            for (Interface i : interfaces) {
                if (i.name().equals(ifname)) {
                    return i;
                }
            }
            return null;
        }
    }

    /**
     * One veth pair: {@code name} in the host, {@code veth} as the bridge port.
     *
     * @param address     the address, with the network's prefix length
     * @param veth        the bridge-side name, or null to let the builder draw one ("veth" + 7 hex digits, as Docker)
     * @param vethMac     the bridge-side MAC, or null to let the builder draw a random local one (as the kernel)
     * @param aliases     forward names resolving to this interface's address
     * @param reverseName what a reverse lookup of the address yields ({@code node3.arp_lan}), or null
     * @param ofport      on an OVS network, the veth end's OpenFlow port (ofport_request), or -1 for the next free
     */
    public record Interface(String name, String network, Ipv4Address address, MacAddress mac, String veth,
                            MacAddress vethMac, List<String> aliases, String reverseName, long ofport) {
        public Interface {
            aliases = List.copyOf(aliases);
        }

        public Interface(String name, String network, Ipv4Address address, MacAddress mac, String veth,
                         MacAddress vethMac, List<String> aliases, String reverseName) {
            this(name, network, address, mac, veth, vethMac, aliases, reverseName, -1);
        }
    }

    /**
     * {@code ip route add TO [via VIA] [dev DEV] [metric M]}; a default route has {@code to} 0.0.0.0/0.
     *
     * @param dev null to take the device that reaches {@code via}
     */
    public record Route(Cidr to, Ipv4Address via, String dev, int metric) {
        public boolean isDefault() {
            return to.prefixLength() == 0;
        }
    }

    /**
     * A {@code sysctl -w key=value}, the key as written ({@code net.ipv4.conf.eth0.arp_accept}) and the value as written
     * to its /proc file: a number, or two for {@code net.ipv4.ip_local_port_range} ("1024 65000").
     */
    public record Sysctl(String key, String value) {
        public Sysctl(String key, long value) {
            this(key, Long.toString(value));
        }
    }

    /** {@code ip neigh add ADDRESS lladdr MAC dev DEV nud STATE}. */
    public record Neighbour(Ipv4Address address, MacAddress mac, String dev, NudState state) {}

    /**
     * Where the item at {@code path} came from, or of its nearest ancestor; null when unknown. Paths:
     * {@code networks/NAME[/subnet|gateway|bridge|mac]}, {@code hosts/NAME}, {@code hosts/NAME/interfaces/I[/KEY]},
     * {@code hosts/NAME/routes/I[/KEY]}, {@code hosts/NAME/sysctls/KEY}, {@code hosts/NAME/neighbours/I[/KEY]},
     * {@code host}, {@code host/sysctls/KEY} (I counts from 0).
     */
    public Where where(String path) {
        String p = path;
        while (true) {
            Where w = where.get(p);
            if (w != null) {
                return w;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return null;
            }
            p = p.substring(0, slash);
        }
    }

    public Network network(String networkName) {
        for (Network n : networks) {
            if (n.name().equals(networkName)) {
                return n;
            }
        }
        return null;
    }

    public Host host(String hostName) {
        for (Host h : hosts) {
            if (h.name().equals(hostName)) {
                return h;
            }
        }
        return null;
    }
}

package io.arplab.topo;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.lab.Lab;
import io.arplab.sim.Network;
import io.arplab.sim.NetworkNode;
import io.arplab.stack.NetDevice;
import io.arplab.stack.Route;
import io.arplab.runtime.Resolver;
import io.arplab.topo.Topology.Interface;
import io.arplab.topo.Topology.Neighbour;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns a {@link Topology} into a running {@link Lab}, in the order Docker sets a lab up: the bridge host and its
 * bridges (gateway addresses, forwarding on), then each host: interfaces plugged into their bridges, sysctls (after
 * the interfaces exist, as a container's sysctls are written after its network is attached), routes, static
 * neighbours; then the names.
 */
public final class TopologyBuilder {
    private final Topology t;
    private final Lab lab;
    /** Draws what a file never fixes and Docker leaves to chance: veth names and MACs, reachable_time redraws. */
    private final SplittableRandom random;
    private final Set<String> vethNames = new HashSet<>();
    private final Set<Long> macs = new HashSet<>();
    private final Map<String, io.arplab.device.OvsBridge> ovsBridges = new HashMap<>();

    private TopologyBuilder(Topology t, long seed, long epochNanos) {
        this.t = t;
        this.lab = new Lab(seed, epochNanos, null);
        lab.setKernel(t.kernel());
        lab.setBroadcastAddresses(true); // Docker configures "brd" on bridges and containers
        this.random = new SplittableRandom(seed ^ 0x746f_706f_6c6f_6779L);
    }

    /** Validates the topology ({@link TopologyException} at the first problem) and builds it. */
    public static Lab build(Topology topology, long seed) {
        return build(topology, seed, Lab.DEFAULT_EPOCH);
    }

    /** As {@link #build(Topology, long)}, with the wall clock at virtual time 0 ({@code epochNanos}) for captures. */
    public static Lab build(Topology topology, long seed, long epochNanos) {
        if (topology.cluster() != null) {
            return ClusterBuilder.build(topology.name(), topology.cluster(), seed, epochNanos);
        }
        TopologyValidator.validate(topology);
        return new TopologyBuilder(topology, seed, epochNanos).run();
    }

    private Lab run() {
        for (Topology.Network n : t.networks()) {
            macs.add(n.bridgeMac().bits());
        }
        for (Topology.Host h : t.hosts()) {
            for (Interface f : h.interfaces()) {
                macs.add(f.mac().bits());
                if (f.vethMac() != null) {
                    macs.add(f.vethMac().bits());
                }
                if (f.veth() != null) {
                    vethNames.add(f.veth());
                }
            }
        }
        Host owner = null;
        if (t.bridgeHost() != null) {
            owner = lab.addHost(t.bridgeHost().name());
            lab.setInitialHost(owner);
            owner.stack().setIpForward(true);
            Sysctls.applyDefaults(owner.stack(), t.bridgeHost().sysctls());
        }
        Map<String, LinuxBridge> bridges = new HashMap<>();
        for (Topology.Network n : t.networks()) {
            if (n.ovs() != null) {
                ovsBridges.put(n.name(), OvsBuilder.bridge(lab, n, owner));
                continue;
            }
            String gw = n.gateway() == null ? null : n.gateway() + "/" + n.subnet().prefixLength();
            // a network exists before the nodes join it: its bridge's IGMPv3 reports are past (Lab#addSettledBridge)
            bridges.put(n.name(), lab.addSettledBridge(n.bridge(), n.bridgeMac(), n.gateway() == null ? null : owner,
                    gw));
            if (n.fdbMaxLearned() != 0) {
                bridges.get(n.name()).setMaxLearned((int) Math.min(n.fdbMaxLearned(), Integer.MAX_VALUE));
            }
        }
        if (owner != null) {
            Sysctls.apply(owner.stack(), t.bridgeHost().sysctls(), random.split());
            if (t.docker() != null && t.docker().iptables()) {
                DockerFirewall.install(owner.stack(), t.networks(), t.docker());
            }
        }
        for (Topology.Host spec : t.hosts()) {
            host(spec, bridges);
        }
        names();
        for (Topology.Network n : t.networks()) {
            if (n.ovs() != null) {
                OvsBuilder.otherConfig(lab, n);
                OvsBuilder.flows(lab, n, ovsBridges.get(n.name()));
            }
        }
        return lab;
    }

    private void host(Topology.Host spec, Map<String, LinuxBridge> bridges) {
        Host h = lab.addHost(spec.name());
        Sysctls.applyDefaults(h.stack(), spec.sysctls());
        for (Interface f : spec.interfaces()) {
            Topology.Network n = t.network(f.network());
            String veth = f.veth() != null ? f.veth() : vethName();
            MacAddress vethMac = f.vethMac() != null ? f.vethMac() : randomMac();
            if (n.ovs() != null) {
                lab.attachOvs(h, f.name(), f.mac(), f.address() + "/" + n.subnet().prefixLength(),
                        ovsBridges.get(n.name()), veth, vethMac, f.ofport());
                continue;
            }
            lab.attach(h, f.name(), f.mac(), f.address() + "/" + n.subnet().prefixLength(), bridges.get(n.name()),
                    veth, vethMac);
        }
        Sysctls.apply(h.stack(), spec.sysctls(), random.split());
        for (Topology.Route r : spec.routes()) {
            h.stack().addRoute(route(h, r));
        }
        if (!spec.neighbours().isEmpty()) {
            NetworkNode node = lab.network().node(spec.name());
            for (Neighbour nb : spec.neighbours()) {
                NetDevice dev = h.stack().device(nb.dev());
                lab.network().act(node, out -> h.stack().neighAdd(lab.now(), dev, nb.address(), nb.mac(), nb.state(),
                        false, h.outbox(out)));
            }
        }
    }

    /** What {@code ip route add} installs: proto boot; scope link without a gateway, global with one. */
    private static Route route(Host h, Topology.Route r) {
        NetDevice dev;
        if (r.dev() != null) {
            dev = h.stack().device(r.dev());
        } else {
            dev = h.stack().routes().lookup(r.via().bits()).device();
        }
        return new Route(r.to().network(), r.to().prefixLength(), r.via(), dev, "boot",
                r.via() == null ? "link" : "global", null, r.metric(), Route.UNICAST);
    }

    private void names() {
        Resolver resolver = lab.resolver();
        for (Topology.Host h : t.hosts()) {
            for (Interface f : h.interfaces()) {
                if (f.reverseName() != null) {
                    resolver.reverseName(f.address(), f.reverseName());
                }
            }
        }
        for (Topology.Host h : t.hosts()) {
            if (h.interfaces().isEmpty()) {
                continue;
            }
            Ipv4Address primary = h.interfaces().get(0).address();
            for (String name : h.names()) {
                resolver.alias(name, primary);
            }
            for (Interface f : h.interfaces()) {
                for (String a : f.aliases()) {
                    resolver.alias(a, f.address());
                }
            }
        }
        if (t.docker() != null) {
            resolver.embeddedDns(embeddedDns());
        }
    }

    /**
     * Docker's embedded DNS for a compose lab: each container's endpoints in its sandbox's order, each network
     * knowing the container's names and its own aliases there, with the PTR name "container.network".
     */
    private io.arplab.runtime.EmbeddedDns embeddedDns() {
        io.arplab.runtime.EmbeddedDns dns = new io.arplab.runtime.EmbeddedDns();
        for (Topology.Host h : t.hosts()) {
            List<String> order = t.docker().endpoints().getOrDefault(h.name(), List.of());
            List<Interface> endpoints = new ArrayList<>(h.interfaces());
            endpoints.sort(java.util.Comparator.comparingInt(f -> order.indexOf(f.network())));
            for (Interface f : endpoints) {
                List<String> names = new ArrayList<>(h.names());
                names.addAll(f.aliases());
                String dockerName = f.network();
                int container = -1;
                for (String n : h.names()) { // the PTR name is "<container name>.<network's Docker name>"
                    if (f.reverseName() != null && f.reverseName().startsWith(n + ".") && n.length() > container) {
                        container = n.length();
                        dockerName = f.reverseName().substring(n.length() + 1);
                    }
                }
                dns.endpoint(h.name(), f.network(), dockerName, names, f.address(), f.reverseName());
            }
        }
        return dns;
    }

    /** Docker's host-side veth name: "veth" + 7 random hex digits (netutils.GenerateIfaceName). */
    private String vethName() {
        while (true) {
            String name = "veth" + String.format("%07x", random.nextInt(1 << 28));
            if (vethNames.add(name)) {
                return name;
            }
        }
    }

    /** A random locally administered unicast MAC, as the kernel gives a veth end (eth_random_addr). */
    private MacAddress randomMac() {
        while (true) {
            long v = random.nextLong() & 0xffff_ffff_ffffL;
            v = (v & ~(0x01L << 40)) | (0x02L << 40);
            if (v != 0 && macs.add(v)) {
                return MacAddress.of(v);
            }
        }
    }
}

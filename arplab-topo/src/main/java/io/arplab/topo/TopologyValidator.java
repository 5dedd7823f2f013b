package io.arplab.topo;

import io.arplab.lab.Cidr;
import io.arplab.topo.Topology.Host;
import io.arplab.topo.Topology.Interface;
import io.arplab.topo.Topology.Neighbour;
import io.arplab.topo.Topology.Network;
import io.arplab.topo.Topology.Route;
import io.arplab.topo.Topology.Sysctl;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a topology passes before it is built, whatever file it came from: each failure is one
 * {@link TopologyException} located at the offending item.
 */
public final class TopologyValidator {
    private final Topology t;
    /** Who uses each MAC / address / node name so far, for "already used by". */
    private final Map<MacAddress, String> macs = new HashMap<>();
    private final Map<Ipv4Address, String> addresses = new HashMap<>();
    private final Map<String, String> nodeNames = new HashMap<>();

    private TopologyValidator(Topology t) {
        this.t = t;
    }

    /** Throws {@link TopologyException} at the first problem. */
    public static void validate(Topology t) {
        if (t.cluster() != null) {
            return; // ClusterFormat checked it as it read it
        }
        new TopologyValidator(t).run();
    }

    private TopologyException fail(String path, String problem) {
        return new TopologyException(t.where(path), problem);
    }

    private void run() {
        if (t.hosts().isEmpty() && t.networks().stream().noneMatch(n -> n.ovs() != null)) {
            throw fail("hosts", "the lab has no hosts");
        }
        if (t.bridgeHost() != null) {
            name(t.bridgeHost().name(), "host", "the bridge host");
        }
        List<Network> seen = new ArrayList<>();
        for (Network n : t.networks()) {
            network(n, seen);
            seen.add(n);
        }
        boolean gateways = t.networks().stream().anyMatch(n -> n.gateway() != null);
        if (gateways && t.bridgeHost() == null) {
            throw fail("networks", "networks with a gateway need the bridge host that owns it");
        }
        for (Host h : t.hosts()) {
            host(h);
        }
        if (t.bridgeHost() != null) {
            Set<String> devices = new LinkedHashSet<>(List.of("lo"));
            for (Network n : t.networks()) {
                if (n.gateway() != null) {
                    devices.add(n.bridge());
                }
            }
            sysctls("host", t.bridgeHost().sysctls(), devices, true);
        }
    }

    private void name(String name, String path, String what) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw fail(path, "invalid name '" + name + "' for " + what + ": letters, digits, '.', '_' and '-' only");
        }
        String other = nodeNames.putIfAbsent(name, what);
        if (other != null) {
            throw fail(path, "name '" + name + "' of " + what + " is already used by " + other);
        }
    }

    private void mac(MacAddress mac, String path, String what) {
        if (mac == null) {
            throw fail(path, "no MAC address for " + what);
        }
        if (mac.isMulticast() || mac.isZero()) {
            throw fail(path, "invalid MAC address " + mac + " for " + what + ": must be unicast and not zero");
        }
        String other = macs.putIfAbsent(mac, what);
        if (other != null) {
            throw fail(path, "MAC address " + mac + " of " + what + " is already used by " + other);
        }
    }

    private void network(Network n, List<Network> earlier) {
        String p = "networks/" + n.name();
        String what = "network '" + n.name() + "'";
        if (n.subnet() == null && n.ovs() == null) {
            throw fail(p, what + " has no subnet");
        }
        Cidr s = n.subnet();
        if (s != null && !s.address().equals(s.network())) {
            throw fail(p + "/subnet", what + ": subnet " + s + " has host bits set (did you mean '" + s.network() + "/"
                    + s.prefixLength() + "'?)");
        }
        for (Network e : earlier) {
            if (e.name().equals(n.name())) {
                throw fail(p, "duplicate network '" + n.name() + "'");
            }
            // two OVS bridges may carry one subnet (a patch port or a tunnel joins them into one segment); the
            // addresses stay unique across the lab
            boolean bothOvs = n.ovs() != null && e.ovs() != null;
            if (s != null && e.subnet() != null && !bothOvs && DockerIpam.overlaps(e.subnet(), s)) {
                throw fail(p + "/subnet", what + ": subnet " + s + " overlaps network '" + e.name() + "' (" + e.subnet() + ")");
            }
        }
        if (n.gateway() != null) {
            Ipv4Address g = n.gateway();
            if (!g.inSubnet(s.address(), s.prefixLength())) {
                throw fail(p + "/gateway", what + ": gateway " + g + " is outside the subnet " + s);
            }
            hostPart(g, s, p + "/gateway", what + ": gateway");
        }
        if (n.bridge() == null || !Fields.validIfname(n.bridge())) {
            throw fail(p + "/bridge", what + ": invalid bridge name '" + n.bridge() + "': 1 to 15 characters, no '/', ':' or spaces");
        }
        name(n.bridge(), p + "/bridge", "the bridge of " + what);
        mac(n.bridgeMac(), p + "/mac", "the bridge of " + what);
        if (n.gateway() != null) {
            addresses.put(n.gateway(), "the gateway of " + what);
        }
    }

    private void hostPart(Ipv4Address a, Cidr s, String path, String what) {
        if (s.prefixLength() <= 30) {
            if (a.equals(s.network())) {
                throw fail(path, what + " " + a + " is the network address of " + s);
            }
            if (a.equals(DockerIpam.broadcast(s))) {
                throw fail(path, what + " " + a + " is the broadcast address of " + s);
            }
        }
    }

    private void host(Host h) {
        String p = "hosts/" + h.name();
        String what = "host '" + h.name() + "'";
        name(h.name(), p, what);
        Set<String> devices = new LinkedHashSet<>(List.of("lo"));
        List<OnLink> onLink = new ArrayList<>();
        Set<String> vethNames = new HashSet<>();
        for (int i = 0; i < h.interfaces().size(); i++) {
            Interface f = h.interfaces().get(i);
            String ip = p + "/interfaces/" + i;
            String fw = what + " " + f.name();
            if (f.name() == null || !Fields.validIfname(f.name()) || f.name().equals("lo")) {
                throw fail(ip + "/name", what + ": invalid interface name '" + f.name() + "': 1 to 15 characters, no '/', ':' or spaces, not 'lo'");
            }
            if (!devices.add(f.name())) {
                throw fail(ip + "/name", what + " has two interfaces named '" + f.name() + "'");
            }
            Network n = t.network(f.network());
            if (n == null) {
                List<String> names = t.networks().stream().map(Network::name).toList();
                throw fail(ip + "/network", fw + ": unknown network '" + f.network() + "'" + Suggest.didYouMean(String.valueOf(f.network()), names));
            }
            Ipv4Address a = f.address();
            if (a == null) {
                throw fail(ip, fw + " has no address");
            }
            Cidr s = n.subnet();
            if (!a.inSubnet(s.address(), s.prefixLength())) {
                throw fail(ip + "/address", fw + ": address " + a + " is outside network '" + n.name() + "' (" + s + ")");
            }
            hostPart(a, s, ip + "/address", fw + ": address");
            String other = addresses.putIfAbsent(a, fw);
            if (other != null) {
                throw fail(ip + "/address", fw + ": address " + a + " is already used by " + other);
            }
            mac(f.mac(), ip + "/mac", fw);
            if (f.veth() != null) {
                if (!Fields.validIfname(f.veth())) {
                    throw fail(ip + "/veth", fw + ": invalid veth name '" + f.veth() + "': 1 to 15 characters, no '/', ':' or spaces");
                }
                if (!vethNames.add(f.veth()) || t.hosts().stream().anyMatch(o -> o != h && o.interfaces().stream().anyMatch(x -> f.veth().equals(x.veth())))) {
                    throw fail(ip + "/veth", fw + ": veth name '" + f.veth() + "' is used twice");
                }
            }
            if (f.vethMac() != null) {
                mac(f.vethMac(), ip + "/veth_mac", "the veth of " + fw);
            }
            onLink.add(new OnLink(s, f.name()));
        }
        routes(h, p, what, devices, onLink);
        sysctls(p, h.sysctls(), devices, t.kernel() == io.arplab.lab.Lab.Kernel.PER_HOST);
        Set<String> neighbours = new HashSet<>();
        for (int i = 0; i < h.neighbours().size(); i++) {
            Neighbour nb = h.neighbours().get(i);
            String np = p + "/neighbours/" + i;
            if (nb.dev() == null || h.iface(nb.dev()) == null) {
                throw fail(np + "/dev", what + ": neighbour " + nb.address() + ": no interface '" + nb.dev() + "'"
                        + Suggest.didYouMean(String.valueOf(nb.dev()), h.interfaces().stream().map(Interface::name).toList()));
            }
            if (nb.mac() != null && (nb.mac().isZero() && nb.state() != io.arplab.stack.NudState.NOARP)) {
                throw fail(np + "/mac", what + ": neighbour " + nb.address() + ": invalid MAC " + nb.mac());
            }
            if (!neighbours.add(nb.dev() + " " + nb.address())) {
                throw fail(np, what + ": neighbour " + nb.address() + " dev " + nb.dev() + " is given twice (RTNETLINK answers: File exists)");
            }
        }
    }

    /** A prefix reachable on-link through a device (connected subnet, or an earlier {@code dev}-only route). */
    private record OnLink(Cidr prefix, String dev) {}

    private void routes(Host h, String p, String what, Set<String> devices, List<OnLink> onLink) {
        Set<String> seen = new HashSet<>();
        List<OnLink> link = new ArrayList<>(onLink);
        for (int i = 0; i < h.routes().size(); i++) {
            Route r = h.routes().get(i);
            String rp = p + "/routes/" + i;
            String rw = what + ": route to " + (r.isDefault() ? "default" : r.to().network() + "/" + r.to().prefixLength());
            if (r.via() == null && r.dev() == null) {
                throw fail(rp, rw + " needs 'via' or 'dev'");
            }
            if (r.dev() != null && !devices.contains(r.dev())) {
                throw fail(rp + "/dev", rw + ": no device '" + r.dev() + "' on " + h.name()
                        + Suggest.didYouMean(r.dev(), devices));
            }
            if (r.via() != null) {
                for (Interface f : h.interfaces()) {
                    if (f.address().equals(r.via())) {
                        throw fail(rp + "/via", rw + ": gateway " + r.via() + " is this host's own address (Nexthop has invalid gateway)");
                    }
                }
                // fib_check_nh(): the gateway must be on-link, through the given device if there is one
                boolean reachable = link.stream().anyMatch(l -> r.via().inSubnet(l.prefix().address(), l.prefix().prefixLength())
                        && (r.dev() == null || l.dev().equals(r.dev())));
                if (!reachable) {
                    throw fail(rp + "/via", rw + ": gateway " + r.via() + " is not on a network of " + h.name()
                            + (r.dev() != null ? " through " + r.dev() : "") + " (Nexthop has invalid gateway)");
                }
            } else {
                link.add(new OnLink(r.to(), r.dev()));
            }
            if (!seen.add(r.to().network() + "/" + r.to().prefixLength() + " " + r.metric())) {
                throw fail(rp, rw + " is given twice (RTNETLINK answers: File exists)");
            }
        }
    }

    private void sysctls(String p, List<Sysctl> sysctls, Set<String> devices, boolean initialNamespace) {
        for (Sysctl s : sysctls) {
            String sp = p + "/sysctls/" + s.key().replace('/', '.');
            try {
                Sysctls.checkValue(Sysctls.key(s.key(), devices, initialNamespace), s.value());
            } catch (IllegalArgumentException e) {
                throw fail(sp, e.getMessage());
            }
        }
    }
}

package io.arplab.topo;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.device.OvsBridge;
import io.arplab.flow.ActionCheckException;
import io.arplab.flow.Datapath;
import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.FlowParser;
import io.arplab.flow.Group;
import io.arplab.flow.OfVersion;
import io.arplab.flow.Ofproto;
import io.arplab.lab.Lab;
import io.arplab.stack.NetDevice;
import io.arplab.stack.Route;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Expands a {@link Cluster} into a lab as an Antrea agent sets up each node: eth0 on the underlay bridge; br-int
 * (its own ovs-vswitchd and datapath) with antrea-tun0 (Geneve, options as pkg/agent/agent.go sets them:
 * remote_ip=flow, key=flow, csum=true) as OpenFlow port 1, antrea-gw0 (internal, the pod CIDR's first address)
 * as port 2 and the pods' veths from port 3; an on-link route to every peer's pod CIDR via its gateway
 * (pkg/agent/route/route_linux.go); the pipeline of {@link AntreaPipeline}. Pods get their CIDR's addresses in
 * order, a default route via the gateway and MTU 1450 (Geneve's 50 bytes off 1500); names resolve to pods and nodes.
 */
final class ClusterBuilder {
    private final Lab lab;
    private final SplittableRandom random;
    private final Set<Long> macs = new HashSet<>();

    private ClusterBuilder(long seed, long epochNanos) {
        lab = new Lab(seed, epochNanos, null);
        lab.setKernel(Lab.Kernel.PER_HOST); // every node and pod its own machine
        random = new SplittableRandom(seed ^ 0x616e_7472_6561L);
    }

    static Lab build(String name, Cluster c, long seed, long epochNanos) {
        return new ClusterBuilder(seed, epochNanos).run(c);
    }

    private Lab run(Cluster c) {
        LinuxBridge underlay = lab.addBridge(c.underlayBridge(), randomMac(), null, null);
        List<OvsBridge> brs = new ArrayList<>();
        List<List<AntreaPipeline.Pod>> podsOf = new ArrayList<>();
        for (Cluster.Node n : c.nodes()) {
            Host h = lab.addHost(n.name());
            h.stack().setIpForward(true);
            lab.attach(h, "eth0", randomMac(), n.address() + "/" + c.underlay().prefixLength(), underlay,
                    "veth-" + n.name(), randomMac());
            // Antrea's nodes run the kernel datapath: the Geneve port is the node's genev_sys_6081 (set(tunnel))
            Ofproto of = new Ofproto("br-int", randomMac().bits(), random.nextLong() & 0xffff_ffff_ffffL,
                    new Datapath(false));
            of.protocols = List.of(OfVersion.OF10, OfVersion.OF13);
            OvsBridge br = lab.addOvsBridge(of, h, n.name() + ".br-int");
            // OVS leaves a bridge's local interface down and Antrea's agent sets up antrea-gw0 alone (agent.go's
            // setLinkUp(hostGateway)): br-int takes none of the node's traffic and answers no ARP for its addresses
            NetDevice local = h.stack().device("br-int");
            lab.network().act(lab.network().node(h.name()), out -> h.stack().registerDown(lab.now(), local,
                    h.outbox(out)));
            // ofport_open(): a netdev that is not up is PORT_DOWN, and without carrier LINK_DOWN (ovs-ofctl show)
            of.port(io.arplab.flow.Ports.LOCAL).config |= Ofproto.Port.PORT_DOWN;
            lab.addOvsTunnelPort(br, "antrea-tun0", AntreaPipeline.TUNNEL_PORT, randomMac(),
                    Map.of("remote_ip", "flow", "key", "flow", "csum", "true"));
            MacAddress gwMac = randomMac();
            lab.addOvsInternalPort(br, "antrea-gw0", AntreaPipeline.GATEWAY_PORT, gwMac,
                    n.gateway() + "/" + n.podCidr().prefixLength());
            List<AntreaPipeline.Pod> pods = new ArrayList<>();
            for (int i = 0; i < n.pods().size(); i++) {
                String pod = n.pods().get(i);
                Host p = lab.addHost(pod);
                MacAddress mac = randomMac();
                long ofport = AntreaPipeline.GATEWAY_PORT + 1 + i;
                NetDevice eth0 = lab.attachOvs(p, "eth0", mac, n.podAddress(i) + "/" + n.podCidr().prefixLength(),
                        br, portName(pod), randomMac(), ofport);
                p.stack().setMtu(eth0, 1450);
                lab.defaultRoute(p, n.gateway());
                pods.add(new AntreaPipeline.Pod(ofport, n.podAddress(i), mac));
                lab.resolver().add(pod, n.podAddress(i));
            }
            lab.resolver().add(n.name(), n.address());
            brs.add(br);
            podsOf.add(pods);
        }
        List<AntreaPipeline.Service> services = new ArrayList<>();
        for (Cluster.Service s : c.services()) {
            List<Ipv4Address> eps = s.endpoints().stream().map(p -> lab.resolver().resolve(p)).toList();
            // AntreaProxy's group IDs count up from 1 as services are installed
            services.add(new AntreaPipeline.Service(services.size() + 1, s.protocol(), s.clusterIp(), s.port(), eps,
                    s.targetPort()));
        }
        for (int i = 0; i < c.nodes().size(); i++) {
            Cluster.Node n = c.nodes().get(i);
            Host h = lab.host(n.name());
            NetDevice gw0 = h.stack().device("antrea-gw0");
            List<AntreaPipeline.Peer> peers = new ArrayList<>();
            for (Cluster.Node o : c.nodes()) {
                if (o != n) {
                    // ip route add CIDR via GW dev antrea-gw0 onlink: the peer's gateway answers at the virtual MAC
                    h.stack().addRoute(new Route(o.podCidr().network(), o.podCidr().prefixLength(), o.gateway(), gw0,
                            "boot", "global", null, 0, Route.UNICAST, true));
                    peers.add(new AntreaPipeline.Peer(o.podCidr().network() + "/" + o.podCidr().prefixLength(),
                            o.gateway(), o.address()));
                }
            }
            OvsBridge br = brs.get(i);
            for (String g : AntreaPipeline.groups(services)) {
                try {
                    br.ofproto().groupMod(Group.parse(g, Group.Command.ADD, br.ofproto().portMap()), OfVersion.OF13,
                            lab.now());
                } catch (FlowParseException e) {
                    throw new IllegalStateException("generated group '" + g + "': " + e.getMessage(), e);
                }
            }
            install(br, AntreaPipeline.flows(n.gateway(), MacAddress.of(br.ofproto().port(AntreaPipeline.GATEWAY_PORT)
                    .mac), c.serviceCidr().toString(), podsOf.get(i), peers, services));
        }
        return lab;
    }

    private void install(OvsBridge br, List<String> flows) {
        for (String f : flows) {
            try {
                br.ofproto().tables.apply(FlowParser.parse(f, FlowMod.Command.ADD, br.ofproto().portMap()),
                        OfVersion.OF13, lab.now());
            } catch (FlowParseException | ActionCheckException e) {
                throw new IllegalStateException("generated flow '" + f + "': " + e.getMessage(), e);
            }
        }
    }

    // pkg/agent/util/net.go GenerateContainerInterfaceName(): up to 8 characters of the name, '-', then SHA-1 of
    // pod/NAMESPACE/NAME in hex, 15 characters in all (namespace "default" here)
    static String portName(String pod) {
        String prefix = pod.length() > 8 ? pod.substring(0, 8) : pod;
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(("pod/default/" + pod).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return prefix + "-" + java.util.HexFormat.of().formatHex(d).substring(0, 15 - prefix.length() - 1);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random locally administered unicast MAC (the kernel's eth_random_addr), from the lab's seed. */
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

package io.arplab.topo;

import io.arplab.lab.Cidr;
import io.arplab.wire.Ipv4Address;
import java.util.List;

/**
 * A Kubernetes pod network as Antrea builds it, without a cluster: nodes on an underlay subnet (one Linux bridge),
 * each with a pod CIDR, its pods, its br-int. {@link ClusterBuilder} expands it.
 *
 * @param underlay       the nodes' own subnet
 * @param underlayBridge the Linux bridge the nodes' eth0 are plugged into
 * @param serviceCidr    the ClusterIP range Antrea sends to the gateway (table 40), e.g. 10.96.0.0/12
 * @param services       ClusterIP services load-balanced in OVS as AntreaProxy does (none: table 40 as above)
 */
public record Cluster(Cidr underlay, String underlayBridge, Cidr serviceCidr, List<Node> nodes,
                      List<Service> services) {
    public Cluster {
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
    }

    public Cluster(Cidr underlay, String underlayBridge, Cidr serviceCidr, List<Node> nodes) {
        this(underlay, underlayBridge, serviceCidr, nodes, List.of());
    }

    /** A ClusterIP service: its virtual address and port, protocol (tcp or udp), the pods' port and pods. */
    public record Service(String name, Ipv4Address clusterIp, int port, String protocol, int targetPort,
                          List<String> endpoints) {
        public Service {
            endpoints = List.copyOf(endpoints);
        }
    }

    /** A node: its name, underlay address, pod CIDR (its gateway antrea-gw0 is the first address) and pods. */
    public record Node(String name, Ipv4Address address, Cidr podCidr, List<String> pods) {
        public Node {
            pods = List.copyOf(pods);
        }

        public Ipv4Address gateway() {
            return Ipv4Address.of(podCidr.network().bits() + 1);
        }

        /** The i-th pod's address: .2, .3 ... in the order listed (host-local IPAM). */
        public Ipv4Address podAddress(int i) {
            return Ipv4Address.of(podCidr.network().bits() + 2 + i);
        }
    }
}

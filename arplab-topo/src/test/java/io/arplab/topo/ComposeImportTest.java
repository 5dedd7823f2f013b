package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.wire.Ipv4Address;
import org.junit.jupiter.api.Test;

/** docker-compose files laid out as Docker would: the forms compose accepts and the rules Docker applies. */
class ComposeImportTest {
    static TopologyLoader.Loaded load(String yaml) {
        return TopologyLoader.parse("docker-compose.yml", yaml, "My Lab!");
    }

    static Lab build(String yaml) {
        return TopologyBuilder.build(load(yaml).topology(), 3);
    }

    static Ipv4Address ip(String s) {
        return Ipv4Address.parse(s);
    }

    @Test
    void listFormWithoutIpamGetsTheFirstFreePool() {
        Lab lab = build("""
                services:
                  a: {image: alpine, networks: [front]}
                  b: {image: alpine, networks: [front]}
                networks:
                  front: {}
                """);

        assertThat(LabText.host(lab, "a")).containsExactly(
                "eth0 02:42:ac:12:00:02 172.18.0.2/16",
                "route: default via 172.18.0.1 dev eth0 proto boot scope global",
                "route: 172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2");
        assertThat(LabText.addresses(lab, "b")).containsExactly("172.18.0.3/16");
        assertThat(LabText.addresses(lab, "host")).containsExactly("172.18.0.1/16");
    }

    @Test
    void mapFormWithIpamAndExplicitAddresses() {
        Lab lab = build("""
                services:
                  a:
                    networks:
                      lan: {ipv4_address: 10.5.0.2}
                  b:
                    networks:
                      lan:
                  c:
                    networks:
                      lan: {aliases: [db]}
                networks:
                  lan:
                    driver: bridge
                    ipam:
                      driver: default
                      config:
                        - subnet: 10.5.0.0/24
                          gateway: 10.5.0.254
                          aux_addresses: {printer: 10.5.0.3}
                """);

        // gateway .254 and the reserved .2 (a's) and .3 (aux) are skipped: b gets .1, c .4
        assertThat(LabText.addresses(lab, "host")).containsExactly("10.5.0.254/24");
        assertThat(LabText.addresses(lab, "a")).containsExactly("10.5.0.2/24");
        assertThat(LabText.addresses(lab, "b")).containsExactly("10.5.0.1/24");
        assertThat(LabText.addresses(lab, "c")).containsExactly("10.5.0.4/24");
        assertThat(LabText.host(lab, "b")).contains("route: default via 10.5.0.254 dev eth0 proto boot scope global");
        assertThat(lab.resolver().resolve("db")).isEqualTo(ip("10.5.0.4"));
    }

    @Test
    void defaultNetworkIsNamedAfterTheProjectDirectory() {
        Lab lab = build("""
                services:
                  web: {image: nginx}
                  db: {image: postgres, hostname: database}
                """);

        // project "mylab" from directory "My Lab!" (compose-go NormalizeProjectName); container names mylab-web-1 ...
        assertThat(LabText.addresses(lab, "web")).containsExactly("172.18.0.2/16");
        assertThat(LabText.addresses(lab, "db")).containsExactly("172.18.0.3/16");
        assertThat(lab.resolver().reverse(ip("172.18.0.3"))).isEqualTo("mylab-db-1.mylab_default");
        for (String name : new String[] {"db", "mylab-db-1", "database"}) {
            assertThat(lab.resolver().resolve(name)).as(name).isEqualTo(ip("172.18.0.3"));
        }
        assertThat(lab.exec("web", "ping -c1 db").stdout())
                .contains("64 bytes from mylab-db-1.mylab_default (172.18.0.3): icmp_seq=1 ttl=64");
    }

    @Test
    void projectNameAndNetworkNameFromTheFile() {
        Lab lab = build("""
                name: seed
                services:
                  node1: {container_name: node1, networks: [lan, other]}
                networks:
                  lan: {name: arp_lan}
                  other: {}
                """);

        assertThat(lab.resolver().reverse(ip("172.18.0.2"))).isEqualTo("node1.arp_lan");
        assertThat(lab.resolver().reverse(ip("172.19.0.2"))).isEqualTo("node1.seed_other");
    }

    /**
     * Docker's embedded DNS answers a container from its own networks (libnetwork Sandbox.ResolveName(): each
     * endpoint's network in turn, then "name.network" in that network; ResolveIP(): a PTR only for an address on one
     * of them): a name on a network the asker is not on does not resolve, a name on two gives the shared one.
     */
    @Test
    void namesResolveWithinTheNetworksAContainerShares() {
        Lab lab = build("""
                name: dc
                services:
                  web:
                    container_name: web
                    networks:
                      front: {ipv4_address: 10.10.0.10, aliases: [www]}
                      back: {ipv4_address: 10.20.0.10}
                  db: {networks: {back: {ipv4_address: 10.20.0.20}}}
                  client: {networks: {front: {ipv4_address: 10.10.0.2}}}
                networks:
                  front: {ipam: {config: [{subnet: 10.10.0.0/24}]}}
                  back: {internal: true, ipam: {config: [{subnet: 10.20.0.0/24}]}}
                """);

        assertThat(lab.exec("client", "ping -c1 web").stdout())
                .contains("64 bytes from web.dc_front (10.10.0.10): icmp_seq=1");
        assertThat(lab.exec("db", "ping -c1 web").stdout()).contains("64 bytes from web.dc_back (10.20.0.10): icmp_seq=1");
        assertThat(lab.exec("client", "ping -c1 db").stderr()).isEqualTo("ping: db: Name or service not known\n");
        assertThat(lab.exec("db", "ping -c1 www").stderr()).isEqualTo("ping: www: Name or service not known\n");
        assertThat(lab.exec("client", "ping -c1 www").stdout()).contains("PING www (10.10.0.10)");
        // "name.network" asks that network, if the container is on it
        assertThat(lab.exec("client", "ping -c1 web.dc_front.").stdout()).contains("PING web.dc_front. (10.10.0.10)");
        assertThat(lab.exec("client", "ping -c1 web.dc_back").exitCode()).isEqualTo(2);
        // web, on both, reaches db on back and client on front, each under its own network's PTR name
        assertThat(lab.exec("web", "ping -c1 db").stdout()).contains("64 bytes from dc-db-1.dc_back (10.20.0.20)");
        assertThat(lab.exec("web", "ping -c1 dc-client-1").stdout())
                .contains("64 bytes from dc-client-1.dc_front (10.10.0.2)");
        // the lab's own view (traceflow, pingall) still knows every name
        assertThat(lab.resolver().resolve("db")).isEqualTo(ip("10.20.0.20"));
    }

    /**
     * The networks are asked in the sandbox's endpoint order (libnetwork Endpoint.Less(): gw_priority, internal last,
     * then the network's name), not the interfaces' (compose's priority); names match in any case (addNameToIP()
     * and Network.ResolveName() lower-case them), the network of "name.network" only as written.
     */
    @Test
    void namesAreAskedInTheSandboxsEndpointOrderWhateverTheirCase() {
        Lab lab = build("""
                name: ep
                services:
                  client:
                    networks:
                      zeta: {priority: 10}
                      alpha: {}
                  one: {networks: {alpha: {aliases: [db]}}}
                  two: {networks: {zeta: {aliases: [db]}}}
                networks:
                  alpha: {ipam: {config: [{subnet: 10.1.0.0/24}]}}
                  zeta: {ipam: {config: [{subnet: 10.2.0.0/24}]}}
                """);

        // compose's priority makes zeta eth0, but Docker asks ep_alpha first
        assertThat(lab.host("client").stack().device("eth0").addresses().get(0).address()).isEqualTo(ip("10.2.0.2"));
        assertThat(lab.exec("client", "ping -c1 db").stdout()).contains("64 bytes from ep-one-1.ep_alpha (10.1.0.3)");
        assertThat(lab.exec("client", "ping -c1 DB").stdout()).contains("PING DB (10.1.0.3)");
        assertThat(lab.exec("client", "ping -c1 Db.ep_zeta").stdout()).contains("PING Db.ep_zeta (10.2.0.3)");
        assertThat(lab.exec("client", "ping -c1 db.EP_ZETA").stderr())
                .isEqualTo("ping: db.EP_ZETA: Name or service not known\n");
    }

    @Test
    void explicitSubnetsAreSkippedByTheDefaultPools() {
        Lab lab = build("""
                services:
                  a: {networks: [one, two, three]}
                networks:
                  one: {}
                  two: {ipam: {config: [{subnet: 172.19.0.0/16}]}}
                  three: {}
                """);

        assertThat(LabText.addresses(lab, "host")).containsExactly("172.18.0.1/16", "172.19.0.1/16", "172.20.0.1/16");
    }

    @Test
    void twoNetworksConnectByPriorityThenName() {
        Lab lab = build("""
                services:
                  r:
                    networks:
                      zeta: {ipv4_address: 10.9.0.5}
                      alpha: {ipv4_address: 10.1.0.5}
                      mid: {priority: 10, ipv4_address: 10.5.0.5}
                networks:
                  zeta: {ipam: {config: [{subnet: 10.9.0.0/24}]}}
                  alpha: {ipam: {config: [{subnet: 10.1.0.0/24}]}}
                  mid: {ipam: {config: [{subnet: 10.5.0.0/24}]}}
                """);

        // compose-go NetworksByPriority: mid (priority 10), then alpha, zeta by name;
        // the default route comes from the first network by Docker name (libnetwork endpoint order)
        assertThat(LabText.host(lab, "r")).containsExactly(
                "eth0 02:42:0a:05:00:05 10.5.0.5/24",
                "eth1 02:42:0a:01:00:05 10.1.0.5/24",
                "eth2 02:42:0a:09:00:05 10.9.0.5/24",
                "route: default via 10.1.0.1 dev eth1 proto boot scope global",
                "route: 10.1.0.0/24 dev eth1 proto kernel scope link src 10.1.0.5",
                "route: 10.5.0.0/24 dev eth0 proto kernel scope link src 10.5.0.5",
                "route: 10.9.0.0/24 dev eth2 proto kernel scope link src 10.9.0.5");
    }

    @Test
    void gwPriorityAndInternalNetworksChooseTheDefaultRoute() {
        Lab lab = build("""
                services:
                  a:
                    networks:
                      one: {}
                      two: {gw_priority: 1}
                  b:
                    networks: [inner]
                networks:
                  one: {}
                  two: {}
                  inner: {internal: true}
                """);

        assertThat(LabText.host(lab, "a")).contains("route: default via 172.19.0.1 dev eth1 proto boot scope global");
        assertThat(LabText.host(lab, "b")).noneMatch(l -> l.startsWith("route: default"));
    }

    @Test
    void serviceOptionsThatShapeTheNetwork() {
        Lab lab = build("""
                services:
                  a:
                    mac_address: 02:00:00:00:00:aa
                    sysctls:
                      - net.ipv4.conf.lan0.arp_ignore=1
                      - net.ipv4.ping_group_range=0 2147483647
                    networks:
                      lan: {interface_name: lan0}
                  b:
                    sysctls: {net.ipv4.conf.all.arp_accept: "2"}
                    networks:
                      lan: {mac_address: "02:00:00:00:00:bb", ipv4_address: "${B_IP:-10.7.0.77}"}
                  c: {network_mode: none}
                networks:
                  lan:
                    driver_opts: {com.docker.network.bridge.name: br-lan}
                    ipam: {config: [{subnet: 10.7.0.0/24}]}
                """);

        assertThat(LabText.host(lab, "a").get(0)).isEqualTo("lan0 02:00:00:00:00:aa 10.7.0.2/24");
        assertThat(lab.host("a").stack().sysctl("conf.lan0.arp_ignore")).isEqualTo("1");
        assertThat(LabText.host(lab, "b").get(0)).isEqualTo("eth0 02:00:00:00:00:bb 10.7.0.77/24");
        // conf.all is kept apart from eth0, which reads 0 as on the kernel; arp_accept in force is the max (IN_DEV_MAXCONF)
        assertThat(lab.host("b").stack().sysctl("conf.all.arp_accept")).isEqualTo("2");
        assertThat(lab.host("b").stack().sysctl("conf.eth0.arp_accept")).isEqualTo("0");
        assertThat(lab.host("b").stack().devconf(lab.host("b").stack().device("eth0"), io.arplab.stack.DevConf.ARP_ACCEPT))
                .isEqualTo(2);
        assertThat(LabText.host(lab, "c")).isEmpty();
        assertThat(lab.bridges().keySet()).containsExactly("br-lan");
    }

    @Test
    void aSysctlForAMissingDeviceIsRefusedAtItsPlace() {
        // a's interface is lan0, so net.ipv4.conf.eth0.* names no device of a
        String yaml = """
                services:
                  a:
                    sysctls: [net.ipv4.conf.eth0.arp_ignore=1]
                    networks:
                      lan: {interface_name: lan0}
                networks:
                  lan: {}
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(yaml))
                .hasMessage("docker-compose.yml:3:15: sysctl 'net.ipv4.conf.eth0.arp_ignore' names device 'eth0', which"
                        + " this host does not have (did you mean 'net.ipv4.conf.lan0.arp_ignore'?)");
    }

    @Test
    void dependenciesAreCreatedFirst() {
        Lab lab = build("""
                services:
                  web: {depends_on: {db: {condition: service_started}}}
                  db: {depends_on: [cache]}
                  cache: {}
                """);

        assertThat(LabText.addresses(lab, "cache")).containsExactly("172.18.0.2/16");
        assertThat(LabText.addresses(lab, "db")).containsExactly("172.18.0.3/16");
        assertThat(LabText.addresses(lab, "web")).containsExactly("172.18.0.4/16");
        assertThat(lab.hosts().keySet()).containsExactly("host", "web", "db", "cache");
    }

    @Test
    void profilesAndUnusedNetworksAreLeftOutWithNotes() {
        TopologyLoader.Loaded l = load("""
                version: "3.8"
                services:
                  a: {image: alpine, ports: ["8080:80"], cap_add: [NET_ADMIN]}
                  debug: {image: alpine, profiles: [debug]}
                networks:
                  spare: {}
                x-common: {anything: goes}
                """);

        assertThat(l.topology().hosts()).extracting(Topology.Host::name).containsExactly("a");
        assertThat(l.topology().networks()).extracting(Topology.Network::name).containsExactly("default");
        assertThat(l.notes()).containsExactly(
                "docker-compose.yml:1:1: 'version' is obsolete in compose files: ignored",
                "docker-compose.yml:3:3: service 'a': image, ports, cap_add ignored (they do not shape the network)",
                "docker-compose.yml:4:3: service 'debug': image ignored (they do not shape the network)",
                "docker-compose.yml:4:26: service 'debug' has profiles, so 'docker compose up' does not start it: left out",
                "docker-compose.yml:6:3: network 'spare' is used by no service: not created");
    }

    @Test
    void aServiceCalledHostMovesTheBridgeHostAside() {
        Lab lab = build("""
                services:
                  host: {}
                """);

        assertThat(lab.hosts().keySet()).containsExactly("dockerhost", "host");
    }

    @Test
    void bridgeNamesAreStableDigestsOfTheNetworkName() {
        Topology t = load("""
                name: p
                services: {a: {networks: [lan]}}
                networks: {lan: {}}
                """).topology();

        Topology.Network n = t.network("lan");
        assertThat(n.bridge()).isEqualTo(DockerIpam.bridgeName("p_lan")).matches("br-[0-9a-f]{12}");
        assertThat(n.bridgeMac().toString()).startsWith("02:42:");
        assertThat(n.bridgeMac()).isEqualTo(DockerIpam.bridgeMac("p_lan"));
    }
}

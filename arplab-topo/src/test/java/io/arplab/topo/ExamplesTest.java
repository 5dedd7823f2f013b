package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** examples/arp-lab: the seed's compose lab and the same lab in arplab's format. */
class ExamplesTest {
    static final Path COMPOSE = Path.of("examples/arp-lab/docker-compose.yml");
    static final Path LAB = Path.of("examples/arp-lab/lab.yaml");

    static Lab build(Path file) {
        return TopologyBuilder.build(TopologyLoader.load(file).topology(), 1);
    }

    @Test
    void composeLabIsTheSeedsLab() {
        Lab lab = build(COMPOSE);

        assertThat(lab.hosts().keySet()).containsExactly("host", "node1", "node2", "node3", "node4");
        assertThat(LabText.host(lab, "node1")).containsExactly(
                "eth0 02:42:ac:1c:00:0b 172.28.0.11/16",
                "route: default via 172.28.0.1 dev eth0 proto boot scope global",
                "route: 172.28.0.0/16 dev eth0 proto kernel scope link src 172.28.0.11");
        assertThat(LabText.host(lab, "node3")).containsExactly(
                "eth0 02:42:ac:1c:00:0d 172.28.0.13/16",
                "route: default via 172.28.0.1 dev eth0 proto boot scope global",
                "route: 172.28.0.0/16 dev eth0 proto kernel scope link src 172.28.0.13");
        // seed: "default via 172.18.0.1 dev eth0", "172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2"
        assertThat(LabText.host(lab, "node4")).containsExactly(
                "eth0 02:42:ac:12:00:02 172.18.0.2/16",
                "route: default via 172.18.0.1 dev eth0 proto boot scope global",
                "route: 172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2");
        assertThat(LabText.addresses(lab, "host")).containsExactly("172.28.0.1/16", "172.18.0.1/16");
        assertThat(lab.host("host").stack().ipForward()).isTrue();
        assertThat(lab.bridges()).hasSize(2);
        assertThat(lab.bridges().keySet()).allMatch(b -> b.matches("br-[0-9a-f]{12}"));
    }

    @Test
    void pingByNameInTheComposeLabPrintsDockersReverseName() {
        Lab lab = build(COMPOSE);

        Lab.Result r = lab.exec("node1", "ping -c3 node3");

        assertThat(r.exitCode()).isZero();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines.get(0)).isEqualTo("PING node3 (172.28.0.13) 56(84) bytes of data.");
        for (int seq = 1; seq <= 3; seq++) {
            assertThat(lines.get(seq)).matches("64 bytes from node3\\.arp_lan \\(172\\.28\\.0\\.13\\): icmp_seq=" + seq
                    + " ttl=64 time=\\d+\\.\\d{3} ms");
        }
        // two intervals of 1.000 to 1.032 s: the seed's recording says "time 2054ms"
        assertThat(lines).anyMatch(l -> l.matches("3 packets transmitted, 3 received, 0% packet loss, time 20[0-6][0-9]ms"));
    }

    @Test
    void node4IsOnTheProjectsDefaultNetwork() {
        Lab lab = build(COMPOSE);

        // Docker's DNS answers node1 from arp_lan only: node4's name and its PTR are not there
        Lab.Result r = lab.exec("node1", "ping -c1 node4");
        assertThat(r.stderr()).isEqualTo("ping: node4: Name or service not known\n");
        assertThat(lab.exec("node1", "ping -c1 172.18.0.2").stdout())
                .contains("64 bytes from 172.18.0.2: icmp_seq=1 ttl=63");
        assertThat(lab.exec("node4", "ping -c1 node4").stdout())
                .contains("64 bytes from node4.arp-lab_default (172.18.0.2): icmp_seq=1 ttl=64");
    }

    @Test
    void bothFormatsBuildTheSameLab() {
        Lab compose = build(COMPOSE);
        Lab own = build(LAB);

        assertThat(own.hosts().keySet()).containsExactlyElementsOf(compose.hosts().keySet());
        for (String node : List.of("node1", "node2", "node3", "node4")) {
            assertThat(LabText.host(own, node)).as(node).containsExactlyElementsOf(LabText.host(compose, node));
        }
        assertThat(LabText.addresses(own, "host")).containsExactlyElementsOf(LabText.addresses(compose, "host"));
        assertThat(own.host("host").stack().ipForward()).isEqualTo(compose.host("host").stack().ipForward());
        assertThat(own.bridges()).hasSameSizeAs(compose.bridges());
        // the same traffic: node1 reaches node3 on the LAN and node4 through the host
        assertThat(own.exec("node1", "ping -c3 node3").stdout().replace("node3.arp_lan", "X"))
                .isEqualTo(compose.exec("node1", "ping -c3 node3").stdout().replace("node3.arp_lan", "X"));
        assertThat(own.exec("node1", "ping -c1 172.18.0.2").stdout())
                .isEqualTo(compose.exec("node1", "ping -c1 172.18.0.2").stdout());
    }

    @Test
    void labFileCarriesTheRecordingsBridges() {
        Lab lab = build(LAB);

        // refdata/linux/env/topology.txt: br-arp_lan 02:42:8e:ff:44:b3, br-net18 02:42:5a:3c:7e:21
        // the bridges' own interfaces (the veth ends that are bridge ports are listed too, with random names)
        assertThat(LabText.host(lab, "host").stream().filter(l -> !l.startsWith("veth"))).containsExactly(
                "br-arp_lan 02:42:8e:ff:44:b3 172.28.0.1/16",
                "br-net18 02:42:5a:3c:7e:21 172.18.0.1/16",
                "route: 172.18.0.0/16 dev br-net18 proto kernel scope link src 172.18.0.1",
                "route: 172.28.0.0/16 dev br-arp_lan proto kernel scope link src 172.28.0.1");
    }

    @Test
    void composeNotesWhatItIgnores() {
        TopologyLoader.Loaded l = TopologyLoader.load(COMPOSE);

        assertThat(l.format()).isEqualTo(TopologyLoader.Format.COMPOSE);
        assertThat(l.notes()).contains(
                "examples/arp-lab/docker-compose.yml:7:3: service 'node1': image, command, volumes ignored (they do not shape the network)");
        assertThat(TopologyLoader.load(LAB).notes()).isEmpty();
    }

    @Test
    void sameSeedSameLab() {
        Lab a = build(COMPOSE);
        Lab b = build(COMPOSE);

        assertThat(a.bridges().keySet()).containsExactlyElementsOf(b.bridges().keySet());
        assertThat(a.exec("node2", "ping -c2 node4").stdout()).isEqualTo(b.exec("node2", "ping -c2 node4").stdout());
    }

    @Test
    void readmeExampleBuilds() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        int section = readme.indexOf("### arplab's format");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));

        Lab lab = TopologyBuilder.build(TopologyLoader.parse("README.md", yaml, "arplab").topology(), 1);

        assertThat(LabText.host(lab, "node4")).containsExactly(
                "eth0 02:42:ac:12:00:02 172.18.0.2/16",
                "route: default via 172.18.0.1 dev eth0 proto boot scope global",
                "route: 10.0.0.0/8 via 172.18.0.254 dev eth0 proto boot scope global",
                "route: 172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2",
                "route: 192.168.7.0/24 dev eth0 proto boot scope link");
        assertThat(lab.host("host").stack().sysctl("conf.br-arp_lan.proxy_arp")).isEqualTo("1");
        assertThat(lab.resolver().resolve("web")).hasToString("172.28.0.11");
    }
}

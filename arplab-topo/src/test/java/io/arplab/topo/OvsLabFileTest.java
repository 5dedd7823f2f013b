package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.lab.Lab;
import io.arplab.lab.LabConsole;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/antrea-node: a kind: ovs network from a lab file, driven by node-less ovs-* script lines. */
class OvsLabFileTest {
    @Test
    void theExampleAnswersThePodsArpAndRunsTheSeedsScenes() throws IOException {
        Path dir = Path.of("examples/antrea-node");
        Lab lab = TopologyBuilder.build(TopologyLoader.load(dir.resolve("lab.yaml")).topology(), 1);
        lab.setWorkDir(dir);
        StringWriter out = new StringWriter(), err = new StringWriter();
        LabConsole console = new LabConsole(lab, new PrintWriter(out), new PrintWriter(err), () -> { });
        for (String line : Files.readAllLines(dir.resolve("scenes.txt"))) {
            console.execute(line);
        }
        String o = out.toString();
        assertThat(o).contains("[0.000] $ ovs-ofctl dump-flows br-int table=20 --no-stats\n"
                + " cookie=0x1020000000000, table=20, priority=200,arp,arp_tpa=10.222.0.1,arp_op=1 actions=");
        assertThat(o).contains("10.222.0.1 dev eth0 lladdr aa:bb:cc:dd:ee:ff REACHABLE");
        assertThat(o).contains("n_packets=1, n_bytes=42, idle_age=0, priority=200,arp,arp_tpa=10.222.0.1,arp_op=1");
        assertThat(o).contains("10. priority 0\n    drop\n");
        assertThat(o).containsPattern("recirc\\(0x[0-9a-f]+\\) - resume conntrack with ct_state=trk");
        assertThat(o).endsWith("$ ovs-vsctl list-ports br-int\nantrea-gw0\nantrea-tun0\np3\np4\np5\np6\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBadFlowInTheFlowsFileIsOvsOwnOneLineError(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("bad.flows"), "priority=1,actions=drop\nfoo=1,actions=drop\n");
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0: {kind: ovs, subnet: 10.0.0.0/24, flows: bad.flows}
                hosts:
                  a: {interfaces: [{network: br0}]}
                """);
        assertThatThrownBy(() -> TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1))
                .hasMessageEndingWith("bad.flows:2: unknown keyword foo");
    }

    @Test
    void aHostInterfaceTakesTheOpenFlowPortItAsksFor(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    subnet: 10.0.0.0/24
                    ports:
                      p1: {ofport: 1, type: dummy}
                hosts:
                  a: {interfaces: [{network: br0, veth: va, ofport: 7}]}
                  b: {interfaces: [{network: br0, veth: vb}]}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        String show = lab.exec(lab.bridgeOwner("br0").name(), "ovs-ofctl show br0").stdout();
        assertThat(show).contains(" 7(va): addr:").contains(" 2(vb): addr:");
    }

    @Test
    void anInterfaceOfportInUseOrOutOfRangeOrOffOvsIsALabFileError(@TempDir Path tmp) throws IOException {
        String lab = """
                networks:
                  br0: {kind: ovs, subnet: 10.0.0.0/24, ports: {p1: {ofport: 1, type: dummy}}}
                  lan: {subnet: 10.1.0.0/24}
                hosts:
                  a: {interfaces: [{network: NET, ofport: PORT}]}
                """;
        Files.writeString(tmp.resolve("a.yaml"), lab.replace("NET", "br0").replace("PORT", "1"));
        Files.writeString(tmp.resolve("b.yaml"), lab.replace("NET", "br0").replace("PORT", "65280"));
        Files.writeString(tmp.resolve("c.yaml"), lab.replace("NET", "lan").replace("PORT", "3"));
        assertThatThrownBy(() -> TopologyLoader.load(tmp.resolve("a.yaml")))
                .hasMessageEndingWith("ofport 1 is already used by port 'p1' on network 'br0'");
        assertThatThrownBy(() -> TopologyLoader.load(tmp.resolve("b.yaml")))
                .hasMessageEndingWith("ofport 65280 out of range (1 to 65279)");
        assertThatThrownBy(() -> TopologyLoader.load(tmp.resolve("c.yaml")))
                .hasMessageEndingWith("'ofport' of a eth0: network 'lan' is not an OVS network");
    }

    @Test
    void aPortsVlanKeysOutsideTheSchemaAreLabFileErrors(@TempDir Path tmp) throws IOException {
        String lab = """
                networks:
                  br0: {kind: ovs, ports: {p1: {type: dummy, KEY}}}
                """;
        Files.writeString(tmp.resolve("a.yaml"), lab.replace("KEY", "tag: 4096"));
        Files.writeString(tmp.resolve("b.yaml"), lab.replace("KEY", "trunks: [1, -2]"));
        Files.writeString(tmp.resolve("c.yaml"), lab.replace("KEY", "vlan_mode: hybrid"));
        Files.writeString(tmp.resolve("d.yaml"), lab.replace("KEY", "tag: ten"));
        assertThatThrownBy(() -> TopologyLoader.load(tmp.resolve("a.yaml")))
                .hasMessageEndingWith("VLAN 4096 in tag of port 'p1' out of range (0 to 4095)");
        assertThatThrownBy(() -> TopologyLoader.load(tmp.resolve("b.yaml")))
                .hasMessageEndingWith("VLAN -2 in trunks of port 'p1' out of range (0 to 4095)");
        assertThatThrownBy(() -> TopologyLoader.load(tmp.resolve("c.yaml"))).hasMessageEndingWith(
                "vlan_mode 'hybrid' of port 'p1' is not one of access, dot1q-tunnel, native-tagged, native-untagged, trunk");
        assertThatThrownBy(() -> TopologyLoader.load(tmp.resolve("d.yaml")))
                .hasMessageContaining("expected a VLAN id (0 to 4095) as tag of port 'p1'");
    }
}

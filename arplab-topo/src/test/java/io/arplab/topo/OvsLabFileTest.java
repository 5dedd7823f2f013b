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
        // the datapath scene: the pod's ARP request for the remote gateway took the slow path, as OVS 3.1's did
        // (refdata/ovs/out/03a-dpctl-dump-flows.txt: the same request through the same table 20)
        assertThat(o).contains("$ ovs-appctl dpctl/show\ndummy@ovs-dummy:\n  lookups: hit:");
        assertThat(o).contains(Files.readString(Path.of("src/test/resources/refdata/ovs/out/03a-dpctl-dump-flows.txt")));
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

    @Test
    void otherConfigInTheLabFileIsWhatOvsVsctlSetsAtTheStart(@TempDir Path tmp) throws IOException {
        // the same bridge, its other_config once from the lab file and once by an ovs-vsctl line before anything
        // else: MAC ageing and the table's size rule NORMAL alike, so every view is byte for byte the same
        String ports = """
                    ports:
                      p1: {ofport: 1, type: dummy}
                      p2: {ofport: 2, type: dummy}
                      p3: {ofport: 3, type: dummy}
                """;
        Files.writeString(tmp.resolve("config.yaml"), "networks:\n  br0:\n    kind: ovs\n"
                + "    other_config: {mac-aging-time: 15, mac-table-size: 10}\n" + ports);
        Files.writeString(tmp.resolve("plain.yaml"), "networks:\n  br0:\n    kind: ovs\n" + ports);
        java.util.List<String> scene = new java.util.ArrayList<>(java.util.List.of(
                "ovs-ofctl add-flow br0 actions=NORMAL"));
        for (int i = 1; i <= 12; i++) { // more MACs than the table holds: the eviction rule decides which stay
            scene.add(String.format("ovs-appctl netdev-dummy/receive p%d 'in_port(%d),eth(src=02:00:00:00:00:%02x,"
                    + "dst=ff:ff:ff:ff:ff:ff),eth_type(0x0806),arp(sip=10.0.0.%d,tip=10.0.0.254,op=1,"
                    + "sha=02:00:00:00:00:%02x,tha=00:00:00:00:00:00)'", i % 3 + 1, i % 3 + 1, i, i, i));
        }
        scene.addAll(java.util.List.of("ovs-appctl fdb/show br0", "ovs-appctl fdb/stats-show br0",
                "ovs-vsctl get Bridge br0 other_config", "sleep 20", "ovs-appctl fdb/show br0"));
        java.util.List<String> plainScene = new java.util.ArrayList<>(java.util.List.of(
                "ovs-vsctl set Bridge br0 other_config:mac-aging-time=15 other_config:mac-table-size=10"));
        plainScene.addAll(scene);
        String withConfig = run(tmp.resolve("config.yaml"), scene);
        String withVsctl = run(tmp.resolve("plain.yaml"), plainScene);
        assertThat(withConfig).contains("{mac-aging-time=\"15\", mac-table-size=\"10\"}");
        assertThat(withConfig).isEqualTo(withVsctl.substring(withVsctl.indexOf("\n[") + 1));
    }

    @Test
    void portOtherConfigInTheLabFileIsWhatOvsVsctlSetsAtTheStart(@TempDir Path tmp) throws IOException {
        // a Port row's other_config from the lab file (priority-tags on an access port) against an ovs-vsctl line
        // setting it: NORMAL's output to the port keeps a frame's priority in a VID 0 tag either way (OVS 3.1 printed
        // this trace's datapath actions so with the same ports and setting)
        Files.writeString(tmp.resolve("config.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    ports:
                      p1: {ofport: 1, type: dummy, tag: 10, other_config: {priority-tags: "true"}}
                      p2: {ofport: 2, type: dummy, trunks: [10]}
                """);
        Files.writeString(tmp.resolve("plain.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    ports:
                      p1: {ofport: 1, type: dummy, tag: 10}
                      p2: {ofport: 2, type: dummy, trunks: [10]}
                """);
        java.util.List<String> scene = java.util.List.of("ovs-ofctl add-flow br0 actions=NORMAL",
                "ovs-appctl ofproto/trace br0 in_port=2,dl_vlan=10,dl_vlan_pcp=5,dl_dst=ff:ff:ff:ff:ff:ff",
                "ovs-vsctl get Port p1 other_config");
        String withConfig = run(tmp.resolve("config.yaml"), scene);
        String withVsctl = run(tmp.resolve("plain.yaml"), java.util.stream.Stream.concat(
                java.util.stream.Stream.of("ovs-vsctl set Port p1 other_config:priority-tags=true"), scene.stream())
                .toList());
        assertThat(withConfig).contains("Datapath actions: 100,pop_vlan,push_vlan(vid=0,pcp=5),1\n").contains("{priority-tags=\"true\"}");
        assertThat(withConfig).isEqualTo(withVsctl.substring(withVsctl.indexOf("\n[") + 1));
    }

    private static String run(Path labFile, java.util.List<String> lines) throws IOException {
        Lab lab = TopologyBuilder.build(TopologyLoader.load(labFile).topology(), 1);
        StringWriter out = new StringWriter(), err = new StringWriter();
        LabConsole console = new LabConsole(lab, new PrintWriter(out), new PrintWriter(err), () -> { });
        for (String line : lines) {
            console.execute(line);
        }
        assertThat(err.toString()).isEmpty();
        return out.toString();
    }
}

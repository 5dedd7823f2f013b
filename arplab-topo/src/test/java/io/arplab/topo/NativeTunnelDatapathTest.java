package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native tunnelling through the userspace datapath against OVS 3.1's recording refdata/geneve/ovs/native/datapath.out
 * (src/test/scripts/record-tnl-datapath.sh): dpif/set-dp-features' replies, the ARP request a neighbour miss sends,
 * neighbours snooped from ARP on the underlay bridge, a tnl_push that is not the last action, tnl_pop and tnl_push
 * on packets with the megaflows they install and hit, and the frames eth0 sent (its tx_pcap) byte for byte.
 */
class NativeTunnelDatapathTest {
    static final Path DIR = Path.of("src/test/resources/refdata/geneve/ovs/native");

    @Test
    void packetsThroughNativeTunnelsAreOvsOwn(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    ports:
                      p3: {ofport: 3, type: dummy}
                      tun0: {ofport: 1, type: geneve, options: {remote_ip: flow, key: flow, csum: "true"}}
                  br-phy:
                    kind: ovs
                    hwaddr: aa:55:aa:66:00:01
                    ports:
                      eth0: {ofport: 1, type: dummy}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        List<byte[]> sent = new ArrayList<>();
        lab.ovsBridges().get("br-phy").pcaps(1, null, (t, f) -> sent.add(f), 0);
        String host = lab.bridgeOwner("br0").name();
        for (String f : List.of("ovs-ofctl add-flow br-phy actions=normal",
                "ovs-ofctl -O OpenFlow13 add-flow br0 in_port=3,ip,actions=set_field:10.79.1.202->tun_dst,output:1",
                "ovs-ofctl -O OpenFlow13 add-flow br0 in_port=1,actions=output:3",
                "ovs-ofctl -O OpenFlow13 add-flow br0 "
                        + "priority=40000,in_port=3,udp,actions=set_field:10.79.1.202->tun_dst,output:1,output:3",
                "ovs-appctl netdev-dummy/ip4addr br-phy 10.79.1.201/24",
                "ovs-appctl ovs/route/add 10.79.1.0/24 br-phy")) {
            assertThat(lab.exec(host, f).exitCode()).as(f).isZero();
        }
        List<String> sections = new ArrayList<>(List.of(Files.readString(DIR.resolve("datapath.out"))
                .split("(?m)^### ")));
        sections.remove(0);
        assertThat(sections).hasSize(29);
        for (String section : sections) {
            String command = section.substring(0, section.indexOf('\n'));
            var r = lab.exec(host, command);
            assertThat(normalise(command, r.stdout() + r.stderr()))
                    .as(command).isEqualTo(normalise(command, section.substring(command.length() + 1)));
        }
        lab.runFor(1_000_000); // the underlay bridge sends what the overlay's translations gave it
        List<String> recorded = new ArrayList<>();
        for (PcapRecord p : PcapReader.readAll(DIR.resolve("eth0-tx.pcap"))) {
            recorded.add(HexFormat.of().formatHex(p.data()));
        }
        assertThat(sent.stream().map(HexFormat.of()::formatHex).toList()).isEqualTo(recorded);
    }

    /**
     * ovs_native_tunneling_is_on() is the rule between the two forms: the kernel module's datapath cannot push
     * tunnel headers (bt_support.tnl_push_pop false), so a datapath_type system bridge commits set(tunnel(...)) with
     * the same route and neighbour in place, and dpif_set_support() refuses to turn the feature on there.
     */
    @Test
    void theKernelDatapathTakesTheKernelTunnelPath(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    datapath_type: system
                    ports:
                      p3: {ofport: 3, type: dummy}
                      tun0: {ofport: 1, type: geneve, options: {remote_ip: flow, key: flow, csum: "true"}}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        String host = lab.bridgeOwner("br0").name();
        for (String f : List.of(
                "ovs-ofctl -O OpenFlow13 add-flow br0 in_port=3,ip,actions=set_field:10.79.1.202->tun_dst,output:1",
                "ovs-appctl netdev-dummy/ip4addr br0 10.79.1.201/24", "ovs-appctl ovs/route/add 10.79.1.0/24 br0",
                "ovs-appctl tnl/neigh/set br0 10.79.1.202 aa:bb:cc:00:00:02")) {
            assertThat(lab.exec(host, f).exitCode()).as(f).isZero();
        }
        String trace = lab.exec(host, "ovs-appctl ofproto/trace br0 in_port=3,icmp,nw_dst=10.222.2.2").stdout();
        assertThat(trace).contains("     -> output to kernel tunnel\n").endsWith("Datapath actions: "
                + "set(tunnel(tun_id=0x0,dst=10.79.1.202,ttl=64,tp_dst=6081,flags(df|csum|key))),6081\n");
        assertThat(lab.exec(host, "ovs-appctl dpif/set-dp-features br0 tnl_push_pop true").stdout())
                .isEqualTo("Can not enable features not supported by the datapth\n");
        assertThat(lab.exec(host, "ovs-appctl dpif/set-dp-features br0 tnl_push_pop").stdout())
                .isEqualTo("tnl_push_pop (Tunnel push pop) : [run time]:false, [boot time]:false\n");
    }

    /**
     * What changes run to run in OVS itself: how long ago a megaflow was used, and the neighbour cache's hash order
     * (its lines are compared sorted).
     */
    static String normalise(String command, String s) {
        s = s.replaceAll("used:[0-9.]+s", "used:0.001s");
        if (command.contains("neigh/show") || command.contains("arp/show")) {
            List<String> lines = new ArrayList<>(List.of(s.split("\n")));
            List<String> entries = new ArrayList<>(lines.subList(Math.min(2, lines.size()), lines.size()));
            entries.sort(null);
            s = String.join("\n", lines.subList(0, Math.min(2, lines.size()))) + "\n" + String.join("\n", entries);
        }
        return s;
    }
}

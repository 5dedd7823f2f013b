package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native tunnelling (ovs/route, tnl/neigh, tnl_push through the underlay bridge, tnl_pop into the overlay bridge) and
 * traces with tunnel metadata (tun_tos, tun_ttl, tun_flags in the flow, the megaflow's tunnel fields), against OVS
 * 3.1's recording refdata/geneve/ovs/native (src/test/scripts/record-tnl-push.sh; its last trace runs with
 * tnl_push_pop off: the kernel-tunnel path).
 */
class TunnelMetadataTraceTest {
    static final Path OUT = Path.of("src/test/resources/refdata/geneve/ovs/native/commands.out");
    /** ovs/route, tnl/neigh, tnl/ports and netdev-dummy/ip4addr with their refusals (src/test/scripts/record-tnl-errors.sh). */
    static final Path ERRORS = Path.of("src/test/resources/refdata/geneve/ovs/native/errors.out");

    @Test
    void tracesWithTunnelMetadataAreOvsOwn(@TempDir Path tmp) throws IOException {
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
                  br9:
                    kind: ovs
                    ports:
                      q1: {ofport: 1, type: dummy}
                      q2: {ofport: 2, type: dummy}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        String host = lab.bridgeOwner("br0").name();
        for (String f : List.of("ovs-ofctl -O OpenFlow13 add-flow br0 in_port=3,ip,actions=set_field:10.79.1.202->tun_dst,output:1",
                "ovs-ofctl -O OpenFlow13 add-flow br0 in_port=1,actions=output:3",
                "ovs-ofctl add-flow br9 tun_src=1.1.1.1,tun_flags=+oam,actions=output:2",
                "ovs-ofctl add-flow br-phy actions=normal")) {
            assertThat(lab.exec(host, f).exitCode()).isZero();
        }
        List<String> sections = new ArrayList<>(List.of(Files.readString(OUT).split("(?m)^### ")));
        sections.remove(0);
        assertThat(sections).hasSize(17);
        for (String section : sections) {
            String command = section.substring(0, section.indexOf('\n'));
            var r = lab.exec(host, command);
            assertThat(normalise(r.stdout() + r.stderr())).as(command)
                    .isEqualTo(normalise(section.substring(command.length() + 1)));
        }
    }

    /** What changes run to run in OVS itself: how long ago a megaflow was used. */
    static String normalise(String s) {
        return s.replaceAll("used:[0-9.]+s", "used:0.001s");
    }

    @Test
    void routeAndNeighbourCommandsAnswerAsOvs(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    ports:
                      tun0: {ofport: 1, type: geneve, options: {remote_ip: flow, key: flow}}
                  br-phy:
                    kind: ovs
                    hwaddr: aa:55:aa:66:00:01
                    ports:
                      eth0: {ofport: 1, type: dummy}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        String host = lab.bridgeOwner("br-phy").name();
        List<String> sections = new ArrayList<>(List.of(Files.readString(ERRORS).split("(?m)^### ")));
        sections.remove(0);
        assertThat(sections).hasSize(36);
        for (String section : sections) {
            String command = section.substring(0, section.indexOf('\n'));
            var r = lab.exec(host, command);
            assertThat(r.stdout() + r.stderr() + "exit " + r.exitCode() + "\n").as(command)
                    .isEqualTo(section.substring(command.length() + 1));
        }
    }
}

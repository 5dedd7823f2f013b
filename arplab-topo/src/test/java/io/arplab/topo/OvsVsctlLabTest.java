package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ovs-vsctl's changes do to the lab around the bridge: the host's interfaces, the pods' traffic. */
class OvsVsctlLabTest {
    private static Lab lab(Path tmp, String yaml) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), yaml);
        return TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
    }

    @Test
    void anInternalPortAddedAtRunTimeIsAnInterfaceOfTheBridgeHost(@TempDir Path tmp) throws IOException {
        Lab lab = lab(tmp, """
                networks:
                  br0: {kind: ovs, subnet: 10.0.0.0/24}
                hosts:
                  pod: {interfaces: [{network: br0, address: 10.0.0.5}]}
                """);
        String host = lab.bridgeOwner("br0").name();
        assertThat(lab.exec(host, "ovs-vsctl add-port br0 gw -- set Interface gw type=internal").exitCode()).isZero();
        assertThat(lab.exec(host, "ip -br link show gw").stdout())
                .isEqualTo("gw               UP             aa:55:aa:55:00:02 <BROADCAST,MULTICAST,UP,LOWER_UP> \n");
        lab.exec(host, "ip addr add 10.0.0.1/24 dev gw");
        lab.exec(host, "ovs-ofctl add-flow br0 actions=NORMAL");
        assertThat(lab.exec("pod", "ping -c1 10.0.0.1").stdout()).contains("1 received");

        lab.exec(host, "ovs-vsctl del-port br0 gw");
        assertThat(lab.exec("pod", "ping -c1 -W1 10.0.0.1").stdout()).contains("0 received");
        assertThat(lab.exec(host, "ip -br link show gw").stdout()).contains(" DOWN ");

        lab.exec(host, "ovs-vsctl add-port br0 gw -- set Interface gw type=internal");
        assertThat(lab.exec("pod", "ping -c1 10.0.0.1").stdout()).contains("1 received");
    }

    @Test
    void aHostWithoutOvsHasNoDatabase(@TempDir Path tmp) throws IOException {
        Lab lab = lab(tmp, """
                networks:
                  br0: {kind: ovs, subnet: 10.0.0.0/24}
                hosts:
                  pod: {interfaces: [{network: br0}]}
                """);
        Lab.Result r = lab.exec("pod", "ovs-vsctl show");
        assertThat(r.stderr()).isEqualTo("ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed"
                + " (No such file or directory)\n");
        assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aDeletedBridgeIsGoneForEveryOvsTool(@TempDir Path tmp) throws IOException {
        Lab lab = lab(tmp, """
                networks:
                  br0: {kind: ovs, ports: {p1: {type: dummy}}}
                """);
        String host = lab.bridgeOwner("br0").name();
        lab.exec(host, "ovs-vsctl del-br br0");
        Lab.Result r = lab.exec(host, "ovs-ofctl dump-flows br0");
        assertThat(r.stderr()).isEqualTo("ovs-ofctl: br0 is not a bridge or a socket\n");
        // the last bridge's deletion closes the datapath's backer: nothing to show (vsctl-random-8)
        assertThat(lab.exec(host, "ovs-appctl dpif/show").stdout()).isEmpty();
        lab.exec(host, "ovs-vsctl add-br br0");
        assertThat(lab.exec(host, "ovs-ofctl dump-flows br0 --no-stats").stdout())
                .isEqualTo(" priority=0 actions=NORMAL\n");
    }
}

package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Open_vSwitch row's other_config:max-idle (ofproto_set_max_idle(); not a number: the default 10000 ms): the
 * revalidators delete datapath flows idle for longer, checking every MIN(max-idle, max-revalidator) ms, against
 * OVS 3.1 with its clock moved by time/warp (refdata/ovs/maxidle, src/test/scripts/record-ovs-commands.sh maxidle).
 */
class OvsMaxIdleTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/maxidle");

    @Test
    void maxIdleIsOvsOwn(@TempDir Path tmp) throws IOException {
        Lab lab = OvsDatapathViewsTest.threePortBridge(tmp);
        String got = OvsDatapathViewsTest.replay(lab, REF.resolve("commands.in"), 0);
        assertThat(OvsGroupsTest.normal(got)).isEqualTo(OvsGroupsTest.normal(Files.readString(REF.resolve("commands.out"))));
    }

    /**
     * time/stop stops the clock of the whole ovs-vswitchd (timeval's), so the revalidators' timer of a system
     * datapath beside the dummy one goes on in real time too, counted in command lines: a hit's stats reach its rule
     * a few lines later, with no revalidator/wait.
     */
    @Test
    void timeStopHoldsEveryDatapathsClock(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    ports:
                      p1: {ofport: 1, type: dummy}
                  br1:
                    kind: ovs
                    datapath_type: system
                    ports:
                      q1: {ofport: 1, type: dummy}
                      q2: {ofport: 2, type: dummy}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        String host = lab.bridgeOwner("br1").name();
        String frame = "eth(src=50:54:00:00:00:01,dst=50:54:00:00:00:02),eth_type(0x0800),ipv4(src=10.0.0.1,"
                + "dst=10.0.0.2,proto=17,tos=0,ttl=64,frag=no),udp(src=1,dst=2)";
        for (String c : List.of("ovs-ofctl add-flow br1 in_port=1,actions=output:2", "ovs-appctl time/stop",
                "ovs-appctl netdev-dummy/receive q1 '" + frame + "'", "ovs-appctl netdev-dummy/receive q1 '" + frame + "'",
                "ovs-appctl dpctl/show", "ovs-appctl dpctl/show", "ovs-appctl dpctl/show")) {
            assertThat(lab.exec(host, c).exitCode()).as(c).isZero();
        }
        assertThat(lab.exec(host, "ovs-ofctl dump-flows br1 --no-stats").stdout()).contains("in_port=1 actions=output:2");
        assertThat(lab.exec(host, "ovs-ofctl dump-flows br1").stdout()).contains("n_packets=2,");
    }
}

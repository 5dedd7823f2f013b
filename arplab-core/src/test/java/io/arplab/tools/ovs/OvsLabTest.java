package io.arplab.tools.ovs;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.OvsBridge;
import io.arplab.flow.Ofproto;
import io.arplab.lab.Lab;
import io.arplab.wire.MacAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** An Antrea-like node in a lab: br-int with antrea-gw0 and two pods, programmed with ovs-ofctl. */
class OvsLabTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");

    static Lab antreaNode() {
        Lab lab = new Lab(1);
        lab.setWorkDir(REF);
        Host node = lab.addHost("node");
        Ofproto ofproto = new Ofproto("br-int", 0xaabbccddee01L, 0xaabbccddeeffL);
        OvsBridge br = lab.addOvsBridge(ofproto, node);
        lab.addOvsInternalPort(br, "antrea-gw0", 2, MacAddress.parse("aa:55:aa:55:00:02"), "10.222.1.1/24");
        Host pod1 = lab.addHost("pod1");
        lab.attachOvs(pod1, "eth0", MacAddress.parse("f2:32:d8:07:e2:a6"), "10.222.1.47/24", br, "p5",
                MacAddress.parse("aa:55:aa:55:00:05"), 5);
        Host pod2 = lab.addHost("pod2");
        lab.attachOvs(pod2, "eth0", MacAddress.parse("6e:9e:5a:3e:3f:e8"), "10.222.1.48/24", br, "p6",
                MacAddress.parse("aa:55:aa:55:00:06"), 6);
        assertThat(lab.exec("node", "ovs-ofctl -O OpenFlow15 add-flows br-int input/antrea-pipeline.flows").stderr())
                .isEmpty();
        assertThat(lab.exec("node", "ovs-ofctl -O OpenFlow15 add-flows br-int input/arp-responder-post.flows").stderr())
                .isEmpty();
        return lab;
    }

    @Test
    void aPodsArpForARemoteGatewayIsAnsweredByTable20() {
        Lab lab = antreaNode();
        lab.exec("pod1", "ip route add 10.222.0.0/24 dev eth0");
        lab.exec("pod1", "ping -c1 -W1 10.222.0.1");
        assertThat(lab.exec("pod1", "ip neigh").stdout()).contains("10.222.0.1 dev eth0 lladdr aa:bb:cc:dd:ee:ff");
        String dump = lab.exec("node", "ovs-ofctl dump-flows br-int table=20").stdout();
        assertThat(dump).startsWith("NXST_FLOW reply (xid=0x8):\n");
        assertThat(dump).contains("n_packets=1, n_bytes=42, idle_age=0, priority=200,arp,arp_tpa=10.222.0.1,arp_op=1");
    }

    @Test
    void aSpoofedArpIsDroppedByTheSpoofGuard() {
        Lab lab = antreaNode();
        var r = lab.exec("node", "ovs-appctl ofproto/trace br-int in_port=5,arp,arp_op=1,arp_spa=10.222.1.47,"
                + "arp_tpa=10.222.0.1,arp_sha=de:ad:be:ef:00:01,dl_src=f2:32:d8:07:e2:a6,dl_dst=ff:ff:ff:ff:ff:ff");
        assertThat(r.stdout()).contains("10. priority 0\n    drop\n").endsWith("Datapath actions: drop\n");
    }

    @Test
    void badInputGetsOvsOwnErrors() {
        Lab lab = antreaNode();
        var r = lab.exec("node", "ovs-ofctl add-flow br-int foo=1,actions=drop");
        assertThat(r.stderr()).isEqualTo("ovs-ofctl: unknown keyword foo\n");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(lab.exec("node", "ovs-ofctl dump-flows br9").stderr())
                .isEqualTo("ovs-ofctl: br9 is not a bridge or a socket\n");
        assertThat(lab.exec("node", "ovs-ofctl -O OpenFlow15 add-flows br-int input/antrea-pipeline.flows").exitCode())
                .isZero();
    }

    // -O's list split by commas and white space; an empty one allows every version (OVS 3.1 with ovs-oracle.sh:
    // `ovs-ofctl -O '' dump-flows br0 table=99` printed an OF1.5 reply, `-O $'OpenFlow10\tOpenFlow13'` an OF1.3 one)
    @Test
    void anEmptyProtocolListAllowsEveryVersion() {
        Lab lab = antreaNode();
        java.util.function.Function<String, String> header = o -> lab.exec("node",
                "ovs-ofctl -O " + o + " dump-flows br-int table=99").stdout();
        assertThat(header.apply("''")).isEqualTo("OFPST_FLOW reply (OF1.5) (xid=0x6):\n");
        assertThat(header.apply("' , '")).isEqualTo("OFPST_FLOW reply (OF1.5) (xid=0x6):\n");
        assertThat(header.apply("'OpenFlow10\tOpenFlow13'")).isEqualTo("OFPST_FLOW reply (OF1.3) (xid=0x6):\n");
        assertThat(header.apply("OpenFlow10,,OpenFlow13")).isEqualTo("OFPST_FLOW reply (OF1.3) (xid=0x6):\n");
    }

    // ovs-dpctl reaches kernel datapaths only: on the lab's dummy datapath it fails as OVS's does without the
    // kernel module (src/test/scripts/record-dpctl.sh), modulo the log lines' wall-clock time
    @Test
    void ovsDpctlFindsNoKernelDatapath() throws java.io.IOException {
        Lab lab = antreaNode();
        StringBuilder got = new StringBuilder();
        for (String line : java.nio.file.Files.readAllLines(REF.resolve("dpctl/commands.in"))) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Lab.Result r = lab.exec("node", line);
            got.append("### ").append(line).append('\n').append(r.stderr()).append(r.stdout()).append("exit ")
                    .append(r.exitCode()).append('\n');
        }
        String stamp = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\|";
        assertThat(got.toString().replaceAll(stamp, "T|"))
                .isEqualTo(java.nio.file.Files.readString(REF.resolve("dpctl/commands.out")).replaceAll(stamp, "T|"));
    }
}

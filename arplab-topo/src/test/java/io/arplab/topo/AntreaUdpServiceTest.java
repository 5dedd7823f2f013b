package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.observe.MemoryCapture;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A UDP ClusterIP service on examples/antrea-cluster/service-lab.yaml's cluster: dnssvc (10.104.65.134:53/udp, to
 * port 5353 of backend1 and backend2) added to its services. AntreaProxy's flows take udp as they take tcp: the
 * client's node DNATs the datagram in zone 65520 and conntrack keeps the udp entry.
 */
class AntreaUdpServiceTest {
    private static final String CLUSTER_IP = "10.104.65.134";
    private final Lab lab;
    private final MemoryCapture pod = new MemoryCapture();

    AntreaUdpServiceTest() throws IOException {
        String yaml = Files.readString(Path.of("examples/antrea-cluster/service-lab.yaml"));
        assertThat(yaml).contains("  services:\n");
        yaml = yaml.replace("  services:\n", "  services:\n    dnssvc: {cluster_ip: " + CLUSTER_IP
                + ", port: 53, protocol: udp, target_port: 5353, endpoints: [backend1, backend2]}\n");
        lab = TopologyBuilder.build(TopologyLoader.parse("service-lab.yaml", yaml, "t").topology(), 1);
        lab.capture("frontend", "eth0", pod);
    }

    private String ip(String name) {
        return lab.resolver().resolve(name).toString();
    }

    @Test
    void aDatagramToTheClusterIpReachesAnEndpointFromTheClientsAddressAndItsNodeKeepsTheUdpEntry() {
        StringWriter got1 = new StringWriter(), got2 = new StringWriter();
        StringWriter err1 = new StringWriter(), err2 = new StringWriter();
        ToolContext s1 = lab.start("backend1", List.of("nc", "-u", "-l", "-n", "-v", "5353"),
                new PrintWriter(got1, true), new PrintWriter(err1, true), null);
        ToolContext s2 = lab.start("backend2", List.of("nc", "-u", "-l", "-n", "-v", "5353"),
                new PrintWriter(got2, true), new PrintWriter(err2, true), null);
        StringWriter err = new StringWriter();
        ToolContext client = lab.start("frontend", List.of("nc", "-u", "-w1", CLUSTER_IP, "53"),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "hi\n".getBytes(StandardCharsets.UTF_8));
        lab.await(client);
        assertThat(client.exitCode()).as(err.toString()).isZero();
        String endpoint = got1.toString().equals("hi\n") ? "backend1" : got2.toString().equals("hi\n") ? "backend2"
                : null;
        assertThat(endpoint).as("an endpoint got the datagram: " + got1 + "|" + got2).isNotNull();
        assertThat((endpoint.equals("backend1") ? got2 : got1).toString()).isEmpty();

        List<byte[]> sent = pod.records().stream().map(PcapRecord::data)
                .filter(f -> Bytes.u16(f, 12) == 0x0800 && f[23] == 17).toList();
        assertThat(sent).singleElement().satisfies(f -> {
            assertThat(Ipv4Address.read(f, 30).toString()).isEqualTo(CLUSTER_IP);
            assertThat(Bytes.u16(f, 36)).isEqualTo(53);
        });
        int sport = Bytes.u16(sent.get(0), 34);
        String front = ip("frontend");
        // the endpoint's nc saw the client's own address and port (DNAT only): "Connection received on A P"
        assertThat((endpoint.equals("backend1") ? err1 : err2).toString())
                .isEqualTo("Bound on 0.0.0.0 5353\nConnection received on " + front + " " + sport + "\n");
        assertThat(lab.exec("worker1", "ovs-appctl dpctl/dump-conntrack").stdout()).isEqualTo("udp,orig=(src="
                + front + ",dst=" + CLUSTER_IP + ",sport=" + sport + ",dport=53),reply=(src=" + ip(endpoint)
                + ",dst=" + front + ",sport=5353,dport=" + sport + "),zone=65520,mark=33\n");
        s1.interrupt();
        s2.interrupt();
    }
}

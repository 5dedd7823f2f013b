package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.observe.MemoryCapture;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.pcap.PcapRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TCP between pods on different nodes of the seed's cluster (examples/antrea-cluster): nc's exchange through both
 * nodes' pipelines, the connections each node's conntrack (zone 65520) holds afterwards as OVS 3.1 prints them
 * (the states follow refdata/ovs/conntrack, see ConntrackTcpRefdataTest), and the SYN on the underlay in Geneve.
 */
class AntreaTcpTest {
    private final Lab lab = AntreaClusterTest.cluster();
    private final MemoryCapture pod = new MemoryCapture();
    private final MemoryCapture underlay = new MemoryCapture();

    AntreaTcpTest() {
        lab.capture("frontend", "eth0", pod);
        lab.capture("worker1", "eth0", underlay);
    }

    private ToolContext start(String node, String line, String stdin, StringWriter out) {
        return lab.start(node, List.of(line.split(" ")), new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
    }

    private List<byte[]> tcpFrom(MemoryCapture c, int l3) {
        return c.records().stream().map(PcapRecord::data)
                .filter(f -> f.length > l3 + 20 && Bytes.u16(f, l3 - 2) == 0x0800 && f[l3 + 9] == 6).toList();
    }

    private String conntrack(String node) {
        return lab.exec(node, "ovs-appctl dpctl/dump-conntrack").stdout();
    }

    @Test
    void aLineCrossesNodesAndBothConntracksSeeTheClosedConnection() {
        StringWriter served = new StringWriter();
        ToolContext server = start("backend2", "nc -l 80", null, served);
        ToolContext client = start("frontend", "nc -N backend2 80", "hi\n", new StringWriter());
        lab.await(client);
        lab.await(server);
        lab.runFor(1_000_000);
        assertThat(client.exitCode()).isZero();
        assertThat(served.toString()).isEqualTo("hi\n");
        String front = lab.resolver().resolve("frontend").toString();
        String back = lab.resolver().resolve("backend2").toString();
        int sport = Bytes.u16(tcpFrom(pod, 14).get(0), 34);
        // both FINs acknowledged: FIN_WAIT_2 on both sides, which the non-verbose dump coalesces to TIME_WAIT
        String entry = "tcp,orig=(src=" + front + ",dst=" + back + ",sport=" + sport + ",dport=80),reply=(src=" + back
                + ",dst=" + front + ",sport=80,dport=" + sport + "),zone=65520,protoinfo=(state=TIME_WAIT)\n";
        assertThat(conntrack("worker1")).isEqualTo(entry);
        assertThat(conntrack("worker2")).isEqualTo(entry);
    }

    @Test
    void anOpenConnectionIsEstablishedAndAClosedPortsResetEndsIt() {
        start("backend2", "nc -l 8080", null, new StringWriter());
        start("frontend", "nc backend2 8080", null, new StringWriter());
        lab.runFor(1_000_000);
        assertThat(conntrack("worker1")).endsWith("protoinfo=(state=ESTABLISHED)\n");
        assertThat(conntrack("worker2")).endsWith("protoinfo=(state=ESTABLISHED)\n");
        ToolContext refused = start("frontend", "nc -z backend2 81", null, new StringWriter());
        lab.await(refused);
        assertThat(refused.exitCode()).isEqualTo(1);
        // the SYN committed the connection, the RST (valid: it acknowledges the SYN) closed it
        assertThat(conntrack("worker1").lines().filter(l -> l.contains("dport=81)")))
                .singleElement().asString().endsWith("protoinfo=(state=TIME_WAIT)");
    }

    /**
     * The SYN frontend sent, on worker1's underlay: geneve_xmit_skb()'s outer headers (DF, TTL 64, UDP to 6081 with
     * a full checksum, Geneve version 0 with no options, TEB, VNI 0) around the frame table 70 rewrote (the virtual
     * MAC, the gateway's source, TTL 63, IP checksum updated). The outer IP id and UDP source port are the kernel's
     * random choices, covered by the checksums.
     */
    @Test
    void aSynCrossesTheUnderlayInGeneveByteForByte() {
        start("backend2", "nc -l 80", null, new StringWriter());
        lab.await(start("frontend", "nc -z backend2 80", null, new StringWriter()));
        byte[] syn = tcpFrom(pod, 14).get(0);
        assertThat(syn[47]).isEqualTo((byte) 0x02);
        byte[] f = underlay.records().stream().map(PcapRecord::data)
                .filter(x -> x.length > 50 + 34 && Bytes.u16(x, 36) == 6081 && x[50 + 23] == 6).findFirst().orElseThrow();
        byte[] inner = syn.clone();
        Bytes.put48(inner, 0, AntreaClusterTest.VIRTUAL_MAC);
        Bytes.put48(inner, 6, lab.host("worker1").stack().device("antrea-gw0").mac().bits());
        inner[22] = 63;
        Bytes.put16(inner, 24, 0);
        Bytes.put16(inner, 24, InternetChecksum.compute(inner, 14, 20));
        byte[] expected = new byte[50 + inner.length];
        Bytes.put48(expected, 0, lab.host("worker2").stack().device("eth0").mac().bits());
        Bytes.put48(expected, 6, lab.host("worker1").stack().device("eth0").mac().bits());
        Bytes.put16(expected, 12, 0x0800);
        expected[14] = 0x45;
        Bytes.put16(expected, 16, expected.length - 14);
        Bytes.put16(expected, 18, Bytes.u16(f, 18)); // ip_idents
        Bytes.put16(expected, 20, 0x4000);
        expected[22] = 64;
        expected[23] = 17;
        Bytes.put32(expected, 26, lab.resolver().resolve("worker1").bits());
        Bytes.put32(expected, 30, lab.resolver().resolve("worker2").bits());
        Bytes.put16(expected, 24, InternetChecksum.compute(expected, 14, 20));
        Bytes.put16(expected, 34, Bytes.u16(f, 34)); // the inner flow's hash
        Bytes.put16(expected, 36, 6081);
        Bytes.put16(expected, 38, expected.length - 34);
        Bytes.put16(expected, 44, 0x6558);
        System.arraycopy(inner, 0, expected, 50, inner.length);
        long sum = InternetChecksum.pseudoHeader(Bytes.i32(expected, 26), Bytes.i32(expected, 30), 17,
                expected.length - 34);
        Bytes.put16(expected, 40, InternetChecksum.finish(InternetChecksum.add(sum, expected, 34, expected.length - 34)));
        assertThat(Arrays.equals(f, expected)).as("underlay SYN\n%s\n%s", hex(f), hex(expected)).isTrue();
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}

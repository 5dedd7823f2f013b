package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.flow.TraceflowHop;
import io.arplab.lab.Lab;
import io.arplab.lab.Traceflow;
import io.arplab.observe.MemoryCapture;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.pcap.PcapRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The ClusterIP service of examples/antrea-cluster/service-lab.yaml (backendsvc, 10.104.65.133:80 to backend1 and
 * backend2) as AntreaProxy does it in OVS: the client's node picks an endpoint with the service's select group,
 * DNATs the connection in zone 65520 (EndpointDNAT) before the tunnel, and un-NATs the replies in table 30 with
 * ct(nat); traceflow shows those decisions and picks the endpoint the datapath picks.
 */
class AntreaServiceTest {
    private static final String CLUSTER_IP = "10.104.65.133";
    private final Lab lab = TopologyBuilder.build(TopologyLoader.load(
            Path.of("examples/antrea-cluster/service-lab.yaml")).topology(), 1); // seed 1, as arplab run
    private final MemoryCapture pod = new MemoryCapture();
    private final MemoryCapture underlay = new MemoryCapture();
    private final StringWriter served1 = new StringWriter(), served2 = new StringWriter();

    AntreaServiceTest() {
        lab.capture("frontend", "eth0", pod);
        lab.capture("worker1", "eth0", underlay);
    }

    private ToolContext start(String node, String line, String stdin, StringWriter out) {
        return lab.start(node, List.of(line.split(" ")), new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
    }

    /** Both endpoints listen, frontend sends one line to the ClusterIP; returns the endpoint that got it. */
    private String connect(String line) {
        return connect(line, List.of("nc", "-N", CLUSTER_IP, "80"));
    }

    private String connect(String line, List<String> nc) {
        ToolContext s1 = start("backend1", "nc -l 80", null, served1);
        ToolContext s2 = start("backend2", "nc -l 80", null, served2);
        StringWriter err = new StringWriter();
        ToolContext client = lab.start("frontend", nc, new PrintWriter(
                new StringWriter(), true), new PrintWriter(err, true), line.getBytes(StandardCharsets.UTF_8));
        lab.await(client);
        lab.runFor(1_000_000);
        assertThat(client.exitCode()).as(err.toString()).isZero();
        String chosen = served1.toString().contains(line) ? "backend1" : served2.toString().contains(line)
                ? "backend2" : null;
        assertThat(chosen).as("an endpoint got the line").isNotNull();
        s1.interrupt();
        s2.interrupt();
        lab.runFor(1_000_000);
        return chosen;
    }

    private List<byte[]> tcp(MemoryCapture c, int l3) {
        return c.records().stream().map(PcapRecord::data)
                .filter(f -> f.length > l3 + 20 && Bytes.u16(f, l3 - 2) == 0x0800 && f[l3 + 9] == 6).toList();
    }

    private String ip(String name) {
        return lab.resolver().resolve(name).toString();
    }

    @Test
    void theClientTalksToTheClusterIpAndItsNodeHoldsTheNatEntry() {
        String endpoint = connect("hi\n");
        String front = ip("frontend");
        List<byte[]> frames = tcp(pod, 14);
        assertThat(frames).isNotEmpty();
        int sport = 0;
        for (byte[] f : frames) {
            String src = Ipv4Address.read(f, 26).toString(), dst = Ipv4Address.read(f, 30).toString();
            if (src.equals(front)) { // what the client sends goes to the ClusterIP
                assertThat(dst).isEqualTo(CLUSTER_IP);
                assertThat(Bytes.u16(f, 36)).isEqualTo(80);
                sport = Bytes.u16(f, 34);
            } else { // every reply comes from it: table 30's ct(nat) reversed the DNAT
                assertThat(src).isEqualTo(CLUSTER_IP);
                assertThat(Bytes.u16(f, 34)).isEqualTo(80);
            }
        }
        // the client's node: orig to the ClusterIP, reply from the endpoint, marked 0x21 (33) by EndpointDNAT
        assertThat(lab.exec("worker1", "ovs-appctl dpctl/dump-conntrack").stdout()).isEqualTo("tcp,orig=(src="
                + front + ",dst=" + CLUSTER_IP + ",sport=" + sport + ",dport=80),reply=(src=" + ip(endpoint)
                + ",dst=" + front + ",sport=80,dport=" + sport + "),zone=65520,mark=33,protoinfo=(state=TIME_WAIT)\n");
    }

    @Test
    void theTunnelCarriesTheEndpointsAddressAndTheEndpointsNodeSeesNoClusterIp() {
        String endpoint = connect("hi\n");
        // precondition of this lab's seed: the group picked the remote endpoint (the bucket is asserted below)
        assertThat(endpoint).isEqualTo("backend2");
        List<byte[]> inner = underlay.records().stream().map(PcapRecord::data)
                .filter(f -> Bytes.u16(f, 12) == 0x0800 && f[23] == 17 && Bytes.u16(f, 36) == 6081)
                .map(f -> java.util.Arrays.copyOfRange(f, 50 + (f[42] & 0x3f) * 4, f.length)).toList();
        List<byte[]> syns = inner.stream().filter(f -> Bytes.u16(f, 12) == 0x0800 && f[23] == 6
                && (f[47] & 0x12) == 0x02).toList();
        assertThat(syns).singleElement().satisfies(f -> {
            assertThat(Ipv4Address.read(f, 26).toString()).isEqualTo(ip("frontend"));
            assertThat(Ipv4Address.read(f, 30).toString()).isEqualTo(ip("backend2"));
        });
        assertThat(lab.exec("worker2", "ovs-appctl dpctl/dump-conntrack").stdout())
                .doesNotContain(CLUSTER_IP).contains("dst=" + ip("backend2") + ",").doesNotContain("mark=");
    }

    private static final Pattern BUCKET = Pattern.compile("bucket(\\d):packet_count=(\\d+)");

    @Test
    void eachConnectionGoesToTheEndpointOfTheBucketTheSelectGroupCounts() {
        int[] delivered = new int[2];
        for (int i = 0; i < 8; i++) { // each nc binds a new ephemeral port: a new 5-tuple, a new dp_hash
            delivered[connect("line" + i + "\n").equals("backend1") ? 0 : 1]++;
        }
        // a megaflow hit's group stats are credited at the revalidator's stats push (xlate_push_stats(), XC_GROUP)
        lab.exec("worker1", "ovs-appctl revalidator/wait");
        String stats = lab.exec("worker1", "ovs-ofctl -O OpenFlow13 dump-group-stats br-int").stdout();
        // bucket 0 loads backend1's address, bucket 1 backend2's (dump-groups): the first packet of each connection
        // goes through the group, the rest follow conntrack's NAT
        assertThat(lab.exec("worker1", "ovs-ofctl -O OpenFlow13 dump-groups br-int").stdout())
                .contains("bucket=weight:100,actions=load:0x" + Integer.toHexString(lab.resolver().resolve("backend1")
                        .bits()) + "->NXM_NX_REG3[]");
        int[] counted = new int[2];
        Matcher m = BUCKET.matcher(stats);
        while (m.find()) {
            counted[Integer.parseInt(m.group(1))] = Integer.parseInt(m.group(2));
        }
        assertThat(counted).containsExactly(delivered);
        assertThat(delivered[0] + delivered[1]).isEqualTo(8);
        assertThat(delivered).as("the hash spreads connections over both endpoints").doesNotContain(0);
    }

    @Test
    void traceflowShowsTheGroupAndTheDnatAndPicksWhatTheDatapathPicks() {
        Traceflow.Report r = Traceflow.run(lab, "frontend", CLUSTER_IP, "tcp", 80);
        assertThat(r.verdict()).isEqualTo("delivered");
        Traceflow.Hop w1 = r.hops().get(0);
        List<TraceflowHop.Table> t = w1.decisions().tables;
        assertThat(t).extracting(TraceflowHop.Table::table).containsSubsequence(30, 31, 40, 41, 42, 50, 70, 105, 110);
        assertThat(t).filteredOn(x -> x.table() == 41).singleElement()
                .satisfies(x -> assertThat(x.actions()).endsWith(",group:1"));
        TraceflowHop.Table dnat = t.stream().filter(x -> x.table() == 42).findFirst().orElseThrow();
        Matcher m = Pattern.compile("nat\\(dst=([0-9.]+):80\\)").matcher(dnat.actions());
        assertThat(m.find()).isTrue();
        String endpoint = lab.resolver().reverse(Ipv4Address.parse(m.group(1)));
        assertThat(w1.decisions().conntrack).extracting(TraceflowHop.Ct::commit).contains(true);
        assertThat(r.hops().get(r.hops().size() - 1).result()).startsWith("delivered to pod " + endpoint + " ");
        // traceflow's SYN leaves from port 10000: a real connection from that port hashes to the same bucket
        assertThat(connect("hi\n", List.of("nc", "-p", "10000", "-N", CLUSTER_IP, "80"))).isEqualTo(endpoint);
    }
}

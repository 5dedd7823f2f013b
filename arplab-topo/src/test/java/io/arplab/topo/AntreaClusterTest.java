package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.arplab.lab.Lab;
import io.arplab.observe.MemoryCapture;
import io.arplab.testing.RealTools;
import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapWriter;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import io.arplab.wire.Bytes;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.PcapRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's three-node Antrea cluster from {@code examples/antrea-cluster/lab.yaml}: the generated flows against
 * what the real cluster showed (refdata/antrea), pod-to-pod pings across nodes with ARP answered by the responder
 * and nothing but Geneve between the nodes, the inner frames rewritten as the seed describes.
 */
class AntreaClusterTest {
    static final long VIRTUAL_MAC = 0xaabbccddeeffL;

    static Lab cluster() {
        return TopologyBuilder.build(TopologyLoader.load(Path.of("examples/antrea-cluster/lab.yaml")).topology(), 0);
    }

    private static List<String> refdata(String name) throws Exception {
        return Files.readAllLines(Path.of(AntreaClusterTest.class.getResource("/refdata/antrea/" + name).toURI()));
    }

    private static String gwMac(Lab lab, String node) {
        return lab.host(node).stack().device("antrea-gw0").mac().toString();
    }

    @Test
    void table20IsTheSeedsArpResponder() throws Exception {
        Lab lab = cluster();
        String dump = lab.exec("worker1", "ovs-ofctl dump-flows br-int table=20 --no-stats").stdout();
        assertThat(dump.lines().toList()).isEqualTo(refdata("worker1-table20.txt"));
    }

    @Test
    void table70ForwardsAsTheSeedsWorker1() throws Exception {
        Lab lab = cluster();
        String gw = gwMac(lab, "worker1");
        List<String> real = refdata("worker1-table70.txt").stream().map(l -> l.replace("4e:99:08:c1:53:be", gw))
                .toList();
        List<String> ours = lab.exec("worker1", "ovs-ofctl dump-flows br-int table=70 --no-stats").stdout().lines()
                .toList();
        // the gateway's, the peers' and the table-miss flows are the real ones; pods' follow the real template
        assertThat(ours.stream().filter(l -> !l.contains("0x1030000000000")).toList())
                .isEqualTo(real.stream().filter(l -> !l.contains("0x1030000000000")).toList());
        String template = real.stream().filter(l -> l.contains("nw_dst=10.222.1.47 ")).findFirst().orElseThrow();
        for (String pod : List.of("frontend", "backend1")) {
            String ip = lab.resolver().resolve(pod).toString();
            String mac = lab.host(pod).stack().device("eth0").mac().toString();
            assertThat(ours).contains(template.replace("10.222.1.47 ", ip + " ").replace("f2:32:d8:07:e2:a6", mac));
        }
    }

    @Test
    void nodesHaveAntreasOnLinkRoutesToThePeersGateways() {
        Lab lab = cluster();
        assertThat(lab.exec("worker2", "ip route").stdout()).isEqualTo(
                "10.79.1.0/24 dev eth0 proto kernel scope link src 10.79.1.202 \n"
                + "10.222.0.0/24 via 10.222.0.1 dev antrea-gw0 onlink \n"
                + "10.222.1.0/24 via 10.222.1.1 dev antrea-gw0 onlink \n"
                + "10.222.2.0/24 dev antrea-gw0 proto kernel scope link src 10.222.2.1 \n");
    }

    @Test
    void podsPingAcrossNodesInGeneveWithNoArpInTheTunnel() {
        Lab lab = cluster();
        MemoryCapture underlay = new MemoryCapture();
        lab.capture("worker1", "eth0", underlay);
        Lab.Result r = lab.exec("frontend", "ping -c2 backend2");
        assertThat(r.stdout()).contains("64 bytes from backend2 (10.222.2.2): icmp_seq=1 ttl=62")
                .contains("2 packets transmitted, 2 received");
        List<byte[]> frames = underlay.records().stream().map(PcapRecord::data).toList();
        // between the nodes: their own ARP, then only Geneve (UDP 6081); the pods' ARP stayed on their node
        for (byte[] f : frames) {
            if (Bytes.u16(f, 12) == 0x0806) {
                assertThat(Bytes.u32(f, 38) >>> 8).isEqualTo(0x0a4f01L); // 10.79.1.x asked for
                continue;
            }
            assertThat(Bytes.u16(f, 36)).isEqualTo(6081);
            assertThat(Bytes.u16(f, 50 + 12)).isEqualTo(0x0800); // the inner frame is IP, never ARP
        }
        byte[] request = frames.stream().filter(f -> Bytes.u16(f, 12) == 0x0800).findFirst().orElseThrow();
        byte[] inner = Arrays.copyOfRange(request, 50, request.length);
        assertThat(Bytes.u48(inner, 0)).isEqualTo(VIRTUAL_MAC);
        assertThat(MacAddress.of(Bytes.u48(inner, 6)).toString()).isEqualTo(gwMac(lab, "worker1"));
        assertThat(inner[14 + 8]).isEqualTo((byte) 63); // frontend's 64, once through worker1's table 70
        // frontend resolved only its own gateway; worker1 resolved worker2 on the underlay
        assertThat(lab.exec("frontend", "ip neigh").stdout()).startsWith("10.222.1.1 dev eth0 lladdr "
                + gwMac(lab, "worker1"));
        // br-int, down as OVS leaves it (Antrea sets up antrea-gw0 alone), took no part: the flooded ARP request
        // reached antrea-gw0 only, so worker1 learned frontend there and answered once
        assertThat(lab.exec("worker1", "ip link show br-int").stdout()).contains("<BROADCAST,MULTICAST> ")
                .contains(" state DOWN ");
        assertThat(lab.exec("worker1", "ip neigh").stdout()).contains("10.222.1.2 dev antrea-gw0 lladdr ")
                .doesNotContain("dev br-int");
        // and OVS shows its local port so (ofport_open(): a netdev not up is PORT_DOWN, without carrier LINK_DOWN)
        assertThat(lab.exec("worker1", "ovs-ofctl show br-int").stdout())
                .containsPattern(" LOCAL\\(br-int\\): addr:[0-9a-f:]+\n     config:     PORT_DOWN\n"
                        + "     state:      LINK_DOWN\n");
    }

    /**
     * br-int, never opened, has noop_qdisc as the kernel gives a registered device until dev_activate(); once up and
     * down it keeps noqueue (refdata/local/qdisc/qdisc.out, a kernel bridge named br-int; ifindex and MAC aside).
     */
    @Test
    void aNeverOpenedBrIntShowsTheKernelsQdisc() throws Exception {
        Lab lab = cluster();
        List<String> rec = Files.readAllLines(Path.of(AntreaClusterTest.class.getResource(
                "/refdata/local/qdisc/qdisc.out").toURI()));
        String mac = lab.host("worker1").stack().device("br-int").mac().toString();
        int ifindex = lab.host("worker1").stack().device("br-int").ifindex;
        int compared = 0;
        for (int i = 0; i < rec.size(); i++) {
            if (!rec.get(i).startsWith("$ ")) {
                continue;
            }
            StringBuilder want = new StringBuilder();
            int j = i + 1;
            for (; !rec.get(j).startsWith("[exit "); j++) {
                want.append(rec.get(j)).append('\n');
            }
            String got = lab.exec("worker1", rec.get(i).substring(2)).stdout().replace(mac, "02:00:00:00:00:01")
                    .replace(ifindex + ": br-int", "2: br-int").replace("\"ifindex\":" + ifindex + ",", "\"ifindex\":2,");
            assertThat(got).as(rec.get(i)).isEqualTo(want.toString());
            compared++;
            i = j;
        }
        assertThat(compared).isEqualTo(6);
    }

    @Test
    void aNodeReachesARemotePodThroughTheResponderAndTheTunnel() {
        Lab lab = cluster();
        assertThat(lab.exec("worker1", "ping -c1 backend2").stdout()).contains("1 received");
        // the on-link gateway of worker2's CIDR resolved to the virtual MAC by worker1's table 20
        assertThat(lab.exec("worker1", "ip neigh show dev antrea-gw0").stdout())
                .contains("10.222.2.1 lladdr aa:bb:cc:dd:ee:ff REACHABLE");
    }

    @Test
    void megaflowsAfterOnePingMatchTheTunnelKeyAndCommitSetTunnel() {
        Lab lab = cluster();
        assertThat(lab.exec("frontend", "ping -c2 backend2").exitCode()).isZero();
        String w2 = lab.exec("worker2", "ovs-appctl dpctl/dump-flows").stdout();
        // what arrives from worker1: matched on the tunnel key (tnl_wc_init()), sent to conntrack zone 65520
        assertThat(w2).contains("tunnel(tun_id=0x0,src=10.79.1.201,dst=10.79.1.202,flags(-df+csum+key)),"
                + "recirc_id(0),in_port(6081),packet_type(ns=0,id=0),eth_type(0x0800),ipv4(frag=no), packets:1, "
                + "bytes:98, used:0.000s, actions:ct(zone=65520),recirc(0x1)\n");
        // the established reply (the second) leaves for worker1 in one pass, as the seed's recirc_id(0x15) line
        // (OVS 3.1's dec_ttl also matches the protocol, which the seed's OVS 2.14 did not)
        String gw2 = gwMac(lab, "worker2");
        assertThat(w2).containsPattern("ct_state\\(-new\\+est-inv\\+trk\\),ct_mark\\(0\\),recirc_id\\(0x\\w+\\),"
                + "in_port\\(3\\),packet_type\\(ns=0,id=0\\),eth\\(src=[0-9a-f:]+,dst=" + gw2 + "\\),"
                + "eth_type\\(0x0800\\),ipv4\\(dst=10.222.1.2/255.255.255.0,proto=1,tos=0/0x3,ttl=64,frag=no\\), "
                + "packets:1, bytes:98, used:0.000s, actions:set\\(tunnel\\(tun_id=0x0,dst=10.79.1.201,ttl=64,"
                + "tp_dst=6081,flags\\(df\\|csum\\|key\\)\\)\\),set\\(eth\\(src=" + gw2
                + ",dst=aa:bb:cc:dd:ee:ff\\)\\),set\\(ipv4\\(ttl=63\\)\\),6081\n");
    }

    @Test
    void theRealTcpdumpReadsTheUnderlayAsArplabPrintsIt(@TempDir Path dir) throws Exception {
        assumeTrue(RealTools.has("tcpdump"), "tcpdump is not installed");
        Lab lab = cluster();
        MemoryCapture underlay = new MemoryCapture();
        lab.capture("worker1", "eth0", underlay);
        assertThat(lab.exec("frontend", "ping -c2 backend2").exitCode()).isZero();
        Path pcap = dir.resolve("underlay.pcap");
        try (PcapWriter w = PcapWriter.create(pcap)) {
            underlay.records().forEach(w::write);
        }
        RealTools.Result real = RealTools.run(List.of("tcpdump", "-n", "-vv", "-tt", "-r", pcap.toString()));
        StringBuilder ours = new StringBuilder();
        TcpdumpPrinter printer = new TcpdumpPrinter(new TcpdumpOptions(true, false, 2,
                TcpdumpOptions.TimestampStyle.EPOCH, 0, java.time.ZoneId.of("UTC")));
        for (PcapRecord r : PcapReader.readAll(pcap)) {
            printer.print(r, ours);
        }
        assertThat(ours.toString()).isEqualTo(real.out());
        // the outer checksums tcpdump verifies: IP header and the full UDP checksum of csum=true
        assertThat(real.out().split("\\[udp sum ok\\] Geneve", -1)).hasSize(5);
        assertThat(real.out()).doesNotContain("bad");
    }

    @Test
    void udpCrossesTheTunnelAndThePortUnreachableComesBack() {
        // traceroute's UDP probes: the two dec_ttl hops drop what expires (no controller to answer), the third
        // probe TTL reaches backend2, whose port unreachable returns through worker2's and worker1's pipelines
        String out = cluster().exec("frontend", "traceroute -n backend2").stdout();
        // (the times are the model's veth latencies, not a recording: only their form is asserted)
        assertThat(out.lines().toList()).hasSize(4).startsWith(
                "traceroute to backend2 (10.222.2.2), 30 hops max, 60 byte packets", " 1  * * *", " 2  * * *");
        assertThat(out.lines().toList().get(3)).matches(" 3  10\\.222\\.2\\.2( {2}0\\.0[0-9]{2} ms){3}");
    }

    @Test
    void theSameSeedGivesTheSameUnderlayBytes() {
        List<List<byte[]>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Lab lab = cluster();
            MemoryCapture underlay = new MemoryCapture();
            lab.capture("worker2", "eth0", underlay);
            assertThat(lab.exec("backend1", "ping -c2 backend2").exitCode()).isZero();
            runs.add(underlay.records().stream().map(PcapRecord::data).toList());
        }
        assertThat(runs.get(1)).hasSameSizeAs(runs.get(0));
        for (int i = 0; i < runs.get(0).size(); i++) {
            assertThat(runs.get(1).get(i)).isEqualTo(runs.get(0).get(i));
        }
    }
}

package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.device.OvsBridge;
import io.arplab.flow.Datapath;
import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParser;
import io.arplab.flow.OfVersion;
import io.arplab.flow.Ofproto;
import io.arplab.observe.MemoryCapture;
import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.PcapRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Geneve on the underlay (RFC 8926) between two nodes, each a host with eth0 on a Linux bridge and its own OVS
 * bridge (own datapath) with a Geneve port as Antrea configures it (remote_ip=flow, key=flow, csum=true) and one
 * pod: the frame on the wire is the one geneve_xmit_skb() builds around the pipeline's rewritten inner frame, and
 * the receiving node's datapath sees the outer addresses as its tunnel key.
 */
class GeneveTunnelTest {
    static final MacAddress W1 = MacAddress.parse("02:79:01:00:01:c9"), W2 = MacAddress.parse("02:79:01:00:01:ca");
    static final MacAddress GW1 = MacAddress.parse("4e:99:08:c1:53:be"), GW2 = MacAddress.parse("4e:99:08:c1:53:bf");
    static final MacAddress POD1 = MacAddress.parse("f2:32:d8:07:e2:a6"), POD2 = MacAddress.parse("6e:9e:5a:3e:3f:e8");
    static final long VMAC = 0xaabbccddeeffL;

    private static OvsBridge node(Lab lab, LinuxBridge underlay, String name, MacAddress mac, int n, MacAddress gw,
                                  String csum) {
        Host h = lab.addHost(name);
        lab.attach(h, "eth0", mac, "10.79.1." + (200 + n) + "/24", underlay, "veth-" + name, MacAddress.of(0xee00 + n));
        Ofproto of = new Ofproto("br-" + name, 0xaa55aa550100L + n, n, new Datapath(false)); // kernel datapath
        OvsBridge br = lab.addOvsBridge(of, h);
        lab.addOvsTunnelPort(br, "tun0", 1, MacAddress.of(0xaa55aa550001L),
                Map.of("remote_ip", "flow", "key", "flow", "csum", csum));
        lab.addOvsInternalPort(br, "gw0", 2, gw, "10.222." + n + ".1/24");
        return br;
    }

    private static void flows(OvsBridge br, String... lines) {
        for (String l : lines) {
            FlowMod fm = FlowParser.parse(l, FlowMod.Command.ADD, br.ofproto().portMap());
            br.ofproto().tables.apply(fm, OfVersion.OF15, 0);
        }
    }

    /** pod1 (10.222.1.2 on w1) and pod2 (10.222.2.2 on w2); each node's flows tunnel to the other's subnet. */
    static Lab lab(String csum) {
        Lab lab = new Lab(7);
        lab.addHost("host");
        LinuxBridge underlay = lab.addBridge("underlay", MacAddress.parse("02:79:01:00:01:01"), null, null);
        OvsBridge b1 = node(lab, underlay, "w1", W1, 1, GW1, csum);
        OvsBridge b2 = node(lab, underlay, "w2", W2, 2, GW2, csum);
        lab.attachOvs(lab.addHost("pod1"), "eth0", POD1, "10.222.1.2/24", b1, "pod1-veth", MacAddress.of(0xee01), 3);
        lab.attachOvs(lab.addHost("pod2"), "eth0", POD2, "10.222.2.2/24", b2, "pod2-veth", MacAddress.of(0xee02), 3);
        for (String[] p : new String[][] {{"pod1", "10.222.2.0/24", "10.222.1.1"}, {"pod2", "10.222.1.0/24",
            "10.222.2.1"}}) {
            assertThat(lab.exec(p[0], "ip route add " + p[1] + " via " + p[2]).exitCode()).isZero();
            assertThat(lab.exec(p[0], "ip neigh add " + p[2] + " lladdr aa:bb:cc:dd:ee:ff dev eth0").exitCode())
                    .isZero();
        }
        flows(b1, "priority=100,ip,in_port=3,nw_dst=10.222.2.0/24 actions=mod_dl_src:" + GW1
                        + ",set_field:10.79.1.202->tun_dst,dec_ttl,output:1",
                "priority=100,ip,in_port=1,nw_dst=10.222.1.2 actions=mod_dl_src:" + GW1 + ",mod_dl_dst:" + POD1
                        + ",dec_ttl,output:3");
        flows(b2, "priority=100,ip,in_port=3,nw_dst=10.222.1.0/24 actions=mod_dl_src:" + GW2
                        + ",load:0xa4f01c9->NXM_NX_TUN_IPV4_DST[],dec_ttl,output:1",
                "priority=100,ip,in_port=1,nw_dst=10.222.2.2 actions=mod_dl_src:" + GW2 + ",mod_dl_dst:" + POD2
                        + ",dec_ttl,output:3");
        return lab;
    }

    @Test
    void podPingCrossesTheUnderlayInGeneveAndComesBack() {
        Lab lab = lab("true");
        MemoryCapture wire = new MemoryCapture();
        lab.capture("w1", "eth0", wire);
        MemoryCapture pod1 = new MemoryCapture();
        lab.capture("pod1", "eth0", pod1);
        Lab.Result r = lab.exec("pod1", "ping -c1 10.222.2.2");
        assertThat(r.stdout()).contains("1 packets transmitted, 1 received").contains("ttl=62");

        List<byte[]> geneve = wire.records().stream().map(PcapRecord::data)
                .filter(f -> Bytes.u16(f, 12) == 0x0800).toList();
        assertThat(geneve).hasSize(2);
        byte[] request = geneve.get(0);
        byte[] sent = pod1.records().get(0).data();
        assertGeneve(request, W1, W2, "10.79.1.201", "10.79.1.202", true, inner(sent, GW1.bits(), VMAC));
        byte[] reply = geneve.get(1);
        byte[] echoed = Arrays.copyOfRange(reply, 50, reply.length);
        assertThat(Bytes.u48(echoed, 6)).isEqualTo(GW2.bits());
        assertThat(echoed[14 + 8]).isEqualTo((byte) 63); // pod2's 64, once through w2's dec_ttl
        assertGeneve(reply, W2, W1, "10.79.1.202", "10.79.1.201", true, echoed);
    }

    @Test
    void withoutCsumTheUdpChecksumIsZero() {
        Lab lab = lab("false");
        MemoryCapture wire = new MemoryCapture();
        lab.capture("w1", "eth0", wire);
        assertThat(lab.exec("pod1", "ping -c1 10.222.2.2").exitCode()).isZero();
        byte[] f = wire.records().stream().map(PcapRecord::data).filter(x -> Bytes.u16(x, 12) == 0x0800)
                .findFirst().orElseThrow();
        assertThat(Bytes.u16(f, 34 + 6)).isZero();
    }

    @Test
    void theReceivingDatapathMatchesTheTunnelKeyAndTheSenderCommitsSetTunnel() {
        Lab lab = lab("true");
        assertThat(lab.exec("pod1", "ping -c1 10.222.2.2").exitCode()).isZero();
        String w1 = lab.exec("w1", "ovs-appctl dpctl/dump-flows").stdout();
        assertThat(w1).contains("actions:set(tunnel(tun_id=0x0,dst=10.79.1.202,ttl=64,tp_dst=6081,"
                + "flags(df|csum|key))),set(eth(src=4e:99:08:c1:53:be)),set(ipv4(ttl=63)),6081\n"); // genev_sys_6081: choose_port() takes the number in the name
        String w2 = lab.exec("w2", "ovs-appctl dpctl/dump-flows").stdout();
        assertThat(w2).contains("tunnel(tun_id=0x0,src=10.79.1.201,dst=10.79.1.202,flags(-df+csum+key)),"
                + "recirc_id(0),in_port(6081),");
    }

    /** The frame pod1 sent as the pipeline leaves it: new MACs, TTL 63, IP checksum updated. */
    private static byte[] inner(byte[] sent, long src, long dst) {
        byte[] f = sent.clone();
        Bytes.put48(f, 0, dst);
        Bytes.put48(f, 6, src);
        f[22] = (byte) ((f[22] & 0xff) - 1);
        Bytes.put16(f, 24, 0);
        Bytes.put16(f, 24, InternetChecksum.compute(f, 14, 20));
        return f;
    }

    /**
     * geneve_xmit_skb() with an OVS tunnel key {tun_id 0, ttl 64, tp_dst 6081, df|csum|key}: outer Ethernet to the
     * underlay neighbour, IPv4 tos 0 (the inner ECN), DF, TTL 64, UDP to 6081 with a full checksum, the 8-byte
     * Geneve header (version 0, no options, no flags, TEB, VNI 0), the inner frame. The IP id and the UDP source
     * port are the kernel's random choices (ip_idents, the flow hash seeded by hashrnd): only checked for range
     * and by the checksums that cover them.
     */
    private static void assertGeneve(byte[] f, MacAddress src, MacAddress dst, String sip, String dip, boolean csum,
                                     byte[] inner) {
        assertThat(Bytes.u48(f, 0)).isEqualTo(dst.bits());
        assertThat(Bytes.u48(f, 6)).isEqualTo(src.bits());
        assertThat(Bytes.u16(f, 12)).isEqualTo(0x0800);
        assertThat(f[14]).isEqualTo((byte) 0x45);
        assertThat(f[15]).isZero();
        assertThat(Bytes.u16(f, 16)).isEqualTo(f.length - 14);
        assertThat(Bytes.u16(f, 20)).isEqualTo(0x4000);
        assertThat(f[22]).isEqualTo((byte) 64);
        assertThat(f[23]).isEqualTo((byte) 17);
        assertThat(InternetChecksum.verify(f, 14, 20)).isTrue();
        assertThat(Bytes.i32(f, 26)).isEqualTo(Ipv4Address.parse(sip).bits());
        assertThat(Bytes.i32(f, 30)).isEqualTo(Ipv4Address.parse(dip).bits());
        assertThat(Bytes.u16(f, 34)).isBetween(1, 65535);
        assertThat(Bytes.u16(f, 36)).isEqualTo(6081);
        assertThat(Bytes.u16(f, 38)).isEqualTo(f.length - 34);
        long sum = InternetChecksum.pseudoHeader(Bytes.i32(f, 26), Bytes.i32(f, 30), 17, f.length - 34);
        assertThat(InternetChecksum.fold(InternetChecksum.add(sum, f, 34, f.length - 34))).isEqualTo(0xffff);
        assertThat(Arrays.copyOfRange(f, 42, 50)).containsExactly(0, 0, 0x65, 0x58, 0, 0, 0, 0);
        assertThat(Arrays.copyOfRange(f, 50, f.length)).isEqualTo(inner);
    }
}

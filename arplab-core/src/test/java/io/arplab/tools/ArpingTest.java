package io.arplab.tools;

import static io.arplab.lab.RecordingAssertions.assertSameOutput;
import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.SeedLabs;
import io.arplab.observe.MemoryCapture;
import io.arplab.stack.HostStack;
import io.arplab.stack.NeighbourEntry;
import io.arplab.stack.NudState;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.PcapRecord;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** arping: what it sends, what it prints, and what the kernels around it learn from its frames (arp.c rules). */
class ArpingTest {
    private static final long S = 1_000_000_000L;

    private static NeighbourEntry neigh(Lab lab, String host, String ip) {
        HostStack st = lab.host(host).stack();
        return st.neighbours().lookup(st.device("eth0"), Ipv4Address.parse(ip).bits());
    }

    private static String hex(PcapRecord r) {
        return HexFormat.of().formatHex(r.data());
    }

    @Test
    void broadcastFirstThenUnicastToTheReplier() {
        Lab lab = SeedLabs.seed(1);
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        long t0 = lab.now();
        Lab.Result r = lab.exec("node1", "arping -c 3 -I eth0 172.28.0.13");
        assertSameOutput("""
                ARPING 172.28.0.13 from 172.28.0.11 eth0
                Unicast reply from 172.28.0.13 [02:42:AC:1C:00:0D]  0.510ms
                Unicast reply from 172.28.0.13 [02:42:AC:1C:00:0D]  0.510ms
                Unicast reply from 172.28.0.13 [02:42:AC:1C:00:0D]  0.510ms
                Sent 3 probes (1 broadcast(s))
                Received 3 response(s)
                """, r.stdout());
        assertThat(r.exitCode()).isZero();
        // the interval timer's fourth expiry ends it
        assertThat(lab.now() - t0).isEqualTo(3 * S);
        List<PcapRecord> f = c.records();
        assertThat(f).hasSize(6);
        // who-has 172.28.0.13 tell 172.28.0.11, broadcast, target hardware field ff:ff:ff:ff:ff:ff (arping's)
        assertThat(hex(f.get(0))).isEqualTo("ffffffffffff0242ac1c000b0806" + "000108000604" + "0001"
                + "0242ac1c000b" + "ac1c000b" + "ffffffffffff" + "ac1c000d");
        assertThat(hex(f.get(1))).isEqualTo("0242ac1c000b0242ac1c000d0806" + "0001080006040002"
                + "0242ac1c000d" + "ac1c000d" + "0242ac1c000b" + "ac1c000b");
        // then unicast to the replier, which also becomes the target hardware address
        assertThat(hex(f.get(2))).isEqualTo("0242ac1c000d0242ac1c000b0806" + "0001080006040001"
                + "0242ac1c000b" + "ac1c000b" + "0242ac1c000d" + "ac1c000d");
        // the replies were unsolicited for node1's kernel (arp_accept=0): no entry; node3 learned node1 as STALE
        assertThat(neigh(lab, "node1", "172.28.0.13")).isNull();
        assertThat(neigh(lab, "node3", "172.28.0.11").state()).isEqualTo(NudState.STALE);
    }

    @Test
    void broadcastOnlyKeepsBroadcasting() {
        Lab lab = SeedLabs.seed(1);
        Lab.Result r = lab.exec("node1", "arping -b -c 2 -I eth0 172.28.0.12");
        assertThat(r.stdout()).endsWith("Sent 2 probes (2 broadcast(s))\nReceived 2 response(s)\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void gratuitousRequestUpdatesAnExistingEntryToTheNewMacAndCreatesNoneElsewhere() {
        Lab lab = SeedLabs.seed(1);
        // node2 knows node1 (REACHABLE after a ping), node3 does not
        lab.exec("node2", "ping -c1 172.28.0.11");
        assertThat(neigh(lab, "node2", "172.28.0.11").state()).isEqualTo(NudState.REACHABLE);
        lab.runFor(2 * S);
        HostStack n1 = lab.host("node1").stack();
        MacAddress moved = MacAddress.parse("02:42:ac:1c:00:99");
        n1.setMac(lab.now(), n1.device("eth0"), moved, (d, frame) -> { });
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        long t0 = lab.now();
        Lab.Result r = lab.exec("node1", "arping -U -c 1 -I eth0 172.28.0.11");
        assertThat(r.stdout()).isEqualTo("""
                ARPING 172.28.0.11 from 172.28.0.11 eth0
                Sent 1 probes (1 broadcast(s))
                Received 0 response(s)
                """);
        assertThat(r.exitCode()).isZero();
        assertThat(lab.now() - t0).isEqualTo(S); // 20221126 waits for the next timer expiry before it exits
        assertThat(hex(c.records().get(0))).isEqualTo("ffffffffffff0242ac1c00990806" + "0001080006040001"
                + "0242ac1c0099" + "ac1c000b" + "ffffffffffff" + "ac1c000b");
        NeighbourEntry e = neigh(lab, "node2", "172.28.0.11");
        assertThat(e.state()).isEqualTo(NudState.STALE);
        assertThat(e.lladdr()).isEqualTo(moved);
        assertThat(neigh(lab, "node3", "172.28.0.11")).isNull();
    }

    @Test
    void gratuitousReplyToo() {
        Lab lab = SeedLabs.seed(1);
        lab.exec("node2", "ping -c1 172.28.0.11");
        HostStack n1 = lab.host("node1").stack();
        MacAddress moved = MacAddress.parse("02:42:ac:1c:00:98");
        n1.setMac(lab.now(), n1.device("eth0"), moved, (d, frame) -> { });
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        Lab.Result r = lab.exec("node1", "arping -A -c 2 -I eth0 172.28.0.11");
        assertThat(r.stdout()).endsWith("Sent 2 probes (2 broadcast(s))\nReceived 0 response(s)\n");
        // ARP reply, broadcast, sha = tha = our MAC, spa = tpa
        assertThat(hex(c.records().get(0))).isEqualTo("ffffffffffff0242ac1c00980806" + "0001080006040002"
                + "0242ac1c0098" + "ac1c000b" + "0242ac1c0098" + "ac1c000b");
        NeighbourEntry e = neigh(lab, "node2", "172.28.0.11");
        assertThat(e.state()).isEqualTo(NudState.STALE);
        assertThat(e.lladdr()).isEqualTo(moved);
        assertThat(neigh(lab, "node3", "172.28.0.11")).isNull();
    }

    @Test
    void duplicateAddressDetectionFindsTheOwner() {
        Lab lab = SeedLabs.seed(1);
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        Lab.Result r = lab.exec("node1", "arping -D -c 2 -I eth0 172.28.0.13");
        assertSameOutput("""
                ARPING 172.28.0.13 from 0.0.0.0 eth0
                Unicast reply from 172.28.0.13 [02:42:AC:1C:00:0D]  0.510ms
                Sent 1 probes (1 broadcast(s))
                Received 1 response(s)
                """, r.stdout());
        assertThat(r.exitCode()).isEqualTo(1);
        // probe: sender address 0.0.0.0; the owner answers to 0.0.0.0 and learns nothing
        assertThat(hex(c.records().get(0))).isEqualTo("ffffffffffff0242ac1c000b0806" + "0001080006040001"
                + "0242ac1c000b" + "00000000" + "ffffffffffff" + "ac1c000d");
        assertThat(hex(c.records().get(1))).isEqualTo("0242ac1c000b0242ac1c000d0806" + "0001080006040002"
                + "0242ac1c000d" + "ac1c000d" + "0242ac1c000b" + "00000000");
        assertThat(neigh(lab, "node3", "172.28.0.11")).isNull();

        Lab.Result free = lab.exec("node1", "arping -D -c 2 -I eth0 172.28.0.99");
        assertThat(free.stdout()).isEqualTo("""
                ARPING 172.28.0.99 from 0.0.0.0 eth0
                Sent 2 probes (2 broadcast(s))
                Received 0 response(s)
                """);
        assertThat(free.exitCode()).isZero();
    }

    @Test
    void deadlineWithoutCountSucceedsOnAnyReply() {
        Lab lab = SeedLabs.seed(1);
        Lab.Result r = lab.exec("node1", "arping -w 2 -I eth0 172.28.0.12");
        // timer and deadline both fire at +2 s: the timer is read first and sends a third probe
        assertThat(r.stdout()).endsWith("Sent 3 probes (1 broadcast(s))\nReceived 2 response(s)\n");
        assertThat(r.exitCode()).isZero();
        Lab.Result none = lab.exec("node1", "arping -w 2 -I eth0 172.28.0.99");
        assertThat(none.stdout()).endsWith("Sent 3 probes (3 broadcast(s))\nReceived 0 response(s)\n");
        assertThat(none.exitCode()).isEqualTo(1);
        Lab.Result quit = lab.exec("node1", "arping -f -I eth0 172.28.0.12");
        assertThat(quit.stdout()).endsWith("Sent 1 probes (1 broadcast(s))\nReceived 1 response(s)\n");
        assertThat(quit.exitCode()).isZero();
    }

    @Test
    void sigintPrintsTheCounts() {
        Lab lab = SeedLabs.seed(1);
        lab.setToolLimit(2_500_000_000L);
        Lab.Result r = lab.exec("node1", "arping -I eth0 172.28.0.12");
        assertThat(r.stdout()).endsWith("Sent 3 probes (1 broadcast(s))\nReceived 3 response(s)\n");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void errors() {
        Lab lab = SeedLabs.seed(1);
        Lab.Result u = lab.exec("node1", "arping");
        assertThat(u.stderr()).isEqualTo(Arping.USAGE);
        assertThat(u.exitCode()).isEqualTo(2);
        Lab.Result bad = lab.exec("node1", "arping -z 1.2.3.4");
        assertThat(bad.stderr()).isEqualTo("arping: invalid option -- 'z'\n" + Arping.USAGE);
        check(lab, "arping -c 0 -I eth0 172.28.0.13", "", "arping: invalid argument: '0': out of range: 1 <= value <= 2147483647\n", 1);
        check(lab, "arping -I eth9 172.28.0.13", "", "arping: Device eth9 not available.\n", 2);
        check(lab, "arping -I lo 127.0.0.1", "Interface \"lo\" is not ARPable\n", "", 2);
        // SO_DONTROUTE skips the gateway route: the bound device is assumed on link (refdata/local/tools/arping.out)
        check(lab, "arping -c1 172.18.0.2",
                "ARPING 172.18.0.2 from 172.28.0.11 eth0\nSent 1 probes (1 broadcast(s))\nReceived 0 response(s)\n",
                "", 1);
        check(lab, "arping -U -c1 -I eth0 172.28.0.13", "", "arping: bind: Cannot assign requested address\n", 2);
        check(lab, "arping -c1 nosuchhost", "", "arping: nosuchhost: Name or service not known\n", 2);
        check(lab, "arping -s 1.2.3 -c1 -I eth0 172.28.0.13", "", "arping: bind: Cannot assign requested address\n", 2);
        check(lab, "arping -s x -c1 -I eth0 172.28.0.13", "", "arping: invalid source x\n", 2);
    }

    private static void check(Lab lab, String cmd, String out, String err, int rc) {
        Lab.Result r = lab.exec("node1", cmd);
        assertThat(r.stdout()).as(cmd).isEqualTo(out);
        assertThat(r.stderr()).as(cmd).isEqualTo(err);
        assertThat(r.exitCode()).as(cmd).isEqualTo(rc);
    }
}

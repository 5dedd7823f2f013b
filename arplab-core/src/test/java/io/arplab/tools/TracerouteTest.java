package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.SeedLabs;
import io.arplab.observe.MemoryCapture;
import io.arplab.wire.pcap.PcapRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** traceroute 2.1.2's default UDP method in the recordings' topology. */
class TracerouteTest {
    private static String masked(String out) {
        return out.replaceAll("\\d+\\.\\d{3} ms", "_ ms");
    }

    @Test
    void routedTraceShowsTheGatewayThenTheDestination() {
        Lab lab = SeedLabs.seed(1);
        Lab.Result r = lab.exec("node1", "traceroute 172.18.0.2");
        assertThat(masked(r.stdout())).isEqualTo("""
                traceroute to 172.18.0.2 (172.18.0.2), 30 hops max, 60 byte packets
                 1  172.28.0.1 (172.28.0.1)  _ ms  _ ms  _ ms
                 2  172.18.0.2 (172.18.0.2)  _ ms  _ ms  _ ms
                """);
        assertThat(r.exitCode()).isZero();
        lab.runFor(10_000_000_000L); // let node4's ICMP rate limit refill (the first trace used its burst)
        Lab.Result n = lab.exec("node1", "traceroute -n -q 2 172.18.0.2");
        assertThat(masked(n.stdout())).isEqualTo("""
                traceroute to 172.18.0.2 (172.18.0.2), 30 hops max, 60 byte packets
                 1  172.28.0.1  _ ms  _ ms
                 2  172.18.0.2  _ ms  _ ms
                """);
    }

    @Test
    void namesComeFromReverseResolution() {
        Lab lab = SeedLabs.seed(1);
        SeedLabs.loadHosts(lab, "172.18.0.2 node4\n");
        Lab.Result r = lab.exec("node1", "traceroute node4");
        assertThat(masked(r.stdout())).isEqualTo("""
                traceroute to node4 (172.18.0.2), 30 hops max, 60 byte packets
                 1  172.28.0.1 (172.28.0.1)  _ ms  _ ms  _ ms
                 2  node4 (172.18.0.2)  _ ms  _ ms  _ ms
                """);
    }

    @Test
    void probesAreUdpToConsecutivePortsSixteenAtATime() {
        Lab lab = SeedLabs.seed(1);
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        lab.exec("node1", "traceroute -n 172.18.0.2");
        List<String> probes = new ArrayList<>();
        for (PcapRecord r : c.records()) {
            byte[] f = r.data();
            if (f.length > 42 && f[12] == 0x08 && f[13] == 0 && f[23] == 17 && (f[26] & 0xff) == 172 && f[29] == 11) {
                int ttl = f[22] & 0xff;
                int dport = (f[36] & 0xff) << 8 | (f[37] & 0xff);
                assertThat(f.length).isEqualTo(14 + 60);
                assertThat(f[20] & 0x40).as("DF").isZero();
                assertThat(f[42]).isEqualTo((byte) 0x40);
                assertThat(f[73]).isEqualTo((byte) 0x5f);
                probes.add(ttl + ":" + dport);
            }
        }
        assertThat(probes).startsWith("1:33434", "1:33435", "1:33436", "2:33437", "2:33438", "2:33439", "3:33440");
        // 16 at once, each answered before the next leaves (refdata/local/bursts_routed.pcap): the first poll finds
        // every answer, hop 2 is final, and nothing more is sent
        assertThat(probes).hasSize(16);
    }

    @Test
    void rateLimitedDestinationLeavesHopsUnansweredOnARepeatedTrace() {
        // node4 answers a burst of 6 port unreachables per destination, then one per second (icmp_ratelimit)
        Lab lab = SeedLabs.seed(1);
        lab.exec("node1", "traceroute -n 172.18.0.2");
        Lab.Result again = lab.exec("node1", "traceroute -n 172.18.0.2");
        assertThat(masked(again.stdout())).startsWith("""
                traceroute to 172.18.0.2 (172.18.0.2), 30 hops max, 60 byte packets
                 1  172.28.0.1  _ ms  _ ms  _ ms
                 2  * * *
                """);
    }

    @Test
    void aRouterThatCannotResolveReportsHostUnreachableAfterItsArpFails() {
        Lab lab = SeedLabs.seed(1);
        long t0 = lab.now();
        Lab.Result r = lab.exec("node1", "traceroute -n -q 1 -m 3 172.18.0.99");
        assertThat(masked(r.stdout())).isEqualTo("""
                traceroute to 172.18.0.99 (172.18.0.99), 3 hops max, 60 byte packets
                 1  172.28.0.1  _ ms
                 2  172.28.0.1  _ ms !H
                """);
        // three retransmit timers on the wheel: 3.000 to 3.1 s (the recording: 3066.259 ms)
        assertThat(r.stdout()).containsPattern(" 30[0-9][0-9]\\.[0-9]{3} ms !H");
        assertThat(lab.now() - t0).isBetween(3_000_000_000L, 3_100_000_000L);
    }

    @Test
    void silentHopsExpireAfterTheWait() {
        Lab lab = SeedLabs.seed(1);
        long t0 = lab.now();
        Lab.Result r = lab.exec("node1", "traceroute -n -m 2 -w 1 172.28.0.99");
        assertThat(masked(r.stdout())).isEqualTo("""
                traceroute to 172.28.0.99 (172.28.0.99), 2 hops max, 60 byte packets
                 1  * * *
                 2  * * *
                """);
        // the wait runs from the last hop's first probe, sent after the earlier probes' sendto() returned
        assertThat(lab.now() - t0).isBetween(1_000_000_000L, 1_001_000_000L);
    }

    @Test
    void errors() {
        Lab lab = SeedLabs.seed(1);
        check(lab, "traceroute -x 1.2.3.4", "", "Bad option `-x' (argc 1)\n", 2);
        check(lab, "traceroute -m", "", "Option `-m' (argc 1) requires an argument: `-m max_ttl'\n", 2);
        check(lab, "traceroute -m abc 172.18.0.2", "", "Cannot handle `-m' option with arg `abc' (argc 2)\n", 2);
        check(lab, "traceroute -m 256 172.18.0.2", "", "max hops cannot be more than 255\n", 2);
        check(lab, "traceroute -q 11 172.18.0.2", "", "no more than 10 probes per hop\n", 2);
        check(lab, "traceroute -f 5 -m 4 172.18.0.2", "", "first hop out of range\n", 2);
        check(lab, "traceroute -n", "", "Specify \"host\" missing argument.\n", 2);
        check(lab, "traceroute nosuchhost", "",
                "nosuchhost: Name or service not known\nCannot handle \"host\" cmdline arg `nosuchhost' on position 1 (argc 1)\n", 2);
        check(lab, "traceroute 172.18.0.2 70000", "", "too big packetlen 70000 specified\n", 2);
        check(lab, "traceroute 172.18.0.2 60 x", "", "Extra arg `x' (position 3, argc 3)\n", 2);
        check(lab, "traceroute -w -1 172.18.0.2", "", "bad wait specifications `-1,0,0' used\n", 2);
        check(lab, "traceroute -n 10.1.1.1", "traceroute to 10.1.1.1 (10.1.1.1), 30 hops max, 60 byte packets",
                "", 0);
        Lab.Result noRoute = lab.exec("host", "traceroute -n 10.1.1.1");
        assertThat(noRoute.stdout()).isEqualTo("traceroute to 10.1.1.1 (10.1.1.1), 30 hops max, 60 byte packets");
        assertThat(noRoute.stderr()).isEqualTo("\nconnect: Network is unreachable\n");
        assertThat(noRoute.exitCode()).isEqualTo(1);
    }

    private static void check(Lab lab, String cmd, String out, String err, int rc) {
        Lab.Result r = lab.exec("node1", cmd);
        if (rc == 0) {
            assertThat(r.stdout()).as(cmd).startsWith(out);
            return;
        }
        assertThat(r.stdout()).as(cmd).isEqualTo(out);
        assertThat(r.stderr()).as(cmd).isEqualTo(err);
        assertThat(r.exitCode()).as(cmd).isEqualTo(rc);
    }
}

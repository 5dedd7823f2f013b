package io.arplab.tools;

import io.arplab.wire.libc.CLib;
import static io.arplab.lab.RecordingAssertions.assertSameOutput;
import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.SeedLabs;
import io.arplab.observe.MemoryCapture;
import io.arplab.wire.pcap.PcapRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ping's behaviour beyond the recordings: failed resolution, deadlines, small payloads, errors from routers. */
class PingTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static List<String> arpRequestTimes(MemoryCapture c, long origin) {
        List<String> out = new ArrayList<>();
        for (PcapRecord r : c.records()) {
            byte[] f = r.data();
            if ((f[12] & 0xff) == 0x08 && f[13] == 0x06 && f[21] == 1) {
                String dst = (f[0] & 0xff) == 0xff ? "bcast" : "ucast";
                out.add(String.format("%.3f %s who-has %d.%d.%d.%d", (r.epochNanos() - origin) / 1e9, dst,
                        f[38] & 0xff, f[39] & 0xff, f[40] & 0xff, f[41] & 0xff));
            }
        }
        return out;
    }

    @Test
    void failedResolutionReportsEachQueuedPacketOnceWhenTheEntryFails() {
        Lab lab = SeedLabs.seed(1);
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        long t0 = lab.now();
        Lab.Result r = lab.exec("node1", "ping -c3 172.28.0.99");
        assertThat(r.exitCode()).isEqualTo(1);
        assertSameOutput("""
                PING 172.28.0.99 (172.28.0.99) 56(84) bytes of data.
                From 172.28.0.11 icmp_seq=1 Destination Host Unreachable
                From 172.28.0.11 icmp_seq=2 Destination Host Unreachable
                From 172.28.0.11 icmp_seq=3 Destination Host Unreachable

                --- 172.28.0.99 ping statistics ---
                3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2000ms
                pipe 3
                """, r.stdout());
        // FAILED 1 s after the third broadcast request, each second rounded up by the timer wheel (level 1: 8
        // jiffies); the ICMP errors are local (never on the wire)
        assertThat(lab.now() - t0).isBetween(3 * S, 3 * S + 3 * 33 * MS);
        assertThat(arpRequestTimes(c, Lab.DEFAULT_EPOCH + t0)).containsExactly(
                "0.000 bcast who-has 172.28.0.99", "1.000 bcast who-has 172.28.0.99", "2.024 bcast who-has 172.28.0.99");
        assertThat(c.records()).hasSize(3);
    }

    @Test
    void aProbeDueOnTheTickResolutionFailsRestartsResolution() {
        Lab lab = SeedLabs.seed(1);
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        long t0 = lab.now();
        Lab.Result r = lab.exec("node1", "ping -c6 172.28.0.99");
        assertThat(r.exitCode()).isEqualTo(1);
        assertSameOutput("""
                PING 172.28.0.99 (172.28.0.99) 56(84) bytes of data.
                From 172.28.0.11 icmp_seq=1 Destination Host Unreachable
                From 172.28.0.11 icmp_seq=2 Destination Host Unreachable
                From 172.28.0.11 icmp_seq=3 Destination Host Unreachable
                From 172.28.0.11 icmp_seq=4 Destination Host Unreachable
                From 172.28.0.11 icmp_seq=5 Destination Host Unreachable
                From 172.28.0.11 icmp_seq=6 Destination Host Unreachable

                --- 172.28.0.99 ping statistics ---
                6 packets transmitted, 0 received, +6 errors, 100% packet loss, time 5000ms
                pipe 4
                """, r.stdout());
        // as refdata/local/failed_resolution.pcap shows: the fourth probe leaves after the neighbour timer of its
        // tick made the entry FAILED, so it resolves anew at once (no gap in the requests), and the second
        // resolution fails 3 s later with probes 4 to 6 queued
        assertThat(arpRequestTimes(c, Lab.DEFAULT_EPOCH + t0)).containsExactly(
                "0.000 bcast who-has 172.28.0.99", "1.000 bcast who-has 172.28.0.99", "2.024 bcast who-has 172.28.0.99",
                "3.048 bcast who-has 172.28.0.99", "4.072 bcast who-has 172.28.0.99", "5.096 bcast who-has 172.28.0.99");
        assertThat(lab.now() - t0).isBetween(6 * S, 6 * S + 6 * 33 * MS);
    }

    @Test
    void deadlineStopsAtItsAlarmAndAnErrorEndsItAtOnce() {
        Lab lab = SeedLabs.seed(1);
        Lab.Result ok = lab.exec("node1", "ping -w 3 172.28.0.13");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).contains("3 packets transmitted, 3 received, 0% packet loss");
        // -w with -c: keeps sending past the count until that many replies, exit 1 if short
        Lab.Result dead = lab.exec("node1", "ping -c 5 -w 2 172.28.0.99");
        assertThat(dead.exitCode()).isEqualTo(1);
        assertThat(dead.stdout()).contains("2 packets transmitted, 0 received, 100% packet loss");
        Lab.Result err = lab.exec("node1", "ping -w 10 -t 1 172.18.0.2");
        assertThat(err.stdout()).contains("From 172.28.0.1 icmp_seq=1 Time to live exceeded")
                .contains("1 packets transmitted, 0 received, +1 errors, 100% packet loss");
        assertThat(err.exitCode()).isEqualTo(1);
    }

    @Test
    void noReplyLingersTenSecondsAfterTheLastProbeOrForTheGivenW() {
        Lab lab = SeedLabs.seed(1);
        lab.host("node3").stack().setSysctl("icmp_echo_ignore_all", 1);
        long t0 = lab.now();
        Lab.Result r = lab.exec("node1", "ping -c2 172.28.0.13");
        assertThat(lab.now() - t0).isBetween(11 * S, 11 * S + 33 * MS); // the linger alarm is exact, the interval is not
        assertThat(r.stdout()).endsWith("""
                --- 172.28.0.13 ping statistics ---
                2 packets transmitted, 0 received, 100% packet loss, time 1000ms

                """);
        t0 = lab.now();
        lab.exec("node1", "ping -c2 -W 0.5 172.28.0.13");
        assertThat(lab.now() - t0).isBetween(1500 * MS, 1533 * MS); // one wheel-rounded interval, then -W
    }

    @Test
    void smallPayloadsCarryNoTimeStamp() {
        Lab lab = SeedLabs.seed(1);
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        Lab.Result r = lab.exec("node1", "ping -c2 -s 8 172.28.0.13");
        assertSameOutput("""
                PING 172.28.0.13 (172.28.0.13) 8(36) bytes of data.
                16 bytes from 172.28.0.13: icmp_seq=1 ttl=64
                16 bytes from 172.28.0.13: icmp_seq=2 ttl=64

                --- 172.28.0.13 ping statistics ---
                2 packets transmitted, 2 received, 0% packet loss, time 1000ms

                """, r.stdout());
        byte[] req = c.records().get(2).data();
        assertThat(req).hasSize(14 + 20 + 8 + 8);
        assertThat(java.util.Arrays.copyOfRange(req, 42, 50)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        Lab.Result zero = lab.exec("node1", "ping -c1 -s 0 172.28.0.13");
        assertThat(zero.stdout()).contains("0(28) bytes of data.").contains("8 bytes from 172.28.0.13: icmp_seq=1 ttl=64\n");
    }

    @Test
    void optionsChangeWhatGoesOnTheWire() {
        Lab lab = SeedLabs.seed(1);
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        Lab.Result r = lab.exec("node1", "ping -c1 -t 7 -Q 0x10 -M dont -p 0a0b -s 20 172.28.0.13");
        assertThat(r.stdout()).startsWith("PATTERN: 0x0a0b\nPING 172.28.0.13 (172.28.0.13) 20(48) bytes of data.\n");
        byte[] req = c.records().get(2).data();
        assertThat(req[15]).isEqualTo((byte) 0x10);            // TOS
        assertThat(req[20] & 0x40).isZero();                    // no DF with -M dont
        assertThat(req[22]).isEqualTo((byte) 7);               // TTL
        assertThat(java.util.Arrays.copyOfRange(req, 58, 62)).containsExactly(0x0a, 0x0b, 0x0a, 0x0b);
    }

    @Test
    void interfaceAndSourceAddressShowInThePingLine() {
        Lab lab = SeedLabs.seed(1);
        assertThat(lab.exec("node1", "ping -c1 -I eth0 172.28.0.13").stdout())
                .startsWith("PING 172.28.0.13 (172.28.0.13) from 172.28.0.11 eth0: 56(84) bytes of data.\n");
        assertThat(lab.exec("node1", "ping -c1 -I 172.28.0.11 172.28.0.13").stdout())
                .startsWith("PING 172.28.0.13 (172.28.0.13) from 172.28.0.11 : 56(84) bytes of data.\n");
    }

    @Test
    void aBroadcastEchoComesBackToTheSenderToo() {
        // ip_mc_output(): a broadcast route loops a clone back, answered if the sender answers broadcast echoes
        Lab lab = SeedLabs.seed(1);
        assertThat(lab.exec("node1", "ping -b -c1 -W1 172.28.255.255").stdout())
                .contains("1 packets transmitted, 0 received");
        lab.exec("node1", "sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0");
        assertThat(lab.exec("node1", "ping -b -c1 -W1 172.28.255.255").stdout())
                .contains("64 bytes from 172.28.0.11: icmp_seq=1 ttl=64").contains("1 packets transmitted, 1 received");
    }

    @Test
    void localErrorsAreInvisibleToASocketBoundToTheDevice() {
        // raw_icmp_error() matches the bound device against lo, where the local host-unreachable comes in
        Lab lab = SeedLabs.seed(1);
        Lab.Result r = lab.exec("node1", "ping -c2 -I eth0 172.28.0.99");
        assertThat(r.stdout()).doesNotContain("Unreachable")
                .contains("2 packets transmitted, 0 received, 100% packet loss");
    }

    @Test
    void sigintPrintsTheStatistics() {
        Lab lab = SeedLabs.seed(1);
        lab.setToolLimit(3_500_000_000L);
        Lab.Result r = lab.exec("node1", "ping 172.28.0.13");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("icmp_seq=4 ").doesNotContain("icmp_seq=5 ")
                .contains("4 packets transmitted, 4 received, 0% packet loss, time 3048ms"); // 1.000-1.032 s apart
    }

    @Test
    void pingingOwnAddressGoesThroughLoopback() {
        Lab lab = SeedLabs.seed(1);
        MemoryCapture c = new MemoryCapture();
        lab.capture("node1", "eth0", c);
        Lab.Result r = lab.exec("node1", "ping -c1 172.28.0.11");
        assertThat(r.stdout()).contains("64 bytes from 172.28.0.11: icmp_seq=1 ttl=64 time=");
        assertThat(c.records()).isEmpty();
        assertThat(lab.exec("node1", "ping -c1 127.0.0.1").stdout()).contains("64 bytes from 127.0.0.1: icmp_seq=1 ttl=64");
    }

    @Test
    void rttFiguresFollowIputilsRounding() {
        assertThat(Ping.formatRtt(401)).isEqualTo("0.401");
        assertThat(Ping.formatRtt(1234)).isEqualTo("1.23");
        assertThat(Ping.formatRtt(1235)).isEqualTo("1.24");
        assertThat(Ping.formatRtt(9995)).isEqualTo("10.0");
        assertThat(Ping.formatRtt(12345)).isEqualTo("12.3");
        assertThat(Ping.formatRtt(99950)).isEqualTo("100");
        assertThat(Ping.formatRtt(123456)).isEqualTo("123");
        assertThat(CLib.g(100.0f)).isEqualTo("100");
        assertThat(CLib.g((float) (2 * 100.0 / 3))).isEqualTo("66.6667");
        assertThat(CLib.g((float) (100.0 / 3))).isEqualTo("33.3333");
        assertThat(CLib.g((float) (100.0 / 7))).isEqualTo("14.2857");
        assertThat(CLib.g(0.0001)).isEqualTo("0.0001");
        assertThat(CLib.g(0.00001)).isEqualTo("1e-05");
        assertThat(Ping.llsqrt(21444)).isEqualTo(146);
    }
}

package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.observe.MemoryCapture;
import io.arplab.stack.TcpSocket;
import io.arplab.tools.ToolContext;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TCP's timers in virtual time: tcp_timer.c's SYN backoff and tcp_syn_retries, the delayed ACK of tcp_fin(). */
class TcpTimersTest {
    private static final String LAB = """
            networks:
              lan: {subnet: 10.0.0.0/24, gateway: none}
            hosts:
              a: {interfaces: [{network: lan, address: 10.0.0.1}]}
              b: {interfaces: [{network: lan, address: 10.0.0.2}]}
            """;

    private final Lab lab = TopologyBuilder.build(TopologyLoader.parse("lab.yaml", LAB, "t").topology(), 3);

    private static List<PcapRecord> tcp(MemoryCapture c) {
        return c.records().stream().filter(r -> r.data().length > 34 && r.data()[23] == 6).toList();
    }

    private static long ms(PcapRecord r, PcapRecord first) {
        return ((r.seconds() - first.seconds()) * 1_000_000_000L + r.nanos() - first.nanos()) / 1_000_000;
    }

    /**
     * A SYN no one answers (refdata/local/tcp/syn-retries.txt, kernel 6.18): TCP_TIMEOUT_INIT 1 s for the first
     * tcp_syn_linear_timeouts (4) retransmissions, then doubled (tcp_retransmit_timer()), ETIMEDOUT after
     * tcp_syn_retries + tcp_syn_linear_timeouts (10) of them (tcp_write_timeout()). The peer's address has a
     * permanent neighbour entry, so every SYN leaves. Each timeout is a wheel timer, late by up to an eighth of itself
     * (calc_wheel_index()), at a phase the recording does not hold.
     */
    @Test
    void anUnansweredSynIsRetransmittedLinearlyThenWithBackoffThenTheConnectTimesOut() throws Exception {
        List<String> real = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                TcpTimersTest.class.getResource("/refdata/local/tcp/syn-retries.txt").toURI()));
        assertThat(lab.exec("a", "ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev eth0 nud permanent").exitCode())
                .isZero();
        MemoryCapture a = new MemoryCapture();
        lab.capture("a", "eth0", a);
        StringWriter err = new StringWriter();
        long start = lab.now();
        ToolContext nc = lab.start("a", List.of("nc", "-v", "10.0.0.9", "1234"), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true), null);
        lab.await(nc);
        assertThat(err.toString()).isEqualTo(real.get(0) + "\n");
        assertThat(nc.exitCode()).isEqualTo(1);
        List<PcapRecord> syns = tcp(a);
        List<Double> realTimes = real.subList(2, real.size()).stream().map(l -> Double.parseDouble(l.split(" ")[0]))
                .toList();
        assertThat(syns).hasSameSizeAs(realTimes);
        for (int i = 0; i < syns.size(); i++) {
            double ours = ms(syns.get(i), syns.get(0)) / 1000.0;
            assertThat(Math.abs(realTimes.get(i) - ours)).as("SYN " + i).isLessThanOrEqualTo(0.1 + ours / 8);
        }
        double elapsed = Double.parseDouble(real.get(1).split(" ")[1]);
        double ours = (lab.now() - start) / 1e9;
        assertThat(Math.abs(elapsed - ours)).isLessThanOrEqualTo(0.1 + ours / 8);
    }

    /**
     * No ARP answer for the peer: the failed entry's arp_error_report() sends the SYN's ICMP host unreachable to
     * ourselves, and tcp_v4_err() ends a connect in SYN_SENT with it (refdata/local/tcp/nc.out, `nc -v 10.0.0.9 1234`).
     */
    @Test
    void aSynWhoseNeighbourFailsEndsTheConnectWithNoRouteToHost() {
        StringWriter err = new StringWriter();
        long start = lab.now();
        ToolContext nc = lab.start("a", List.of("nc", "-v", "10.0.0.9", "1234"), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true), null);
        lab.await(nc);
        assertThat(err.toString()).isEqualTo("nc: connect to 10.0.0.9 port 1234 (tcp) failed: No route to host\n");
        assertThat(nc.exitCode()).isEqualTo(1);
        assertThat(lab.now() - start).isBetween(3_000_000_000L, 4_000_000_000L); // mcast_solicit's 3 probes, 1 s apart
    }

    /** In CLOSE_WAIT (tcp_fin(): pingpong mode) the FIN's ACK waits TCP_DELACK_MIN for the application's answer. */
    @Test
    void aFinIsAcknowledgedAfterTheDelayedAckTimeoutWhenTheApplicationStaysOpen() {
        MemoryCapture b = new MemoryCapture();
        lab.capture("b", "eth0", b);
        TcpSocket[] accepted = new TcpSocket[1];
        lab.host("b").stack().listenTcp(1234, new TcpSocket.Listener() {
            @Override
            public void accepted(long now, TcpSocket child) {
                accepted[0] = child; // read nothing, close nothing
            }
        });
        lab.start("a", List.of("nc", "-N", "10.0.0.2", "1234"), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "hi\n".getBytes(StandardCharsets.UTF_8));
        lab.runFor(1_000_000_000L);
        assertThat(accepted[0].state()).isEqualTo(TcpSocket.State.CLOSE_WAIT);
        List<PcapRecord> f = tcp(b);
        PcapRecord fin = f.stream().filter(r -> (r.data()[47] & 0x01) != 0).findFirst().orElseThrow();
        PcapRecord ack = f.get(f.size() - 1);
        assertThat(ack.data()[47]).isEqualTo((byte) 0x10); // a bare ACK from b, of the FIN
        assertThat(ack.data()[26 + 3]).isEqualTo((byte) 2);
        assertThat(ms(ack, fin)).isEqualTo(40);
    }
}

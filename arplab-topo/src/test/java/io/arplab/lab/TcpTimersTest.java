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

    /** TCP_TIMEOUT_INIT 1 s doubled per retransmission (inet_csk_reset_xmit_timer), ETIMEDOUT after 6 retries. */
    @Test
    void anUnansweredSynIsRetransmittedWithBackoffThenTheConnectTimesOut() {
        MemoryCapture a = new MemoryCapture();
        lab.capture("a", "eth0", a);
        StringWriter err = new StringWriter();
        ToolContext nc = lab.start("a", List.of("nc", "-v", "10.0.0.9", "1234"), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true), null);
        lab.await(nc);
        assertThat(err.toString()).isEqualTo("nc: connect to 10.0.0.9 port 1234 (tcp) failed: Connection timed out\n");
        assertThat(nc.exitCode()).isEqualTo(1);
        // the SYNs wait for ARP, which never answers: they are seen in the capture only as they are sent, so
        // the timer is read from the clock at the end instead
        assertThat(lab.now()).isBetween(127_000_000_000L, 128_000_000_000L);
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

package io.arplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code arplab tcpdump ...} end to end through Main: arguments reach the tool unchanged; errors and exit 1 as tcpdump gives them. */
class TcpdumpCommandTest {
    private static final String EXAMPLE = "examples/captures/node1-ping-node3.pcap";
    private String out;
    private String err;

    private int arplab(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = Main.execute(args, new PrintWriter(o), new PrintWriter(e));
        out = o.toString();
        err = e.toString();
        return rc;
    }

    @Test
    void readsTheExampleWithAFilterThatKeepsNothing() {
        assertThat(arplab("tcpdump", "-nn", "-r", EXAMPLE, "tcp", "or", "vlan")).isZero();
        assertThat(err).isEqualTo("reading from file " + EXAMPLE + ", link-type EN10MB (Ethernet), snapshot length 262144\n");
        assertThat(out).isEmpty();
    }

    @Test
    void toolOptionsAreNotTakenForArplabOptions() {
        assertThat(arplab("tcpdump", "-c", "1", "-r", EXAMPLE, "-e", "udp")).isZero();
        assertThat(arplab("tcpdump", "-k")).isEqualTo(1);
        assertThat(err).startsWith("tcpdump: invalid option -- 'k'\n");
    }

    @Test
    void errorsExit1AsTcpdumpDoes() {
        assertThat(arplab("tcpdump")).isEqualTo(1);
        assertThat(err).isEqualTo("tcpdump: live capture is not supported here; read a capture file with -r FILE\n");
        assertThat(arplab("tcpdump", "-r", "nosuch.pcap")).isEqualTo(1);
        assertThat(err).isEqualTo("tcpdump: nosuch.pcap: No such file or directory\n");
        assertThat(arplab("tcpdump", "-r", EXAMPLE, "ip", "proto", "icmp")).isEqualTo(1);
        assertThat(err.lines()).hasSize(2).last().asString()
                .isEqualTo("tcpdump: can't parse filter expression: syntax error");
        assertThat(arplab("tcpdump", "-r", "pom.xml")).isEqualTo(1);
        assertThat(err).isEqualTo("tcpdump: unknown file format\n");
        assertThat(out).isEmpty();
    }
}

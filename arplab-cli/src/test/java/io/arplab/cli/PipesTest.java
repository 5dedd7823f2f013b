package io.arplab.cli;

import static io.arplab.cli.Arplab.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `| grep`, `| head`, `> file` on lab lines behave as in a shell, or are refused saying what is supported. */
class PipesTest {
    @TempDir
    Path tmp;

    RunCommandTest.Run run(String lines) {
        return RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c", lines);
    }

    @Test
    void grepHeadTailWcSortUniqCut() {
        assertThat(RunCommandTest.section(run("node1 ping -c3 node3 | grep ttl").out(), "node1$ ping")).hasSize(3)
                .allMatch(l -> l.contains("ttl=64"));
        assertThat(RunCommandTest.section(run("node1 ping -c3 node3 | head -n 2").out(), "node1$ ping")).containsExactly(
                "PING node3 (172.28.0.13) 56(84) bytes of data.",
                "64 bytes from node3.arp_lan (172.28.0.13): icmp_seq=1 ttl=64 time=0.040 ms");
        assertThat(RunCommandTest.section(run("node1 ping -c3 node3 | tail -n 1").out(), "node1$ ping"))
                .singleElement().asString().startsWith("rtt min/avg/max/mdev");
        assertThat(RunCommandTest.section(run("node1 ping -c3 node3 | wc -l").out(), "node1$ ping")).containsExactly("8");
        assertThat(RunCommandTest.section(run("node1 ping -c3 node3 | grep -c ttl").out(), "node1$ ping")).containsExactly("3");
        assertThat(RunCommandTest.section(run("node1 ping -c3 node3 | grep ttl | cut -d ' ' -f 6 | sort -r | uniq -c").out(),
                "node1$ ping")).containsExactly("      1 icmp_seq=3", "      1 icmp_seq=2", "      1 icmp_seq=1");
        assertThat(run("nodes | grep node1").out()).isEqualTo("node1  host  eth0 172.28.0.11/16\n");
    }

    @Test
    void headEndsAToolThatWouldRunOnAsSigpipeDoes() {
        RunCommandTest.Run r = run("node1 ping node3 | head -n 3; time");
        // the third line came at 1 s: ping ended there, not after an hour
        assertThat(r.out()).endsWith("bytes of data.\n64 bytes from node3.arp_lan (172.28.0.13): icmp_seq=1 ttl=64 time=0.040 ms\n"
                + "64 bytes from node3.arp_lan (172.28.0.13): icmp_seq=2 ttl=64 time=0.020 ms\n1.000 s\n");
    }

    @Test
    void redirectsWriteAndAppendFiles() throws Exception {
        Path f = tmp.resolve("out.txt");
        RunCommandTest.Run r = run("node1 ping -c1 node3 > " + f + "; node1 arp -an >> " + f);
        assertThat(r.rc()).isZero();
        assertThat(Files.readString(f)).startsWith("PING node3").contains("1 received")
                .endsWith("? (172.28.0.13) at 02:42:ac:1c:00:0d [ether] on eth0\n");
    }

    @Test
    void whatIsNotSupportedIsRefusedInOneLine() {
        RunCommandTest.Run r = run("node1 ping -c1 node3 | awk '{print $1}'");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).startsWith("-c line 1: 'awk' is not a filter arplab has after '|' (supported: | grep")
                .hasLineCount(1);
        assertThat(run("node1 ping -c1 node3 && node1 arp -an").err()).startsWith("-c line 1: '&&' is not supported");
        assertThat(run("node1 ping -c1 node3 2> err.txt").err()).startsWith("-c line 1: '2>' is not supported");
        // a quoted '|' is an argument, never a pipe
        assertThat(run("node1 tcpdump -r nothing.pcap 'arp|icmp'").err()).doesNotContain("not supported");
    }
}

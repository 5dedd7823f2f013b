package io.arplab.cli;

import static io.arplab.cli.Arplab.COMPOSE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tcpdump -i eth0` inside a node prints frames as they pass, as the seed's containers run it. */
class LiveTcpdumpTest {
    @TempDir
    Path tmp;

    @Test
    void capturesLiveInTheBackgroundUntilCount() {
        RunCommandTest.Run r = RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c",
                "node3 tcpdump -i eth0 -n -c 4 &; node1 ping -c2 node3; wait");
        assertThat(r.rc()).isZero();
        assertThat(RunCommandTest.section(r.out(), "[1] done (exit 0): node3$ tcpdump -i eth0 -n -c 4")).containsExactly(
                "00:00:00.000010 ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28",
                "00:00:00.000010 ARP, Reply 172.28.0.13 is-at 02:42:ac:1c:00:0d, length 28",
                "00:00:00.000030 IP 172.28.0.11 > 172.28.0.13: ICMP echo request, id 101, seq 1, length 64",
                "00:00:00.000030 IP 172.28.0.13 > 172.28.0.11: ICMP echo reply, id 101, seq 1, length 64");
        assertThat(r.err()).isEqualTo("""
                tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
                listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes
                4 packets captured
                4 packets received by filter
                0 packets dropped by kernel
                """);
    }

    @Test
    void filterAndWriteFileUntilInterrupted() throws Exception {
        Path file = tmp.resolve("node2.pcap");
        RunCommandTest.Run r = RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c",
                "node2 tcpdump -i eth0 -w " + file + " arp &; node1 ping -c2 node3; sleep 10");
        assertThat(r.rc()).isZero();
        assertThat(r.err()).startsWith("tcpdump: listening on eth0, link-type EN10MB (Ethernet)").contains("1 packet captured\n");
        assertThat(EvidenceTest.tcpdump(file)).singleElement().asString()
                .endsWith("ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28");
    }

    @Test
    void unknownInterfaceAndAnyAreOneLine() {
        RunCommandTest.Run r = RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c",
                "node1 tcpdump -i eth9; node1 tcpdump -i any");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("tcpdump: eth9: No such device exists\n"
                + "tcpdump: -i any (Linux cooked capture) is not emulated; capture one interface, e.g. -i eth0\n");
    }
}

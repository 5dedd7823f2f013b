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
    void unknownInterfaceAndWrongLinkTypeAsTcpdumpPrintsThem() {
        RunCommandTest.Run r = RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c",
                "node1 tcpdump -i eth9; node1 tcpdump -i any -y EN10MB; node1 tcpdump -i eth0 -y LINUX_SLL2");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("tcpdump: eth9: No such device exists\n(No such device exists)\n"
                + "tcpdump: EN10MB is not one of the DLTs supported by this device\n"
                + "tcpdump: LINUX_SLL2 is not one of the DLTs supported by this device\n");
    }

    @Test
    void anyIsALinuxCookedV2CaptureWithDirectionAndInterface() throws Exception {
        Path file = tmp.resolve("any.pcap");
        RunCommandTest.Run r = RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c",
                "node1 tcpdump -i any -n -c 4 &; node3 tcpdump -i any -w " + file + " -c 2 &; node1 ping -c2 node3; wait");
        assertThat(r.rc()).isZero();
        assertThat(RunCommandTest.section(r.out(), "[1] done (exit 0): node1$ tcpdump -i any -n -c 4")).containsExactly(
                "00:00:00.000000 eth0  Out ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28",
                "00:00:00.000020 eth0  In  ARP, Reply 172.28.0.13 is-at 02:42:ac:1c:00:0d, length 28",
                "00:00:00.000020 eth0  Out IP 172.28.0.11 > 172.28.0.13: ICMP echo request, id 102, seq 1, length 64",
                "00:00:00.000040 eth0  In  IP 172.28.0.13 > 172.28.0.11: ICMP echo reply, id 102, seq 1, length 64");
        assertThat(r.err()).startsWith("""
                tcpdump: data link type LINUX_SLL2
                tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
                listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes
                """);
        try (io.arplab.wire.pcap.CaptureReader f = io.arplab.wire.pcap.CaptureReader.open(file)) {
            assertThat(f.linkType()).isEqualTo(io.arplab.wire.pcap.LinkType.LINUX_SLL2);
        }
        assertThat(io.arplab.wire.pcap.CaptureReader.readAll(file)).hasSize(2);
    }

    @Test
    void anyAsCookedV1PrintsDirectionOnlyWithE() {
        RunCommandTest.Run r = RunCommandTest.arplab("run", COMPOSE, "--pcap-dir", "none", "-c",
                "node1 tcpdump -i any -y LINUX_SLL -n -c 2 &; node2 tcpdump -i any -y linux_sll -e -n -c 1 &; "
                + "node1 ping -c1 node3; wait");
        assertThat(RunCommandTest.section(r.out(), "[1] done (exit 0): node1$ tcpdump -i any -y LINUX_SLL -n -c 2"))
                .containsExactly("00:00:00.000000 ARP, Request who-has 172.28.0.13 tell 172.28.0.11, length 28",
                        "00:00:00.000020 ARP, Reply 172.28.0.13 is-at 02:42:ac:1c:00:0d, length 28");
        assertThat(RunCommandTest.section(r.out(), "[2] done (exit 0): node2$ tcpdump -i any -y linux_sll -e -n -c 1"))
                .containsExactly("00:00:00.000010   B 02:42:ac:1c:00:0b ethertype ARP (0x0806), length 44: "
                        + "Request who-has 172.28.0.13 tell 172.28.0.11, length 28");
    }
}

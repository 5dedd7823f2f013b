package io.arplab.wire.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.arplab.testing.RealTools;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.pcap.PcapWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test against the real tcpdump 4.99 (libpcap 1.10): for each expression, the frames of
 * {@link FilterCorpus} that {@code tcpdump -n -tt -r} prints are exactly those {@link PacketFilter} accepts; and every
 * expression tcpdump refuses, we refuse too.
 */
class FilterDifferentialTest {
    private static final Pattern STAMP = Pattern.compile("^(\\d+)\\.\\d{6} ", Pattern.MULTILINE);

    @TempDir
    static Path dir;
    static Path pcap;
    static List<PcapRecord> corpus;

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = FilterCorpus.build();
        pcap = dir.resolve("corpus.pcap");
        try (PcapWriter w = PcapWriter.ethernet(new BufferedOutputStream(Files.newOutputStream(pcap)))) {
            corpus.forEach(w::write);
        }
    }

    static List<String> validExpressions() {
        return List.of(
                "arp", "rarp", "ip", "ip6", "icmp", "icmp6", "udp", "tcp", "sctp", "igmp", "pim", "vrrp", "ah", "esp",
                "stp", "llc", "ipx", "netbeui", "atalk", "aarp", "decnet", "iso",
                "vlan", "vlan 10", "vlan 5", "vlan and arp", "vlan 10 and arp", "arp or vlan", "vlan and vlan",
                "vlan and vlan and arp", "vlan and ip and udp port 53", "vlan 100 and vlan 20", "not vlan",
                "vlan or arp", "arp or (vlan and arp)", "vlan and icmp", "vlan 4095", "vlan and host 10.0.0.1",
                "vlan and ip6 and port 53", "vlan (7)",
                "host 172.28.0.11", "src host 10.0.0.1", "dst host 10.1.2.3", "src or dst host 10.0.0.1",
                "src and dst host 172.28.0.11", "host 172.28.0.11 or 10.0.0.1", "host 172.28.0.11 and not 172.28.0.13",
                "ip host 10.0.0.1", "arp host 10.1.2.3", "rarp host 10.0.0.1", "host 172.28", "host 10",
                "host 10.0.0.1 or (10.1.2.3 and not 192.168.1.7)", "host (10.0.0.1 or 10.1.2.3)",
                "net 10.0.0.0/8", "net 172.28.0.0/16", "net 10", "net 192.168.1", "src net 10.0.0.0 mask 255.0.0.0",
                "dst net 172.16.0.0/12", "net 0.0.0.0/0", "ip net 10.1.2.0/24", "arp net 172.28.0.0/24",
                "ether host 02:42:ac:1c:00:0b", "ether src 00:11:22:33:44:55", "ether dst ff:ff:ff:ff:ff:ff",
                "ether broadcast", "ether multicast", "broadcast", "multicast", "ip broadcast", "ip multicast",
                "ip6 multicast", "not broadcast and multicast", "ether host 2:42:ac:1c:0:b", "ether host 0242.ac1c.000b",
                "ether src 02-42-ac-1c-00-0d", "ether src and dst 02:42:ac:1c:00:0b",
                "port 53", "src port 53", "dst port 53", "udp port 53", "tcp port 80", "port 53 or 67",
                "port 53 or 67 or 68", "tcp port 80 or 443", "portrange 1-1023", "udp portrange 30000-30010",
                "tcp dst portrange 20-25", "port domain", "port http", "port bootps", "port 0", "port 65535",
                "sctp port 80", "udp src port 53 and not dst port 5000", "port (53 or 123)", "portrange 1023-22",
                "port 0x35", "port 065",
                "proto \\icmp", "ip proto 1", "ip proto \\udp", "ip6 proto 17", "proto 17", "proto \\tcp",
                "ip proto 132", "ether proto 0x88cc", "ether proto \\arp", "ether proto 0x42", "ether proto 6",
                "ether proto \\ip6", "ether proto 0x8100", "ether proto 1500", "ether proto \\stp",
                "less 60", "greater 100", "less 42", "greater 1500", "len = 60", "len >= 100 and len < 200",
                "len - 14 > 100",
                "icmp[0] = 8", "icmp[icmptype] = icmp-echo", "icmp[icmptype] != icmp-echo and icmp",
                "tcp[tcpflags] & tcp-syn != 0", "tcp[13] & 2 = 2", "udp[2:2] = 53", "ip[9] = 17", "ip[0] & 0xf > 5",
                "ip[6:2] & 0x1fff != 0", "ether[0] & 1 = 1", "ether[12:2] = 0x806", "arp[7] = 2", "ip6[6] = 58",
                "icmp6[0] = 135", "icmp6[icmp6type] = icmp6-echo", "ether[ether[14] & 3] > 0", "ip[2:2] - 20 > 100",
                "tcp[0:2] = 80 or udp[0:2] = 53", "ether[100] = 0", "ether[12:2] + 1 = 0x807", "ip[0] + ether[0] = 0x47",
                "ether[0] + ip[0] = 0x47", "ether[1] | 1 ^ 3 = 2", "ether[1] ^ 1 | 3 = 2", "not ether[200] = 0",
                "ether[0:4] / 2 > 0x7f000000", "ether[1] % 3 = 1", "ether[1] << 2 = 0x108", "ether[0] >> 1 = 1",
                "(-ether[5]) = 0xfffffff5", "(ether[12:2]) = 0x800", "(ip[9]) = (17)", "udp[8:4] = 0 and udp",
                "not arp", "! ip", "arp or icmp", "arp and not vlan", "icmp or arp and host 10.0.0.1",
                "not arp and not ip", "(arp or icmp) and host 172.28.0.11", "not (ip or arp)",
                "ip and not tcp and not udp", "host 10.0.0.1 and (port 53 or icmp)", "tcp or udp and port 53",
                "arp && !vlan || icmp", "ip and ip[9] = 1", "ether src 02:42:ac:1c:00:0b and arp",
                "ip6 host 2001:db8::1", "ip6 src 2001:db8::1", "ip6 net 2001:db8::/32", "host 2001:db8::2",
                "net fe80::/10", "ip6 dst ff02::1:ff1c:d", "host ::1", "dst net ff00::/8", "ip6 and udp port 53",
                "icmp6 and ip6 multicast", "udp and dst portrange 33434-33440", "less 60 and arp",
                "host 10.0.0.1 and not port 53", "not not arp", "((arp))", "(arp or (ip and (udp or icmp)))");
    }

    static List<String> invalidExpressions() {
        return List.of("host", "arp or", "foo", "1.2.3.4", "(arp", "arp)", "host 10.1.2.300", "net 10.1.2.3/8",
                "vlan 5000", "port 70000", "ip proto icmp", "proto \\foo", "ether host 1.2.3.4", "tcp host 1.2.3.4",
                "arp or 10.0.0.1", "ip host ::1", "ip6 host 1.2.3.4", "arp and ip", "tcp and udp", "icmp and icmp6",
                "ip[0:3] = 1", "ip[1/0] = 1", "ip[0] % 0 = 1", "ip[0] << 32 = 1", "net 10.0.0.0/33", "ip6 net ::1/64",
                "tcp broadcast", "arp multicast", "inbound", "port \\nosuchservice", "host 1:2:3:4:5:6",
                "src 10.0.0.0/8", "ether proto \\foo", "tcp proto 1", "arp proto 1", "udp port ssh", "portrange a-b",
                "less", "greater x", "ip[0] =", "ARP", "host 10.0.0.1 and", "not", "!", "ip and not ip",
                "vlan and arp and ip", "ip[0]=1 and ip[0]=2", "ether src 1:1:1:1:1:1 and ether src 2:2:2:2:2:2", "@",
                "host 1.2.3.4 mask 255.0.0.0", "net 10/8", "ether net 10", "gateway foo", "icmp port 1", "ip port 80",
                "ether", "port", "ip[", "ip[0", "ip[0] = 1 1", "(arp) or 10.0.0.1", "ether host", "host nosuch.invalid",
                "ip6 broadcast", "icmp[0:2:1] = 1", "port 1 2", "and", "arp or or ip", "ip && && arp", "len",
                "ether[0] = 1 and", "08 = 8", "0xfffffffff = 1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExpressions")
    void acceptsExactlyTheFramesTcpdumpPrints(String expression) {
        assumeTrue(RealTools.has("tcpdump"), "tcpdump is not installed");
        RealTools.Result r = RealTools.run(List.of("tcpdump", "-n", "-tt", "-r", pcap.toString(), expression));
        assertThat(r.exit()).as("tcpdump: %s", r.err()).isZero();
        Set<Integer> theirs = new TreeSet<>();
        Matcher m = STAMP.matcher(r.out());
        while (m.find()) {
            theirs.add((int) (Long.parseLong(m.group(1)) - FilterCorpus.BASE));
        }
        PacketFilter f = PacketFilter.compile(expression);
        Set<Integer> ours = new TreeSet<>();
        for (int i = 0; i < corpus.size(); i++) {
            // tcpdump prints nothing for a record of 0 captured bytes (it still counts it for -c)
            if (f.matches(corpus.get(i)) && corpus.get(i).capturedLength() > 0) {
                ours.add(i);
            }
        }
        Set<Integer> onlyOurs = new TreeSet<>(ours);
        onlyOurs.removeAll(theirs);
        Set<Integer> onlyTheirs = new TreeSet<>(theirs);
        onlyTheirs.removeAll(ours);
        assertThat(ours).as("frames accepted by '%s': only ours %s, only tcpdump's %s", expression, onlyOurs, onlyTheirs)
                .isEqualTo(theirs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExpressions")
    void refusesWhatTcpdumpRefuses(String expression) {
        assumeTrue(RealTools.has("tcpdump"), "tcpdump is not installed");
        RealTools.Result r = RealTools.run(List.of("tcpdump", "-n", "-r", pcap.toString(), expression));
        assertThat(r.exit()).as("tcpdump accepted '%s'", expression).isNotZero();
        assertThat(r.err()).contains("tcpdump: ");
        assertThatThrownBy(() -> PacketFilter.compile(expression))
                .isInstanceOf(FilterSyntaxException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").isNotBlank());
    }
}

package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tshark probes (refdata/local/tshark/probes, made by its make-probes.py and printed by TShark 4.0.17 with its
 * record.sh): frames cut where TShark's reads decide between a whole line, "[Packet size limited during capture]"
 * and "[Malformed Packet]". Needs no tshark; frames the printer does not decode are left out.
 */
class TsharkProbesTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/tshark/probes");

    @ParameterizedTest
    @ValueSource(strings = {"trailers", "rtradvert", "llc", "udp-empty", "icmpv6-quotes", "ipv6-options", "snap-cut",
        "syslog", "ntp", "rip", "mdns", "dhcp", "lldp-port", "atmarp", "ipv6-pad1", "eth-length-type", "lldp-ttl",
        "bootp-short", "dns-dso", "icmp-redirect-cut", "dns-trailing", "dhcp-options", "aarp", "lldp-cut", "ipv6-frag",
        "nd-options", "echo-tftp-heur", "bfd-auth", "seed-frames", "dns-heur", "dns-names", "lldp-dup",
        "pref64-len", "icmp-ext", "icmpv6-types", "gre", "vrrp", "ipip", "hsrp", "dhcpv6", "ipv6-routing", "icmpv6-nodeinfo", "cdp", "hipercontracer", "dhcpv6-domains",
        "mpls", "vxlan-gpe-nsh", "dhcpv6-fqdn", "igmp-v2", "aodv", "l2tp"})
    void printsWhatTsharkPrinted(String family) throws IOException {
        List<PcapRecord> records = PcapReader.readAll(DIR.resolve(family + ".pcap"));
        String expected = Files.readString(DIR.resolve(family + ".tshark"), StandardCharsets.UTF_8);
        TsharkDifferentialTest.Comparison c = TsharkDifferentialTest.compare(records, expected, Set.of());
        assertThat(c.compared()).as("frames compared").isGreaterThan(records.size() / 2);
        assertThat(c.mismatches()).as("%d of %d compared frames printed differently from tshark; first:\n%s",
                c.mismatches().size(), c.compared(),
                String.join("\n", c.mismatches().subList(0, Math.min(8, c.mismatches().size())))).isEmpty();
    }
}

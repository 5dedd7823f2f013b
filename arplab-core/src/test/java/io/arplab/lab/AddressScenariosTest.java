package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.observe.PcapCapture;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the address scenarios recorded on the real kernel (refdata/local/addr, see its record.sh): ARP flux on a
 * host with two interfaces in one subnet, arp_ignore, arp_filter, arp_announce, an LVS-DR VIP, ip addr add/del with
 * secondaries, and a veth end going down. Text as in {@link KernelScenariosTest}; b's capture, printed by the
 * in-lab tcpdump, compares frame by frame as a multiset (the kernel's bridge may flood in another order).
 */
class AddressScenariosTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/addr");

    @TempDir
    Path work;
    PcapCapture capture;

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".out")).sorted().toList().stream();
        }
    }

    /** record.sh's namespaces: sw owns br0 (no address); a has eth0 and eth1 in 10.0.0.0/24; b and c one each. */
    Lab lab() throws IOException {
        Lab lab = new Lab(5);
        lab.setWorkDir(work);
        Files.createDirectories(work.resolve("pcaps"));
        Host sw = lab.addHost("sw");
        LinuxBridge br0 = lab.addBridge("br0", MacAddress.parse("02:00:00:00:00:01"), sw, null);
        Host a = lab.addHost("a");
        lab.attach(a, "eth0", MacAddress.parse("02:00:00:00:0a:00"), "10.0.0.2/24", br0, "veth-a0",
                MacAddress.parse("ee:00:00:00:0a:00"));
        lab.attach(a, "eth1", MacAddress.parse("02:00:00:00:0a:01"), "10.0.0.3/24", br0, "veth-a1",
                MacAddress.parse("ee:00:00:00:0a:01"));
        Host b = lab.addHost("b");
        lab.attach(b, "eth0", MacAddress.parse("02:00:00:00:0b:00"), "10.0.0.10/24", br0, "veth-b",
                MacAddress.parse("ee:00:00:00:0b:00"));
        Host c = lab.addHost("c");
        lab.attach(c, "eth0", MacAddress.parse("02:00:00:00:0c:00"), "10.0.0.20/24", br0, "veth-c",
                MacAddress.parse("ee:00:00:00:0c:00"));
        for (String n : new String[] {"sw", "a", "b", "c"}) {
            lab.netnsName(n, "rec-" + n);
        }
        lab.runFor(2_000_000_000L); // setup()'s sleep 2: the bridge's IGMPv3 reports go before the capture
        capture = new PcapCapture(work.resolve("pcaps/b.pcap"));
        lab.capture("b", "eth0", capture);
        lab.runFor(2_000_000_000L);
        return lab;
    }

    /** ping's ICMP id is the kernel's choice (a ping socket's port): mask it with the times. */
    static String mask(String s) {
        return KernelScenariosTest.mask(s).replaceAll(", id [0-9]+, seq", ", id N, seq");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void behavesAsTheKernelDid(String scenario) throws IOException {
        Lab lab = lab();
        for (KernelScenariosTest.Step s : KernelScenariosTest.parse(Files.readString(DIR.resolve(scenario)))) {
            if (s.command().startsWith("tcpdump")) {
                lab.runFor(1_000_000_000L); // record.sh lets a second pass before it stops the capture
            }
            capture.flush();
            StringWriter text = new StringWriter();
            PrintWriter w = new PrintWriter(text);
            int rc = lab.exec(s.node(), CommandLineSplitter.split(s.command()), w, w);
            w.flush();
            String got = mask(text.toString());
            String want = mask(s.output());
            if (s.command().startsWith("tcpdump")) {
                got = got.replaceFirst("reading from file [^\n]*\n", ""); // record.sh sent tcpdump's stderr away
            }
            if (s.command().startsWith("ip neigh") || s.command().startsWith("tcpdump")) {
                got = KernelScenariosTest.sorted(got);
                want = KernelScenariosTest.sorted(want);
            }
            assertThat(got).as(s.node() + ": " + s.command()).isEqualTo(want);
            assertThat(rc).as("exit status of " + s.node() + ": " + s.command()).isEqualTo(s.exit());
        }
    }
}

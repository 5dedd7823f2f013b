package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays the scenarios recorded on the real kernel (refdata/local, see its README) and compares the text. */
class KernelScenariosTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local");

    record Step(String node, String command, String output, int exit) {}

    /** Subfolders recorded on this same topology by their own record.sh (the others have tests of their own). */
    static final List<String> SAME_TOPOLOGY = List.of("tracepath");

    static Stream<String> scenarios() throws IOException {
        List<String> all = new ArrayList<>();
        for (Path dir : Stream.concat(Stream.of(DIR), SAME_TOPOLOGY.stream().map(DIR::resolve)).toList()) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> DIR.relativize(p).toString()).filter(n -> n.endsWith(".out")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    static List<Step> parse(String text) {
        List<Step> steps = new ArrayList<>();
        String node = null;
        String command = null;
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("$ ")) {
                int colon = line.indexOf(": ");
                node = line.substring(2, colon);
                command = line.substring(colon + 2);
                out.setLength(0);
            } else if (line.startsWith("[exit ") && node != null) {
                steps.add(new Step(node, command, out.toString(), Integer.parseInt(line.substring(6, line.length() - 1))));
                node = null;
            } else if (node != null) {
                out.append(line).append('\n');
            }
        }
        return steps;
    }

    /** Round-trip and elapsed times differ from run to run on a real machine: mask them. */
    static String mask(String s) {
        return s.replaceAll("time=[0-9.]+ ms", "time=T ms")
                .replaceAll("time [0-9]+ms", "time Tms")
                .replaceAll("rtt min/avg/max/mdev = [0-9./]+ ms", "rtt min/avg/max/mdev = T ms")
                .replaceAll("ipg/ewma [0-9./]+ ms", "ipg/ewma T ms")
                .replaceAll("\\]  [0-9.]+ms", "]  Tms")
                .replaceAll("  [0-9]+\\.[0-9]+ ms", "  T ms")
                .replaceAll(" +[0-9]+\\.[0-9]{3}ms ", " Tms "); // tracepath
    }

    static String sorted(String text) {
        return String.join("\n", text.lines().sorted().toList());
    }

    static Lab lab() {
        return lab(true);
    }

    /** The same with the bridges made {@code mcast_snooping} as given (record.sh's BR_OPTS). */
    static Lab lab(boolean mcastSnooping) {
        Lab lab = new Lab(3);
        Host host = lab.addHost("host");
        Host n1 = lab.addHost("n1"), n2 = lab.addHost("n2"), n4 = lab.addHost("n4"); // record.sh's ip netns add
        host.stack().setIpForward(true);
        LinuxBridge br0 = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16",
                mcastSnooping);
        LinuxBridge br1 = lab.addBridge("br1", MacAddress.parse("02:42:5a:3c:7e:21"), host, "172.18.0.1/16",
                mcastSnooping);
        // record.sh plugs the nodes about 20 ms after the bridges came up: the bridges' first IGMPv3 reports, two
        // jiffies after, found no running port (dropped, tx_dropped), their second ones reach every node
        lab.runFor(PLUG_DELAY);
        plug(lab, n1, br0, "02:42:ac:1c:00:0b", "172.28.0.11", "172.28.0.1");
        plug(lab, n2, br0, "02:42:ac:1c:00:0c", "172.28.0.12", "172.28.0.1");
        plug(lab, n4, br1, "02:42:ac:12:00:02", "172.18.0.2", "172.18.0.1");
        // the recording machine's resolver gave up on a reverse lookup (tracepath's "???") after about 0.6 s: over
        // the six lookups of tracepath/'s two resolving runs the router's Time Exceeded budget regained 3 to 4 tokens
        lab.resolver().failedLookupNanos(600_000_000L);
        lab.runFor(2_000_000_000L - PLUG_DELAY);
        return lab;
    }

    private static final long PLUG_DELAY = 20_000_000L;

    private static void plug(Lab lab, Host h, LinuxBridge br, String mac, String ip, String gw) {
        lab.attach(h, "eth0", MacAddress.parse(mac), ip + "/16", br, "veth-" + h.name(),
                MacAddress.parse("ee:" + mac.substring(3)));
        lab.defaultRoute(h, Ipv4Address.parse(gw));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void behavesAsTheKernelDid(String scenario) throws IOException {
        Lab lab = lab();
        for (Step s : parse(Files.readString(DIR.resolve(scenario)))) {
            StringWriter text = new StringWriter();
            PrintWriter w = new PrintWriter(text);
            int rc = lab.exec(s.node(), CommandLineSplitter.split(s.command()), w, w);
            w.flush();
            String got = mask(text.toString());
            String want = mask(s.output());
            if (s.command().startsWith("ip neigh") || s.command().startsWith("arp ")) {
                // the kernel lists neighbours in the order of its randomly seeded hash: compare as sets
                got = sorted(got);
                want = sorted(want);
            }
            assertThat(got).as(s.node() + ": " + s.command()).isEqualTo(want);
            assertThat(rc).as("exit status of " + s.node() + ": " + s.command()).isEqualTo(s.exit());
        }
    }
}

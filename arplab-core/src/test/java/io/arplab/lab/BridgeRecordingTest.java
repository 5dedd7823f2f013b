package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.stack.TraceEvent;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Replays refdata/local/bridge (see its record.sh): a bridge's flood order, fdb vlan rules, the neighbour entries the
 * kernel makes itself. Ports join br0 in the order n1, n2, n3; n2 and n3 both hold 172.28.0.50.
 */
class BridgeRecordingTest {
    static final Path DIR = KernelScenariosTest.DIR.resolve("bridge");

    /** The scenarios in the order record.sh runs them, one after the other in the same namespaces. */
    static List<String> scenarios() throws IOException {
        List<String> order = new ArrayList<>();
        Matcher m = Pattern.compile("> (\\w+\\.out)").matcher(Files.readString(DIR.resolve("record.sh")));
        while (m.find()) {
            order.add(m.group(1));
        }
        return order;
    }

    /** The three nodes on br0, without record.sh's shared address. */
    static Lab lab3() {
        Lab lab = new Lab(5);
        Host host = lab.addHost("host");
        LinuxBridge br0 = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
        int i = 0;
        for (String n : new String[] {"n1", "n2", "n3"}) {
            String mac = "02:42:ac:1c:00:0" + (char) ('b' + i);
            lab.attach(lab.addHost(n), "eth0", MacAddress.parse(mac), "172.28.0." + (11 + i++) + "/16", br0, "veth-" + n,
                    MacAddress.parse("ee:" + mac.substring(3)));
        }
        lab.runFor(2_000_000_000L);
        return lab;
    }

    static Lab lab() {
        Lab lab = new Lab(5);
        Host host = lab.addHost("host");
        LinuxBridge br0 = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
        int i = 0;
        for (String n : new String[] {"n1", "n2", "n3"}) {
            String mac = "02:42:ac:1c:00:0" + (char) ('b' + i);
            lab.attach(lab.addHost(n), "eth0", MacAddress.parse(mac), "172.28.0." + (11 + i++) + "/16", br0, "veth-" + n,
                    MacAddress.parse("ee:" + mac.substring(3)));
        }
        lab.exec("n2", "ip addr add 172.28.0.50/16 dev eth0");
        lab.exec("n3", "ip addr add 172.28.0.50/16 dev eth0");
        lab.runFor(2_000_000_000L);
        return lab;
    }

    /** A port's own address is random on the kernel: compare its line without it. */
    static String normalise(String s) {
        return KernelScenariosTest.mask(s).replaceAll("(?m)^[0-9a-f:]{17} master br0 permanent", "PORT master br0 permanent")
                .replaceAll("used [0-9]+/[0-9]+/[0-9]+", "used U/U/U");
    }

    @Test
    void behavesAsTheKernelDid() throws IOException {
        Lab lab = lab();
        for (String scenario : scenarios()) {
            flush(lab);
            replay(lab, scenario);
        }
    }

    private static void flush(Lab lab) {
        for (String n : List.of("host", "n1", "n2", "n3")) {
            lab.exec(n, "ip neigh flush all");
        }
    }

    /**
     * shared_entries.trace: after the scenarios, each node pings the bridge host and the host pings n1; neigh_create's
     * {@code entries} (arp_tbl's gc_entries) counts up across the four namespaces. The recording machine's own
     * namespace held entries the lab does not have, so the counts are compared up to that constant.
     */
    @Test
    void neighCreateCountsTheEntriesOfEveryNamespace() throws IOException {
        Lab lab = lab();
        for (String scenario : scenarios()) {
            flush(lab);
            replay(lab, scenario);
        }
        List<String> got = new ArrayList<>();
        List<Integer> gotEntries = new ArrayList<>();
        lab.setTraceLog((comm, pid, now, e) -> {
            if (e instanceof TraceEvent.NeighCreate c && (c.dev().equals("eth0") || c.dev().equals("br0"))) {
                StringBuilder sb = new StringBuilder();
                c.appendFields(sb);
                got.add(sb.toString().replaceFirst(" entries \\d+ ", " entries N "));
                gotEntries.add(c.entries());
            }
        });
        flush(lab);
        for (String n : List.of("n1", "n2", "n3")) {
            assertThat(lab.exec(n, "ping -c1 -q 172.28.0.1").exitCode()).isZero();
        }
        assertThat(lab.exec("host", "ping -c1 -q 172.28.0.11").exitCode()).isZero();

        List<String> want = new ArrayList<>();
        List<Integer> wantEntries = new ArrayList<>();
        Pattern entries = Pattern.compile(" entries (\\d+) ");
        for (String line : Files.readAllLines(DIR.resolve("shared_entries.trace"))) {
            Matcher m = entries.matcher(line);
            assertThat(m.find()).isTrue();
            wantEntries.add(Integer.parseInt(m.group(1)));
            want.add(m.replaceFirst(" entries N "));
        }
        assertThat(got).isEqualTo(want);
        int outside = wantEntries.get(0) - gotEntries.get(0);
        assertThat(outside).as("entries the recording machine held outside the lab").isBetween(0, 2);
        for (int i = 0; i < want.size(); i++) {
            assertThat(gotEntries.get(i) + outside).as(want.get(i)).isEqualTo(wantEntries.get(i));
        }
    }

    private static void replay(Lab lab, String scenario) throws IOException {
        for (KernelScenariosTest.Step s : KernelScenariosTest.parse(Files.readString(DIR.resolve(scenario)))) {
            String command = s.command();
            // the recording's bridge lived in a namespace beside the machine's own (root); in the lab the bridge
            // host is the machine's initial namespace, as Docker's host is
            String node = s.node().equals("root") ? "host" : s.node();
            if (command.contains("fdb_max_learned")) {
                continue; // iproute2 6.1 refuses it (recorded); arplab's ip takes it as iproute2 6.8 does (IpLinkBridgeTest)
            }
            boolean dropMulticast = command.startsWith("bridge fdb show");
            lab.runFor(10_000_000L); // a shell starts the next command some milliseconds later: late replies land first
            StringWriter text = new StringWriter();
            PrintWriter w = new PrintWriter(text);
            int rc = lab.exec(node, CommandLineSplitter.split(command), w, w);
            w.flush();
            String got = normalise(text.toString());
            if (dropMulticast) {
                got = got.replaceAll("(?m)^(33:33|01:00:5e).*\n", "");
            }
            String want = normalise(s.output());
            if (command.startsWith("ip neigh") || command.startsWith("ip -s neigh") || command.startsWith("bridge fdb show")) {
                // the kernel lists neighbours and fdb entries in the order of its hash: compare as sets
                got = KernelScenariosTest.sorted(got);
                want = KernelScenariosTest.sorted(want);
            }
            assertThat(got).as(scenario + ": " + s.node() + ": " + command).isEqualTo(want);
            assertThat(rc).as("exit status of " + s.node() + ": " + command).isEqualTo(s.exit());
        }
    }
}

package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.observe.MemoryCapture;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays refdata/local/bridge/port_security_*.out (record-port-security.sh): {@code bridge link set} locked,
 * learning and neigh_suppress, {@code bridge [-d] link show}, a locked port's drops and a neigh_suppress port's ARP
 * replies. A "tcpdump" step is the node's ARP frames during the command before it.
 */
class BridgePortSecurityTest {
    static final List<String> NODES = List.of("host", "n1", "n2", "n3");

    record Step(String node, String command, String output, Integer exit) {}

    static List<Step> parse(String text) {
        List<Step> steps = new ArrayList<>();
        String node = null;
        String command = null;
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("$ ")) {
                if (node != null) {
                    steps.add(new Step(node, command, out.toString(), null)); // a capture: no exit line
                }
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
        if (node != null) {
            steps.add(new Step(node, command, out.toString().stripTrailing() + "\n", null));
        }
        return steps;
    }

    @ParameterizedTest
    @ValueSource(strings = {"port_security_link.out", "port_security_locked.out", "port_security_suppress.out"})
    void behavesAsTheKernelDid(String scenario) throws IOException {
        Lab lab = BridgeRecordingTest.lab3();
        Map<String, MemoryCapture> captures = new HashMap<>();
        for (String n : NODES.subList(1, 4)) {
            MemoryCapture c = new MemoryCapture();
            lab.capture(n, "eth0", c);
            captures.put(n, c);
        }
        Map<String, Integer> marks = new HashMap<>();
        for (Step s : parse(Files.readString(BridgeRecordingTest.DIR.resolve(scenario)))) {
            if (s.exit() == null) {
                StringBuilder got = new StringBuilder();
                TcpdumpPrinter p = new TcpdumpPrinter(new TcpdumpOptions(true, true, 0,
                        TcpdumpOptions.TimestampStyle.NONE, 0, java.time.ZoneId.of("UTC")));
                List<PcapRecord> rs = captures.get(s.node()).records();
                for (PcapRecord r : rs.subList(marks.get(s.node()), rs.size())) {
                    if (r.data().length > 13 && (r.data()[12] & 0xff) == 8 && r.data()[13] == 6) {
                        p.print(r, got);
                    }
                }
                assertThat(got.toString().strip()).as(scenario + ": " + s.node() + "'s capture")
                        .isEqualTo(s.output().strip());
                continue;
            }
            captures.forEach((n, c) -> marks.put(n, c.records().size()));
            lab.runFor(10_000_000L);
            StringWriter text = new StringWriter();
            PrintWriter w = new PrintWriter(text);
            String command = s.command();
            boolean fdbShow = command.startsWith("bridge fdb show");
            int rc = lab.exec(s.node(), CommandLineSplitter.split(command), w, w);
            w.flush();
            lab.runFor(1_000_000_000L); // the recording's capture runs on for a while after the command
            String got = BridgeRecordingTest.normalise(text.toString());
            String want = BridgeRecordingTest.normalise(s.output());
            if (fdbShow) {
                got = got.replaceAll("(?m)^(33:33|01:00:5e|.*permanent).*\n", "");
            }
            if (fdbShow || command.startsWith("ip neigh")) {
                got = KernelScenariosTest.sorted(got);
                want = KernelScenariosTest.sorted(want);
            }
            assertThat(got).as(scenario + ": " + s.node() + ": " + command).isEqualTo(want);
            assertThat(rc).as("exit status of " + s.node() + ": " + command).isEqualTo(s.exit());
        }
    }

    @org.junit.jupiter.api.Test
    void theSameRunGivesTheSameFrames() {
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Lab lab = BridgeRecordingTest.lab3();
            MemoryCapture c = new MemoryCapture();
            lab.capture("n1", "eth0", c);
            lab.exec("host", "bridge link set dev veth-n2 neigh_suppress on");
            lab.exec("host", "bridge link set dev veth-n3 locked on");
            lab.exec("host", "ping -c1 172.28.0.12");
            lab.exec("n1", "arping -c1 -w1 -I eth0 172.28.0.12");
            lab.exec("n3", "ping -c1 -W1 172.28.0.11");
            StringBuilder sb = new StringBuilder();
            for (PcapRecord r : c.records()) {
                sb.append(r.seconds()).append('.').append(r.nanos()).append(' ')
                        .append(java.util.HexFormat.of().formatHex(r.data())).append('\n');
            }
            runs.add(sb.toString());
        }
        assertThat(runs.get(1)).isEqualTo(runs.get(0)).isNotEmpty();
    }
}

package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.observe.TraceLog;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Replays refdata/local/trace (see its record.sh): the perf trace (net:*, neigh:*, bridge:*) of n1 pinging n3 across
 * br0, compared event by event: names, order, fields, the skb each event is about, and times.
 */
class TraceRecordingTest {
    static final Path DIR = KernelScenariosTest.DIR.resolve("trace");
    static final Set<String> BRIDGE_PORTS = Set.of("veth-n1", "veth-n2", "veth-n3", "veth-n4");
    static final Pattern LINE = Pattern.compile("^\\s*(\\S+)\\s+(\\d+)\\s+\\[\\d+\\]\\s+(\\d+)\\.(\\d{6}):\\s+(\\S+):\\s(.*)$");
    static final Pattern SKB = Pattern.compile("skbaddr=(0x[0-9a-f]+)");
    static final Pattern DEV = Pattern.compile("^dev=(\\S+)");

    record Event(long micros, String text) {}

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
        lab.runFor(2_000_000_000L);
        return lab;
    }

    /**
     * perf script lines as events: skb addresses become tokens (a new one where an skb is allocated or cloned, the
     * same one while an skb travels, addresses the allocator reuses included: an skb lives on past net_dev_queue only
     * when a bridge port received it), and values that depend on the machine are masked (neigh_create's entries
     * count the machine's whole arp_tbl and its primary_key6 is uninitialised memory; jiffies have no common origin).
     */
    static List<Event> parse(String perfScript) {
        List<Event> events = new ArrayList<>();
        Map<String, String> token = new HashMap<>();
        Map<String, String> lastSeen = new HashMap<>();
        int skbs = 0;
        for (String line : perfScript.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(5);
            String fields = m.group(6);
            Matcher s = SKB.matcher(fields);
            if (s.find()) {
                String addr = s.group(1);
                Matcher d = DEV.matcher(fields);
                String dev = d.find() ? d.group(1) : "";
                String before = lastSeen.get(addr);
                boolean forwarded = before != null && BRIDGE_PORTS.contains(before.substring(before.indexOf(' ') + 1))
                        && before.startsWith("net:netif_receive_skb ");
                if (!token.containsKey(addr) || name.equals("net:net_dev_queue") && !forwarded) {
                    token.put(addr, "skb" + ++skbs);
                }
                lastSeen.put(addr, name + " " + dev);
                fields = s.replaceFirst("skbaddr=" + token.get(addr));
            }
            fields = fields.replaceAll(" entries \\d+ ", " entries N ")
                    .replaceAll(" primary_key6 \\S+ created", " primary_key6 K created")
                    .replaceAll("(confirmed|updated|used) \\d+", "$1 J");
            long micros = Long.parseLong(m.group(3)) * 1_000_000L + Long.parseLong(m.group(4));
            events.add(new Event(micros, name + ": " + fields));
        }
        return events;
    }

    static String text(List<Event> events) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            sb.append(e.text()).append('\n');
        }
        return sb.toString();
    }

    static String arplabTrace() {
        Lab lab = lab();
        for (String n : List.of("host", "n1", "n2", "n3")) {
            lab.exec(n, "ip neigh flush all");
        }
        StringWriter trace = new StringWriter();
        lab.setTraceLog(new TraceLog(trace));
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        lab.exec("n1", List.of("ping", "-c3", "172.28.0.13"), w, w);
        lab.setTraceLog(null);
        return trace.toString();
    }

    @Test
    void tracesTheEventsTheKernelTracedInItsOrderWithItsFieldsAndSkbs() throws IOException {
        List<Event> kernel = parse(Files.readString(DIR.resolve("perf.txt")));
        List<Event> arplab = parse(arplabTrace());
        assertThat(text(arplab)).isEqualTo(text(kernel));
    }

    /**
     * Events close together (one exchange, softirq on the sending task) keep their offsets within a millisecond;
     * each exchange starts within the timer slack of a 1 s wheel timer at HZ=250 (32 ms) of where the kernel started
     * it, measured from the previous exchange.
     */
    @Test
    void tracesEachEventAtTheKernelsTime() throws IOException {
        assertSameTimes(parse(arplabTrace()), parse(Files.readString(DIR.resolve("perf.txt"))));
    }

    /**
     * routed.txt: n1 pings n4 through the host once (after the first scene's ping, so br0 knows n1's MAC). The host's
     * bridge interfaces transmit synchronously (br_dev_xmit: the port's whole veth crossing between br0's
     * net_dev_start_xmit and net_dev_xmit, inside the netif_receive_skb_entry/exit of the frame that caused it), and
     * the bridge forwards that skb with the transport header the host's stack gave it (no receive reset it).
     */
    @Test
    void tracesARoutedPingAsTheKernelDid() throws IOException {
        Lab lab = lab();
        Host host = lab.host("host");
        host.stack().setIpForward(true);
        LinuxBridge br1 = lab.addBridge("br1", MacAddress.parse("02:42:5a:3c:7e:21"), host, "172.18.0.1/16");
        lab.attach(lab.addHost("n4"), "eth0", MacAddress.parse("02:42:ac:12:00:02"), "172.18.0.2/16", br1, "veth-n4",
                MacAddress.parse("ee:ee:ee:12:00:02"));
        lab.defaultRoute(lab.host("n1"), io.arplab.wire.Ipv4Address.parse("172.28.0.1"));
        lab.defaultRoute(lab.host("n4"), io.arplab.wire.Ipv4Address.parse("172.18.0.1"));
        lab.runFor(2_000_000_000L);
        lab.exec("n1", "ping -c3 172.28.0.13");
        for (String n : List.of("host", "n1", "n2", "n3", "n4")) {
            lab.exec(n, "ip neigh flush all");
        }
        StringWriter trace = new StringWriter();
        lab.setTraceLog(new TraceLog(trace));
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        int rc = lab.exec("n1", List.of("ping", "-c1", "172.18.0.2"), w, w);
        lab.setTraceLog(null);
        w.flush();
        assertThat(rc).isZero();
        assertThat(KernelScenariosTest.mask(out.toString()))
                .isEqualTo(KernelScenariosTest.mask(Files.readString(DIR.resolve("routed.out"))));
        List<Event> kernel = parse(Files.readString(DIR.resolve("routed.txt")));
        List<Event> arplab = parse(trace.toString());
        assertThat(text(arplab)).isEqualTo(text(kernel));
        assertSameTimes(arplab, kernel);
    }

    private static void assertSameTimes(List<Event> arplab, List<Event> kernel) {
        assertThat(arplab).hasSameSizeAs(kernel);
        long kStart = kernel.get(0).micros();
        long aStart = arplab.get(0).micros();
        for (int i = 0; i < kernel.size(); i++) {
            long k = kernel.get(i).micros();
            long a = arplab.get(i).micros();
            if (i > 0 && k - kernel.get(i - 1).micros() > 100_000) {
                assertThat(a - aStart).as("exchange starting at event %d: %s", i, kernel.get(i).text())
                        .isCloseTo(k - kStart, org.assertj.core.data.Offset.offset(32_000L));
                kStart = k;
                aStart = a;
            }
            assertThat(a - aStart).as("event %d: %s", i, kernel.get(i).text())
                    .isCloseTo(k - kStart, org.assertj.core.data.Offset.offset(1_000L));
        }
    }

    @Test
    void pingPrintsWhatItPrinted() throws IOException {
        Lab lab = lab();
        StringWriter out = new StringWriter();
        PrintWriter w = new PrintWriter(out);
        int rc = lab.exec("n1", List.of("ping", "-c3", "172.28.0.13"), w, w);
        w.flush();
        assertThat(rc).isZero();
        assertThat(KernelScenariosTest.mask(out.toString()))
                .isEqualTo(KernelScenariosTest.mask(Files.readString(DIR.resolve("ping.out"))));
    }

    @Test
    void sameLabSameTrace() {
        assertThat(arplabTrace()).isEqualTo(arplabTrace());
    }
}

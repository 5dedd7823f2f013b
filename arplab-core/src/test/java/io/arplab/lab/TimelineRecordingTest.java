package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.observe.MemoryCapture;
import io.arplab.stack.NeighParams;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.CaptureReader;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the kernel's neighbour and bridge timelines (refdata/local/timeline, recorded by its record.sh): each
 * command starts when it started there (its "@ +t"), so timers, captures and {@code ip monitor neigh} line up.
 * Compared: every command's text (round-trip and elapsed times masked; neighbour and fdb listings as sets, since the
 * kernel lists them in hash order, their ages within a second), the frames each capture point saw in order with
 * their times within the timer wheel's slack, the monitors' notifications and the bridge's tracepoints with their
 * times.
 */
class TimelineRecordingTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/timeline");
    private static final long S = 1_000_000_000L;
    /** A timer's slack on the wheel (up to 256 ms for the 5 s ones) plus the recording's own command latency. */
    private static final long SLACK = 300_000_000L;
    private static final Pattern AGES = Pattern.compile("used (\\d+)/(\\d+)(?:/(\\d+))?");
    private static final Pattern STARTED = Pattern.compile("@ \\+([0-9.]+)");
    /** A perf-script line of ours: its seconds and "bridge:event: fields". */
    private static final Pattern TRACE_LINE = Pattern.compile(" ([0-9]+\\.[0-9]+): (bridge:.*)$");
    /** record.sh keeps this topology's bridges and ports. */
    private static final Pattern TRACED = Pattern.compile("br_dev br[01] |dev (veth-n[1-4]|br[01]) addr");

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    /** record.sh's topology: the seed's, with n3, in namespaces al-*. */
    static Lab lab() {
        Lab lab = new Lab(5);
        Host host = lab.addHost("host");
        host.stack().setIpForward(true);
        LinuxBridge br0 = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
        LinuxBridge br1 = lab.addBridge("br1", MacAddress.parse("02:42:5a:3c:7e:21"), host, "172.18.0.1/16");
        node(lab, "n1", br0, "02:42:ac:1c:00:0b", "172.28.0.11", "172.28.0.1");
        node(lab, "n2", br0, "02:42:ac:1c:00:0c", "172.28.0.12", "172.28.0.1");
        node(lab, "n3", br0, "02:42:ac:1c:00:0d", "172.28.0.13", "172.28.0.1");
        node(lab, "n4", br1, "02:42:ac:12:00:02", "172.18.0.2", "172.18.0.1");
        for (String n : lab.hosts().keySet()) {
            lab.netnsName(n, "al-" + n);
        }
        lab.runFor(2 * S); // record.sh waits 2 s after plugging the veths
        return lab;
    }

    private static void node(Lab lab, String name, LinuxBridge br, String mac, String ip, String gw) {
        Host h = lab.addHost(name);
        lab.attach(h, "eth0", MacAddress.parse(mac), ip + "/16", br, "veth-" + name,
                MacAddress.parse("ee:ee:ee" + mac.substring(8)));
        lab.defaultRoute(h, Ipv4Address.parse(gw));
    }

    /** The recording: commands with their start times, monitor lines, T0. */
    record Recording(List<KernelScenariosTest.Step> steps, List<Long> starts, Map<String, List<Timed>> monitors,
                     long t0Epoch, List<Timed> trace) {}

    record Timed(long t, String text) {}

    static Recording read(Path dir, String name) throws IOException {
        String text = Files.readString(dir.resolve(name + ".out"));
        List<Long> starts = new ArrayList<>();
        Map<String, List<Timed>> monitors = new LinkedHashMap<>();
        List<Timed> mon = null;
        long t0 = 0;
        List<Timed> trace = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = STARTED.matcher(line);
            if (m.matches()) {
                starts.add(nanos(m.group(1)));
                mon = null;
            } else if (line.startsWith("=== monitor ")) {
                mon = new ArrayList<>();
                monitors.put(line.substring(12), mon);
            } else if (line.equals("=== trace")) {
                mon = trace;
            } else if (line.startsWith("=== T0 ")) {
                t0 = nanos(line.substring(7));
                mon = null;
            } else if (mon != null && line.startsWith("+")) {
                int sp = line.indexOf(' ');
                mon.add(new Timed(nanos(line.substring(1, sp)), line.substring(sp + 1)));
            }
        }
        return new Recording(KernelScenariosTest.parse(text), starts, monitors, t0, trace);
    }

    private static long nanos(String seconds) {
        return new java.math.BigDecimal(seconds).movePointRight(9).longValueExact();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void followsTheKernelsTimeline(String name) throws IOException {
        replay(DIR, name, lab(), false);
    }

    /**
     * Replays DIR/NAME.txt on {@code lab} and compares it with NAME.out and the captures: NAME-NODE.pcap, or
     * NAME-NODE-IF.pcap when {@code campaign} (random scenarios, whose nodes may capture on more than one interface,
     * and whose frames compare as the monitors' lines do: each within the slack of the kernel's time, in any order
     * there, since a tool's start-up and a timer of the same instant race).
     */
    static void replay(Path dir, String name, Lab lab, boolean campaign) throws IOException {
        Recording rec = read(dir, name);
        long t0 = lab.now();
        Map<String, MemoryCapture> captures = new LinkedHashMap<>();
        Map<String, ToolContext> monitors = new LinkedHashMap<>();
        Map<String, StringWriter> monitorOut = new LinkedHashMap<>();
        StringWriter trace = new StringWriter();
        int step = 0;
        for (String line : Files.readAllLines(dir.resolve(name + ".txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split(" ", 2);
            switch (w[0]) {
                // the lab is built already (random/'s topology lines); a pause is the next command's recorded start
                case "sleep", "bridge", "iface", "route", "forward" -> { }
                case "trace" -> lab.setTraceLog(new io.arplab.observe.TraceLog(trace));
                case "capture" -> {
                    String[] c = w[1].split(" ");
                    MemoryCapture cap = new MemoryCapture();
                    lab.capture(c[0], c[1], cap);
                    captures.put(campaign ? c[0] + "-" + c[1] : c[0], cap);
                }
                case "monitor" -> {
                    StringWriter out = new StringWriter();
                    monitors.put(w[1], lab.start(w[1], CommandLineSplitter.split("ip -ts monitor neigh"),
                            new PrintWriter(out, true), new PrintWriter(out, true)));
                    monitorOut.put(w[1], out);
                }
                default -> {
                    KernelScenariosTest.Step s = rec.steps().get(step);
                    ReferenceLab.runUntil(lab, t0 + rec.starts().get(step));
                    step++;
                    if (s.command().startsWith("ip ntable show")) {
                        useRecordedReachableTimes(lab.host(s.node()), s.output());
                    }
                    StringWriter text = new StringWriter();
                    PrintWriter pw = new PrintWriter(text);
                    int rc = lab.exec(s.node(), CommandLineSplitter.split(s.command()), pw, pw);
                    pw.flush();
                    String what = name + " @" + seconds(lab.now() - t0) + " " + s.node() + ": " + s.command();
                    String want = s.output();
                    String got = text.toString();
                    if (s.command().startsWith("ip ntable") && s.command().contains("dev br")) {
                        // a bridge's parms are also held by the NOARP entries of its IGMP reports (224.0.0.22),
                        // which arplab does not send (as RecordingGoldenTest.maskNtable)
                        want = want.replaceAll("refcnt \\d+", "refcnt N");
                        got = got.replaceAll("refcnt \\d+", "refcnt N");
                    }
                    if (s.command().startsWith("ip ntable")) {
                        want = ndiscReachableMasked(want); // IPv6 is off: its draw is no parameter of the run
                        got = ndiscReachableMasked(got);
                    }
                    assertSameText(what, want, got);
                    assertThat(rc).as("exit status of " + what).isEqualTo(s.exit());
                }
            }
        }
        assertThat(step).as(name + ": commands replayed").isEqualTo(rec.steps().size());
        long end = t0 + rec.starts().get(rec.starts().size() - 1) + S / 2;
        for (List<Timed> m : rec.monitors().values()) {
            for (Timed t : m) {
                end = Math.max(end, t0 + t.t() + S / 2);
            }
        }
        ReferenceLab.runUntil(lab, end);
        for (var m : monitors.entrySet()) {
            m.getValue().interrupt();
            List<Timed> ours = monitorLines(monitorOut.get(m.getKey()).toString(), lab.epochNanos() + t0);
            assertSameTimeline(name + " monitor " + m.getKey(), rec.monitors().get(m.getKey()), ours);
        }
        if (!rec.trace().isEmpty()) {
            lab.setTraceLog(null);
            List<Timed> ours = new ArrayList<>();
            for (String l : trace.toString().split("\n")) {
                Matcher m = TRACE_LINE.matcher(l);
                if (m.find() && TRACED.matcher(m.group(2)).find()) {
                    ours.add(new Timed(nanos(m.group(1)) - t0, m.group(2)));
                }
            }
            assertThat(texts(ours)).as(name + ": bridge tracepoints").isEqualTo(texts(rec.trace()));
            for (int i = 0; i < ours.size(); i++) {
                assertThat(Math.abs(ours.get(i).t() - rec.trace().get(i).t()))
                        .as(name + ": tracepoint " + (i + 1) + " at +" + seconds(ours.get(i).t()) + ", the kernel's at +"
                                + seconds(rec.trace().get(i).t()) + ": " + ours.get(i).text())
                        .isLessThanOrEqualTo(SLACK);
            }
        }
        for (var c : captures.entrySet()) {
            List<Timed> kernel = new ArrayList<>();
            try (CaptureReader r = CaptureReader.open(dir.resolve(name + "-" + c.getKey() + ".pcap"))) {
                for (PcapRecord p; (p = r.next()) != null; ) {
                    kernel.add(new Timed(p.epochNanos() - rec.t0Epoch(), print(p)));
                }
            }
            List<Timed> ours = new ArrayList<>();
            for (PcapRecord p : c.getValue().records()) {
                ours.add(new Timed(p.epochNanos() - lab.epochNanos() - t0, print(p)));
            }
            if (campaign) {
                assertSameTimeline(name + ": " + c.getKey() + "'s capture", kernel, ours);
                continue;
            }
            assertThat(texts(ours)).as(name + ": " + c.getKey() + "'s capture").isEqualTo(texts(kernel));
            for (int i = 0; i < ours.size(); i++) {
                assertThat(Math.abs(ours.get(i).t() - kernel.get(i).t()))
                        .as(name + ": " + c.getKey() + " frame " + (i + 1) + " at +" + seconds(ours.get(i).t())
                                + ", the kernel's at +" + seconds(kernel.get(i).t()) + ": " + ours.get(i).text())
                        .isLessThanOrEqualTo(SLACK);
            }
        }
    }

    /**
     * The kernel draws each device's reachable_time at random (neigh_rand_reach_time()): the draw the recording's
     * {@code ip ntable show} printed is a parameter of the run, as the MAC addresses are.
     */
    private static void useRecordedReachableTimes(Host host, String ntable) {
        String dev = null;
        for (String l : ntable.split("\n")) {
            String t = l.trim();
            if (t.startsWith("inet6 ")) {
                return;
            }
            if (t.startsWith("dev ")) {
                dev = t.substring(4).trim();
            } else if (dev != null && t.startsWith("refcnt ")) {
                Matcher m = Pattern.compile("reachable (\\d+)").matcher(t);
                if (m.find()) {
                    host.stack().device(dev).arpParms().reachableTime = Long.parseLong(m.group(1)) * NeighParams.MS;
                }
                dev = null;
            }
        }
    }

    /** ip ntable's text with the reachable times of its inet6 (ndisc_cache) sections masked. */
    private static String ndiscReachableMasked(String ntable) {
        int inet6 = ntable.indexOf("inet6 ");
        return inet6 < 0 ? ntable
                : ntable.substring(0, inet6) + ntable.substring(inet6).replaceAll("reachable \\d+", "reachable N");
    }

    private static String seconds(long nanos) {
        return String.format("%.3f", nanos / 1e9);
    }

    /**
     * Same text but for masked times; listings (neighbours, fdb) compare as sets, each "used a/b[/c]" age within a
     * second of the kernel's (its commands ran a few ms after their start; ages are truncated seconds).
     */
    static void assertSameText(String what, String expected, String actual) {
        String want = KernelScenariosTest.mask(expected);
        String got = KernelScenariosTest.mask(actual);
        assertThat(sortedMasked(got)).as(what + "\nexpected:\n" + expected + "actual:\n" + actual)
                .isEqualTo(sortedMasked(want));
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (String l : want.split("\n")) {
            byKey.computeIfAbsent(AGES.matcher(l).replaceAll("used #"), k -> new ArrayList<>()).add(l);
        }
        for (String l : got.split("\n")) {
            Matcher a = AGES.matcher(l);
            if (!a.find()) {
                continue;
            }
            Matcher e = AGES.matcher(byKey.get(AGES.matcher(l).replaceAll("used #")).remove(0));
            assertThat(e.find()).isTrue();
            for (int g = 1; g <= 3; g++) {
                if (e.group(g) != null) {
                    assertThat(Math.abs(Long.parseLong(e.group(g)) - Long.parseLong(a.group(g))))
                            .as(what + ": age " + g + " of\n  " + l + "\nthe kernel's\n  " + e.group(0))
                            .isLessThanOrEqualTo(1);
                }
            }
        }
    }

    private static List<String> sortedMasked(String text) {
        return text.lines().map(l -> AGES.matcher(l).replaceAll("used #")).sorted().toList();
    }

    /** Our "[2024-...] line" stamps as seconds after T0. */
    static List<Timed> monitorLines(String out, long t0Epoch) {
        List<Timed> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            if (l.isEmpty()) {
                continue;
            }
            LocalDateTime t = LocalDateTime.parse(l.substring(1, l.indexOf(']')));
            long epoch = t.toEpochSecond(ZoneOffset.UTC) * S + t.getNano();
            lines.add(new Timed(epoch - t0Epoch, l.substring(l.indexOf("] ") + 2)));
        }
        return lines;
    }

    /**
     * The same notifications, each within the slack of the kernel's time; those of one instant (a flush walks the
     * hash table) in any order.
     */
    static void assertSameTimeline(String what, List<Timed> kernel, List<Timed> ours) {
        assertThat(texts(ours).stream().sorted().toList()).as(what + "\nkernel: " + kernel + "\nours: " + ours)
                .isEqualTo(texts(kernel).stream().sorted().toList());
        List<Timed> pending = new ArrayList<>(kernel);
        for (Timed o : ours) {
            Timed match = null;
            for (Timed k : pending) {
                if (k.text().equals(o.text())) {
                    match = k;
                    break;
                }
            }
            pending.remove(match);
            assertThat(Math.abs(o.t() - match.t()))
                    .as(what + ": '" + o.text() + "' at +" + seconds(o.t()) + ", the kernel's at +" + seconds(match.t()))
                    .isLessThanOrEqualTo(SLACK);
        }
    }

    private static List<String> texts(List<Timed> ts) {
        return ts.stream().map(Timed::text).toList();
    }

    /**
     * tcpdump -n -e -t, with ICMP echo ids (the pid) and source ports (random; a probe to port 53 prints as DNS)
     * masked, and what traceroute -T draws: its SYN's sequence and TS val (random_seq()), whichever flags (ECE|CWR)
     * and options the sysctls gave it, which the RST answering it acknowledges, to its port.
     */
    private static String print(PcapRecord r) {
        TcpdumpPrinter p = new TcpdumpPrinter(new TcpdumpOptions(true, true, 0, TcpdumpOptions.TimestampStyle.NONE,
                0, java.time.ZoneId.of("UTC")));
        StringBuilder sb = new StringBuilder();
        p.print(r, sb);
        return sb.toString().strip().replaceAll("id \\d+,", "id ID,")
                .replaceAll("(\\d+\\.\\d+\\.\\d+\\.\\d+)\\.\\d+ > (\\d+\\.\\d+\\.\\d+\\.\\d+)\\.(\\w+): ", "$1.PORT > $2.$3: ")
                .replaceAll("(Flags \\[S[EW]*\\], seq )\\d+", "$1N")
                .replaceAll("(TS val )\\d+( ecr 0[,\\]])", "$1N$2")
                .replaceAll("(> \\d+\\.\\d+\\.\\d+\\.\\d+)\\.\\d+(: Flags \\[R\\.\\], seq 0, ack )\\d+", "$1.PORT$2N");
    }
}

package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.observe.MemoryCapture;
import io.arplab.tools.ToolContext;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nc -u against netcat-openbsd 1.219 on the kernel: refdata/local/udp (recorded by its record.sh). Frames are
 * compared byte for byte with the client's ephemeral port, the IP ids (made relative to the socket's first) and the
 * checksums normalised; their times to the millisecond; stdout, stderr and exit status exactly.
 */
class NcUdpRecordingTest {
    private static final Path DIR = Path.of("src/test/resources/refdata/local/udp");
    private static final String LAB = """
            networks:
              lan: {subnet: 10.0.0.0/24, gateway: none}
            hosts:
              a: {interfaces: [{network: lan, address: 10.0.0.1, mac: "02:00:00:00:00:01"}]}
              b: {interfaces: [{network: lan, address: 10.0.0.2, mac: "02:00:00:00:00:02"}]}
            """;

    private final Lab lab = TopologyBuilder.build(TopologyLoader.parse("lab.yaml", LAB, "t").topology(), 7);
    private final MemoryCapture capture = new MemoryCapture();

    NcUdpRecordingTest() {
        lab.exec("a", "ping -c1 -q 10.0.0.2");
        lab.capture("b", "eth0", capture);
    }

    record Run(String out, String err, int status) {
        /** The recording's `; echo took $SECONDS s` line taken out of stdout (the tests check the time apart). */
        Run withoutTook() {
            return new Run(out.replaceAll("took \\d+ s\n", ""), err, status);
        }
    }

    private ToolContext start(String node, String line, String stdin, StringWriter o, StringWriter e) {
        return lab.start(node, List.of(line.split(" ")), new PrintWriter(o, true), new PrintWriter(e, true),
                stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
    }

    private Run run(String line) {
        String stdin = null;
        if (line.startsWith("echo hi | ")) {
            stdin = "hi\n";
            line = line.substring("echo hi | ".length());
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ToolContext ctx = start("a", line, stdin, o, e);
        lab.await(ctx);
        lab.runFor(1_000_000);
        return new Run(o.toString(), e.toString(), ctx.exitCode());
    }

    @Test
    void aVerboseClientProbesThenSendsTheLineAndTheListenerConnectsToIt() throws IOException {
        Map<String, Run> want = ncOut();
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        ToolContext server = start("b", "nc -u -l -n -v 1234", null, so, se);
        long t0 = lab.now();
        Run client = run("echo hi | nc -u -v -w1 10.0.0.2 1234");
        assertThat(client).isEqualTo(want.get("echo hi | nc -u -v -w1 10.0.0.2 1234; echo took $SECONDS s")
                .withoutTook());
        assertThat(lab.now() - t0).isBetween(2_000_000_000L, 2_010_000_000L); // "took 2 s": 1 s probing, 1 s -w
        assertThat(server.finished()).isFalse();
        Run listener = want.get("nc -u -l -n -v 1234 (the listener, killed)");
        int clientPort = u16(udpFrames().get(0), 34);
        assertThat(so.toString()).isEqualTo(listener.out());
        assertThat(se.toString().replace(" " + clientPort + "\n", " PORT\n"))
                .isEqualTo(listener.err().replaceAll(" \\d+\n$", " PORT\n"));
        assertEquivalent(frames(), recorded("exchange.pcap"), true);
    }

    @Test
    void aZeroIoScanSendsThreeProbes() throws IOException {
        StringWriter so = new StringWriter();
        start("b", "nc -u -l 1234", null, so, new StringWriter());
        Run r = run("nc -u -v -z -w1 10.0.0.2 1234");
        assertThat(r).isEqualTo(ncOut().get("nc -u -v -z -w1 10.0.0.2 1234"));
        assertThat(so.toString()).isEqualTo("XXX");
        assertEquivalent(frames(), recorded("probe.pcap"), true);
    }

    @Test
    void aClosedPortEndsTheProbeSilentlyAfterOneDatagram() throws IOException {
        Map<String, Run> want = ncOut();
        assertThat(run("echo hi | nc -u -v -w1 10.0.0.2 1235")).isEqualTo(want.get("echo hi | nc -u -v -w1 10.0.0.2 1235"));
        assertThat(run("nc -u -v -z -w1 10.0.0.2 1235")).isEqualTo(want.get("nc -u -v -z -w1 10.0.0.2 1235"));
        assertEquivalent(frames(), recorded("closed.pcap"), false); // two commands: the gap between is the harness's
    }

    @Test
    void withoutProbesTheUnreachableEndsTheClientAtOnce() throws IOException {
        Map<String, Run> want = ncOut();
        for (String w : List.of("-w1", "-w2")) {
            String cmd = "echo hi | nc -u " + w + " 10.0.0.2 1235";
            long t0 = lab.now();
            assertThat(run(cmd)).isEqualTo(want.get(cmd + "; echo took $SECONDS s").withoutTook());
            assertThat(lab.now() - t0).as("took 0 s").isLessThan(10_000_000L);
        }
        assertThat(run("echo hi | nc -u 10.0.0.2")).isEqualTo(want.get("echo hi | nc -u 10.0.0.2"));
    }

    // ----------------------------------------------------------------------------------------------------------

    private List<byte[]> udpFrames() {
        List<byte[]> l = new ArrayList<>();
        for (byte[] f : frames()) {
            if (f[23] == 17) {
                l.add(f);
            }
        }
        return l;
    }

    private List<byte[]> frames() {
        List<byte[]> l = new ArrayList<>();
        for (var r : capture.records()) {
            byte[] f = r.data();
            if (f.length > 34 && (f[12] & 0xff) == 8 && f[13] == 0 && (f[23] == 17 || f[23] == 1)) {
                l.add(stamp(f, r.epochNanos()));
            }
        }
        return l;
    }

    private final Map<byte[], Long> times = new java.util.IdentityHashMap<>();

    private byte[] stamp(byte[] f, long t) {
        times.put(f, t);
        return f;
    }

    private static Map<String, Run> ncOut() throws IOException {
        Map<String, Run> m = new LinkedHashMap<>();
        String cmd = null;
        StringBuilder o = new StringBuilder();
        StringBuilder e = new StringBuilder();
        for (String line : Files.readAllLines(DIR.resolve("nc-udp.out"))) {
            if (line.startsWith("### ")) {
                cmd = line.substring(4);
                o.setLength(0);
                e.setLength(0);
            } else if (line.startsWith("stdout: ")) {
                String s = line.substring(8);
                int exit = s.indexOf("exit ");
                if (exit >= 0) { // a listener killed with no newline after its data
                    o.append(s, 0, exit);
                    m.put(cmd, new Run(o.toString(), e.toString(), -1));
                    continue;
                }
                o.append(s).append('\n');
            } else if (line.startsWith("stderr: ")) {
                e.append(line.substring(8)).append('\n');
            } else if (line.startsWith("exit")) {
                String st = line.substring(4).trim();
                m.put(cmd, new Run(o.toString(), e.toString(), st.isEmpty() ? -1 : Integer.parseInt(st)));
            }
        }
        return m;
    }

    private List<byte[]> recorded(String name) {
        List<byte[]> l = new ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(DIR.resolve(name))) {
            l.add(stamp(r.data(), r.epochNanos()));
        }
        return l;
    }

    private void assertEquivalent(List<byte[]> ours, List<byte[]> theirs, boolean timed) {
        assertThat(ours).hasSameSizeAs(theirs);
        List<String> a = normalise(ours);
        List<String> b = normalise(theirs);
        long a0 = times.get(ours.get(0));
        long b0 = times.get(theirs.get(0));
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).as("frame " + (i + 1)).isEqualTo(b.get(i));
            if (!timed) {
                continue;
            }
            long da = times.get(ours.get(i)) - a0;
            long db = times.get(theirs.get(i)) - b0;
            assertThat(Math.abs(da - db)).as("time of frame " + (i + 1)).isLessThan(5_000_000L);
        }
    }

    /** Hex with the client's ports as P0, P1... and each UDP socket's IP ids relative to its first. */
    private static List<String> normalise(List<byte[]> frames) {
        Map<Integer, Integer> portIds = new LinkedHashMap<>();
        Map<Integer, Integer> firstId = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (byte[] f0 : frames) {
            byte[] f = f0.clone();
            if (f[23] == 17) {
                int port = u16(f, 34);
                portIds.putIfAbsent(port, portIds.size());
                put16(f, 34, portIds.get(port));
                int id = u16(f, 18);
                firstId.putIfAbsent(port, id);
                put16(f, 18, id - firstId.get(port));
                put16(f, 40, 0);
            } else { // ICMP: its own id, and the quoted datagram as above
                put16(f, 18, 0);
                put16(f, 36, 0);
                int port = u16(f, 62);
                put16(f, 62, portIds.getOrDefault(port, -1));
                put16(f, 46, u16(f, 46) - firstId.getOrDefault(port, 0));
                put16(f, 52, 0);
                put16(f, 68, 0);
            }
            put16(f, 24, 0);
            out.add(HexFormat.of().formatHex(f));
        }
        return out;
    }

    private static int u16(byte[] f, int o) {
        return (f[o] & 0xff) << 8 | f[o + 1] & 0xff;
    }

    private static void put16(byte[] f, int o, int v) {
        f[o] = (byte) (v >> 8);
        f[o + 1] = (byte) v;
    }
}

package io.arplab.tools;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.lab.Lab;
import io.arplab.observe.MemoryCapture;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab of refdata/local/security/record.sh (bridge br0 172.28.0.1/16 on "host", victim n1 .11, attacker n2 .12,
 * bystander n3 .13), and the same "$ node: command" transcript format, so a scenario replayed here can be compared
 * with the recording line by line.
 */
final class SecurityLab {
    static final Path DIR = Path.of("src/test/resources/refdata/local/security");

    final Lab lab = new Lab(7);
    final MemoryCapture n1Capture = new MemoryCapture();
    private final StringBuilder transcript = new StringBuilder();
    private final java.util.Map<String, Job> jobs = new java.util.HashMap<>();

    private record Job(String title, ToolContext ctx, StringWriter out, StringWriter err) {}

    SecurityLab() {
        Host host = lab.addHost("host");
        host.stack().setIpForward(true);
        LinuxBridge br0 = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
        node(br0, "n1", "02:42:ac:1c:00:0b", "172.28.0.11");
        node(br0, "n2", "02:42:ac:1c:00:0c", "172.28.0.12");
        node(br0, "n3", "02:42:ac:1c:00:0d", "172.28.0.13");
        // record.sh's resolv.conf names 127.0.0.1, where no server listens: getaddrinfo() fails with EAI_AGAIN
        lab.resolver().lookupError("Temporary failure in name resolution");
        lab.runFor(2_000_000_000L);
        lab.capture("n1", "eth0", n1Capture); // cap() starts after the setup (and the bridge's IGMPv3 reports)
    }

    private void node(LinuxBridge br, String name, String mac, String ip) {
        Host h = lab.addHost(name);
        lab.attach(h, "eth0", MacAddress.parse(mac), ip + "/16", br, "veth-" + name,
                MacAddress.parse("ee:" + mac.substring(3)));
        lab.defaultRoute(h, Ipv4Address.parse("172.28.0.1"));
    }

    /** run(): a command to its end, its stdout, stderr after "--- stderr", and its exit status. */
    SecurityLab run(String node, String command) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = lab.exec(node, CommandLineSplitter.split(command), new PrintWriter(o), new PrintWriter(e));
        append("$ " + node + ": " + command, o, e, rc);
        return this;
    }

    /** bg(): started in the background; fin() reports it once it has ended. */
    SecurityLab bg(String id, String node, String command) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ToolContext ctx = lab.start(node, CommandLineSplitter.split(command), new PrintWriter(o), new PrintWriter(e));
        jobs.put(id, new Job(command, ctx, o, e));
        transcript.append("$ ").append(node).append(": ").append(command).append(" &\n");
        return this;
    }

    SecurityLab fin(String id) {
        Job j = jobs.remove(id);
        lab.await(j.ctx());
        append("$ [" + id + " ended]", j.out(), j.err(), j.ctx().exitCode());
        return this;
    }

    /** A step the recording ran as {@code bash -c "PRODUCER | TOOL ..."}: the tool gets the producer's output. */
    SecurityLab piped(String node, String command, List<String> argv, String stdin) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        ToolContext ctx = lab.start(node, argv, new PrintWriter(o, true), new PrintWriter(e, true),
                stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        lab.await(ctx);
        append("$ " + node + ": " + command, o, e, ctx.exitCode());
        return this;
    }

    /** A step whose output the test computed itself (a shell pipeline the lab has no shell for). */
    SecurityLab note(String node, String command, String stdout, int rc) {
        append("$ " + node + ": " + command, new StringWriter().append(stdout), new StringWriter(), rc);
        return this;
    }

    SecurityLab sleep(double seconds) {
        lab.runFor((long) (seconds * 1e9));
        return this;
    }

    private void append(String title, StringWriter o, StringWriter e, int rc) {
        transcript.append(title).append('\n').append(o);
        if (!e.toString().isEmpty()) {
            transcript.append("--- stderr\n").append(e);
        }
        transcript.append("[exit ").append(rc).append("]\n");
    }

    String transcript() {
        return transcript.toString();
    }

    /** tcpdump -nn -e of n1's capture, without the time of day. */
    List<String> n1Frames() {
        TcpdumpPrinter p = new TcpdumpPrinter(new TcpdumpOptions(true, true, 0,
                TcpdumpOptions.TimestampStyle.TIME_OF_DAY, 0, ZoneOffset.UTC));
        List<String> lines = new ArrayList<>();
        for (PcapRecord r : n1Capture.records()) {
            StringBuilder sb = new StringBuilder();
            p.print(r, sb);
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }

    static String recorded(String file) throws IOException {
        return Files.readString(DIR.resolve(file));
    }

    /** What differs between runs on a real machine: round-trip times, ping ids, UDP source ports, tmp dirs. */
    static String mask(String s) {
        return s.replaceAll("rtt min/avg/max/mdev = [0-9./]+ ms", "rtt min/avg/max/mdev = T ms")
                .replaceAll("time [0-9]+ms", "time Tms")
                .replaceAll(", id [0-9]+,", ", id ID,")
                .replaceAll("(172\\.28\\.0\\.[0-9]+)\\.[0-9]+ > ", "$1.PORT > ")
                .replaceAll("/tmp/tmp\\.[A-Za-z0-9]+/", "/tmp/T/");
    }
}

package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.stack.NeighParams;
import io.arplab.stack.NetDevice;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recordings' topology (refdata/linux/env/topology.txt) as the reference namespaces had it: namespaces named
 * ref-host and ref-nodeN (so iproute2 prints "link-netns ref-host"), addresses added without a broadcast, host
 * forwarding on. Shared by the golden tests of the tools; {@link #path} finds the recordings.
 */
public final class ReferenceLab {
    private ReferenceLab() {}

    public static final Path REFDATA = Path.of("src/test/resources/refdata/linux");

    public static Path path(String relative) {
        return REFDATA.resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Lab build(long seed) {
        Lab lab = new Lab(seed);
        Host host = lab.addHost("host");
        host.stack().setIpForward(true);
        // the recording's bridges snooped (topology.txt); their IGMPv3 reports went out during its setup, before the
        // scenarios, whose start is the lab's time 0
        LinuxBridge lan = lab.addSettledBridge("br-arp_lan", MacAddress.parse("02:42:8e:ff:44:b3"), host,
                "172.28.0.1/16");
        LinuxBridge net18 = lab.addSettledBridge("br-net18", MacAddress.parse("02:42:5a:3c:7e:21"), host,
                "172.18.0.1/16");
        node(lab, "node1", lan, "02:42:ac:1c:00:0b", "172.28.0.11", "ee:ee:ee:1c:00:0b", "172.28.0.1");
        node(lab, "node2", lan, "02:42:ac:1c:00:0c", "172.28.0.12", "ee:ee:ee:1c:00:0c", "172.28.0.1");
        node(lab, "node3", lan, "02:42:ac:1c:00:0d", "172.28.0.13", "ee:ee:ee:1c:00:0d", "172.28.0.1");
        node(lab, "node4", net18, "02:42:ac:12:00:02", "172.18.0.2", "ee:ee:ee:12:00:02", "172.18.0.1");
        for (String n : lab.hosts().keySet()) {
            lab.netnsName(n, "ref-" + n);
        }
        return lab;
    }

    private static void node(Lab lab, String name, LinuxBridge br, String mac, String ip, String vethMac, String gw) {
        Host h = lab.addHost(name);
        lab.attach(h, "eth0", MacAddress.parse(mac), ip + "/16", br, "veth-" + name, MacAddress.parse(vethMac));
        lab.defaultRoute(h, Ipv4Address.parse(gw));
    }

    /**
     * Gives every device the reachable_time the recording's {@code ip ntable} shows for it (the kernel draws it at
     * random; the recorded draw is a parameter of the run, like the MAC addresses).
     */
    public static void useRecordedReachableTimes(Lab lab, Snapshots snapshots, String snapshot) {
        for (var node : snapshots.nodes(snapshot)) {
            Host h = lab.host(node);
            Map<String, Long> reach = snapshots.reachable(snapshot, node);
            for (NetDevice d : h.stack().devices()) {
                Long ms = reach.get(d.name);
                if (ms != null) {
                    d.arpParms().reachableTime = ms * NeighParams.MS;
                }
            }
        }
    }

    /** Runs the lab until virtual time {@code t}. */
    public static void runUntil(Lab lab, long t) {
        if (t > lab.now()) {
            lab.runFor(t - lab.now());
        }
    }

    /** A command run to completion; fails the caller's expectations loudly when it wrote to stderr. */
    public static String run(Lab lab, String node, String command) {
        Lab.Result r = lab.exec(node, command);
        if (r.exitCode() != 0 || !r.stderr().isEmpty()) {
            throw new AssertionError(node + "$ " + command + " -> rc " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }

    /** A command that runs until interrupted (ip monitor): its stdout buffer and the handle to stop it. */
    public record Running(io.arplab.tools.ToolContext ctx, StringWriter out) {
        public String stop() {
            ctx.interrupt();
            return out.toString();
        }
    }

    public static Running start(Lab lab, String node, String command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var ctx = lab.start(node, io.arplab.tools.CommandLineSplitter.split(command), new PrintWriter(out),
                new PrintWriter(err));
        return new Running(ctx, out);
    }

    /** snapshots.txt: at named moments, per namespace, the outputs of ip -s neigh, arp -an and ip ntable. */
    public static final class Snapshots {
        /** snapshot → time (ns after T0). */
        public final Map<String, Long> times = new LinkedHashMap<>();
        /** snapshot → node → section ("ip -s neigh show", "arp -an", "ip ntable show") → lines. */
        private final Map<String, Map<String, Map<String, List<String>>>> data = new LinkedHashMap<>();

        public static Snapshots parse(String text) {
            Snapshots s = new Snapshots();
            String snap = null;
            List<String> current = null;
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("=== snapshot ")) {
                    int q1 = line.indexOf('"');
                    int q2 = line.indexOf('"', q1 + 1);
                    snap = line.substring(q1 + 1, q2);
                    String t = line.substring(line.indexOf("t=+") + 3, line.length() - 1);
                    s.times.put(snap, Math.round(Double.parseDouble(t) * 1e9));
                    s.data.put(snap, new LinkedHashMap<>());
                    current = null;
                } else if (line.startsWith("--- ") && snap != null) {
                    String node = line.substring(4, line.indexOf(':'));
                    String rest = line.substring(line.indexOf(':') + 2);
                    String section = rest.startsWith("ip ntable") ? "ip ntable show" : rest;
                    current = new ArrayList<>();
                    s.data.get(snap).computeIfAbsent(node, k -> new LinkedHashMap<>()).put(section, current);
                } else if (current != null) {
                    current.add(line);
                }
            }
            // blank lines separate the sections; comparisons ignore trailing ones
            for (var bySnap : s.data.values()) {
                for (var byNode : bySnap.values()) {
                    for (var lines : byNode.values()) {
                        stripTrailingBlank(lines);
                    }
                }
            }
            return s;
        }

        public static List<String> stripTrailingBlank(List<String> lines) {
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        }

        /** Command output as lines, without trailing blank ones. */
        public static List<String> lines(String output) {
            return stripTrailingBlank(new ArrayList<>(List.of(output.split("\n", -1))));
        }

        public List<String> nodes(String snapshot) {
            return new ArrayList<>(data.get(snapshot).keySet());
        }

        public List<String> lines(String snapshot, String node, String section) {
            return data.get(snapshot).get(node).get(section);
        }

        /** From an ip ntable section: device → reachable (ms). */
        public Map<String, Long> reachable(String snapshot, String node) {
            Map<String, Long> m = new LinkedHashMap<>();
            String dev = null;
            for (String l : lines(snapshot, node, "ip ntable show")) {
                String t = l.trim();
                if (t.startsWith("dev ")) {
                    dev = t.substring(4).trim();
                } else if (t.startsWith("refcnt") && dev != null) {
                    String[] w = t.split(" ");
                    m.put(dev, Long.parseLong(w[3]));
                    dev = null;
                }
            }
            return m;
        }
    }
}

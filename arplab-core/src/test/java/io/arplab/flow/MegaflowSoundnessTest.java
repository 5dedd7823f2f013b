package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A megaflow is sound when every packet it matches gets, from its actions, what that packet's own translation would
 * give: the wildcards a translation leaves are the bits it did not examine (xlate's wc, the classifier's
 * find_match_wc()). Checked on the pipelines of the recorded megaflow campaigns (refdata/ovs/megaflow-random-SEED,
 * whose packets the campaign test compares with OVS 3.1's) with many more packets: each recorded packet, and variants
 * of it with one field changed to a value the seed uses elsewhere, so that they fall inside and just outside the
 * megaflows installed before them. Two bridges take the same packets in the same order: one purges its datapath
 * before each packet (every packet an upcall), the other keeps its megaflows (a packet a megaflow matches is executed
 * from its actions); every packet must leave both on the same ports with the same bytes, and at the end every rule
 * must have counted the same packets and bytes. learn() is taken out of the pipelines: OVS runs it for a megaflow's
 * hits only when the revalidator pushes their stats, so a learned flow's arrival differs between the two by design.
 */
class MegaflowSoundnessTest {
    private static final Pattern ADD_FLOW = Pattern.compile("^ovs-ofctl (?:-O (OpenFlow1[0-5]) )?add-flow br0 '(.*)'$");
    private static final Pattern RECEIVE = Pattern.compile("^ovs-appctl netdev-dummy/receive p(\\d) '?([^']*)'?$");

    /** A seed's ports (p1..pN), flows (OpenFlow version, flow) and packets (port, odp flow). */
    record Case(int ports, List<String[]> flows, List<String[]> packets) {}

    static Stream<Named<Path>> seeds() throws IOException, URISyntaxException {
        Path ovs = Path.of(MegaflowSoundnessTest.class.getResource("/refdata/ovs").toURI());
        try (Stream<Path> dirs = Files.list(ovs)) {
            return dirs.filter(d -> d.getFileName().toString().matches("(megaflow|ct|trace)-random-\\d+"))
                    .sorted(java.util.Comparator.comparing((Path d) -> d.getFileName().toString().charAt(0))
                            .thenComparingInt(MegaflowSoundnessTest::seedOf))
                    .map(d -> Named.of(d.getFileName().toString(), d.resolve("commands.in")))
                    .toList().stream();
        }
    }

    /** The variants' seed of a file's i-th pipeline: the campaign's seed for its first one. */
    static long seed(Path commands, int i) {
        return seedOf(commands.getParent()) + 1_000_003L * i;
    }

    static int seedOf(Path dir) {
        String n = dir.getFileName().toString();
        return Integer.parseInt(n.substring(n.lastIndexOf('-') + 1));
    }

    /** The file's pipelines: a campaign that empties the tables (del-flows) starts another one there. */
    static List<Case> read(Path commands) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<String> lines = Files.readAllLines(commands);
        // the header names the ports: "p1..pN" or "p1, p2"
        Matcher header = Pattern.compile("p(\\d)").matcher(lines.get(0));
        int ports = 1;
        while (header.find()) {
            ports = Math.max(ports, Integer.parseInt(header.group(1)));
        }
        List<String[]> flows = new ArrayList<>();
        List<String[]> packets = new ArrayList<>();
        for (String line : lines) {
            if (line.equals("ovs-ofctl del-flows br0") && !(flows.isEmpty() && packets.isEmpty())) {
                cases.add(new Case(ports, flows, packets));
                flows = new ArrayList<>();
                packets = new ArrayList<>();
            }
            Matcher m = ADD_FLOW.matcher(line);
            if (m.matches()) {
                flows.add(new String[] {m.group(1) == null ? "OpenFlow10" : m.group(1), PacketVariants.soundFlow(m.group(2))});
                continue;
            }
            m = RECEIVE.matcher(line);
            if (m.matches()) {
                packets.add(new String[] {m.group(1), m.group(2)});
            }
        }
        cases.add(new Case(ports, flows, packets));
        return cases;
    }

    private static List<String> portNumbers(int n) {
        List<String> l = new ArrayList<>();
        for (int p = 1; p <= n; p++) {
            l.add(String.valueOf(p));
        }
        return l;
    }

    static Ofproto bridge(Case c) {
        Ofproto br = new Ofproto("br0", 0xaabbccddee01L, 1);
        for (int p = 1; p <= c.ports(); p++) {
            br.addPort("p" + p, "dummy", p, 0xaa55aa550000L + p, new HashMap<>());
        }
        for (String[] f : c.flows()) {
            try {
                br.tables.apply(FlowParser.parse(f[1], FlowMod.Command.ADD, br.portMap()), OfVersion.valueOf(
                        "OF1" + f[0].charAt(f[0].length() - 1)), 0);
            } catch (RuntimeException e) {
                // a flow OVS refused too (the campaigns add some on purpose): ovs-ofctl's error, nothing installed
            }
        }
        return br;
    }

    private static List<String> sorted(String outputs) {
        return java.util.Arrays.stream(outputs.split(" ")).sorted().toList();
    }

    private static String outputs(List<Ofproto.Output> l) {
        StringBuilder b = new StringBuilder();
        for (Ofproto.Output o : l) {
            b.append(o.ofport()).append(':').append(java.util.HexFormat.of().formatHex(o.frame())).append(' ');
        }
        return b.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void everyPacketAMegaflowMatchesGetsItsOwnTranslation(Path commands) throws IOException {
        List<String> differences = new ArrayList<>();
        int hits = 0;
        List<Case> cases = read(commands);
        for (int i = 0; i < cases.size(); i++) {
            hits += check(cases.get(i), seed(commands, i), differences);
        }
        assertThat(hits).as("packets executed from a megaflow").isPositive();
        assertThat(differences).isEmpty();
    }

    // one pipeline's packets through both bridges: the differences, and how many packets hit a megaflow
    private static int check(Case c, long seed, List<String> differences) {
        Ofproto upcalls = bridge(c);
        Ofproto cached = bridge(c);
        int hits = 0;
        for (String[] p : PacketVariants.of(c.packets(), portNumbers(c.ports()), seed)) {
            byte[] frame;
            try {
                frame = PacketVariants.frame(p[1]);
            } catch (FlowParseException e) {
                continue; // a variant OVS would refuse as well (an ND target on a non-ND packet, say)
            }
            upcalls.datapath.purge();
            int before = cached.datapath.flows().size();
            String u = outputs(upcalls.receive(0, Long.parseLong(p[0]), frame.clone()));
            String h = outputs(cached.receive(0, Long.parseLong(p[0]), frame.clone()));
            hits += cached.datapath.flows().size() == before ? 1 : 0;
            // a fragment completing a datagram sends the list's fragments, recirculated as one batch: its upcalls
            // first, then its megaflow hits (dp_netdev_input__()), so their order may differ, not the frames
            boolean fragment = (Packet.extract(frame, 1)[Slot.NW_FRAG.ordinal()] & 1) != 0;
            if (!u.equals(h) && !(fragment && sorted(u).equals(sorted(h)))) {
                differences.add("p" + p[0] + " " + p[1] + "\n  upcall: " + u + "\n  cached: " + h
                        + "\n  megaflows: " + cached.datapath.dumpFlows(null, 0));
            }
        }
        cached.datapath.udpif.revalidateNow(0); // revalidator/wait: the hits' stats pushed to the rules
        List<Rule> a = upcalls.tables.all(), b = cached.tables.all();
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).packets != b.get(i).packets || a.get(i).bytes != b.get(i).bytes) {
                differences.add("rule " + a.get(i).table + "/" + a.get(i).priority + " " + a.get(i).match + ": "
                        + a.get(i).packets + "/" + a.get(i).bytes + " against " + b.get(i).packets + "/"
                        + b.get(i).bytes);
            }
        }
        return hits;
    }

    /**
     * Writes the checks of the seeds named by {@code -Dsoundness.record=S1,ct-S2} as campaigns to record with OVS 3.1
     * (src/test/scripts/record-soundness.sh): refdata/ovs/megaflow-sound-S1/commands.in (megaflow-random-S1's) or
     * ct-sound-S2 (ct-random-S2's), the pipeline and packets above with the megaflow campaigns' final views; skipped
     * without the property.
     */
    @org.junit.jupiter.api.Test
    void writeCampaigns() throws IOException, URISyntaxException {
        String seeds = System.getProperty("soundness.record", "");
        org.junit.jupiter.api.Assumptions.assumeFalse(seeds.isEmpty(), "records only with -Dsoundness.record=SEEDS");
        Path ovs = Path.of(MegaflowSoundnessTest.class.getResource("/refdata/ovs").toURI());
        Path out = Path.of(System.getProperty("soundness.dir", "src/test/resources/refdata/ovs"));
        for (String seed : seeds.split(",")) {
            // SEED: megaflow-random-SEED into megaflow-sound-SEED; ct-SEED: ct-random-SEED into ct-sound-SEED
            boolean ct = seed.startsWith("ct-");
            String n = ct ? seed.substring(3) : seed, from = (ct ? "ct-random-" : "megaflow-random-") + n;
            Case c = read(ovs.resolve(from).resolve("commands.in")).get(0);
            List<String> lines = new ArrayList<>();
            lines.add("# MegaflowSoundnessTest " + seed + " (" + from + "'s flows without learn(), NORMAL made FLOOD, "
                    + "its packets and variants): br0 with dummy ports p1..p" + c.ports());
            lines.add("ovs-appctl time/stop");
            for (String[] f : c.flows()) {
                lines.add("ovs-ofctl " + (f[0].equals("OpenFlow10") ? "" : "-O " + f[0] + " ") + "add-flow br0 '"
                        + f[1] + "'");
            }
            for (String[] p : PacketVariants.of(c.packets(), portNumbers(c.ports()), Integer.parseInt(n))) {
                lines.add("ovs-appctl netdev-dummy/receive p" + p[0] + " '" + p[1] + "'");
            }
            lines.addAll(List.of("ovs-appctl revalidator/wait", "ovs-appctl dpctl/dump-flows",
                    "ovs-appctl dpctl/show -s", "ovs-ofctl dump-flows br0"));
            if (ct) {
                lines.add("ovs-appctl dpctl/dump-conntrack");
            }
            Path dir = out.resolve((ct ? "ct-sound-" : "megaflow-sound-") + n);
            Files.createDirectories(dir);
            Files.write(dir.resolve("commands.in"), lines);
        }
    }
}

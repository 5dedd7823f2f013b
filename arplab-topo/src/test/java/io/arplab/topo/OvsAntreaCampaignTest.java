package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded Antrea-shaped campaigns of src/test/scripts/gen-antrea.py (refdata/ovs/antrea-random-SEED, recorded by
 * record-antrea.sh): br-int with a geneve tunnel, a gateway and pod ports, a random Antrea pipeline (classifier,
 * spoof guard, ARP responder, conntrack with marks and labels, policies with conjunctions, L3/L2 forwarding, commit,
 * output), packet sequences received on the ports, traces, then the datapath, conntrack, fdb and OpenFlow views;
 * each command's output section by section against OVS 3.1's, and every frame each port sent against its tx_pcap.
 * Seeds 15 on (gen-antrea.py --wide) add egress SNAT in a second zone with colliding tuples, a NodePort, hairpin,
 * ct_label matched later, +new-only policy drops and ICMP errors related to (NAT'ed) connections.
 */
class OvsAntreaCampaignTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");
    /** Seeds left out, with the reason. */
    static final java.util.Map<String, String> LEFT_OUT = java.util.Map.of("111", "OVS 3.1 aborts: after"
            + " dpctl/flush-conntrack, with NAT connections that met tuple space exhaustion (\"Unable to NAT\"),"
            + " ovs-vswitchd dies on lib/cmap.c:964's assertion old->n < new->max_n in cmap_rehash() (two recordings"
            + " alike), so every later command says \"cannot read pidfile\"; a crash is not a rule to model",
            "134", "the revalidators' timer (udpif_revalidator()'s 500 ms, in real time): a TCP ack's hit of its"
            + " syn's ct() megaflow (line 38) is pushed to its three rules before the next line's dump-aggregate"
            + " (209 packets, as arplab) in two of nine recordings of OVS, after it (206) in the other seven:"
            + " OVS's own race");

    /** Soundness checks left out, with the reason. */
    static final java.util.Map<String, String> SOUND_LEFT_OUT = java.util.Map.of("183", "OVS 3.1 aborts: the"
            + " third of three ICMP errors quoting a SNAT'ed TCP segment by its first 8 bytes (commands.in's line"
            + " 275) ends ovs-vswitchd with glibc's \"malloc(): unaligned tcache chunk detected\" (two recordings"
            + " alike, a third with its stderr kept): nat_inner_packet()'s pat_packet() sets the quoted ports with"
            + " packet_set_tcp_port(), whose checksum update writes past the frame's end; the 274 sections before it"
            + " match, every later command says \"cannot read pidfile\"; a crash is not a rule to model");

    @Test
    void antreaPipelinesAndPacketSequencesAreOvsOwn(@TempDir Path tmp) throws IOException {
        CampaignReplay c = replay("antrea-random-", "antrea.seeds", tmp);
        int all = c.sections + c.pcaps;
        System.out.println("antrea campaign: " + (all - c.sectionFailures - c.pcapFailures) + "/" + all
                + " sections match; left out: " + LEFT_OUT);
        // the differences in full, for reading: target/antrea-campaign.diff at the root
        Files.writeString(Path.of("target/antrea-campaign.diff"), String.join("\n", c.failures));
        assertThat(c.failures).isEmpty();
    }

    /**
     * Antrea's own pipeline as its design document lists it (refdata/ovs/antrea-doc: 166 flows over 31 tables, its
     * groups, meter 256; src/test/scripts/gen-antrea-doc.py SEED DIR numbers the tables and writes a seeded packet
     * sequence, record-antrea-doc.sh records it): each section and pcap against OVS 3.1's.
     */
    @Test
    void antreaDocumentedPipelineIsOvsOwn(@TempDir Path tmp) throws IOException {
        assertAllMatch("antrea-doc-", "antrea.doc", "antrea documented pipeline", tmp);
    }

    /**
     * OvsCampaignSoundnessTest's checks of Antrea-shaped pipelines recorded with OVS 3.1 (refdata/ovs/antrea-sound-SEED,
     * src/test/scripts/record-soundness.sh antrea-SEED): a seed's pipeline made sound, each of its packets followed by
     * variants that fall inside and just outside the megaflows installed before them.
     */
    @Test
    void antreaSoundnessChecksAreOvsOwn(@TempDir Path tmp) throws IOException {
        assertAllMatch("antrea-sound-", "antrea.sound", "antrea soundness campaign", tmp);
    }

    // every recording of the prefix replayed, at least one, none differing; the differences in full, for reading, in
    // target/PREFIX.diff at the root
    private static void assertAllMatch(String prefix, String property, String label, Path tmp) throws IOException {
        CampaignReplay c = replay(prefix, property, tmp);
        int all = c.sections + c.pcaps;
        System.out.println(label + ": " + (all - c.sectionFailures - c.pcapFailures) + "/" + all
                + " sections and pcaps match");
        Files.writeString(Path.of("target/" + prefix.substring(0, prefix.length() - 1) + ".diff"),
                String.join("\n", c.failures));
        assertThat(all).isPositive();
        assertThat(c.failures).isEmpty();
    }

    // every recorded seed of the prefix, or those -Dproperty=15,16 names (left out or not)
    private static CampaignReplay replay(String prefix, String property, Path tmp) throws IOException {
        CampaignReplay c = new CampaignReplay();
        try (var dirs = Files.list(REF)) {
            String only = System.getProperty(property, "");
            for (Path ref : dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .filter(d -> only.isEmpty() || java.util.Arrays.asList(only.split(","))
                            .contains(d.getFileName().toString().substring(prefix.length())))
                    .filter(d -> !prefix.equals("antrea-random-") || !only.isEmpty()
                            || !LEFT_OUT.containsKey(d.getFileName().toString().substring(prefix.length())))
                    .filter(d -> !prefix.equals("antrea-sound-") || !only.isEmpty()
                            || !SOUND_LEFT_OUT.containsKey(d.getFileName().toString().substring(prefix.length())))
                    .sorted().toList()) {
                Lab lab = lab(tmp.resolve(ref.getFileName().toString()), ports(ref));
                lab.setWorkDir(ref);
                var sent = CampaignReplay.capture(lab); // antrea-gw0 and the pods' ports
                // the soundness checks stop OVS's clock (time/stop): no lab time between their lines
                c.compare(ref, replay(lab, ref.resolve("commands.in"), prefix.equals("antrea-sound-") ? 0
                        : 200_000_000L), sent, OvsAntreaCampaignTest::normal);
            }
        }
        return c;
    }

    /** The pod ports p3..pN, from commands.in's first line. */
    static int pods(Path ref) throws IOException {
        Matcher m = Pattern.compile("p3\\.\\.p(\\d)").matcher(Files.readAllLines(ref.resolve("commands.in")).get(0));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1)) - 2;
    }

    /**
     * The dummy ports beside antrea-tun0 and antrea-gw0, from commands.in's first line: gen-antrea.py's p3..pN, or
     * gen-antrea-doc.py's "ports NAME=OFPORT[:TYPE] ...".
     */
    static Map<String, Integer> ports(Path ref) throws IOException {
        String first = Files.readAllLines(ref.resolve("commands.in")).get(0);
        Map<String, Integer> ports = new LinkedHashMap<>();
        int at = first.indexOf("; ports ");
        if (at < 0) {
            for (int p = 3; p < 3 + pods(ref); p++) {
                ports.put("p" + p, p);
            }
            return ports;
        }
        for (String p : first.substring(at + "; ports ".length()).trim().split(" ")) {
            String name = p.substring(0, p.indexOf('='));
            if (!name.equals("antrea-tun0") && !name.equals("antrea-gw0")) {
                ports.put(name, Integer.parseInt(p.substring(p.indexOf('=') + 1)));
            }
        }
        return ports;
    }

    static Lab lab(Path dir, int pods) throws IOException {
        Map<String, Integer> named = new LinkedHashMap<>();
        for (int p = 3; p < 3 + pods; p++) {
            named.put("p" + p, p);
        }
        return lab(dir, named);
    }

    static Lab lab(Path dir, Map<String, Integer> named) throws IOException {
        Files.createDirectories(dir);
        StringBuilder ports = new StringBuilder();
        for (Map.Entry<String, Integer> p : named.entrySet()) {
            ports.append("      ").append(p.getKey()).append(": {ofport: ").append(p.getValue())
                    .append(", type: dummy}\n");
        }
        Files.writeString(dir.resolve("lab.yaml"), """
                networks:
                  br-int:
                    kind: ovs
                    subnet: 10.99.9.0/24
                    datapath_id: 0000aabbccddeeff
                    hwaddr: aa:bb:cc:dd:ee:01
                    ports:
                      antrea-tun0: {ofport: 1, type: geneve, options: {remote_ip: flow, key: flow, csum: "true"}}
                      antrea-gw0: {ofport: 2, type: dummy}
                """ + ports + """
                hosts:
                  idle: {interfaces: []}
                """);
        return TopologyBuilder.build(TopologyLoader.load(dir.resolve("lab.yaml")).topology(), 1);
    }

    static String replay(Lab lab, Path commandsIn) throws IOException {
        return replay(lab, commandsIn, 200_000_000L);
    }

    // each line followed by gapNanos of lab time (record-antrea.sh sleeps 0.2 s after each)
    static String replay(Lab lab, Path commandsIn, long gapNanos) throws IOException {
        StringBuilder got = new StringBuilder();
        // record-antrea.sh's own setup: no megaflow idles out while a seed runs
        lab.exec(lab.bridgeOwner("br-int").name(), "ovs-vsctl set Open_vSwitch . other_config:max-idle=3600000");
        for (String line : Files.readAllLines(commandsIn)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var r = lab.exec(lab.bridgeOwner("br-int").name(), line);
            got.append("### ").append(line).append('\n').append(r.stdout()).append(r.stderr());
            if (gapNanos > 0) {
                lab.runFor(gapNanos);
            }
        }
        return got.toString();
    }

    static List<String> sections(String s) {
        return List.of(s.split("(?m)^(?=### )"));
    }

    // what changes run to run in OVS: times, ages, recirculation ids, the hash order of the datapath flows, of
    // conntrack's entries and of dump-ports' blocks
    static String normal(String section) {
        String t = OvsFramesTest.normal(OvsDatapathViewsTest.normal(section))
                .replaceAll("recirc\\(0x[0-9a-f]+\\)", "recirc(R)")
                .replaceAll("recirc_id(=|\\()0x[0-9a-f]+", "recirc_id$1R")
                .replaceAll("(idle|hard)_age=[0-9]+", "$1_age=A").replaceAll("ufid:[0-9a-f-]+", "ufid:U");
        if (t.startsWith("### ovs-appctl dpctl/dump-flows") || t.startsWith("### ovs-appctl dpif/dump-flows")
                || t.startsWith("### ovs-appctl dpctl/dump-conntrack")) {
            String[] lines = t.split("\n");
            java.util.Arrays.sort(lines, 1, lines.length);
            t = String.join("\n", lines);
        }
        return t.endsWith("\n") ? t : t + "\n";
    }
}

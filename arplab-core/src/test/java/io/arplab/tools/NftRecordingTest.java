package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * nft (nftables 1.0.6) replayed in the lab of refdata/local/nft/record.sh (the security lab's): what nft prints for
 * tables, chains, sets and rules, the errors it gives, a ruleset file, and the defences' effect on arpspoof and
 * macof (the victim's gateway entry, the bridge's FDB, the counters).
 */
class NftRecordingTest {
    static final Path DIR = Path.of("src/test/resources/refdata/local/nft");

    /** Replays every "$ node: command" step of a recording (background jobs as bg/fin) and returns the transcript. */
    static String replay(SecurityLab s, String recording) {
        for (String line : recording.split("\n")) {
            if (line.startsWith("$ [")) {
                s.fin(line.substring(3, line.indexOf(' ', 3)));
            } else if (line.startsWith("$ ")) {
                int colon = line.indexOf(": ");
                String node = line.substring(2, colon);
                String command = line.substring(colon + 2);
                if (command.endsWith(" &")) {
                    s.bg("spoof", node, command.substring(0, command.length() - 2)).sleep(3);
                } else if (command.startsWith("sh -c bridge fdb show")) {
                    // the recording counts the flood's entries with grep and wc
                    String fdb = s.lab.exec(node, "bridge fdb show br br0 dynamic").stdout();
                    long n = fdb.lines().filter(l -> !l.contains("02:42:ac") && !l.contains("permanent")).count();
                    s.note(node, command, n + "\n", 0);
                } else {
                    s.run(node, quoteNames(command));
                }
            }
        }
        return s.transcript();
    }

    /** The recording shows what nft received; give the splitter the quotes the shell had ("veth-n1", log prefixes). */
    private static String quoteNames(String command) {
        return command.replaceAll("\"[^\"]*\"", "'$0'");
    }

    /** The transcript shows the command as the splitter was given it: the recording's words again. */
    private static String unquoteNames(String transcript) {
        return java.util.regex.Pattern.compile("(?m)^\\$ .*$").matcher(transcript).replaceAll(m ->
                java.util.regex.Matcher.quoteReplacement(m.group().replaceAll("'(\"[^\"]*\")'", "$1")));
    }

    private static String recorded(String name) throws IOException {
        return Files.readString(DIR.resolve(name));
    }

    /** record.sh's flush between scenarios: neighbours and rulesets of every node, not in the transcript. */
    static void flush(SecurityLab s) {
        for (String n : new String[] {"host", "n1", "n2", "n3"}) {
            s.lab.exec(n, "ip neigh flush all");
            s.lab.exec(n, "nft flush ruleset");
        }
    }

    private static SecurityLab lab() {
        SecurityLab s = new SecurityLab();
        s.lab.setWorkDir(DIR);
        return s;
    }

    /**
     * record.sh runs cli, file, errors and loops one after the other in n1: table handles only grow in a namespace.
     * loops.out: jumps to base chains and loops reachable from one are refused, a ruleset file's error is located.
     */
    @Test
    void listsWhatItMadeReadsAFileAndReportsErrorsAsNftDoes() throws IOException {
        SecurityLab s = lab();
        int from = 0;
        for (String name : new String[] {"cli.out", "file.out", "errors.out", "loops.out"}) {
            flush(s);
            String want = recorded(name);
            String all = unquoteNames(replay(s, want));
            String got = all.substring(from);
            from = all.length();
            Files.writeString(Path.of("target").resolve("nft-" + name), got);
            assertThat(got).as(name).isEqualTo(want);
        }
    }

    /**
     * hooks.out then atomic.out, as record.sh runs them in one set of namespaces (table handles only grow, and an
     * aborted transaction keeps the handles it drew). hooks: the ip/inet output and postrouting chains on n1 (a
     * dropped echo is sendmsg()'s EPERM, which ping counts as sent and does not report), priorities across the two
     * families, and on the router forward then postrouting (with the input interface) and its own packets' output
     * then postrouting (without). atomic: nft -f applies a file whole or not at all, printing every error of the
     * phase that failed (parsing, evaluation, or the kernel's refusals) with its location; -c applies nothing.
     */
    @Test
    void outputAndPostroutingHooksAndFilesAsOneTransaction() throws IOException {
        SecurityLab s = lab();
        io.arplab.device.Host n4 = s.lab.addHost("n4");
        s.lab.link(s.lab.host("host"), "veth-n4", io.arplab.wire.MacAddress.parse("ee:42:0a:00:01:01"), "10.0.1.1/24",
                n4, "eth0", io.arplab.wire.MacAddress.parse("02:42:0a:00:01:02"), "10.0.1.2/24");
        s.lab.defaultRoute(n4, io.arplab.wire.Ipv4Address.parse("10.0.1.1"));
        s.lab.runFor(2_000_000_000L);
        int from = 0;
        for (String name : new String[] {"hooks.out", "atomic.out"}) {
            flush(s);
            s.lab.exec("n4", "ip neigh flush all");
            String want = recorded(name);
            String all = replay(s, want);
            String got = all.substring(from);
            from = all.length();
            Files.writeString(Path.of("target").resolve("nft-" + name), got);
            assertThat(SecurityLab.mask(got)).as(name).isEqualTo(SecurityLab.mask(want));
        }
    }

    /** What differs from run to run: macof's random frames, and so the count of those with a unicast source. */
    private static String maskRandom(String s) {
        return SecurityLab.mask(s).replaceAll("(?m)^[0-9a-f]{1,2}:[0-9a-f:]+ [0-9a-f:]+ 0\\.0\\.0\\.0\\..*\n", "")
                .replaceAll("(ether saddr != \\S+ counter) packets \\d+ bytes \\d+", "$1 packets N bytes B");
    }

    /**
     * defence_arp.out: arpspoof poisons n1's gateway entry; with the arp family's input rule (replies whose sender
     * ip/ether pair is not in the allowed set are dropped) the entry keeps the gateway's MAC, and the counter shows
     * the forged replies.
     */
    @Test
    void anArpInputRuleStopsArpspoof() throws IOException {
        SecurityLab s = lab();
        String want = recorded("defence_arp.out");
        assertThat(maskRandom(replay(s, want))).isEqualTo(maskRandom(want));
    }

    /**
     * l4.out: the network and transport fields (ip protocol/ttl/length/id, icmp type and code, tcp/udp ports, meta
     * l4proto/length/mark, arp htype/ptype/hlen/plen) as nft prints them, the dependencies it leaves out of the
     * listing, its errors; then rules with them against n2's and n3's pings: the drops and the counters.
     */
    @Test
    void networkAndTransportFieldsAsNftPrintsAndEvaluatesThem() throws IOException {
        SecurityLab s = lab();
        flush(s);
        String want = recorded("l4.out");
        assertThat(SecurityLab.mask(replay(s, want))).isEqualTo(SecurityLab.mask(want));
    }

    /**
     * proto.out then objects.out, as record.sh runs them in one set of namespaces (table handles only grow). proto:
     * the transport context of sets of protocols and of protocols named twice (proto_ctx's protos[]), th beside a
     * protocol's fields, the values and names nft cannot resolve, jump and goto without a chain name. objects: named
     * counters and quotas, maps, verdict maps and interval sets, and the listings of each kind.
     */
    @Test
    void transportContextsThenNamedObjects() throws IOException {
        SecurityLab s = lab();
        int from = 0;
        for (String name : new String[] {"proto.out", "objects.out"}) {
            flush(s);
            String want = recorded(name);
            String all = replay(s, want);
            String got = all.substring(from);
            from = all.length();
            Files.writeString(Path.of("target").resolve("nft-" + name), got);
            if (name.equals("objects.out")) { // -Dnft.all compares it too
                org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("nft.all") != null,
                        "objects.out: named counters and quotas, maps and verdict maps are not modelled yet");
            }
            assertThat(SecurityLab.mask(got)).as(name).isEqualTo(SecurityLab.mask(want));
        }
    }

    /**
     * random/SEED.out (refdata/local/nft/record-random.sh, src/test/scripts/gen-nft.py SEED): ~40 random nft commands
     * per seed, the arp, ip and inet tables in n1, the bridge ones on host, with pings between the nodes; each seed
     * in namespaces of its own. Seeds 1-12 drove the fixes, 13-16 were recorded after them; 17-32 draw the second
     * round's constructs (ranges, comparisons, ct, limit, log, reject, meta mark set, th, ip6, -j).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.MethodSource("randomSeeds")
    void randomCampaignsAsRecorded(int seed) throws IOException {
        // -Dnft.all replays the skipped seeds too (to measure them)
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("nft.all") != null || !NOT_YET.containsKey(seed),
                () -> NOT_YET.get(seed));
        SecurityLab s = lab();
        String want = recorded("random/" + seed + ".out");
        String got = unquoteNames(replay(s, want));
        Files.writeString(Path.of("target").resolve("nft-random-" + seed + ".out"), got);
        assertThat(maskTimes(got)).isEqualTo(maskTimes(want));
    }

    /** SecurityLab.mask(), and traceroute's and nc's times. */
    private static String maskTimes(String s) {
        return SecurityLab.mask(s).replaceAll(" [0-9]+\\.[0-9]+ ms", " T ms");
    }

    /** Seeds whose recording shows what arplab does not model yet (README, "nft, third round"). */
    private static final java.util.Map<Integer, String> NOT_YET = java.util.Map.ofEntries(
            java.util.Map.entry(17, "pings while an arp output chain drops: when the neighbour entry fails against"
                    + " ping's linger (ARP timing)"),
            java.util.Map.entry(19, "traceroute and ping while the arp input chain drops: the neighbour entry's timing"),
            java.util.Map.entry(23, "an arp output counter at a goto: one ARP frame more on the real host (a probe's"
                    + " timing)"),
            java.util.Map.entry(29, "bridge input oifname on frames to the host: an INCOMPLETE entry's last probe"
                    + " before or after ping exits"),
            java.util.Map.entry(52, "a bridge prerouting counter (14 frames, 552 bytes: five 60-byte probes and SYNs,"
                    + " nine ARP requests): n2's ping finds its entry for .11 still usable in arplab (an 84-byte echo,"
                    + " seven ARP requests), ARP timing"),
            java.util.Map.entry(60, "an INCOMPLETE entry's failure against ping's linger (ARP timing), and one ARP"
                    + " frame more at the arp input counter"),
            java.util.Map.entry(71, "nc -w1's SYN retransmitted before poll()'s 1 s timeout ended on the real host (a"
                    + " postrouting counter of 2 SYNs; seed 57 recorded 1): the RTO's timer-wheel expiry against the"
                    + " jiffies phase of the moment the SYN left"),
            java.util.Map.entry(73, "an arp output chain that drops: the third probe for .99 counted before the"
                    + " listing after ping's linger and a traceroute (ARP timing)"),
            java.util.Map.entry(78, "the host unreachable n1 sends itself when its entry for .99 fails 3 s after nc's"
                    + " SYN was queued reached the counters before the listing that follows n2's 2 s ping (ARP timing)"),
            java.util.Map.entry(81, "the host unreachable n1 sends itself for two traceroute probes when its entry for"
                    + " .99 fails, counted at postrouting before the last listing on the real host (its n2 ping took"
                    + " 1161 ms), after it in arplab (ARP timing)"),
            java.util.Map.entry(82, "th sport after ip protocol igmp lists as igmp type and igmp mrt"
                    + " (payload_match_expand() over igmp's templates, not modelled); and the host unreachables for .99"
                    + " counted before the last listing (ARP timing)"),
            java.util.Map.entry(84, "an arp input chain that drops: one ARP request more counted on the real host (ARP"
                    + " timing)"),
            java.util.Map.entry(94, "th sport after ip protocol esp lists as 'esp spi 3473408/16' (payload_expr_complete()"
                    + " widening to esp's 32-bit template, not modelled); and ping's errors when a bridge forward chain"
                    + " drops ARP (one on the real host, two in arplab: ARP timing against ping's linger)"));

    static java.util.stream.IntStream randomSeeds() throws IOException {
        try (var files = Files.list(DIR.resolve("random"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".out"))
                    .mapToInt(n -> Integer.parseInt(n.substring(0, n.length() - 4)))
                    .filter(n -> String.valueOf(n).matches(System.getProperty("nft.seeds", ".*"))) // -Dnft.seeds=REGEX
                    .sorted().boxed().toList().stream()
                    .mapToInt(Integer::intValue);
        }
    }

    /**
     * defence_bridge.out: on the bridge's host, prerouting rules pin the attacker's port to its own MAC and IP:
     * arpspoof's forged replies and macof's random sources are dropped before the bridge learns them.
     */
    @Test
    void bridgePreroutingRulesStopForgedSourcesOnAPort() throws IOException {
        SecurityLab s = lab();
        String want = recorded("defence_bridge.out");
        assertThat(maskRandom(replay(s, want))).isEqualTo(maskRandom(want));
    }

    /**
     * stdin.out: {@code nft -f -} reads the ruleset from standard input as one transaction (a bad third line leaves
     * no table), its errors located in /dev/stdin; {@code -c} checks only; empty input is an empty transaction.
     */
    @Test
    void aRulesetFromStandardInputIsOneTransaction() throws IOException {
        SecurityLab s = lab();
        flush(s);
        String want = recorded("stdin.out");
        for (String line : want.split("\n")) {
            if (!line.startsWith("$ ")) {
                continue;
            }
            int colon = line.indexOf(": ");
            String node = line.substring(2, colon);
            String command = line.substring(colon + 2);
            if (!command.startsWith("bash -c ")) {
                s.run(node, command);
                continue;
            }
            String shell = command.substring("bash -c ".length());
            String stdin = "";
            String tool = shell;
            int pipe = shell.indexOf(" | ");
            if (pipe >= 0) {
                String producer = shell.substring(0, pipe);
                tool = shell.substring(pipe + 3);
                if (producer.startsWith("echo ")) {
                    stdin = producer.substring(5).replace("'", "") + "\n";
                } else {
                    stdin = producer.substring("printf '".length(), producer.length() - 1).replace("\\n", "\n");
                }
            } else {
                tool = shell.replace(" < /dev/null", "");
            }
            s.piped(node, command, java.util.List.of(tool.split(" ")), stdin);
        }
        assertThat(s.transcript()).isEqualTo(want);
    }

    /** Any words nft may be given end in its output or a one-line error, exit 0 or 1: never an exception. */
    @Test
    void badInputNeverThrows() {
        SecurityLab s = lab();
        s.run("n1", "nft add table arp filter").run("n1", "nft add chain arp filter input '{ type filter hook input"
                + " priority 0; }'").run("n1", "nft add set arp filter s '{ type ipv4_addr . ether_addr; }'");
        String[] words = {"add", "insert", "delete", "list", "flush", "table", "chain", "rule", "set", "element", "arp",
            "bridge", "ip", "inet", "filter", "input", "ruleset", "{", "}", ";", "type", "hook", "priority", "policy",
            "accept", "drop", "jump", "goto", "return", "counter", "packets", "bytes", "saddr", "daddr", "ether",
            "operation", "reply", "request", ".", "!=", "==", "@s", "@", "1.2.3.4", "1.2.3.0/33", "1.2.3.0/x",
            "02:00:00:00:00:01", "02:00", "handle", "1", "-1", "99999999999999999999", "x", "iifname", "oifname", "meta",
            "pkttype", "protocol", "elements", "=", "\"", "-", "+", "filter + x", "-a", "-c", "-f", "/", "#", ",", ""};
        java.util.SplittableRandom r = new java.util.SplittableRandom(14);
        for (int i = 0; i < 3000; i++) {
            java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("nft"));
            for (int k = r.nextInt(12); k > 0; k--) {
                argv.add(words[r.nextInt(words.length)]);
            }
            String line = String.join(" ", argv);
            java.io.StringWriter o = new java.io.StringWriter();
            int rc = s.lab.exec("n1", argv, new java.io.PrintWriter(o), new java.io.PrintWriter(o));
            assertThat(rc).as(line).isBetween(0, 1);
            assertThat(o.toString()).as(line).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}

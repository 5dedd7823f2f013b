package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** examples/security: each attack, then its defence; the tables the scripts print and arpwatch's reports. */
class SecurityExamplesTest {
    static final Path DIR = Path.of("examples/security");
    static final String GATEWAY_MAC = "02:42:8e:ff:44:b3";
    static final String ATTACKER_MAC = "02:42:ac:1c:00:0c";

    static String run(String script, long seed) throws IOException {
        return run("lab.yaml", script, seed);
    }

    static String run(String labFile, String script, long seed) throws IOException {
        Lab lab = TopologyBuilder.build(TopologyLoader.load(DIR.resolve(labFile)).topology(), seed);
        StringWriter out = new StringWriter();
        LabConsole console = new LabConsole(lab, new PrintWriter(out), new PrintWriter(out), () -> { });
        for (String line : Files.readAllLines(DIR.resolve(script))) {
            console.execute(line);
        }
        console.close();
        return out.toString();
    }

    /** The output of each "node$ ip neigh show 172.28.0.1" in order, as "node: line" ("node: -" when empty). */
    static List<String> gatewayEntries(String out) {
        Matcher m = Pattern.compile("\\] (\\w+)\\$ ip neigh show 172\\.28\\.0\\.1\\n((?:172[^\\n]*\\n)?)").matcher(out);
        List<String> rows = new java.util.ArrayList<>();
        while (m.find()) {
            String entry = m.group(2).isEmpty() ? "-" : m.group(2).replaceAll(".*lladdr (\\S+) (\\S+).*\\n", "$1 $2");
            rows.add(m.group(1) + ": " + entry);
        }
        return rows;
    }

    static List<String> subjects(String out) {
        return out.lines().filter(l -> l.startsWith("Subject: ")).toList();
    }

    @Test
    void arpspoofPoisonsUntilAStaticEntryAndArpwatchSeesOnlyTheBroadcastPoisoning() throws IOException {
        String out = run("arpspoof.txt", 1);
        assertThat(gatewayEntries(out)).containsExactly(
                "victim: " + GATEWAY_MAC + " REACHABLE",     // before
                "victim: " + ATTACKER_MAC + " REACHABLE",    // arpspoof -t victim gateway
                "victim: " + GATEWAY_MAC + " REACHABLE",     // re-arped on Ctrl-C
                "victim: " + GATEWAY_MAC + " PERMANENT",     // static entry: holds
                "victim: " + ATTACKER_MAC + " STALE",        // arpspoof without -t: broadcast replies
                "bystander: " + ATTACKER_MAC + " STALE");
        assertThat(subjects(out)).containsExactly(
                "Subject: new station (172.28.0.1) eth0",
                "Subject: new station (victim) eth0",
                "Subject: new station (attacker) eth0",
                "Subject: changed ethernet address (172.28.0.1) eth0");
        assertThat(out).contains("    ethernet address: " + ATTACKER_MAC + "\n     ethernet vendor: <unknown>\n"
                + "old ethernet address: " + GATEWAY_MAC + "\n");
    }

    @Test
    void gratuitousArpTakesOverExistingEntriesUnlessDropped() throws IOException {
        String out = run("garp.txt", 1);
        assertThat(gatewayEntries(out)).containsExactly(
                "victim: " + GATEWAY_MAC + " DELAY",
                "bystander: -",
                "victim: " + ATTACKER_MAC + " STALE",        // taken over
                "bystander: -",                              // arp_accept=0: no entry created
                "victim: " + GATEWAY_MAC + " REACHABLE",     // drop_gratuitous_arp=1
                "bystander: " + ATTACKER_MAC + " STALE");    // arp_accept=1 creates one
        assertThat(subjects(out)).contains("Subject: changed ethernet address (172.28.0.1) eth0");
    }

    @Test
    void macofGrowsTheFdbUntilTheEntriesAgeOut() throws IOException {
        String out = run("macof.txt", 1);
        String[] tables = out.split("\\] host\\$ bridge fdb show br br0 dynamic\\n");
        assertThat(tables).hasSize(4);
        long before = tables[1].lines().takeWhile(l -> !l.startsWith("[")).count();
        long during = tables[2].lines().takeWhile(l -> !l.startsWith("[")).count();
        long after = tables[3].lines().takeWhile(l -> !l.startsWith("[")).count();
        long unicastSources = out.lines().filter(l -> l.matches("[0-9a-f]{1,2}:.* win 512"))
                .filter(l -> (Integer.parseInt(l.substring(0, l.indexOf(':')), 16) & 1) == 0).count();
        assertThat(before).isEqualTo(2);
        assertThat(during).isEqualTo(before + unicastSources);
        assertThat(after).isEqualTo(before); // the flood's entries aged out, the stations' were refreshed
    }

    /** The lines a command printed, up to the next command's header. */
    static List<String> outputOf(String out, String header) {
        int at = out.indexOf("] " + header + "\n");
        assertThat(at).as(header).isNotNegative();
        return out.substring(out.indexOf('\n', at) + 1).lines().takeWhile(l -> !l.startsWith("[")).toList();
    }

    @Test
    void nftRulesStopArpspoofAndMacofAndFdbMaxLearnedCapsTheFlood() throws IOException {
        String out = run("nft-lab.yaml", "nft.txt", 1);
        assertThat(gatewayEntries(out)).containsExactly(
                "victim: " + ATTACKER_MAC + " REACHABLE",    // no defence: poisoned
                "victim: " + GATEWAY_MAC + " REACHABLE",     // arp input rule on the victim
                "victim: " + GATEWAY_MAC + " REACHABLE");    // bridge prerouting rules on the attacker's port
        // the arp rule dropped each forged reply that reached the victim while arpspoof poisoned (28 bytes each)
        long forged = out.substring(out.indexOf("[2] done"), out.indexOf("victim$ nft list ruleset")).lines()
                .filter(l -> l.endsWith("is-at 2:42:ac:1c:0:c")).count();
        assertThat(forged).isPositive();
        assertThat(out).contains("!= @allowed counter packets " + forged + " bytes " + 28 * forged + " drop\n");
        String withRule = "host$ bridge fdb show br br0 dynamic";
        List<String> fdb = outputOf(out, withRule);
        assertThat(fdb).containsExactly("02:42:ac:1c:00:0b dev veth-victim master br0 ",
                "02:42:ac:1c:00:0c dev veth-attacker master br0 ");   // macof's sources were dropped before learning
        List<String> capped = outputOf(out.substring(out.indexOf("fdb_max_learned 4\n")), withRule);
        assertThat(capped).hasSize(4);
        assertThat(out).contains(" fdb_n_learned 4 fdb_max_learned 4 ");
    }

    @Test
    void arpScanFindsTheHostsAndMarksASecondAnswerForOneAddress() throws IOException {
        String out = run("scan.txt", 1);
        assertThat(out).contains("172.28.0.1\t02:42:8e:ff:44:b3\t(Unknown: locally administered)\n"
                + "172.28.0.12\t02:42:ac:1c:00:0c\t(Unknown: locally administered)\n"
                + "172.28.0.13\t02:42:ac:1c:00:0d\t(Unknown: locally administered)\n\n3 packets received by filter");
        // the bystander's bridge port is the newer one: flooded first, it answers first; the attacker's is the DUP
        assertThat(out).contains("172.28.0.13\t02:42:ac:1c:00:0d\t(Unknown: locally administered)\n"
                + "172.28.0.13\t" + ATTACKER_MAC + "\t(Unknown: locally administered) (DUP: 2)\n");
        assertThat(out).contains("victim$ arp-scan -I eth0 -x -g 172.28.0.13\n"
                + "172.28.0.13\t02:42:ac:1c:00:0d\t(Unknown: locally administered)\n[");
        assertThat(out).contains("---\tReceived packet #2 from 172.28.0.13\n", "---\tRemoving host 172.28.0.14 - Timeout\n");
    }

    @Test
    void sameSeedSameOutput() throws IOException {
        assertThat(run("nft-lab.yaml", "nft.txt", 5)).isEqualTo(run("nft-lab.yaml", "nft.txt", 5));
        for (String script : List.of("arpspoof.txt", "garp.txt", "macof.txt", "scan.txt")) {
            assertThat(run(script, 5)).isEqualTo(run(script, 5));
        }
    }

    @Test
    void aJobStillRunningAtTheEndIsInterruptedAndCleansUp() throws IOException {
        Lab lab = TopologyBuilder.build(TopologyLoader.load(DIR.resolve("lab.yaml")).topology(), 1);
        StringWriter out = new StringWriter();
        LabConsole console = new LabConsole(lab, new PrintWriter(out), new PrintWriter(out), () -> { });
        console.execute("victim ping -c1 -q 172.28.0.1");
        console.execute("attacker arpspoof -i eth0 -t 172.28.0.11 172.28.0.1 &");
        console.execute("sleep 3");
        console.close();
        assertThat(out.toString()).contains("] done (exit 0): attacker$ arpspoof -i eth0 -t 172.28.0.11 172.28.0.1\n")
                .contains("Cleaning up and re-arping targets...\n");
        assertThat(lab.exec("victim", "ip neigh show 172.28.0.1").stdout()).contains("lladdr " + GATEWAY_MAC);
    }

    @Test
    void badArgumentsNeverThrow() {
        Lab lab = new Lab(1);
        io.arplab.device.Host h = lab.addHost("h");
        h.stack().addDevice("eth0", io.arplab.wire.MacAddress.parse("02:00:00:00:00:01"), 1500);
        String[] tools = {"arpspoof", "macof", "arp-scan", "arpwatch", "inject", "timeout"};
        String[] words = {"-i", "eth0", "-I", "-t", "-n", "x", "-1", "1.5", "--retry", "--retry=x", "--backoff=x",
                "--interval=x", "-c", "arp", "request", "reply", "spa=x", "10.0.0.1", "10.0.0.0/33", "10.0.0.9-10.0.0.1",
                "a:b", "-s", "-d", "-e", "zz", "--", "-r", "-x", "ff", "0", "--localnet", "-q", "-V", ""};
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 1500; i++) {
            StringBuilder cmd = new StringBuilder(tools[r.nextInt(tools.length)]);
            for (int k = r.nextInt(5); k > 0; k--) {
                cmd.append(' ').append(words[r.nextInt(words.length)]);
            }
            String line = cmd.toString().trim().replaceAll(" +", " ");
            StringWriter o = new StringWriter();
            ToolRun run = () -> lab.exec("h", io.arplab.tools.CommandLineSplitter.split(line), new PrintWriter(o),
                    new PrintWriter(o));
            assertThat(run.exit()).as(line).isBetween(0, 255);
            assertThat(o.toString()).as(line).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private interface ToolRun {
        int exit();
    }
}

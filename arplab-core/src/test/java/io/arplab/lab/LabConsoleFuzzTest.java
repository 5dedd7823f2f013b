package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

/**
 * Coverage-guided fuzzing of script and shell lines on the seed's LAN (a host's bridge and three nodes): lines built
 * from the tools' own words (commands, options, addresses, devices, pipes, redirections, jobs, built-ins) with fuzzed
 * values and words among them, run in turn. Each line runs, or is refused in one line (which ends a script); no tool
 * reports an internal error or a Java exception's name, and every status is a shell's (0-255).
 */
class LabConsoleFuzzTest {
    private static final String[] NODES = {"node1", "node2", "node3", "host", "nodeX", ""};
    private static final String[] TOOLS = {"ping", "arping", "traceroute", "tracepath", "ip", "arp", "bridge",
        "sysctl", "tcpdump", "arpspoof", "arp-scan", "arpwatch", "nft", "nc", "inject", "macof", "hostname", "cat",
        "echo", "true", "false", "ss", "ifconfig", "route", "tc", "ethtool"};
    private static final String[] WORDS = {"-c", "1", "2", "-W", "-w", "0.2", "-i", "-I", "eth0", "br0", "lo", "-n",
        "-e", "-s", "-6", "-4", "-b", "-D", "-U", "-A", "-f", "-q", "-t", "-r", "-M", "do", "-l", "-p", "-m",
        "172.28.0.1", "172.28.0.12", "172.28.0.13", "172.28.255.255", "10.9.9.9", "0.0.0.0", "node2", "node3",
        "neigh", "route", "addr", "link", "show", "add", "del", "flush", "replace", "change", "get", "set", "dev",
        "lladdr", "02:42:ac:1c:00:0c", "nud", "permanent", "stale", "reachable", "noarp", "proxy", "via", "up",
        "down", "address", "mtu", "arp", "off", "on", "fdb", "vlan", "master", "-w", "net.ipv4.conf.all.arp_ignore",
        "net.ipv4.conf.eth0.arp_announce=2", "net.ipv4.neigh.eth0.base_reachable_time_ms=1000",
        "net.ipv4.ip_forward=1", "-a", "list", "ruleset", "table", "inet", "filter", "chain", "rule", "drop",
        "accept", "{", "}", ";", "--", "-h", "--help", "-V", "--localnet", "--interface=eth0", "-x", "-xx", "-v",
        "arp", "icmp", "host", "and", "or", "not", "src", "dst", "port", "-F", "%d", "-t", "-T", "-z"};
    private static final String[] GLUE = {"|", "| grep", "| head -n 2", "| wc -l", "> out.txt", ">> out.txt", "&", "#", "'", "\"",
        "\\", "$?", "*"};
    private static final String[] BUILTINS = {"sleep 1", "sleep 0.5", "run-for 2", "wait", "jobs", "fg", "kill %1",
        "time", "nodes", "net", "links", "dump", "help", "help ping", "sleep", "sleep -1", "kill", "fg %9"};

    private static final java.nio.file.Path WORK = workDir();

    private static java.nio.file.Path workDir() {
        try {
            java.nio.file.Path d = java.nio.file.Files.createTempDirectory("arplab-console-fuzz");
            d.toFile().deleteOnExit();
            return d;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Lab lab() {
        Lab lab = new Lab(7);
        lab.setToolLimit(1_000_000_000L); // a foreground command without end stops after a second, not an hour
        lab.setWorkDir(WORK); // where "> out.txt" writes
        Host host = lab.addHost("host");
        LinuxBridge br = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
        for (int i = 1; i <= 3; i++) {
            Host h = lab.addHost("node" + i);
            lab.attach(h, "eth0", MacAddress.parse("02:42:ac:1c:00:" + (10 + i)), "172.28.0.1" + i + "/16", br,
                    "veth" + i, MacAddress.parse("ee:ee:ee:1c:00:0" + i));
            lab.defaultRoute(h, Ipv4Address.parse("172.28.0.1"));
        }
        return lab;
    }

    @FuzzTest
    void runsOrRefuses(FuzzedDataProvider data) {
        StringWriter err = new StringWriter();
        LabConsole console = new LabConsole(lab(), new PrintWriter(Writer.nullWriter()), new PrintWriter(err), () -> { });
        int lines = data.consumeInt(1, 4);
        for (int i = 0; i < lines && data.remainingBytes() > 0; i++) {
            String line = line(data);
            int before = err.getBuffer().length();
            try {
                if (!console.execute(line)) {
                    break;
                }
            } catch (LabConsole.LineException | IllegalArgumentException e) {
                // an unusable line: the script ends with this one-line error (the CLI's exit status 2)
                assertThat(e.getMessage()).as(line).isNotBlank().doesNotContain("\n");
                break;
            }
            String said = err.getBuffer().substring(before);
            assertThat(said).as(line).doesNotContain("internal error").doesNotContain("Exception");
            assertThat(console.status()).as(line).isBetween(0, 255);
        }
        console.waitJobs();
        console.close();
        assertThat(err.toString()).doesNotContain("internal error").doesNotContain("Exception");
    }

    private static String line(FuzzedDataProvider data) {
        if (data.consumeInt(0, 5) == 0) {
            return data.pickValue(BUILTINS);
        }
        StringBuilder b = new StringBuilder(data.pickValue(NODES)).append(' ').append(data.pickValue(TOOLS));
        for (int k = data.consumeInt(0, 7); k > 0; k--) {
            b.append(' ');
            switch (data.consumeInt(0, 9)) {
                case 0 -> b.append(data.consumeString(10).replace('>', '_')); // no file named by the fuzzer
                case 1 -> b.append(data.consumeInt(-2, 70000));
                case 2 -> b.append(data.pickValue(GLUE));
                default -> b.append(data.pickValue(WORDS));
            }
        }
        return b.toString();
    }
}

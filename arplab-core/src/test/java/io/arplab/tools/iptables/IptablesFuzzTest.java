package io.arplab.tools.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.lab.Lab;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;

/**
 * Coverage-guided fuzzing of iptables and iptables-save on a router between two LANs: command lines built from
 * iptables' own words (commands, chains, tables, options, extensions' options, targets) with fuzzed words and numbers
 * among them, each followed by traffic through the router and listings. Every command ends with an exit status
 * iptables uses (0-4) and at most iptables' own error text, never a Java exception; every listing still prints.
 */
class IptablesFuzzTest {
    private static final String[] COMMANDS = {"-A", "-I", "-R", "-D", "-C", "-L", "-S", "-F", "-Z", "-N", "-X", "-E",
        "-P", "--append", "--insert", "--list", "--list-rules", "--new-chain", "--delete-chain", "--policy", "-h",
        "--version", "-V"};
    private static final String[] CHAINS = {"INPUT", "FORWARD", "OUTPUT", "u1", "u2", "PREROUTING", "POSTROUTING",
        "x", ""};
    private static final String[] WORDS = {"-s", "-d", "-i", "-o", "-p", "-j", "-g", "-m", "-n", "-v", "-x", "-t",
        "-f", "!", "--line-numbers", "--source", "--destination", "--protocol", "--in-interface", "--out-interface",
        "--jump", "--goto", "--match", "--numeric", "--verbose", "--exact", "--table", "--fragment", "tcp", "udp",
        "icmp", "all", "47", "sctp", "eth0", "eth1", "eth+", "lo", "10.1.0.0/16", "10.2.0.2", "10.1.0.2/32",
        "0.0.0.0/0", "1.2.3.4,5.6.7.8", "10.0.0.0/255.0.255.0", "300.1.1.1", "ACCEPT", "DROP", "RETURN", "REJECT",
        "LOG", "QUEUE", "u1", "u2", "--dport", "--sport", "--dports", "--sports", "--destination-port",
        "--source-port", "22", "1:1024", ":80", "80:", "65536", "--syn", "--tcp-flags", "SYN,ACK", "SYN", "ALL",
        "NONE", "--tcp-option", "--icmp-type", "echo-request", "echo-reply", "3/1", "any", "255", "conntrack",
        "--ctstate", "NEW,ESTABLISHED", "RELATED", "INVALID", "state", "--state", "comment", "--comment", "multiport",
        "--reject-with", "tcp-reset", "icmp-host-prohibited", "icmp-port-unreachable", "--log-prefix",
        "--log-level", "6", "debug", "filter", "nat", "mangle", "raw", "security", "bogus", "-w", "--wait", "1", "2",
        "0", "-1", "--", "-", "--=", "-c", "--set-counters", "--modprobe=x", "-4", "-6", "--ipv4"};

    private static Lab lab() {
        Lab lab = new Lab(3);
        lab.setToolLimit(1_000_000_000L);
        Host r = lab.addHost("r");
        for (int n = 1; n <= 2; n++) {
            LinuxBridge br = lab.addBridge("br" + n, MacAddress.parse("02:00:00:00:0" + n + ":fe"), r,
                    "10." + n + ".0.1/16");
            Host h = lab.addHost("h" + n);
            lab.attach(h, "eth0", MacAddress.parse("02:00:00:00:0" + n + ":02"), "10." + n + ".0.2/16", br,
                    "veth" + n, MacAddress.parse("ee:00:00:00:0" + n + ":02"));
            lab.defaultRoute(h, Ipv4Address.parse("10." + n + ".0.1"));
        }
        lab.exec("r", "sysctl -w net.ipv4.ip_forward=1");
        return lab;
    }

    @FuzzTest
    void endsAsIptables(FuzzedDataProvider data) {
        Lab lab = lab();
        for (int lines = data.consumeInt(1, 6); lines > 0 && data.remainingBytes() > 0; lines--) {
            String line = line(data);
            Lab.Result res = lab.exec("r", line);
            assertThat(res.exitCode()).as(line).isBetween(0, 4);
            assertThat(res.stderr() + res.stdout()).as(line).doesNotContain("Exception").doesNotContain("internal error");
        }
        Lab.Result ping = lab.exec("h1", "ping -c 1 -W 1 10.2.0.2");
        assertThat(ping.stderr()).doesNotContain("Exception");
        for (String listing : new String[] {"iptables -S", "iptables -L -n -v -x --line-numbers", "iptables-save"}) {
            Lab.Result res = lab.exec("r", listing);
            assertThat(res.exitCode()).as(listing).isZero();
        }
    }

    private static String line(FuzzedDataProvider data) {
        StringBuilder b = new StringBuilder(data.consumeInt(0, 9) == 0 ? "iptables-save" : "iptables");
        if (data.consumeBoolean()) {
            b.append(' ').append(data.pickValue(COMMANDS)).append(' ').append(data.pickValue(CHAINS));
        }
        for (int k = data.consumeInt(0, 8); k > 0; k--) {
            b.append(' ');
            switch (data.consumeInt(0, 11)) {
                case 0 -> b.append('\'').append(data.consumeString(12).replace('\'', '_')).append('\'');
                case 1 -> b.append(data.consumeInt(-2, 70000));
                case 2 -> b.append(data.pickValue(COMMANDS));
                default -> b.append(data.pickValue(WORDS));
            }
        }
        return b.toString();
    }
}

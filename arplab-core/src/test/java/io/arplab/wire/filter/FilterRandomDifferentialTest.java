package io.arplab.wire.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.arplab.testing.RealTools;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.pcap.PcapWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random capture filters against the real tcpdump 4.99 (libpcap 1.10): expressions drawn from pcap-filter(7)'s
 * primitives (qualified addresses, ports, protocols, lengths, byte comparisons with arithmetic), combined with and,
 * or, not and parentheses, sometimes with a qualifier the primitive does not take. For each one, tcpdump's refusal
 * is ours, and otherwise the frames of {@link FilterCorpus} it prints are exactly those {@link PacketFilter} accepts.
 * {@code -Dfilter.diff.seed=N} and {@code -Dfilter.diff.count=N} draw another campaign.
 *
 * <p>Two kinds of difference come from libpcap's optimizer (optimize.c), which arplab does not run, and are counted
 * apart: a test whose two branches lead to the same verdict is removed with its load, so a frame too short for that
 * load passes where arplab's evaluation, reading it, rejects the frame ({@link #OPTIMIZED_LOAD}); and a contradiction
 * spread over alternatives (`host`'s ip, arp and rarp paths) that the optimizer's dataflow loses where the paths merge,
 * so tcpdump runs a filter that arplab refuses as rejecting all packets ({@link #MISSED_CONTRADICTION}). Every other
 * difference fails the test.
 */
class FilterRandomDifferentialTest {
    private static final long SEED = Long.getLong("filter.diff.seed", 20261205L);
    private static final int COUNT = Integer.getInteger("filter.diff.count", 300);
    private static final Pattern STAMP = Pattern.compile("^(\\d+)\\.\\d{6} ", Pattern.MULTILINE);
    private static final String[] V4 = {"10.0.0.1", "10.1.2.3", "172.28.0.11", "172.28.0.13", "192.168.1.7",
        "10.0.0.254", "224.0.0.251", "255.255.255.255", "10.0.0.9", "172.18.0.2"};
    private static final String[] V6 = {"2001:db8::1", "2001:db8::2", "::1", "ff02::1", "fe80::42:acff:fe1c:d",
        "ff02::1:ff1c:d"};
    private static final String[] NETS = {"10.0.0.0/8", "10.0.0.0/24", "172.28.0.0/16", "192.168.1.0/24", "10",
        "172.28", "224.0.0.0/4", "0.0.0.0/0", "10.1.2.0/23", "2001:db8::/32", "fe80::/10", "ff00::/8"};
    private static final String[] MACS = {"02:42:ac:1c:00:0b", "02:42:ac:1c:00:0d", "ff:ff:ff:ff:ff:ff",
        "00:11:22:33:44:55", "33:33:00:00:00:01", "01:00:5e:00:00:fb"};
    private static final String[] PROTOS = {"arp", "rarp", "ip", "ip6", "icmp", "icmp6", "udp", "tcp", "sctp", "igmp",
        "vlan", "stp", "llc", "broadcast", "multicast", "ip broadcast", "ip multicast", "ip6 multicast",
        "ether broadcast", "ether multicast", "pim", "vrrp", "esp", "ah"};
    private static final String[] PORTS = {"53", "67", "68", "80", "443", "123", "5353", "33434", "domain", "http",
        "bootps", "0", "65535", "1900"};
    private static final String[] HEADERS = {"ether", "ip", "ip6", "arp", "tcp", "udp", "icmp", "icmp6"};
    private static final String[] DIRS = {"", "src ", "dst ", "src or dst ", "src and dst "};
    private static final String[] RELOPS = {"=", "!=", ">", "<", ">=", "<=", "=="};
    private static final String[] ARITH = {"&", "|", "+", "-", "^", "*", "/", "%", "<<", ">>"};

    /** The reason for differences of the first kind. */
    static final String OPTIMIZED_LOAD = "libpcap's optimizer removed a test (and its load) whose branches agree";
    /** The reason for differences of the second kind. */
    static final String MISSED_CONTRADICTION = "libpcap's optimizer missed a contradiction arplab finds";

    @TempDir
    static Path dir;

    @Test
    void randomExpressionsAgreeWithTcpdump() throws IOException {
        assumeTrue(RealTools.has("tcpdump"), "tcpdump is not installed");
        List<PcapRecord> corpus = FilterCorpus.build();
        Path pcap = dir.resolve("corpus.pcap");
        try (PcapWriter w = PcapWriter.ethernet(new BufferedOutputStream(Files.newOutputStream(pcap)))) {
            corpus.forEach(w::write);
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        List<String> differences = new ArrayList<>();
        int refused = 0, optimizedLoad = 0, missedContradiction = 0;
        for (int i = 0; i < COUNT; i++) {
            String expression = expression(rnd, 0);
            RealTools.Result r = RealTools.run(List.of("tcpdump", "-n", "-tt", "-r", pcap.toString(), expression));
            PacketFilter f;
            try {
                f = PacketFilter.compile(expression);
            } catch (FilterSyntaxException e) {
                if (r.exit() == 0 && e.getMessage().contains("expression rejects all packets")) {
                    missedContradiction++;
                } else if (r.exit() == 0) {
                    differences.add("'" + expression + "': refused (" + e.getMessage() + "), tcpdump accepts it");
                } else {
                    refused++;
                }
                continue;
            }
            if (r.exit() != 0) {
                differences.add("'" + expression + "': accepted, tcpdump refuses it: " + r.err().strip());
                continue;
            }
            TreeSet<Integer> theirs = new TreeSet<>();
            Matcher m = STAMP.matcher(r.out());
            while (m.find()) {
                theirs.add((int) (Long.parseLong(m.group(1)) - FilterCorpus.BASE));
            }
            TreeSet<Integer> ours = new TreeSet<>();
            for (int k = 0; k < corpus.size(); k++) {
                if (f.matches(corpus.get(k)) && corpus.get(k).capturedLength() > 0) {
                    ours.add(k);
                }
            }
            if (!ours.equals(theirs)) {
                TreeSet<Integer> onlyTheirs = new TreeSet<>(theirs);
                onlyTheirs.removeAll(ours);
                if (theirs.containsAll(ours) && onlyTheirs.stream().allMatch(k -> f.aborts(corpus.get(k)))) {
                    optimizedLoad++;
                } else {
                    differences.add("'" + expression + "': ours " + ours + ", tcpdump's " + theirs);
                }
            }
        }
        System.out.printf("filter campaign seed %d: %d expressions, %d refused by both, left out %d + %d%n", SEED, COUNT,
                refused, optimizedLoad, missedContradiction);
        assertThat(differences).as("seed %d: %d expressions, %d refused by both; left out: %d (%s), %d (%s)", SEED,
                COUNT, refused, optimizedLoad, OPTIMIZED_LOAD, missedContradiction, MISSED_CONTRADICTION).isEmpty();
    }

    private static String expression(SplittableRandom rnd, int depth) {
        int k = depth > 2 ? 0 : rnd.nextInt(10);
        return switch (k) {
            case 5, 6 -> expression(rnd, depth + 1) + pick(rnd, " and ", " or ", " && ", " || ")
                    + expression(rnd, depth + 1);
            case 7 -> pick(rnd, "not ", "! ") + expression(rnd, depth + 1);
            case 8 -> "(" + expression(rnd, depth + 1) + ")";
            default -> primitive(rnd);
        };
    }

    private static String primitive(SplittableRandom rnd) {
        return switch (rnd.nextInt(12)) {
            case 0, 1 -> pick(rnd, PROTOS);
            case 2 -> qualifier(rnd) + DIRS[rnd.nextInt(DIRS.length)] + "host " + address(rnd);
            case 3 -> qualifier(rnd) + DIRS[rnd.nextInt(DIRS.length)] + "net " + pick(rnd, NETS);
            case 4 -> pick(rnd, "", "tcp ", "udp ", "sctp ", "ip ", "ip6 ", "icmp ") + DIRS[rnd.nextInt(3)]
                    + "port " + pick(rnd, PORTS) + (rnd.nextInt(4) == 0 ? " or " + pick(rnd, PORTS) : "");
            case 5 -> pick(rnd, "", "tcp ", "udp ") + DIRS[rnd.nextInt(3)] + "portrange " + rnd.nextInt(70) * 1000
                    + "-" + rnd.nextInt(70) * 1000;
            case 6 -> "ether " + DIRS[rnd.nextInt(4)].replace("src or dst ", "") + "host " + pick(rnd, MACS)
                    .replace(" ", "");
            case 7 -> pick(rnd, "less ", "greater ") + rnd.nextInt(200);
            case 8 -> pick(rnd, "ether proto ", "ip proto ", "ip6 proto ", "proto ")
                    + pick(rnd, "\\arp", "\\ip", "\\ip6", "\\udp", "\\tcp", "\\icmp", "0x800", "0x806", "17", "6", "1",
                            "58", "0x86dd", "0x8100");
            case 9 -> "vlan " + pick(rnd, "1", "5", "10", "100", "4095", "4096");
            default -> comparison(rnd);
        };
    }

    // a byte comparison: proto[expr(:size)] relop value, or len, with arithmetic on either side
    private static String comparison(SplittableRandom rnd) {
        String left = rnd.nextInt(5) == 0 ? "len" : access(rnd);
        if (rnd.nextInt(3) == 0) {
            left = left + " " + pick(rnd, ARITH) + " " + number(rnd);
        }
        String right = rnd.nextInt(4) == 0 ? access(rnd) : number(rnd);
        return left + " " + pick(rnd, RELOPS) + " " + right;
    }

    private static String access(SplittableRandom rnd) {
        String h = pick(rnd, HEADERS);
        String off = rnd.nextInt(6) == 0 ? pick(rnd, "icmptype", "icmpcode", "tcpflags", "icmp6type")
                : Integer.toString(rnd.nextInt(rnd.nextBoolean() ? 24 : 64));
        String size = pick(rnd, "", "", ":1", ":2", ":4", ":3");
        return h + "[" + off + size + "]";
    }

    private static String number(SplittableRandom rnd) {
        long v = rnd.nextInt(4) == 0 ? rnd.nextLong(1L << 32) : rnd.nextInt(300);
        return switch (rnd.nextInt(4)) {
            case 0 -> "0x" + Long.toHexString(v);
            case 1 -> pick(rnd, "tcp-syn", "tcp-ack", "icmp-echo", "icmp-echoreply", "icmp6-echo");
            default -> Long.toString(v);
        };
    }

    private static String qualifier(SplittableRandom rnd) {
        return rnd.nextInt(3) != 0 ? "" : pick(rnd, "ip ", "ip6 ", "arp ", "rarp ", "tcp ", "ether ");
    }

    private static String address(SplittableRandom rnd) {
        return rnd.nextInt(4) == 0 ? pick(rnd, V6) : pick(rnd, V4);
    }

    private static String pick(SplittableRandom rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }
}

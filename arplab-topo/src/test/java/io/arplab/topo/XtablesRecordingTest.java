package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.stack.Xtables;
import io.arplab.wire.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The iptables filter table (stack.Xtables) against the kernel: refdata/local/xtables/out.txt, recorded by its
 * record.sh with rules.txt's rules on a router between three hosts (interface wildcards, inversions, a user chain,
 * the FORWARD policy, INPUT and OUTPUT). The same rules, added through the stack's API to lab.yaml's lab, must give
 * the same ping outputs and every rule's packet and byte counters.
 */
class XtablesRecordingTest {
    @Test
    void rulesMatchAndCountAsTheKernels() throws Exception {
        Path dir = Path.of(XtablesRecordingTest.class.getResource("/refdata/local/xtables/lab.yaml").toURI()).getParent();
        TopologyLoader.Loaded l = TopologyLoader.parse("lab.yaml", Files.readString(dir.resolve("lab.yaml")), "xtables");
        Lab lab = TopologyBuilder.build(l.topology(), 1);
        Xtables xt = lab.host("r").stack().xtables();
        for (String rule : Files.readAllLines(dir.resolve("rules.txt"))) {
            add(xt, List.of(rule.split(" ")));
        }
        List<String> rec = Files.readAllLines(dir.resolve("out.txt"));
        int i = NodeTranscript.replay(lab, rec, line -> line.startsWith("$ r iptables"), false);
        assertThat(NodeTranscript.sections(rec, i)).isEqualTo(8);
        // `iptables -L -v -n -x`: "Chain NAME (policy P N packets, M bytes)", a header, then "pkts bytes target ..."
        String chain = null;
        int rule = 0;
        int rules = 0;
        for (i++; i < rec.size(); i++) {
            String[] w = rec.get(i).trim().split("\\s+");
            if (w[0].equals("Chain")) {
                chain = w[1];
                rule = 0;
                if (chain.equals("FORWARD")) { // the one policy set with -P (iptables-nft counts only those)
                    assertThat(xt.chain(chain).policyPackets() + " " + xt.chain(chain).policyBytes())
                            .as(rec.get(i)).isEqualTo(w[4] + " " + w[6]);
                }
            } else if (w.length > 2 && w[0].matches("\\d+")) {
                Xtables.Rule r = xt.chain(chain).rules().get(rule++);
                assertThat(r.packets() + " " + r.bytes()).as(chain + ": " + rec.get(i)).isEqualTo(w[0] + " " + w[1]);
                rules++;
            }
        }
        assertThat(rules).isEqualTo(8);
    }

    // an iptables command line of rules.txt: -P, -N, or -A CHAIN with -i/-o/-s/-d (each after an optional "!") and -j
    private static void add(Xtables xt, List<String> w) {
        switch (w.get(0)) {
            case "-P" -> xt.policy(w.get(1), Xtables.Verdict.valueOf(w.get(2)));
            case "-N" -> xt.chain(w.get(1));
            default -> {
                String in = null, out = null;
                boolean notIn = false, notOut = false, notSrc = false, notDst = false, not = false;
                int src = 0, srcLen = -1, dst = 0, dstLen = -1;
                Xtables.Target target = null;
                List<String> rest = new ArrayList<>(w.subList(2, w.size()));
                for (int k = 0; k < rest.size(); k++) {
                    String opt = rest.get(k);
                    if (opt.equals("!")) {
                        not = true;
                        continue;
                    }
                    String v = rest.get(++k);
                    switch (opt) {
                        case "-i" -> { in = v; notIn = not; }
                        case "-o" -> { out = v; notOut = not; }
                        case "-s" -> { src = addr(v); srcLen = len(v); notSrc = not; }
                        case "-d" -> { dst = addr(v); dstLen = len(v); notDst = not; }
                        case "-j" -> target = v.equals("ACCEPT") || v.equals("DROP") || v.equals("RETURN")
                                ? Xtables.Verdict.valueOf(v) : new Xtables.Jump(v);
                        default -> throw new IllegalArgumentException(opt);
                    }
                    not = false;
                }
                xt.chain(w.get(1)).rules().add(new Xtables.Rule(in, notIn, out, notOut, src, srcLen, notSrc, dst,
                        dstLen, notDst, target));
            }
        }
    }

    private static int addr(String cidr) {
        return Ipv4Address.parse(cidr.substring(0, cidr.indexOf('/'))).bits();
    }

    private static int len(String cidr) {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }
}

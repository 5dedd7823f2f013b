package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * arplab's iptables on command lines drawn from its whole vocabulary, well-formed or not: every command ends with an
 * exit status iptables uses and, when it fails, iptables' one error on stderr (never an exception); and what
 * {@code iptables -S} lists, given back to iptables on a fresh router, builds the same table (the rule save and the
 * parser agree).
 */
class IptablesPropertyTest {
    private static final List<String> COMMANDS = List.of("-A INPUT", "-A FORWARD", "-A OUTPUT", "-A u1", "-I INPUT",
            "-I FORWARD 2", "-D INPUT", "-D INPUT 1", "-R FORWARD 1", "-C INPUT", "-N u1", "-N u2", "-X u2", "-X",
            "-F", "-F u1", "-Z", "-Z INPUT 1", "-P FORWARD DROP", "-P INPUT ACCEPT", "-E u2 u3", "-L", "-S u1",
            "-L -n -v --line-numbers", "-L FORWARD 1");
    private static final List<String> OPTIONS = List.of("-s 10.1.0.0/16", "! -s 10.1.0.2", "-d 1.2.3.4,5.6.7.8",
            "-d 10.0.0.0/255.0.255.0", "-i ra0", "! -i rb+", "-o rb0", "-p tcp", "-p udp", "-p icmp", "! -p tcp",
            "-p 47", "--dport 22", "--sport 1:1024", "! --dport 80:90", "--syn", "--tcp-flags SYN,ACK SYN",
            "--icmp-type echo-request", "--icmp-type 3/1", "-m conntrack --ctstate NEW,ESTABLISHED",
            "-m conntrack ! --ctstate INVALID", "-m state --state RELATED", "-m comment --comment 'a \"b\" c'",
            "-m multiport --dports 1,2:3", "-m multiport ! --sports 53", "-f", "! -f", "-j ACCEPT", "-j DROP",
            "-j RETURN", "-j REJECT", "-j REJECT --reject-with tcp-reset", "-j REJECT --reject-with icmp-host-prohibited",
            "-j LOG --log-prefix x --log-level 6", "-j u1", "-g u2", "-n", "-v", "!", "--bogus", "-x", "-m tcp",
            "-m nosuch", "-j", "-s 300.1.1.1");

    @Provide
    Arbitrary<List<String>> scripts() {
        Arbitrary<String> line = Arbitraries.of(COMMANDS).flatMap(cmd -> Arbitraries.of(OPTIONS).list().ofMaxSize(5)
                .map(opts -> cmd + (opts.isEmpty() ? "" : " " + String.join(" ", opts))));
        return line.list().ofMinSize(1).ofMaxSize(8);
    }

    private static Lab lab() throws Exception {
        Path dir = Path.of(IptablesPropertyTest.class.getResource("/refdata/local/iptables/lab.yaml").toURI()).getParent();
        TopologyLoader.Loaded l = TopologyLoader.parse("lab.yaml", Files.readString(dir.resolve("lab.yaml")), "iptables");
        return TopologyBuilder.build(l.topology(), 1);
    }

    @Property(tries = 120)
    void everyLineEndsAsIptablesAndSaveRoundTrips(@ForAll("scripts") List<String> script) throws Exception {
        Lab lab = lab();
        for (String line : script) {
            Lab.Result r = lab.exec("r", "iptables " + line);
            assertThat(r.exitCode()).as(line).isBetween(0, 4);
            if (r.exitCode() != 0 && !r.stderr().isEmpty()) {
                assertThat(r.stderr()).as(line).endsWith("\n")
                        .matches("(?s)(iptables.*|Bad argument.*|Try .*|--reject-with.*)");
            }
        }
        String saved = lab.exec("r", "iptables -S").stdout();
        Lab again = lab();
        for (String line : saved.split("\n")) {
            Lab.Result r = again.exec("r", "iptables " + line);
            assertThat(r.exitCode()).as(line + ": " + r.stderr()).isZero();
        }
        assertThat(again.exec("r", "iptables -S").stdout()).isEqualTo(saved);
        assertThat(again.exec("r", "iptables -L -n -v -x").exitCode()).isZero();
    }
}

package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * examples/firewall: the stateful firewall of stateful.txt on router r does what its comments say, as the kernel
 * recordings of refdata/local/iptables (IptablesRecordingTest) show iptables doing; and the run is deterministic.
 */
class FirewallExampleTest {
    private static final Path DIR = Path.of("examples/firewall");

    private static String run(long seed) throws IOException {
        Lab lab = TopologyBuilder.build(TopologyLoader.load(DIR.resolve("lab.yaml")).topology(), seed);
        StringWriter out = new StringWriter();
        LabConsole console = new LabConsole(lab, new PrintWriter(out), new PrintWriter(out), () -> { });
        for (String line : Files.readAllLines(DIR.resolve("stateful.txt"))) {
            console.execute(line);
        }
        console.close();
        return out.toString();
    }

    @Test
    void trustedReachesEverythingServersAreRefusedGuestsOnlyPing() throws IOException {
        String out = run(1);
        assertThat(out).contains("64 bytes from 10.2.0.2: icmp_seq=2 ttl=63") // a to the servers, replies ESTABLISHED
                .contains("64 bytes from 10.3.0.2: icmp_seq=1 ttl=63")
                .contains("From 10.2.0.1 icmp_seq=1 Destination Host Prohibited") // b's NEW to the trusted LAN
                .contains(" 2  10.2.0.1  0.020 ms !X")
                .contains("64 bytes from 10.2.0.2: icmp_seq=1 ttl=63 time=0.040 ms") // c's ping to the servers
                .contains("From 10.3.0.1 icmp_seq=1 Packet filtered") // admin-prohibited at r's INPUT
                .contains("Chain FORWARD (policy DROP 1 packets, 84 bytes)") // c's ping to the trusted LAN
                .contains("[5:420] -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
        assertThat(run(1)).isEqualTo(out);
    }
}

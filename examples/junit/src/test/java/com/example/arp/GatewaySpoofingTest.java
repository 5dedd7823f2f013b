package com.example.arp;

import static io.arplab.junit.ArpLabAssertions.arpReply;
import static io.arplab.junit.ArpLabAssertions.assertThat;
import static io.arplab.stack.NudState.REACHABLE;
import static io.arplab.stack.NudState.STALE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.api.Frames;
import io.arplab.api.Lab;
import io.arplab.api.Node;
import io.arplab.junit.ArpLab;
import io.arplab.junit.LabNode;
import io.arplab.wire.Ipv4Address;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host's entry for its gateway under ARP spoofing, with the kernel's defaults (arp_accept=0). arp_process() in
 * net/ipv4/arp.c: a gratuitous ARP creates no entry, but overrides an existing one; any other unsolicited reply
 * overrides an entry only once it is older than locktime (1 s).
 */
// README-junit begin
@ArpLab(file = "spoofing.yaml", seed = 42)
class GatewaySpoofingTest {
    static final String GATEWAY = "172.28.0.1";
    static final String GATEWAY_MAC = "02:42:8e:ff:44:b3";

    @Test
    void aForgedGratuitousReplyCreatesNoEntry(Lab lab, @LabNode("victim") Node victim, @LabNode("attacker") Node attacker) {
        attacker.send(Frames.gratuitousReply(attacker.mac(), Ipv4Address.parse(GATEWAY)));
        lab.advance(Duration.ofSeconds(1));
        assertThat(lab.capture("victim", "eth0")).filter("arp")
                .containsExactly(arpReply().is(GATEWAY).at(attacker.mac().toString()));
        assertThat(victim.neigh(GATEWAY)).doesNotExist();

        assertThat(victim.ping(GATEWAY, 1)).hasReceived(1);     // the victim resolves the gateway itself
        assertThat(victim.neigh(GATEWAY)).hasState(REACHABLE).hasLladdr(GATEWAY_MAC);
    }

    @Test
    void aForgedGratuitousReplyTakesOverTheEntry(Lab lab, @LabNode("victim") Node victim, @LabNode("attacker") Node attacker) {
        assertThat(victim.ping(GATEWAY, 1)).hasReceived(1);
        attacker.send(Frames.gratuitousReply(attacker.mac(), Ipv4Address.parse(GATEWAY)));
        lab.advance(Duration.ofMillis(100));
        assertThat(victim.neigh(GATEWAY)).hasState(STALE).hasLladdr(attacker.mac());
    }
// README-junit end

    @Test
    void aForgedUnicastReplyWithinLocktimeIsIgnored(Lab lab, @LabNode("victim") Node victim,
                                                    @LabNode("attacker") Node attacker) {
        assertThat(victim.ping(GATEWAY, 1)).hasReceived(1);
        attacker.send(Frames.arpReply(attacker.mac(), Ipv4Address.parse(GATEWAY), victim.mac(), victim.address()));
        lab.advance(Duration.ofMillis(100));
        assertThat(victim.neigh(GATEWAY)).hasState(REACHABLE).hasLladdr(GATEWAY_MAC);
    }

    @Test
    void aForgedUnicastReplyAfterLocktimeTakesOverTheEntry(Lab lab, @LabNode("victim") Node victim,
                                                           @LabNode("attacker") Node attacker) {
        assertThat(victim.ping(GATEWAY, 1)).hasReceived(1);
        lab.advance(Duration.ofSeconds(2));
        attacker.send(Frames.arpReply(attacker.mac(), Ipv4Address.parse(GATEWAY), victim.mac(), victim.address()));
        lab.advance(Duration.ofMillis(100));
        assertThat(victim.neigh(GATEWAY)).hasState(REACHABLE).hasLladdr(attacker.mac());
    }

    @Test
    void dropGratuitousArpKeepsTheEntry(Lab lab, @LabNode("victim") Node victim, @LabNode("attacker") Node attacker) {
        victim.sysctl("net.ipv4.conf.eth0.drop_gratuitous_arp", 1);
        assertThat(victim.ping(GATEWAY, 1)).hasReceived(1);
        attacker.send(Frames.gratuitousReply(attacker.mac(), Ipv4Address.parse(GATEWAY)));
        lab.advance(Duration.ofMillis(100));
        assertThat(victim.neigh(GATEWAY)).hasState(REACHABLE).hasLladdr(GATEWAY_MAC);
    }

    @Test
    void theTestClasspathHasNoShellOrCommandLineLibrary() {
        assertThatThrownBy(() -> Class.forName("org.jline.reader.LineReader")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("picocli.CommandLine")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.fusesource.jansi.AnsiConsole")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.arplab.cli.Main")).isInstanceOf(ClassNotFoundException.class);
        // the jars Maven resolved for this project's tests (surefire's own class path, not its booter jar's)
        List<String> jars = List.of(System.getProperty("surefire.test.class.path", "").split(File.pathSeparator));
        org.assertj.core.api.Assertions.assertThat(jars).anyMatch(j -> j.endsWith("arplab-junit-0.1.0-SNAPSHOT.jar"))
                .anyMatch(j -> j.endsWith("arplab-topo-0.1.0-SNAPSHOT.jar"))
                .anyMatch(j -> j.endsWith("arplab-core-0.1.0-SNAPSHOT.jar"))
                .noneMatch(j -> j.matches(".*/(picocli|jline|jansi|arplab-cli)[^/]*\\.jar"));
    }
}

package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolSyntaxTest {
    static final ToolSyntax.Env ENV = new ToolSyntax.Env(List.of("node1", "node3"), List.of("172.28.0.11"),
            List.of("lo", "eth0"), List.of("net.ipv4.conf.all.arp_accept"), List.of("br-int"), List.of("ping", "ip"));

    private static List<String> words(String tool, List<String> before, String partial) {
        return ToolSyntax.of(tool).complete(before, partial, ENV).words();
    }

    @Test
    void iprouteWordsFollowItsAbbreviations() {
        assertThat(words("ip", List.of(), "")).startsWith("address", "link", "neighbour", "route");
        assertThat(words("ip", List.of("n"), "")).contains("show", "add", "flush").doesNotContain("neighbour");
        assertThat(words("ip", List.of("-s", "neigh", "fl"), "")).contains("dev", "nud");
        assertThat(words("ip", List.of("neigh", "show", "dev"), "")).containsExactly("lo", "eth0");
        // after the keyword's argument, the keywords again
        assertThat(words("ip", List.of("route", "add", "10.0.0.0/8", "via", "172.28.0.1"), "")).contains("dev", "metric");
        assertThat(words("bridge", List.of("fdb", "add"), "")).contains("dev", "master", "static");
    }

    @Test
    void optionsComeFromTheToolsGetoptString() {
        assertThat(words("ping", List.of(), "-")).contains("-c", "-W", "-I", "-4").doesNotContain("-?", "-:");
        assertThat(words("ping", List.of("-I"), "")).containsExactly("lo", "eth0");
        assertThat(words("ping", List.of("-c", "3"), "")).containsExactly("node1", "node3", "172.28.0.11");
        assertThat(words("arpspoof", List.of("-t"), "")).contains("node3");
    }

    @Test
    void operandsByKind() {
        assertThat(words("sysctl", List.of("-w"), "")).containsExactly("net.ipv4.conf.all.arp_accept");
        assertThat(words("ovs-ofctl", List.of("dump-flows"), "")).containsExactly("br-int");
        assertThat(words("ovs-ofctl", List.of(), "")).contains("dump-flows", "add-flow");
        assertThat(words("timeout", List.of("5"), "")).containsExactly("ping", "ip");
        assertThat(ToolSyntax.of("tcpdump").complete(List.of("-w"), "", ENV).files()).isTrue();
        assertThat(ToolSyntax.of("frobnicate").complete(List.of(), "", ENV).words()).isEmpty();
    }
}

package io.arplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's orientation commands as a user types them into {@code ./arplab shell} (standard input a file):
 * the banner, links, dump, pingall with a host that cannot be reached, help TOOL.
 */
class OrientationTest {
    @TempDir
    Path tmp;

    /** Two networks joined by the host, which forwards between them. */
    private static final String LAB = """
            lab: orient
            networks:
              lan:    {subnet: 10.0.0.0/24, gateway: 10.0.0.1, bridge: br-lan}
              island: {subnet: 10.9.0.0/24, bridge: br-island}
            hosts:
              h1: {interfaces: [{network: lan, address: 10.0.0.11}]}
              h2: {interfaces: [{network: lan, address: 10.0.0.12}]}
              h3: {interfaces: [{network: island, address: 10.9.0.13}]}
            """;

    private Arplab.Exit shell(String lines) throws Exception {
        Path lab = tmp.resolve("lab.yaml");
        Files.writeString(lab, LAB);
        Path in = tmp.resolve("in.txt");
        Files.writeString(in, lines, StandardCharsets.UTF_8);
        return Arplab.run(tmp, in, "shell", lab.toString(), "--pcap-dir", "none");
    }

    @Test
    void bannerCountsHostsAndNamesNetworksWithTheirBridges() throws Exception {
        Arplab.Exit e = shell("exit\n");
        assertThat(e.out()).contains("  3 hosts: h1 h2 h3\n")
                .contains("  2 networks on 2 bridges: lan (bridge br-lan) island (bridge br-island)");
    }

    @Test
    void pingallMarksTheUnreachableAndCountsTheLossAsMininetDoes() throws Exception {
        // h3's only interface down: it reaches nobody, nobody reaches it
        Arplab.Exit e = shell("pingall\nh3 ip link set eth0 down\npingall\n");
        assertThat(e.out()).contains("""
                h3 -> h1 h2\s
                *** Results: 0% dropped (6/6 received)
                """);
        assertThat(e.out()).contains("""
                *** Ping: testing ping reachability
                h1 -> h2 X\s
                h2 -> h1 X\s
                h3 -> X X\s
                *** Results: 66% dropped (2/6 received)
                """);
    }

    @Test
    void linksShowBothEndsAndDumpShowsAddressesAndRoutes() throws Exception {
        Arplab.Exit e = shell("h1 ip link set eth0 down\nlinks\ndump\n");
        assertThat(e.out()).containsPattern("br-lan-veth\\S+<->h1-eth0 \\(OK DOWN\\)")
                .containsPattern("br-lan-veth\\S+<->h2-eth0 \\(OK OK\\)");
        assertThat(e.out()).contains("<Host h2>\n").contains("    10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.12 \n")
                .containsPattern("<bridge br-island network island: br-island veth\\S+>");
    }

    @Test
    void helpToolPrintsTheToolsOwnUsage() throws Exception {
        Arplab.Exit e = shell("help arping\nhelp arpng\n");
        assertThat(e.out()).contains(Files.readString(
                Path.of("src/test/resources/refdata/local/usage/arping-h.err").toAbsolutePath()));
        assertThat(e.out()).contains("help: no tool 'arpng': did you mean arping?");
    }
}

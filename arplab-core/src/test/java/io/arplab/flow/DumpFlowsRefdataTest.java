package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The refdata's flows installed as Antrea does (OpenFlow 1.5) and with ovs-ofctl's default (1.0), dumped as OVS 3.1 did. */
class DumpFlowsRefdataTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");
    static final Map<String, Long> PORTS = Map.of("antrea-tun0", 1L, "antrea-gw0", 2L, "p3", 3L, "p4", 4L, "p5", 5L,
            "p6", 6L);
    static final PortMap NAMES = new PortMap() {
        @Override public String name(long port) {
            return PORTS.entrySet().stream().filter(e -> e.getValue() == port).map(Map.Entry::getKey).findFirst()
                    .orElse(null);
        }

        @Override public long number(String name) {
            return PORTS.getOrDefault(name, -1L);
        }
    };

    static FlowTables install(OfVersion v) throws IOException {
        FlowTables t = new FlowTables();
        for (String file : List.of("antrea-pipeline.flows", "arp-responder-post.flows")) {
            for (String line : Files.readAllLines(REF.resolve("input").resolve(file))) {
                if (!line.isBlank()) {
                    t.apply(FlowParser.parse(line, FlowMod.Command.ADD, NAMES), v, 0);
                }
            }
        }
        return t;
    }

    static String dump(FlowTables t, OfVersion v, boolean stats, PortMap names, FlowMod query) {
        List<String> lines = new ArrayList<>();
        for (Rule r : t.collect(query, false)) {
            lines.add(" " + FlowStatsFormat.format(r, v, stats, names, 0));
        }
        return String.join("\n", lines) + "\n";
    }

    static FlowMod all() {
        return FlowParser.parse("", FlowMod.Command.QUERY, NAMES);
    }

    static String ref(String name) throws IOException {
        return Files.readString(REF.resolve("out").resolve(name));
    }

    @Test
    void of15InstallDumpedWithEachProtocol() throws IOException {
        FlowTables t = install(OfVersion.OF15);
        assertThat(dump(t, OfVersion.OF10, false, PortMap.NONE, all())).isEqualTo(ref("01-dump-flows-no-stats.txt"));
        assertThat(dump(t, OfVersion.OF13, false, PortMap.NONE, all())).isEqualTo(ref("01-dump-flows-of13-no-stats.txt"));
        assertThat(dump(t, OfVersion.OF15, false, PortMap.NONE, all())).isEqualTo(ref("01-dump-flows-of15-no-stats.txt"));
        assertThat(dump(t, OfVersion.OF10, false, NAMES, all())).isEqualTo(ref("01-dump-flows-names-no-stats.txt"));
        assertThat(dump(t, OfVersion.OF10, false, PortMap.NONE, FlowParser.parse("table=20", FlowMod.Command.QUERY,
                NAMES))).isEqualTo(ref("01-dump-flows-table20-no-stats.txt"));
        assertThat(dump(t, OfVersion.OF10, false, PortMap.NONE, FlowParser.parse("table=20,arp,arp_tpa=10.222.0.1",
                FlowMod.Command.QUERY, NAMES))).isEqualTo(ref("01-dump-flows-arp-filter.txt"));
    }

    @Test
    void of10InstallDumpedWithEachProtocol() throws IOException {
        FlowTables t = install(OfVersion.OF10);
        assertThat(dump(t, OfVersion.OF10, false, PortMap.NONE, all())).isEqualTo(ref("01-of10-dump-flows-no-stats.txt"));
        assertThat(dump(t, OfVersion.OF15, false, PortMap.NONE, all()))
                .isEqualTo(ref("01-of10-dump-flows-of15-no-stats.txt"));
    }

    @Test
    void statsLinesAsOvsPrintsThemModuloDurations() throws IOException {
        FlowTables t = install(OfVersion.OF15);
        String expected = ref("01-dump-flows.txt");
        String body = expected.substring(expected.indexOf('\n') + 1).replaceAll("duration=[0-9.]+s", "duration=0s");
        assertThat(dump(t, OfVersion.OF10, true, PortMap.NONE, all())).isEqualTo(body);
        String of13 = ref("01-dump-flows-of13-table20.txt");
        assertThat(dump(t, OfVersion.OF13, true, PortMap.NONE, FlowParser.parse("table=20", FlowMod.Command.QUERY,
                NAMES))).isEqualTo(of13.substring(of13.indexOf('\n') + 1).replaceAll("duration=[0-9.]+s", "duration=0s"));
    }
}

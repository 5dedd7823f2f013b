package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The refdata's bridge rebuilt in flow terms: traces as OVS 3.1 printed them, and the ARP responder's bytes. */
class TraceRefdataTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");

    static Ofproto brInt(OfVersion v, String name) throws IOException {
        Ofproto br = new Ofproto(name, 0xaabbccddee01L, 0xaabbccddeeffL);
        if (name.equals("br-int")) {
            br.addPort("antrea-tun0", "geneve", 1, 0x86bd20370ed4L, Map.of("remote_ip", "flow", "key", "flow"));
            br.addPort("antrea-gw0", "dummy", 2, 0xaa55aa550002L, Map.of());
            for (int p = 3; p <= 6; p++) {
                br.addPort("p" + p, "dummy", p, 0xaa55aa550000L + p, Map.of());
            }
        }
        for (String file : List.of("antrea-pipeline.flows", "arp-responder-post.flows")) {
            for (String line : Files.readAllLines(REF.resolve("input").resolve(file))) {
                if (!line.isBlank()) {
                    br.tables.apply(FlowParser.parse(line, FlowMod.Command.ADD, br.portMap()), v, 0);
                }
            }
        }
        return br;
    }

    /** The trace commands of COMMANDS.txt before any packet was injected, with their output files. */
    static List<String[]> traces() throws IOException {
        List<String[]> out = new ArrayList<>();
        Pattern p = Pattern.compile("^((?:01-of10|02)-trace-\\S+)\\s+\\(rc=0\\)\\s+\\$ ovs-appctl ofproto/trace (.*?)\\s*$");
        for (String line : Files.readAllLines(REF.resolve("out/COMMANDS.txt"))) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                out.add(new String[] {m.group(1), m.group(2).replace("\\,", ",")});
            }
        }
        return out;
    }

    static String normalizeRecirc(String s) {
        return s.replaceAll("recirc\\(0x[0-9a-f]+\\)", "recirc(ID)").replaceAll("recirc_id=0x[0-9a-f]+", "recirc_id=ID");
    }

    @Test
    void tracesBeforeAnyPacketAsOvsPrintsThem() throws IOException {
        Ofproto brInt = brInt(OfVersion.OF15, "br-int");
        Ofproto brOf10 = brInt(OfVersion.OF10, "br-of10");
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String[] t : traces()) {
            n++;
            String got;
            try {
                got = TraceCommand.run(List.of(t[1].split(" ")), b -> b.equals("br-int") ? brInt
                        : b.equals("br-of10") ? brOf10 : null, 0);
            } catch (RuntimeException e) {
                got = e.toString();
            }
            String expected = Files.readString(REF.resolve("out").resolve(t[0]));
            if (!normalizeRecirc(got).equals(normalizeRecirc(expected))) {
                failures.add(t[0] + "\n--- expected\n" + expected + "--- got\n" + got);
            }
        }
        System.out.println("traces: " + (n - failures.size()) + "/" + n + " pass");
        assertThat(failures).isEmpty();
    }

    @Test
    void arpResponderAnswersOnTheSamePortWithTheVirtualGatewayMac() throws IOException {
        Ofproto br = brInt(OfVersion.OF15, "br-int");
        byte[] req = HexFormat.of().parseHex(
                "fffffffffffff232d807e2a608060001080006040001f232d807e2a60ade012f0000000000000ade0001");
        List<Ofproto.Output> out = br.receive(0, 5, req);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).ofport()).isEqualTo(5);
        assertThat(HexFormat.of().formatHex(out.get(0).frame())).isEqualTo(
                "f232d807e2a6aabbccddeeff08060001080006040002aabbccddeeff0ade0001f232d807e2a60ade012f");
        // every rule the packet went through counted it
        assertThat(br.tables.rules(20).get(0).packets()).isEqualTo(1);
        assertThat(br.tables.rules(20).get(0).bytes()).isEqualTo(42);
        assertThat(br.fdbShow(0)).isEqualTo(" port  VLAN  MAC                Age\n");
    }
}

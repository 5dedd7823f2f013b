package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import io.arplab.lab.LabConsole;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refdata recording replayed through a lab file and script lines: the same bridge, the same flows, the same
 * netdev-dummy/receive packets; each recorded output compared modulo what changes run to run in OVS (times,
 * recirculation ids, ufids).
 */
class OvsRefdataReplayTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs");
    static final List<String> COMPARED = List.of("00-dpctl-show-initial.txt", "02-fdb-show-before.txt",
            "03a-dpctl-show.txt", "03a-fdb-show.txt", "03a-dump-flows-table20.txt", "03b-dpctl-show.txt",
            "03b-dump-flows.txt", "03b-dump-flows-table20.txt", "03b-fdb-show.txt", "03b-dump-conntrack.txt", "03a-dpctl-dump-flows.txt", "03b-dpctl-dump-flows.txt",
            "03a-dpctl-dump-flows-m.txt", "03b-dpctl-dump-flows-m.txt", "03a-upcall-show.txt",
            "04-dpctl-dump-flows.txt", "04-fdb-stats-show.txt", "04-fdb-show-after-req.txt",
            "04-fdb-show-after-reply.txt", "04-dpctl-show.txt", "04-dump-flows-table0.txt",
            "04-trace-normal-p3-arp-after-learning.txt", "04-trace-normal-p4-unicast-after-learning.txt");

    /** OVS dumps megaflows in hash order. */
    static String sortLines(String s) {
        return s.lines().sorted().map(l -> l + "\n").reduce("", String::concat);
    }

    static String normalize(String s) {
        return s.replaceAll("duration=[0-9.]+s", "duration=T").replaceAll("idle_age=[0-9]+", "idle_age=T")
                .replaceAll("(?m)^(\\s+\\S+\\s+\\d+\\s+[0-9a-f:]{17})\\s+\\d+$", "$1 AGE")
                .replaceAll("recirc\\(0x[0-9a-f]+\\)", "recirc(ID)").replaceAll("recirc_id\\(0x[0-9a-f]+\\)", "recirc_id(ID)")
                .replaceAll("used:[0-9.]+s", "used:T").replaceAll("ufid:[0-9a-f-]+", "ufid:U");
    }

    @Test
    void theRecordingsCommandsPrintWhatOvsPrinted(@TempDir Path tmp) throws IOException {
        String flows = Files.readString(REF.resolve("input/antrea-pipeline.flows"))
                + Files.readString(REF.resolve("input/arp-responder-post.flows"));
        Files.writeString(tmp.resolve("all.flows"), flows);
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br-int:
                    kind: ovs
                    subnet: 10.222.9.0/24
                    datapath_id: 0000aabbccddeeff
                    hwaddr: aa:bb:cc:dd:ee:01
                    flows: all.flows
                    ports:
                      antrea-tun0: {ofport: 1, type: geneve, options: {remote_ip: flow, key: flow, csum: "true"}}
                      antrea-gw0: {ofport: 2, type: dummy}
                      p3: {ofport: 3, type: dummy}
                      p4: {ofport: 4, type: dummy}
                      p5: {ofport: 5, type: dummy}
                      p6: {ofport: 6, type: dummy}
                hosts:
                  idle: {interfaces: []}
                """);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(tmp.resolve("lab.yaml")).topology(), 1);
        Pattern p = Pattern.compile("^(\\S+\\.txt)\\s+\\(rc=0\\)\\s+\\$ (ovs-\\S+ .*?)\\s*$");
        List<String> failures = new ArrayList<>();
        int compared = 0;
        boolean received = false;
        for (String line : Files.readAllLines(REF.resolve("out/COMMANDS.txt"))) {
            Matcher m = p.matcher(line);
            if (!m.matches() || m.group(1).startsWith("01-") || m.group(2).contains("br-of10")
                    || m.group(2).contains("add-flows")) {
                continue;
            }
            StringWriter out = new StringWriter(), err = new StringWriter();
            LabConsole console = new LabConsole(lab, new PrintWriter(out), new PrintWriter(err), () -> { });
            boolean frame = m.group(2).contains("netdev-dummy/receive");
            if (received && !frame) { // the script's "sleep 1; ovs-appctl revalidator/wait" after the frames
                new LabConsole(lab, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), () -> { })
                        .execute("ovs-appctl revalidator/wait");
            }
            received = frame;
            console.execute(m.group(2).replace("\\,", ","));
            if (COMPARED.contains(m.group(1))) {
                compared++;
                String got = out.toString();
                got = got.substring(got.indexOf('\n') + 1); // the "[t] $ command" header
                String expected = Files.readString(REF.resolve("out").resolve(m.group(1)));
                if (m.group(2).startsWith("ovs-appctl dpctl/dump-flows")) {
                    got = sortLines(normalize(got));
                    expected = sortLines(normalize(expected));
                }
                if (!normalize(got).equals(normalize(expected))) {
                    failures.add(m.group(1) + "\n--- expected\n" + expected + "--- got\n" + got + err);
                }
            }
        }
        System.out.println("refdata replay: " + (compared - failures.size()) + "/" + compared + " pass");
        assertThat(failures).isEmpty();
    }
}

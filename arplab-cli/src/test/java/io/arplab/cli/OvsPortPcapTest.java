package io.arplab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netdev-dummy's rxq_pcap/tx_pcap and netdev-dummy/receive with flows, against OVS 3.1's own recording
 * (src/test/scripts/record-pcaps.sh): the four pcaps byte for byte but for the time stamps, and every error line.
 */
class OvsPortPcapTest {
    static final Path REF = Path.of("src/test/resources/refdata/ovs/pcaps");

    @Test
    void dummyPortPcapsAndComposedFlowsAreOvsOwn(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    subnet: 10.9.0.0/24
                    fail_mode: secure
                    protocols: [OpenFlow10, OpenFlow13, OpenFlow15]
                    ports:
                      p1: {ofport: 1, type: dummy, options: {rxq_pcap: p1-rx.pcap, tx_pcap: p1-tx.pcap}}
                      p2: {ofport: 2, type: dummy, options: {rxq_pcap: p2-rx.pcap, tx_pcap: p2-tx.pcap}}
                hosts:
                  node:
                    interfaces: [{network: br0, address: 10.9.0.9, veth: veth-node}]
                """);
        List<String> script = new ArrayList<>(List.of("ovs-ofctl add-flow br0 in_port=1,actions=output:2",
                "ovs-ofctl add-flow br0 in_port=2,actions=output:1"));
        for (String l : Files.readAllLines(REF.resolve("receive.in"))) {
            if (!l.isEmpty() && !l.startsWith("#")) {
                script.add("ovs-appctl netdev-dummy/receive " + l);
            }
        }
        Files.write(tmp.resolve("script"), script);
        Arplab.Exit r = Arplab.run(tmp, null, "run", "lab.yaml", "--pcap-dir", "out", "--script", "script");
        StringBuilder errors = new StringBuilder();
        for (String l : Files.readAllLines(REF.resolve("receive.out"))) {
            if (!l.startsWith("###") && !l.startsWith("rc=")) {
                errors.append(l).append('\n');
            }
        }
        assertThat(r.err()).isEqualTo(errors.toString());
        for (String f : List.of("p1-rx.pcap", "p1-tx.pcap", "p2-rx.pcap", "p2-tx.pcap")) {
            assertThat(untimed(tmp.resolve("out").resolve(f))).as(f).isEqualTo(untimed(REF.resolve(f)));
        }
    }

    /**
     * Ports added, changed and deleted by ovs-vsctl (refdata/ovs/pcap-ports, src/test/scripts/record-pcap-ports.sh):
     * netdev_dummy_set_config() opens the pcaps each port's options name at every reconfiguration, appending to a
     * file already written (a port added again, two ports naming one file), the local port's too. Every line's output
     * and exit status, the same files and each byte for byte but for the time stamps.
     */
    @Test
    void pcapsFollowThePortsOptionsAsOvsOpensThem(@TempDir Path tmp) throws Exception {
        Path ref = REF.resolveSibling("pcap-ports");
        Files.writeString(tmp.resolve("lab.yaml"), """
                networks:
                  br0:
                    kind: ovs
                    fail_mode: secure
                    protocols: [OpenFlow10, OpenFlow13, OpenFlow15]
                    ports:
                      p1: {ofport: 1, type: dummy, options: {pcap: p1.pcap}}
                      p2: {ofport: 2, type: dummy, options: {rxq_pcap: p2-rx.pcap, tx_pcap: p2-tx.pcap}}
                """);
        List<String> script = new ArrayList<>(), want = new ArrayList<>();
        for (String l : Files.readAllLines(ref.resolve("commands.in"))) {
            if (!l.isEmpty() && !l.startsWith("#")) {
                script.add(l);
            }
        }
        for (String l : Files.readAllLines(ref.resolve("commands.out"))) {
            if (!l.startsWith("### ") && !l.startsWith("[exit ")) {
                want.add(l);
            }
        }
        Files.write(tmp.resolve("script"), script);
        Arplab.Exit r = Arplab.run(tmp, null, "run", "lab.yaml", "--pcap-dir", "out", "--script", "script");
        assertThat(r.out().lines().filter(l -> !l.matches("\\[[0-9.]+\\] \\$ .*")).toList()).isEqualTo(want);
        List<String> files;
        try (var s = Files.list(ref)) {
            files = s.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pcap")).sorted().toList();
        }
        try (var s = Files.list(tmp.resolve("out"))) { // beside the lab's own captures of its nodes
            assertThat(s.map(f -> f.getFileName().toString()).toList()).containsAll(files);
        }
        for (String f : files) {
            assertThat(untimed(tmp.resolve("out").resolve(f))).as(f).isEqualTo(untimed(ref.resolve(f)));
        }
    }

    /** The pcap's bytes with each record's time stamp zeroed (it is the wall clock in OVS). */
    static byte[] untimed(Path pcap) throws IOException {
        byte[] b = Files.readAllBytes(pcap);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int off = 24; off + 16 <= b.length; off += 16 + bb.getInt(off + 8)) {
            bb.putLong(off, 0);
        }
        return b;
    }
}

package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The userspace conntrack's TCP tracking against OVS 3.1 (refdata/ovs/conntrack/tcp.out, recorded by
 * src/test/scripts/record-conntrack-tcp.sh): the kernel's frames of refdata/local/tcp fed one by one through
 * ct(zone=65520) and, when +new, ct(commit) with mark 0x20, as the recording's flows do. After each frame, the
 * ct_state class the recording's table-1 counters show and the dpctl/dump-conntrack lines must be OVS's.
 */
class ConntrackTcpRefdataTest {
    private static final Path TCP = Path.of("src/test/resources/refdata/local/tcp");
    private static final Path OUT = Path.of("src/test/resources/refdata/ovs/conntrack/tcp.out");
    private static final String[] CLASSES = {"ct_state=+inv+trk", "ct_state=+new+trk", "ct_state=+est+rpl+trk",
        "ct_state=+est-rpl+trk", "ct_state=+rel+trk"};

    record Step(String ctState, List<String> dump) {}

    @Test
    void theExchangeTracksAsOvsTracksIt() throws Exception {
        assertThat(replay("exchange.pcap")).isEqualTo(recorded().get("exchange"));
    }

    @Test
    void aRefusedConnectTracksAsOvsTracksIt() throws Exception {
        assertThat(replay("refused.pcap")).isEqualTo(recorded().get("refused"));
    }

    @Test
    void aSegmentOutsideTheWindowIsInvalid() throws Exception {
        Conntrack ct = new Conntrack();
        List<byte[]> frames = frames("exchange.pcap");
        feed(ct, frames.get(0));
        feed(ct, frames.get(1));
        byte[] far = frames.get(3).clone(); // the data segment, moved 1 GB ahead in sequence space
        far[38] ^= 0x40;
        assertThat(feed(ct, withTcpChecksum(far))).isEqualTo(CLASSES[0]);
        assertThat(feed(ct, frames.get(3))).isEqualTo(CLASSES[3]);
    }

    private static List<Step> replay(String pcap) throws Exception {
        Conntrack ct = new Conntrack();
        List<Step> steps = new ArrayList<>();
        for (byte[] f : frames(pcap)) {
            steps.add(new Step(feed(ct, f), ct.dump()));
        }
        return steps;
    }

    /** Table 0's ct(table=1,zone=65520), then table 1: a new connection is committed with mark 0x20. */
    private static String feed(Conntrack ct, byte[] frame) {
        long inPort = frame[11] == 1 ? 1 : 2;
        long[] flow = Packet.extract(frame, inPort);
        ct.execute(flow, frame, 65520, false, null);
        int state = (int) flow[Slot.CT_STATE.ordinal()];
        String cls;
        if ((state & Conntrack.INV) != 0) {
            cls = CLASSES[0];
        } else if ((state & Conntrack.NEW) != 0) {
            cls = CLASSES[1];
            ct.execute(Packet.extract(frame, inPort), frame, 65520, true, 0x20L);
        } else if ((state & Conntrack.EST) != 0) {
            cls = (state & Conntrack.RPL) != 0 ? CLASSES[2] : CLASSES[3];
        } else {
            cls = CLASSES[4];
        }
        return cls;
    }

    // the frames as the recording fed them: their TCP checksums completed (veth captures hold CHECKSUM_PARTIAL ones)
    private static List<byte[]> frames(String pcap) {
        List<byte[]> l = new ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(TCP.resolve(pcap))) {
            l.add(withTcpChecksum(r.data().clone()));
        }
        return l;
    }

    // an IPv4 TCP frame's checksum computed (conn_key_extract() verifies it)
    private static byte[] withTcpChecksum(byte[] f) {
        int ihl = (f[14] & 0xf) * 4, t = 14 + ihl, len = Packet.u16(f, 16) - ihl;
        f[t + 16] = 0;
        f[t + 17] = 0;
        long pseudo = Match.PROTO_TCP + len;
        for (int i = 26; i < 34; i += 2) {
            pseudo += Packet.u16(f, i);
        }
        int sum = Packet.checksum(f, t, len, pseudo);
        f[t + 16] = (byte) (sum >> 8);
        f[t + 17] = (byte) sum;
        return f;
    }

    /** tcp.out per scenario: per frame, the table-1 rule whose counter grew and the dump's lines. */
    private static Map<String, List<Step>> recorded() throws Exception {
        Map<String, List<Step>> m = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Step> steps = null;
        String grew = null;
        List<String> dump = null;
        for (String line : Files.readAllLines(OUT)) {
            if (line.startsWith("## ")) {
                steps = new ArrayList<>();
                m.put(line.substring(3), steps);
            } else if (line.startsWith("### frame")) {
                grew = null;
                dump = new ArrayList<>();
                steps.add(new Step(null, dump));
            } else if (line.startsWith("n_packets=")) {
                String[] w = line.split(" ");
                long n = Long.parseLong(w[0].substring(10));
                String rule = w.length > 2 ? w[2].replace(",ip", "") : "drop";
                if (n > counts.getOrDefault(rule, 0L)) {
                    grew = rule;
                    counts.put(rule, n);
                    steps.set(steps.size() - 1, new Step(grew, dump));
                }
            } else if (line.startsWith("tcp,")) {
                dump.add(line);
            }
        }
        return m;
    }
}

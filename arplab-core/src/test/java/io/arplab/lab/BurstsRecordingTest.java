package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.observe.MemoryCapture;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.wire.pcap.CaptureReader;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The synchronous path (refdata/local/bursts*, recorded by record.sh and record-bursts.sh): a frame a tool sends
 * crosses veths, bridges and the router and comes back as an answer or ICMP error in the softirq its own system call
 * runs, so in n1's capture each probe of a burst is followed by its answer before the next probe leaves. Replays
 * each scenario and compares n1's capture with the kernel's frame by frame: the same frames in the same order
 * (ports, ICMP ids and checksums masked), the frames of one burst less than a millisecond apart as there, and
 * ping's 1 s interval within the timer wheel's slack (32 ms).
 */
class BurstsRecordingTest {
    private static final long BURST = 1_000_000L;
    private static final long WHEEL_SLACK_1S = 32_000_000L;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bursts", "bursts_routed", "bursts_lan"})
    void capturesFollowTheKernelsOrder(String scenario) throws IOException {
        Lab lab = KernelScenariosTest.lab();
        MemoryCapture cap = new MemoryCapture();
        lab.capture("n1", "eth0", cap);
        List<KernelScenariosTest.Step> steps = KernelScenariosTest.parse(
                Files.readString(KernelScenariosTest.DIR.resolve(scenario + ".out")));
        List<Integer> ends = new ArrayList<>();
        for (KernelScenariosTest.Step s : steps) {
            StringWriter text = new StringWriter();
            PrintWriter w = new PrintWriter(text);
            int rc = lab.exec(s.node(), CommandLineSplitter.split(s.command()), w, w);
            w.flush();
            assertThat(KernelScenariosTest.mask(text.toString())).as(s.command())
                    .isEqualTo(KernelScenariosTest.mask(s.output()));
            assertThat(rc).as("exit status of " + s.command()).isEqualTo(s.exit());
            ends.add(cap.records().size());
        }
        lab.runFor(1_000_000_000L); // the recording's capture ran a second longer
        ends.set(ends.size() - 1, cap.records().size());
        List<PcapRecord> kernel = new ArrayList<>();
        try (CaptureReader r = CaptureReader.open(KernelScenariosTest.DIR.resolve(scenario + ".pcap"))) {
            for (PcapRecord rec; (rec = r.next()) != null; ) {
                kernel.add(rec);
            }
        }
        List<PcapRecord> ours = cap.records();
        assertThat(lines(ours)).as(scenario + ": n1's capture").isEqualTo(lines(kernel));
        int from = 0;
        for (int end : ends) {
            for (int i = from + 1; i < end; i++) {
                long k = gap(kernel, i);
                long a = gap(ours, i);
                String what = scenario + " frame " + (i + 1) + " (" + lines(ours.subList(i, i + 1)).get(0) + ")";
                if (k < BURST) {
                    assertThat(a).as(what + ": in the same system call's softirq").isLessThan(BURST);
                } else if (k < 2_000_000_000L) {
                    assertThat(Math.abs(a - k)).as(what + ": after a timer").isLessThanOrEqualTo(WHEEL_SLACK_1S);
                }
            }
            from = end;
        }
    }

    private static long gap(List<PcapRecord> rs, int i) {
        return rs.get(i).epochNanos() - rs.get(i - 1).epochNanos();
    }

    /** tcpdump -n -t, with what differs between runs masked: UDP source ports, ICMP echo ids. */
    private static List<String> lines(List<PcapRecord> rs) {
        TcpdumpPrinter p = new TcpdumpPrinter(new TcpdumpOptions(true, false, 0, TcpdumpOptions.TimestampStyle.NONE,
                0, java.time.ZoneId.of("UTC")));
        List<String> out = new ArrayList<>();
        for (PcapRecord r : rs) {
            StringBuilder sb = new StringBuilder();
            p.print(r, sb);
            out.add(sb.toString().strip().replaceAll("(172\\.28\\.0\\.11)\\.\\d+ >", "$1.PORT >")
                    .replaceAll("id \\d+,", "id ID,"));
        }
        return out;
    }
}

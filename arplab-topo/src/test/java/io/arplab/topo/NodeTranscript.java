package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.util.List;
import java.util.function.Predicate;

/**
 * Recordings of "$ NODE COMMAND" sections, each the command's merged output and "[exit N]", as refdata/local's
 * docker and xtables record.sh write them: replayed on a lab node by node, compared modulo what changes run to run.
 */
final class NodeTranscript {
    private NodeTranscript() {}

    /**
     * Runs every section of {@code rec} up to the first whose line {@code stop} accepts, asserting its output (and
     * its exit status, with {@code exitStatus}); returns the index of that line (the size when none).
     */
    static int replay(Lab lab, List<String> rec, Predicate<String> stop, boolean exitStatus) {
        int i = 0;
        for (; i < rec.size() && !stop.test(rec.get(i)); i++) {
            String line = rec.get(i);
            if (!line.startsWith("$ ")) {
                continue;
            }
            StringBuilder want = new StringBuilder();
            int j = i + 1;
            for (; !rec.get(j).startsWith("[exit "); j++) {
                want.append(rec.get(j)).append('\n');
            }
            String node = line.substring(2, line.indexOf(' ', 2));
            Lab.Result r = lab.exec(node, line.substring(3 + node.length()));
            assertThat(times(r.stdout() + r.stderr())).as(line).isEqualTo(times(want.toString()));
            if (exitStatus) {
                assertThat("[exit " + r.exitCode() + "]").as(line).isEqualTo(rec.get(j));
            }
            i = j;
        }
        return i;
    }

    /** The sections replayed: the "$ " lines before {@code end}. */
    static long sections(List<String> rec, int end) {
        return rec.subList(0, end).stream().filter(l -> l.startsWith("$ ")).count();
    }

    // what differs run to run: round-trip times, ping's elapsed time, traceroute's probe times
    private static String times(String s) {
        return s.replaceAll("time=[0-9.]+ ms", "time=T ms").replaceAll("= [0-9./]+ ms", "= T ms")
                .replaceAll("time [0-9]+ms", "time Tms").replaceAll("  [0-9.]+ ms", "  T ms");
    }
}

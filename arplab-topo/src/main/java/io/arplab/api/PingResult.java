package io.arplab.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code ping -c N} run reported, taken from the lines iputils ping prints: the reply lines' round-trip
 * times and the statistics line ({@code 2 packets transmitted, 2 received, +1 errors, ...}).
 *
 * @param target      the destination as given
 * @param transmitted echo requests sent
 * @param received    replies received (duplicates not counted)
 * @param duplicates  duplicate replies ({@code +N duplicates})
 * @param errors      ICMP errors about the requests ({@code +N errors}: unreachable, time exceeded)
 * @param rtts        each reply line's {@code time=}, in order, to the precision ping prints
 * @param exitCode    ping's exit status: 0 with replies, 1 without, 2 on other errors
 * @param stdout      ping's standard output, as printed
 * @param stderr      ping's standard error, as printed
 */
public record PingResult(String target, int transmitted, int received, int duplicates, int errors, List<Duration> rtts,
                         int exitCode, String stdout, String stderr) {
    // finish() in iputils ping/ping_common.c prints the counters; gather_statistics() the reply lines' time=
    private static final Pattern STATISTICS = Pattern.compile("(?m)^(\\d+) packets transmitted, (\\d+) received"
            + "(?:, \\+(\\d+) duplicates)?(?:, \\+\\d+ corrupted)?(?:, \\+(\\d+) errors)?");
    private static final Pattern RTT = Pattern.compile("(?m)^\\d+ bytes from .* time=([0-9.]+) ms");

    /** The record, rtts copied. */
    public PingResult {
        rtts = List.copyOf(rtts);
    }

    /** Reads ping's output. */
    static PingResult of(String target, ExecResult r) {
        Matcher s = STATISTICS.matcher(r.stdout());
        int tx = 0;
        int rx = 0;
        int dup = 0;
        int err = 0;
        if (s.find()) {
            tx = Integer.parseInt(s.group(1));
            rx = Integer.parseInt(s.group(2));
            dup = s.group(3) == null ? 0 : Integer.parseInt(s.group(3));
            err = s.group(4) == null ? 0 : Integer.parseInt(s.group(4));
        }
        List<Duration> rtts = new ArrayList<>();
        Matcher m = RTT.matcher(r.stdout());
        while (m.find()) {
            rtts.add(Duration.ofNanos(new BigDecimal(m.group(1)).movePointRight(6).longValueExact()));
        }
        return new PingResult(target, tx, rx, dup, err, rtts, r.exitCode(), r.stdout(), r.stderr());
    }

    /** Requests that got no reply, as ping counts its loss. */
    public int lost() {
        return transmitted - received;
    }
}

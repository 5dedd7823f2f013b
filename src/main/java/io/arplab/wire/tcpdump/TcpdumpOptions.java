package io.arplab.wire.tcpdump;

import java.time.ZoneId;

/**
 * How tcpdump was asked to print.
 *
 * @param numeric     {@code -n}: no name lookups (ports, OUIs, "Broadcast")
 * @param linkHeader  {@code -e}: print the Ethernet header
 * @param verbosity   number of {@code -v}
 * @param timestamps  {@code -t}, {@code -tt}, {@code -ttt}, {@code -tttt}, {@code -ttttt} or the default time of day
 * @param hexDump     0 none, 1 {@code -x}, 2 {@code -xx}, 3 {@code -X}, 4 {@code -XX}
 * @param zone        the zone for time-of-day stamps (tcpdump uses the local zone; tests use UTC)
 */
public record TcpdumpOptions(boolean numeric, boolean linkHeader, int verbosity, TimestampStyle timestamps, int hexDump,
                             ZoneId zone) {

    public enum TimestampStyle {
        /** default: {@code 22:13:20.000000} */
        TIME_OF_DAY,
        /** -t: none */
        NONE,
        /** -tt: {@code 1700000000.000000} */
        EPOCH,
        /** -ttt: delta since the previous frame */
        DELTA_PREVIOUS,
        /** -tttt: {@code 2023-11-14 22:13:20.000000} */
        DATE_TIME,
        /** -ttttt: delta since the first frame */
        DELTA_FIRST
    }

    /** {@code tcpdump -n -r}: numeric, time of day in UTC. */
    public static TcpdumpOptions numericUtc() {
        return new TcpdumpOptions(true, false, 0, TimestampStyle.TIME_OF_DAY, 0, ZoneId.of("UTC"));
    }
}

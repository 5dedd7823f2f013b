package io.arplab.wire.tcpdump;

import io.arplab.wire.pcap.LinkType;
import java.util.function.IntFunction;

import java.time.ZoneId;

/**
 * How tcpdump was asked to print.
 *
 * @param numeric     {@code -n}: no name lookups (ports, OUIs, "Broadcast")
 * @param linkHeader  {@code -e}: print the Ethernet header
 * @param verbosity   number of {@code -v}
 * @param timestamps  {@code -t}, {@code -tt}, {@code -ttt}, {@code -tttt}, {@code -ttttt} or the default time of day
 * @param hexDump     0 none, 1 {@code -x}, 2 {@code -xx}, 3 {@code -X}, 4 {@code -XX}, 5 {@code -A}, 6 {@code -AA}
 * @param zone        the zone for time-of-day stamps (tcpdump uses the local zone; tests use UTC)
 * @param linkType    the capture's LINKTYPE_ (Ethernet, NULL, RAW, IPV4, IPV6, LINUX_SLL, LINUX_SLL2)
 * @param interfaceNames if_indextoname() for LINUX_SLL2 captures (null: every index prints as "?")
 * @param quick       {@code -q}: quick output, less protocol information (ndo_qflag)
 */
public record TcpdumpOptions(boolean numeric, boolean linkHeader, int verbosity, TimestampStyle timestamps, int hexDump,
                             ZoneId zone, int linkType, IntFunction<String> interfaceNames, boolean quick) {

    /** Options without {@code -q}. */
    public TcpdumpOptions(boolean numeric, boolean linkHeader, int verbosity, TimestampStyle timestamps, int hexDump,
                          ZoneId zone, int linkType, IntFunction<String> interfaceNames) {
        this(numeric, linkHeader, verbosity, timestamps, hexDump, zone, linkType, interfaceNames, false);
    }

    /** Options for an Ethernet capture. */
    public TcpdumpOptions(boolean numeric, boolean linkHeader, int verbosity, TimestampStyle timestamps, int hexDump,
                          ZoneId zone) {
        this(numeric, linkHeader, verbosity, timestamps, hexDump, zone, LinkType.ETHERNET, null);
    }

    /** The same options for a capture of {@code type} whose interface indexes {@code names} knows. */
    public TcpdumpOptions withLinkType(int type, IntFunction<String> names) {
        return new TcpdumpOptions(numeric, linkHeader, verbosity, timestamps, hexDump, zone, type, names, quick);
    }

    /** The same options in another zone. */
    public TcpdumpOptions withZone(ZoneId z) {
        return new TcpdumpOptions(numeric, linkHeader, verbosity, timestamps, hexDump, z, linkType, interfaceNames,
                quick);
    }

    /** The same options with or without {@code -q}. */
    public TcpdumpOptions withQuick(boolean q) {
        return new TcpdumpOptions(numeric, linkHeader, verbosity, timestamps, hexDump, zone, linkType, interfaceNames, q);
    }

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

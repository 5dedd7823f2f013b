package io.arplab.wire.tcpdump;

import io.arplab.wire.pcap.PcapRecord;

/**
 * Prints frames exactly as tcpdump 4.99.3 does (its print-ether.c, print-arp.c, print-ip.c, print-icmp.c,
 * print-udp.c rules). One printer per capture file: -ttt and -ttttt remember earlier frames.
 */
public final class TcpdumpPrinter {
    private final TcpdumpOptions options;

    public TcpdumpPrinter(TcpdumpOptions options) {
        this.options = options;
    }

    /** Appends what tcpdump prints for one frame: one or more lines, each ending in '\n'. */
    public void print(PcapRecord record, StringBuilder out) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public TcpdumpOptions options() {
        return options;
    }
}

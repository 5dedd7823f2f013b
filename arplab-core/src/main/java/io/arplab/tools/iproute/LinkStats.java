package io.arplab.tools.iproute;

import io.arplab.stack.NetDevice;

/**
 * A device's IFLA_STATS64 as {@code ip -s link} prints it (iproute2 6.1 print_link_stats64()). The counts are the
 * driver's: lo reports what it looped as both sent and received (loopback_get_stats64()); a bridge's veth port, not
 * wired itself, reads its peer's (veth_get_stats64(): its rx is what the peer sent, its tx what the peer received).
 * tx_dropped is the device's own: the frames it was handed without carrier, dropped at the qdisc before veth_xmit(),
 * so a peer's drops are not its port's rx_dropped.
 */
record LinkStats(long rxBytes, long rxPackets, long txBytes, long txPackets, long txDropped, int carrierChanges) {

    static LinkStats of(NetDevice d) {
        if (d.loopback) {
            return new LinkStats(d.txBytes(), d.txPackets(), d.txBytes(), d.txPackets(), 0, d.carrierChanges());
        }
        if (d.peer != null && d.master() != null) {
            NetDevice p = d.peer;
            return new LinkStats(p.txBytes(), p.txPackets(), p.rxBytes(), p.rxPackets(), d.txDropped(),
                    d.carrierChanges());
        }
        return new LinkStats(d.rxBytes(), d.rxPackets(), d.txBytes(), d.txPackets(), d.txDropped(), d.carrierChanges());
    }

    /** The text block, one line per row after the link's lines; {@code level} counts the -s options. */
    String text(int level) {
        // size_columns(): each column as wide as its header or its widest number, whichever is wider
        int[] cols = {"*X errors:".length(), "packets".length(), "errors".length(), "dropped".length(),
            "heartbt".length(), "overrun".length(), "compressed".length()};
        size(cols, rxBytes, rxPackets, 0, 0, 0, 0, 0);
        size(cols, txBytes, txPackets, 0, txDropped, 0, 0, 0);
        if (level > 1) {
            size(cols, 0, 0, 0, 0, 0, carrierChanges, 0);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("    RX: %" + (cols[0] - 4) + "s %" + cols[1] + "s %" + cols[2] + "s %" + cols[3]
                + "s %" + cols[4] + "s %" + cols[5] + "s %" + cols[6] + "s\n", "bytes", "packets", "errors",
                "dropped", "missed", "mcast", ""));
        sb.append("    ");
        nums(sb, cols, 0, rxBytes, rxPackets, 0, 0, 0, 0);
        if (level > 1) {
            sb.append(String.format("    RX errors:%s %" + cols[1] + "s %" + cols[2] + "s %" + cols[3] + "s %"
                    + cols[4] + "s %" + cols[5] + "s\n", " ".repeat(cols[0] - 10), "length", "crc", "frame",
                    "fifo", "overrun"));
            sb.append(" ".repeat(cols[0] + 5));
            nums(sb, cols, 1, 0, 0, 0, 0, 0);
        }
        sb.append(String.format("    TX: %" + (cols[0] - 4) + "s %" + cols[1] + "s %" + cols[2] + "s %" + cols[3]
                + "s %" + cols[4] + "s %" + cols[5] + "s %" + cols[6] + "s\n", "bytes", "packets", "errors",
                "dropped", "carrier", "collsns", ""));
        sb.append("    ");
        nums(sb, cols, 0, txBytes, txPackets, 0, txDropped, 0, 0);
        if (level > 1) {
            sb.append(String.format("    TX errors:%s %" + cols[1] + "s %" + cols[2] + "s %" + cols[3] + "s %"
                    + cols[4] + "s %" + cols[5] + "s\n", " ".repeat(cols[0] - 10), "aborted", "fifo", "window",
                    "heartbt", "transns"));
            sb.append(" ".repeat(cols[0] + 5));
            nums(sb, cols, 1, 0, 0, 0, 0, carrierChanges);
        }
        return sb.toString();
    }

    private static void size(int[] cols, long... values) {
        for (int i = 0; i < values.length; i++) {
            cols[i] = Math.max(cols[i], Long.toString(values[i]).length());
        }
    }

    /** print_num() of each value from column {@code from}: right-aligned, then a space; the row ends the line. */
    private static void nums(StringBuilder sb, int[] cols, int from, long... values) {
        for (int i = 0; i < values.length; i++) {
            sb.append(String.format("%" + cols[from + i] + "d ", values[i]));
        }
        sb.append('\n');
    }

    /** The "stats64" object of -j. */
    void json(Json j, int level) {
        j.name("stats64").startObject();
        j.name("rx").startObject().field("bytes", rxBytes).field("packets", rxPackets).field("errors", 0)
                .field("dropped", 0).field("over_errors", 0).field("multicast", 0);
        if (level > 1) {
            j.field("length_errors", 0).field("crc_errors", 0).field("frame_errors", 0).field("fifo_errors", 0)
                    .field("missed_errors", 0);
        }
        j.endObject();
        j.name("tx").startObject().field("bytes", txBytes).field("packets", txPackets).field("errors", 0)
                .field("dropped", txDropped).field("carrier_errors", 0).field("collisions", 0);
        if (level > 1) {
            j.field("aborted_errors", 0).field("fifo_errors", 0).field("window_errors", 0)
                    .field("heartbeat_errors", 0).field("carrier_changes", carrierChanges);
        }
        j.endObject().endObject();
    }
}

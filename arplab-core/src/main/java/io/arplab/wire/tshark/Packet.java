package io.arplab.wire.tshark;

/**
 * One frame being dissected: packet_info's columns and flags. The column functions follow
 * epan/column-utils.c: nothing is written while the columns are not writable (col_set_writable()).
 */
final class Packet {
    final int number;
    final Capture capture;
    String protocol = "";
    final StringBuilder info = new StringBuilder();
    String src = "";
    String dst = "";
    boolean writable = true;
    /** MAC name resolution (on unless -n). */
    boolean resolveMacs = true;
    /** pinfo->abs_ts.secs: the frame's time stamp, whole seconds since the epoch. */
    long absSecs;
    /** pinfo->abs_ts in nanoseconds since the epoch. */
    long absNanos;
    /** pinfo->fd->pkt_len: the frame's length on the wire. */
    int frameLength;
    /** pinfo->fragmented. */
    boolean fragmented;
    /** pinfo->flags.in_error_pkt: inside an ICMP error's quoted datagram. */
    boolean inErrorPkt;
    /** The IPv4 TTL / IPv6 hop limit of the innermost IP header, or -1 (ICMP's {@code ttl=}). */
    int ipTtl = -1;
    /** The IPv6 payload length its header gives, less the extension headers dissected so far (frag_plen). */
    int ip6Plen;
    /** pinfo->dl_src / dl_dst as 48-bit numbers (-1 before the Ethernet header is read). */
    long dlSrc = -1;
    long dlDst = -1;
    /** pinfo->vlan_id. */
    int vlanId;
    /** Network addresses (pinfo->net_src/net_dst) as raw bytes, for conversations; null before IP. */
    byte[] netSrc;
    byte[] netDst;

    /** What this package did not decode in the frame while dissecting on (its line is then not TShark's), or null. */
    String undecoded;

    Packet(int number, Capture capture) {
        this.number = number;
        this.capture = capture;
    }

    /** col_set_str(COL_PROTOCOL). */
    void protocol(String p) {
        if (writable) {
            protocol = p;
        }
    }

    /** col_add_str(COL_INFO) / col_set_str(COL_INFO). */
    void info(String s) {
        if (writable) {
            info.setLength(0);
            info.append(s);
        }
    }

    /** col_clear(COL_INFO). */
    void clearInfo() {
        info("");
    }

    /** col_append_str(COL_INFO). */
    void append(String s) {
        if (writable) {
            info.append(s);
        }
    }

    /** col_prepend_fence_fstr(COL_INFO): the text in front of what the column has. */
    void prepend(String s) {
        if (writable) {
            info.insert(0, s);
        }
    }

    /** col_append_sep_str(COL_INFO, sep, s): the separator only after earlier text. */
    void appendSep(String sep, String s) {
        if (writable) {
            if (info.length() > 0) {
                info.append(sep);
            }
            info.append(s);
        }
    }

    /** pinfo->src / pinfo->dst as the default Source / Destination columns show them. */
    void addresses(String source, String destination) {
        src = source;
        dst = destination;
    }
}

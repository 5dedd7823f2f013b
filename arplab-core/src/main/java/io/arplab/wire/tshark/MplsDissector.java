package io.arplab.wire.tshark;

/**
 * packet-mpls.c's dissect_mpls() (ethertypes 0x8847 and 0x8848, UDP 6635, VXLAN-GPE's and NSH's next protocol 5,
 * GRE, IP protocol 137): Protocol "MPLS", Info "MPLS Label Switched Packet"; the label stack to its bottom, then the
 * "mpls.label" table's dissector for the last label, else the payload by its first nibble (BCP 128, RFC 4385).
 */
final class MplsDissector {
    private static final int LABEL_OAM_ALERT = 14;
    private static final int LABEL_GACH = 13;
    /** ITU-T Y.1711, 5.3: a minimum payload of 44 bytes. */
    private static final int Y1711_MIN = 44;

    private MplsDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("MPLS");
        p.clearInfo();
        p.info("MPLS Label Switched Packet");
        int off = 0;
        int label = -1; // MPLS_LABEL_INVALID
        while (tvb.reportedLengthRemaining(off) > 0) {
            // decode_mpls_label(): the four bytes one by one
            int o0 = tvb.u8(off);
            int o1 = tvb.u8(off + 1);
            int o2 = tvb.u8(off + 2);
            tvb.u8(off + 3);
            label = (o0 << 12) + (o1 << 4) + (o2 >> 4);
            boolean bos = (o2 & 1) != 0;
            off += 4;
            if (label == LABEL_GACH && bos) {
                pwAch(tvb.subset(off), p); // RFC 5586: the Generic Associated Channel Header
                return;
            }
            if (bos) {
                break;
            }
        }
        int nibble = tvb.u8(off) >> 4;
        Tvb next = tvb.subset(off);
        if (label == LABEL_OAM_ALERT) {
            y1711(next, p);
            return;
        }
        if (Values.dissector("mpls.label", label) != null) {
            throw new Unsupported("mpls.label " + label + " (" + Values.dissector("mpls.label", label) + ")");
        }
        switch (nibble) {
            case 4 -> {
                IpDissector.dissectIpAnyVersion(next, p);
                setActualLength(tvb, off + next.reported);
            }
            case 6 -> {
                Ipv6Dissector.dissectHandle(next, p);
                setActualLength(tvb, off + next.reported);
            }
            case 1 -> pwAch(next, p);
            case 0 -> pwEthHeuristic(next, p);
            default -> {
                // call_data_dissector(): Info stays
            }
        }
    }

    /** set_actual_length(): what the IP dissector left of the payload is an Ethernet trailer. */
    private static void setActualLength(Tvb tvb, int n) {
        if (n < tvb.reported) {
            tvb.setReportedLength(n);
        }
    }

    /**
     * packet-mpls-y1711.c's dissect_mpls_y1711() (the "mpls.label" table's 14): " (Y.1711: type)" after the function
     * type; under 44 bytes the rest is data, else the 44-byte OAM subtree (whose length is checked, the fields
     * inside it).
     */
    private static void y1711(Tvb tvb, Packet p) {
        int type = tvb.u8(0);
        p.append(" (Y.1711: " + switch (type) {
            case 1 -> "CV";
            case 2 -> "FDI";
            case 3 -> "BDI";
            case 7 -> "FDD";
            default -> "reserved/unknown";
        } + ")");
        if (tvb.reported >= Y1711_MIN) {
            tvb.check(0, Y1711_MIN);
        }
    }

    /**
     * dissect_pw_ach() (RFC 4385): under 4 bytes nothing; the channel type, then the "pwach.channel_type" table's
     * dissector (IPv4 and IPv6 packets here), else data.
     */
    private static void pwAch(Tvb tvb, Packet p) {
        if (tvb.reportedLengthRemaining(0) < 4) {
            return;
        }
        int channel = tvb.u16(2);
        Tvb next = tvb.subset(4);
        switch (channel) {
            case 0x21 -> IpDissector.dissectIpAnyVersion(next, p);
            case 0x57 -> Ipv6Dissector.dissectHandle(next, p);
            default -> {
                String d = Values.dissector("pwach.channel_type", channel);
                if (d != null) {
                    throw new Unsupported("pwach.channel_type 0x" + Integer.toHexString(channel) + " (" + d + ")");
                }
            }
        }
    }

    /**
     * packet-pw-eth.c's dissect_pw_eth_heuristic(): an Ethernet frame without a control word when the payload has
     * 14 bytes and both addresses' OUIs have a manufacturer's name (looks_like_plain_eth()), else one with it.
     */
    private static void pwEthHeuristic(Tvb tvb, Packet p) {
        if (looksLikePlainEth(tvb)) {
            EthDissector.dissect(tvb.subset(0), p, EthDissector.FCS_NONE); // dissect_pw_eth_nocw()
        } else {
            pwEthCw(tvb, p);
        }
    }

    private static boolean looksLikePlainEth(Tvb tvb) {
        if (tvb.reportedLengthRemaining(0) < 14) {
            return false;
        }
        // tvb_get_manuf_name_if_known(): tvb_get_ptr() of the OUI's 3 bytes
        int da = tvb.u24(0);
        int sa = tvb.u24(6);
        return EtherNames.get().manufKnown(da) && EtherNames.get().manufKnown(sa);
    }

    /** dissect_pw_eth_cw(): under 4 bytes nothing; an IP or ACH first nibble as dissect_try_cw_first_nibble(). */
    private static void pwEthCw(Tvb tvb, Packet p) {
        if (tvb.reportedLengthRemaining(0) < 4) {
            return;
        }
        if (tryCwFirstNibble(tvb, p)) {
            return;
        }
        tvb.u16(2); // the sequence number
        EthDissector.dissect(tvb.subset(4), p, EthDissector.FCS_NONE); // eth_withoutfcs
    }

    /** dissect_try_cw_first_nibble(): 4 the "ip" handle, 6 the "ipv6" one, 1 an associated channel. */
    private static boolean tryCwFirstNibble(Tvb tvb, Packet p) {
        switch (tvb.u8(0) >> 4) {
            case 6 -> Ipv6Dissector.dissectHandle(tvb, p);
            case 4 -> IpDissector.dissectIpAnyVersion(tvb, p);
            case 1 -> pwAch(tvb, p);
            default -> {
                return false;
            }
        }
        return true;
    }
}

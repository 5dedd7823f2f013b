package io.arplab.wire.tshark;

/** packet-eth.c's dissect_eth_common(), packet-ethertype.c's dissect_ethertype() and packet-vlan.c. */
final class EthDissector {
    /** IEEE_802_3_MAX_LEN: a type field up to this is an 802.3 length. */
    private static final int IEEE_802_3_MAX_LEN = 1500;
    /** ETHERNET_II_MIN_LEN: a type field from here on is an ethertype; in between it is neither. */
    private static final int ETHERNET_II_MIN_LEN = 1536;
    /** ETHERTYPE_UNK: a zero type field is a type, not an 802.3 length. */
    private static final int ETHERTYPE_UNK = 0x0000;

    private EthDissector() {}

    /** fcs_len: the capture's Ethernet frames may end in an FCS (wiretap's -1, "maybe"), one inside another none. */
    static final int FCS_MAYBE = -1;
    static final int FCS_NONE = 0;

    /** dissect_eth_common() with {@code fcsLen} (dissect_eth(): FCS_MAYBE; dissect_eth_withoutfcs(): FCS_NONE). */
    static void dissect(Tvb tvb, Packet p, int fcsLen) {
        p.protocol("Ethernet");
        String dst = name(tvb, 0, p);
        p.addresses(p.src, dst);
        p.dlDst = mac(tvb, 0);
        String src = name(tvb, 6, p);
        p.addresses(src, dst);
        p.dlSrc = mac(tvb, 6);
        int type = tvb.u16(12);
        if (type <= IEEE_802_3_MAX_LEN && type != ETHERTYPE_UNK) {
            LlcDissector.dissect8023(tvb, p, type, fcsLen);
            return;
        }
        if (type > IEEE_802_3_MAX_LEN && type < ETHERNET_II_MIN_LEN) {
            // neither a length nor a type: the rest goes to the data dissector, no trailer is looked for
            p.info(String.format("Ethernet Unknown: Invalid length/type: 0x%04x (%d)", type, type));
            return;
        }
        p.info("Ethernet II");
        Tvb next = tvb.subset(14);
        ethertype(next, p, type);
        trailer(tvb, 14, next, p, fcsLen);
    }

    /** ETH_MAX_PADDING / minimum frame: a frame up to 60 bytes may have been padded to 60. */
    private static final int MIN_FRAME = 60;
    /** A frame of 64 bytes or more whose trailer has 4 bytes may end in an FCS. */
    private static final int MIN_FRAME_WITH_FCS = 64;

    /**
     * add_dix_trailer() and add_ethernet_trailer(): what the payload's dissector left of the frame is a trailer
     * (none when not one of its bytes was captured). The padding up to the 60-byte minimum (maybe_padded: the frame
     * without its trailer is shorter) counts only when all zero, read byte by byte while zero; what is left goes to
     * the eth.trailer heuristics (VSS-Monitoring's); then, with an FCS assumed (fcs_len "maybe" and a frame of 64
     * bytes or more with 4 bytes left; this package never knows one is there), the FCS is read. A read of bytes the capture cut off throws; the rest of
     * the trailer is only shown, as far as it was captured.
     */
    static void trailer(Tvb frame, int payloadOffset, Tvb payload, Packet p, int fcsLen) {
        int off = payloadOffset + payload.reported;
        if (payload.reported >= frame.reported - payloadOffset || off >= frame.length) {
            return; // add_dix_trailer(): none unless tvb_offset_exists()
        }
        ethernetTrailer(frame, off, p, fcsLen);
    }

    /**
     * dissect_802_3()'s trailer: tvb_new_subset_remaining() after the 802.3 length (capped to the frame), made even
     * when it is empty or none of it was captured, so that it throws when the capture ended before it (the payload's
     * dissector having read less).
     */
    static void trailer8023(Tvb frame, int payloadOffset, int length, Packet p, int fcsLen) {
        int off = payloadOffset + length;
        frame.subset(off);
        if (length >= frame.reported - payloadOffset) {
            return; // an empty trailer: nothing to show
        }
        ethernetTrailer(frame, off, p, fcsLen);
    }

    /** add_ethernet_trailer() of the bytes from {@code off} on. */
    private static void ethernetTrailer(Tvb frame, int off, Packet p, int fcsLen) {
        Tvb trailer = frame.subset(off);
        int pktLen = p.frameLength; // pinfo->fd->pkt_len: the whole frame's, an encapsulated one's too
        int captured = trailer.length;
        int reported = trailer.reported;
        int padding = 0;
        if (pktLen >= MIN_FRAME && pktLen - reported < MIN_FRAME) {
            padding = MIN_FRAME - (pktLen - reported);
            for (int i = 0; i < padding; i++) {
                if (trailer.u8(i) != 0) {
                    padding = 0;
                    break;
                }
            }
            captured -= padding;
            reported -= padding;
        }
        boolean fcs = false;
        if (fcsLen == FCS_MAYBE && frame.reported >= MIN_FRAME_WITH_FCS && reported >= 4) {
            if (captured < reported) { // the FCS sliced off what the capture has of it
                reported -= 4;
                captured = Math.min(captured, reported);
            } else {
                captured -= 4;
                reported -= 4;
            }
            fcs = true;
        }
        Tvb rest = trailer.subset(padding);
        if (rest.reported != 0 && vssMonitoring(rest, p)) {
            return; // the heuristic took the whole trailer, the FCS with it (fcs_len is not 4)
        }
        if (fcs) {
            trailer.u32(padding + captured);
        }
    }

    /** VSS_NS_MASK: the nanoseconds of a VSS-Monitoring time stamp; the clock source above them. */
    private static final long VSS_NS_MASK = 0x3fffffffL;

    /**
     * packet-vssmonitoring.c's dissect_vssmonitoring(), the eth.trailer heuristic: a trailer of a time stamp (8
     * bytes) and a 1-byte port stamp, 13 bytes at most; with a time stamp, its two words are read (and may throw)
     * and it is taken when plausible (seconds not 0, within an hour of boot or 30 days of the frame's, nanoseconds
     * under a second); a port stamp alone is not taken (dissect_portstamping_only is off).
     */
    private static boolean vssMonitoring(Tvb tvb, Packet p) {
        int len = tvb.reported;
        if (len > 12 + 1 || ((len & 3) != 0 && (len & 3) != 1) || len < 8) {
            return false;
        }
        long secs = tvb.u32(0);
        long nsecs = tvb.u32(4) & VSS_NS_MASK;
        if (secs == 0) {
            return false;
        }
        if (secs > 3600 && Math.abs(secs - p.absSecs) > 2_592_000L) {
            return false;
        }
        return nsecs < 1_000_000_000L;
    }

    private static long mac(Tvb tvb, int off) {
        long a = 0;
        for (int i = 0; i < 6; i++) {
            a = (a << 8) | tvb.u8(off + i);
        }
        return a;
    }

    private static String name(Tvb tvb, int off, Packet p) {
        int at = tvb.at(off, 6);
        return p.resolveMacs ? EtherNames.get().name(tvb.data, at) : Names.mac(tvb.data, at);
    }

    /**
     * dissect_ethertype(): the ethertype table's dissector, whose exceptions are shown here; with none,
     * Protocol is the type in hex and Info its etype_vals name (kept as it was if there is none).
     */
    /** What it throws is shown here; the caller then looks at the trailer all the same (add_dix_trailer()). */
    static void ethertype(Tvb next, Packet p, int type) {
        try {
            if (dispatch(next, p, type)) {
                return;
            }
        } catch (Thrown.DissectorError e) {
            p.append(e.kind.info);
            return;
        }
        p.protocol(String.format("0x%04x", type));
        String name = Values.etype(type);
        if (name != null) {
            p.info(name);
        }
    }

    /** dissect_snap()'s ethertype PID: the "ethertype" table's dissector, else the payload stays data. */
    static boolean snapEthertype(Tvb next, Packet p, int type) {
        if (type == 0x86dd && next.bytesExist(0, 1) && next.u8(0) >> 4 != 6) {
            throw new Unsupported("IPv6 of another version in SNAP");
        }
        return dispatch(next, p, type);
    }

    private static boolean dispatch(Tvb next, Packet p, int type) {
        switch (type) {
            case 0x0800 -> IpDissector.dissectIp(next, p);
            case 0x0806, 0x8035 -> ArpDissector.dissect(next, p);
            case 0x80f3 -> AarpDissector.dissect(next, p);
            case 0x86dd -> {
                return Ipv6Dissector.dissect(next, p);
            }
            case 0x8100, 0x9100 -> vlan(next, p);
            case 0x88a8 -> ieee8021ad(next, p);
            case 0x88cc -> LldpDissector.dissect(next, p);
            case 0x8847, 0x8848 -> MplsDissector.dissect(next, p);
            case 0x894f -> NshDissector.dissect(next, p);
            case 0x6558 -> dissect(next, p, FCS_NONE); // eth_withoutfcs
            default -> {
                Values.unsupported("ethertype", type);
                return false;
            }
        }
        return true;
    }

    /** dissect_ieee8021ad() of packet-ieee8021ah.c: the S-tag's "PRI: p  DROP: d ID: id", then its type. */
    private static void ieee8021ad(Tvb tvb, Packet p) {
        p.protocol("802.1ad");
        p.clearInfo();
        int tci = tvb.u16(0);
        p.info("PRI: " + (tci >> 13) + "  DROP: " + ((tci >> 12) & 1) + " ID: " + (tci & 0xfff));
        int off = 2;
        int encap = tvb.u16(off);
        while (encap == 0x88a8) {
            // a further S-tag: read, not shown
            tvb.u16(off + 2);
            off += 4;
            encap = tvb.u16(off);
        }
        if (encap <= IEEE_802_3_MAX_LEN) {
            throw new Unsupported("802.1ad with an 802.3 length");
        }
        Tvb next = tvb.subset(off + 2);
        ethertype(next, p, encap);
        trailer(tvb, off + 2, next, p, FCS_NONE);
    }

    /** dissect_vlan(): Info "PRI: p  DEI: d  ID: id", then the encapsulated type (or 802.3 length). */
    private static void vlan(Tvb tvb, Packet p) {
        p.protocol("VLAN");
        p.clearInfo();
        int tci = tvb.u16(0);
        if (p.vlanId == 0) {
            p.vlanId = tci & 0xfff;
        }
        p.info("PRI: " + (tci >> 13) + "  DEI: " + ((tci >> 12) & 1) + "  ID: " + (tci & 0xfff));
        int encap = tvb.u16(2);
        if (encap <= IEEE_802_3_MAX_LEN) {
            LlcDissector.dissectVlan8023(tvb, p, encap);
            return;
        }
        Tvb next = tvb.subset(4);
        ethertype(next, p, encap);
        trailer(tvb, 4, next, p, FCS_NONE);
    }
}

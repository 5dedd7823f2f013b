package io.arplab.wire.tshark;

/** packet-eth.c's dissect_eth_common(), packet-ethertype.c's dissect_ethertype() and packet-vlan.c. */
final class EthDissector {
    /** IEEE_802_3_MAX_LEN: a type field up to this is an 802.3 length. */
    private static final int IEEE_802_3_MAX_LEN = 1500;
    /** ETHERTYPE_UNK: a zero type field is a type, not an 802.3 length. */
    private static final int ETHERTYPE_UNK = 0x0000;

    private EthDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        int outer = p.ethStart;
        p.ethStart = tvb.start;
        try {
            dissectFrame(tvb, p);
        } finally {
            p.ethStart = outer;
        }
    }

    private static void dissectFrame(Tvb tvb, Packet p) {
        p.protocol("Ethernet");
        String dst = name(tvb, 0, p);
        p.addresses(p.src, dst);
        p.dlDst = mac(tvb, 0);
        String src = name(tvb, 6, p);
        p.addresses(src, dst);
        p.dlSrc = mac(tvb, 6);
        int type = tvb.u16(12);
        if (type <= IEEE_802_3_MAX_LEN && type != ETHERTYPE_UNK) {
            LlcDissector.dissect8023(tvb, p, type);
            return;
        }
        p.info("Ethernet II");
        Tvb next = tvb.subset(14);
        ethertype(next, p, type);
        trailer(tvb, 14, next, p);
    }

    /** ETH_MAX_PADDING / minimum frame: a frame up to 60 bytes may have been padded to 60. */
    private static final int MIN_FRAME = 60;

    /**
     * add_dix_trailer() and add_ethernet_trailer(): what the payload's dissector left of the frame is a trailer.
     * Up to the 60-byte minimum it is padding, looked at byte by byte while the bytes are zero; a frame shorter
     * than that has no padding; what lies beyond is read whole. A read of bytes the capture cut off throws.
     */
    static void trailer(Tvb frame, int payloadOffset, Tvb payload, Packet p) {
        int off = payloadOffset + payload.reported;
        if (payload.reported >= frame.reported - payloadOffset || off >= frame.length) {
            return;
        }
        Tvb trailer = frame.subset(off);
        // the 60 bytes count from the Ethernet header, before any tag this tvbuff begins after
        int before = frame.start - p.ethStart;
        int padding = before + frame.reported < MIN_FRAME ? 0
                : Math.min(trailer.reported, Math.max(0, MIN_FRAME - before - off));
        for (int i = 0; i < padding; i++) {
            if (trailer.u8(i) != 0) {
                break;
            }
        }
        if (trailer.reported > padding) {
            trailer.check(padding, trailer.reported - padding);
        }
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
            case 0x86dd -> {
                return Ipv6Dissector.dissect(next, p);
            }
            case 0x8100, 0x9100 -> vlan(next, p);
            case 0x88a8 -> ieee8021ad(next, p);
            case 0x88cc -> LldpDissector.dissect(next, p);
            case 0x6558 -> dissect(next, p);
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
        trailer(tvb, off + 2, next, p);
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
        trailer(tvb, 4, next, p);
    }
}

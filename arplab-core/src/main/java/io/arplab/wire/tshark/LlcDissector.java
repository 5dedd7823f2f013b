package io.arplab.wire.tshark;

/** packet-eth.c's dissect_802_3() and packet-llc.c's dissect_llc() for the SAPs this package decodes. */
final class LlcDissector {
    private LlcDissector() {}

    /** An Ethernet frame whose type field is a length; what follows that length is a trailer. */
    static void dissect8023(Tvb tvb, Packet p, int length, int fcsLen) {
        dissect8023(tvb, 14, p, length, fcsLen);
    }

    /** packet-vlan.c's 802.3 length after a tag: dissect_802_3() without an FCS. */
    static void dissectVlan8023(Tvb tvb, Packet p, int length) {
        dissect8023(tvb, 4, p, length, EthDissector.FCS_NONE);
    }

    /** dissect_802_3(): the LLC payload of {@code length} bytes from {@code off}, then the trailer. */
    private static void dissect8023(Tvb tvb, int off, Packet p, int length, int fcsLen) {
        throwIfUnsupported(tvb, off);
        Tvb payload = payload(tvb, off, length);
        int capped = payload.reported;
        try {
            llc(payload, p);
        } catch (Thrown.DissectorError e) {
            if (e.kind == Thrown.BOUNDS) {
                throw e; // CATCH_NONFATAL_ERRORS: the capture's cut is not caught
            }
            // dissect_802_3() shows what else the LLC layer threw, then makes the trailer
            p.append(e.kind.info);
        }
        EthDissector.trailer8023(tvb, off, capped, p, fcsLen);
    }

    private static void throwIfUnsupported(Tvb tvb, int off) {
        if (tvb.bytesExist(off, 2) && tvb.u16(off) == 0xffff) {
            throw new Unsupported("Novell raw 802.3");
        }
    }

    /** The 802.3 payload cut to the length field when it is shorter than what follows. */
    private static Tvb payload(Tvb tvb, int off, int length) {
        int rest = tvb.reportedRemaining(off);
        // a length past the end of the frame: the payload is what there is
        return length > rest ? tvb.subset(off) : tvb.subset(off, -1, length);
    }

    /** The U-frame modifiers of packet-xdlc.c this package names (the poll/final bit masked off). */
    private static String modifier(int control) {
        return switch (control & ~0x10) {
            case 0x03 -> "UI";
            case 0xe3 -> "TEST";
            case 0xaf -> "XID";
            default -> null;
        };
    }

    /** OUI_ENCAP_ETHER and OUI_CISCO_90: their PID is an ethertype. */
    private static final int OUI_ENCAP_ETHER = 0x000000;
    private static final int OUI_CISCO_90 = 0x0000f8;

    /**
     * dissect_snap(): "; SNAP, OUI 0x... (name), PID 0x..." and, for the ethertype OUIs, the PID's dissector.
     * OUIs with PID tables of their own (Cisco, IEEE 802.1, ...) are not decoded here.
     */
    private static void snap(Tvb tvb, int header, Packet p, int control) {
        int oui = tvb.u24(header);
        int pid = tvb.u16(header + 3);
        int payload = header + 5;
        if (oui == 0x00000c && pid == 0x2000) {
            // the Cisco OUI's PID table: CDP
            p.append(String.format("; SNAP, OUI 0x%06X (%s), PID 0x%04X", oui, EtherNames.get().manufacturer(oui), pid));
            CdpDissector.dissect(tvb.subset(payload), p);
            return;
        }
        String name = switch (oui) {
            case 0x00000c, 0x0080c2, 0x080007, 0x00e02b, 0x000081, 0x00e052, 0x080009, 0x001958, 0x00005e,
                    0x506f9a, 0x00000e, 0x0001c8, 0x00a0a8, 0x00d0c4, 0x000b86, 0x0017f2 ->
                throw new Unsupported("SNAP OUI 0x" + Integer.toHexString(oui));
            default -> EtherNames.get().manufacturer(oui);
        };
        p.append(String.format("; SNAP, OUI 0x%06X (%s), PID 0x%04X", oui, name, pid));
        // the PID's dissector is called even with no payload (it then throws)
        if ((oui == OUI_ENCAP_ETHER || oui == OUI_CISCO_90) && control == 0x03
                && EthDissector.snapEthertype(tvb.subset(payload), p, pid)) {
            return;
        }
        // the payload is shown as data, which the capture may have cut
        tvb.check(payload, tvb.reportedRemaining(payload));
    }

    /** sap_vals' text, or the SAP in hex. */
    private static String sap(int sap) {
        String s = Values.of("llc.dsap", sap & 0xfe);
        return s != null ? s : String.format("0x%02x", sap & 0xfe);
    }

    /**
     * dissect_llc(): Info is the control field (dissect_xdlc_control()) and the SAPs; an information frame's
     * payload goes to the DSAP's dissector, or stays data.
     */
    private static void llc(Tvb tvb, Packet p) {
        p.protocol("LLC");
        p.clearInfo();
        int dsap = tvb.u8(0);
        int ssap = tvb.u8(1);
        int control = tvb.u8(2);
        if ((control & 3) != 3) {
            numbered(tvb, p, dsap, ssap, control);
            return;
        }
        String func = modifier(control);
        if (func == null) {
            throw new Unsupported("LLC U frame modifier 0x" + Integer.toHexString(control));
        }
        String pf = (control & 0x10) == 0 ? "" : (ssap & 1) == 0 ? " P" : " F";
        p.info("U" + pf + ", func=" + func);
        if (dsap == 0xaa && ssap == 0xaa) {
            snap(tvb, 3, p, control);
            return;
        }
        if (func.equals("XID")) {
            throw new Unsupported("LLC XID");
        }
        saps(p, dsap, ssap);
        if (control != 0x03) {
            // XDLC_IS_INFORMATION() holds for a UI frame without its poll/final bit only: what follows another U
            // frame's control field is data
            tvb.check(3, tvb.reportedRemaining(3));
            return;
        }
        information(tvb, 3, p, dsap);
    }

    private static void saps(Packet p, int dsap, int ssap) {
        p.append("; DSAP " + sap(dsap) + ((dsap & 1) == 0 ? " Individual" : " Group")
                + ", SSAP " + sap(ssap) + ((ssap & 1) == 0 ? " Command" : " Response"));
    }

    private static final String[] SUPERVISORY = {"RR", "RNR", "REJ", "SREJ"};

    /**
     * dissect_xdlc_control() for LLC's two-byte I and S frames: "I, N(R)=r, N(S)=s" and "S, func=RR, N(R)=r",
     * with " P" or " F" when the poll/final bit is set; an I frame's payload goes to the DSAP's dissector.
     */
    private static void numbered(Tvb tvb, Packet p, int dsap, int ssap, int control) {
        int second = tvb.u8(3);
        if ((control & 1) == 0) {
            // an I frame's poll/final bit is always shown as P
            p.info("I" + ((second & 1) == 0 ? "" : " P") + ", N(R)=" + (second >> 1) + ", N(S)=" + (control >> 1));
        } else {
            String pf = (second & 1) == 0 ? "" : (ssap & 1) == 0 ? " P" : " F";
            p.info("S" + pf + ", func=" + SUPERVISORY[(control >> 2) & 3] + ", N(R)=" + (second >> 1));
        }
        if (dsap == 0xaa && ssap == 0xaa) {
            snap(tvb, 4, p, control);
            return;
        }
        saps(p, dsap, ssap);
        if ((control & 1) == 0) {
            information(tvb, 4, p, dsap);
        } else {
            // what follows a supervisory frame's control field is data
            tvb.check(4, tvb.reportedRemaining(4));
        }
    }

    /** An information frame's payload: the DSAP's dissector, or data. */
    private static void information(Tvb tvb, int header, Packet p, int dsap) {
        if (tvb.reportedRemaining(header) == 0) {
            return;
        }
        Tvb payload = tvb.subset(header);
        // the "llc.dsap" table is looked up with the whole DSAP byte, group bit included
        if (dsap == 0x42) {
            StpDissector.dissect(payload, p);
            return;
        }
        if (dsap == 0x80) {
            p.protocol("3Com XNS");
            p.clearInfo();
            int type = payload.u16(0);
            if (type != 0x0600 && type != 0x0800 && type != 0x0806 && type != 0x86dd) {
                return;
            }
        }
        Values.unsupported("llc.dsap", dsap);
        // data, which the capture may have cut
        payload.check(0, payload.reported);
    }
}

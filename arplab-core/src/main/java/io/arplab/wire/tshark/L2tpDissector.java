package io.arplab.wire.tshark;

/**
 * packet-l2tp.c's dissect_l2tp_udp() (UDP 1701) for L2TPv2: a payload under 2 captured bytes or of another version
 * than 2 and 3 is not L2TP; Protocol "L2TP", Info cleared, then the message's line: a control message's type from
 * its first AVP (or ZLB when the length is 12), a data message's tunnel and session. A data message's payload goes
 * to packet-ppp.c's dissect_ppp_hdlc(). Left out (undecoded): L2TPv3, the control messages' AVPs
 * (process_control_avps()), PPP's other protocols.
 */
final class L2tpDissector {
    static final int PORT = 1701;
    private static final String CONTROL = "Control Message";
    private static final String DATA = "Data    Message";
    /** l2tp_message_type_short_str_vals. */
    private static final String[] SHORT = {null, "SCCRQ", "SCCRP", "SCCCN", "StopCCN", "Reserved", "Hello", "OCRQ",
        "OCRP", "OCCN", "ICRQ", "ICRP", "ICCN", "Reserved", "CDN", "WEN", "SLI", "MDMST", "SRRQ", "SRRP", "ACK", "FSQ",
        "FSR", "MSRQ", "MSRP", "MSE", "MSI", "MSEN", "CSUN", "CSURQ"};

    private L2tpDissector() {}

    /** @return false when the payload is not L2TP (the dissector returns 0) */
    static boolean dissect(Tvb tvb, Packet p) {
        if (tvb.length < 2) {
            return false;
        }
        int control = tvb.u16(0);
        int version = control & 0x000f;
        if (version != 2 && version != 3) {
            return false;
        }
        p.protocol("L2TP");
        p.clearInfo();
        if (version == 3) {
            p.protocol("L2TPv3");
            throw new Unsupported("L2TPv3");
        }
        boolean isControl = (control & 0x8000) != 0;
        boolean hasLength = (control & 0x4000) != 0;
        boolean hasSequence = (control & 0x0800) != 0;
        int idx = 0;
        int length = 0;
        if (hasLength) {
            idx += 2;
            length = tvb.u16(idx);
        }
        idx += 2;
        int tid = tvb.u16(idx);
        idx += 2;
        int cid = tvb.u16(idx);
        String ids = " (tunnel id=" + tid + ", session id=" + cid + ")";
        if (isControl) {
            if (hasLength && length == 12) {
                p.info(CONTROL + " - ZLB     " + ids);
            } else {
                int at = idx + (hasSequence ? 4 : 0) + 4 + 2;
                if (tvb.u16(at) == 0) {
                    int type = tvb.u16(at + 2);
                    p.info(CONTROL + " - " + (type < SHORT.length && SHORT[type] != null ? SHORT[type]
                            : "Unknown (" + type + ")") + ids);
                } else {
                    p.info(CONTROL + ids);
                }
            }
        } else {
            p.info(DATA + "           " + ids);
        }
        if (hasLength && length < tvb.reported) {
            tvb.setReportedLength(length); // set_actual_length()
        }
        idx = 2 + (hasLength ? 2 : 0) + 4 + (hasSequence ? 4 : 0);
        if ((control & 0x0200) != 0) {
            int offsetSize = tvb.u16(idx);
            idx += 2 + offsetSize;
        }
        if (!isControl) {
            if (idx < tvb.length) {
                pppHdlc(tvb.subset(idx), p); // tvb_offset_exists()
            }
            return true;
        }
        if (hasLength && idx < length) {
            throw new Unsupported("L2TP control message AVPs");
        }
        return true;
    }

    /**
     * packet-ppp.c's dissect_ppp_hdlc() and dissect_ppp_common(): 0xff skips the address and control bytes; an odd
     * first byte is a compressed one-byte protocol; the "ppp.protocol" table's IPv4 (the "ip" handle) and IPv6.
     */
    private static void pppHdlc(Tvb tvb, Packet p) {
        p.protocol("PPP");
        int off = tvb.u8(0) == 0xff ? 2 : 0;
        Tvb ppp = tvb.subset(off);
        int proto;
        int len;
        if ((ppp.u8(0) & 1) != 0) {
            proto = ppp.u8(0);
            len = 1;
        } else {
            proto = ppp.u16(0);
            len = 2;
        }
        Tvb next = ppp.subset(len);
        switch (proto) {
            case 0x21 -> IpDissector.dissectIpAnyVersion(next, p);
            case 0x57 -> Ipv6Dissector.dissectHandle(next, p);
            default -> throw new Unsupported("PPP protocol 0x" + Integer.toHexString(proto));
        }
    }
}

package io.arplab.wire.tcpdump;

import io.arplab.wire.libc.CLib;

/** print-stp.c: IEEE 802.1D/w/s/aq spanning tree BPDUs. */
final class StpPrinter {
    private static final int STP_PROTO_REGULAR = 0x00;
    private static final int STP_PROTO_RAPID = 0x02;
    private static final int STP_PROTO_MSTP = 0x03;
    private static final int STP_PROTO_SPB = 0x04;
    private static final int BPDU_CONFIG = 0x00;
    private static final int BPDU_RSTP = 0x02;
    private static final int BPDU_TOPO_CHANGE = 0x80;
    private static final int STP_BPDU_LEN = 36;
    private static final int STP_BPDU_MSTP_MIN_LEN = 102;
    private static final int MST_BPDU_MSTI_LENGTH = 16;
    private static final int MST_BPDU_CONFIG_INFO_LENGTH = 64;
    private static final int MST_BPDU_VER3_LEN_OFFSET = 36;
    private static final int MST_BPDU_CONFIG_NAME_OFFSET = 39;
    private static final int MST_BPDU_CONFIG_DIGEST_OFFSET = 73;
    private static final int MST_BPDU_CIST_INT_PATH_COST_OFFSET = 89;
    private static final int MST_BPDU_CIST_BRIDGE_ID_OFFSET = 93;
    private static final int MST_BPDU_CIST_REMAIN_HOPS_OFFSET = 101;
    private static final int MST_BPDU_MSTI_OFFSET = 102;
    private static final int SPB_BPDU_MIN_LEN = 87;

    private StpPrinter() {}

    private static void flags(StringBuilder out, int flags) {
        // stp_bpdu_flag_values, bittok2str() with ", " separators
        int start = out.length();
        flag(out, flags, 0x01, "Topology change", start);
        flag(out, flags, 0x02, "Proposal", start);
        flag(out, flags, 0x10, "Learn", start);
        flag(out, flags, 0x20, "Forward", start);
        flag(out, flags, 0x40, "Agreement", start);
        flag(out, flags, 0x80, "Topology change ACK", start);
        if (out.length() == start) {
            out.append("none");
        }
    }

    private static void flag(StringBuilder out, int v, int bit, String name, int start) {
        if ((v & bit) == bit) {
            if (out.length() != start) {
                out.append(", ");
            }
            out.append(name);
        }
    }

    private static String portRole(int flags) {
        return switch ((flags & 0x0c) >> 2) {
            case 1 -> "Alternate";
            case 2 -> "Root";
            case 3 -> "Designated";
            default -> "Unknown";
        };
    }

    /** stp_print_bridge_id(): pppp.aa:bb:cc:dd:ee:ff */
    private static void bridgeId(Dissector nd, int p) {
        nd.hex2(nd.u8(p));
        nd.hex2(nd.u8(p + 1));
        nd.out.append('.');
        for (int i = 2; i < 8; i++) {
            if (i > 2) {
                nd.out.append(':');
            }
            nd.hex2(nd.u8(p + i));
        }
    }

    /** print-stp.c's "%.2fs" of a timer in 1/256 s (a float, exact): glibc's rounding, {@link CLib#fixed}. */
    static void timer(StringBuilder out, int v) {
        out.append(CLib.fixed(v / 256.0, 2)).append('s');
    }

    private static void timers(Dissector nd, int p) {
        nd.check(p + 27, 8);
        StringBuilder out = nd.out;
        out.append("\n\tmessage-age ");
        timer(out, nd.u16(p + 27));
        out.append(", max-age ");
        timer(out, nd.u16(p + 29));
        out.append(", hello-time ");
        timer(out, nd.u16(p + 31));
        out.append(", forwarding-delay ");
        timer(out, nd.u16(p + 33));
    }

    private static void configBpdu(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int bpduFlags = nd.u8(p + 4);
        out.append(", Flags [");
        flags(out, bpduFlags);
        out.append(']');
        nd.check(p + 17, 10);
        out.append(", bridge-id ");
        bridgeId(nd, p + 17);
        out.append('.');
        nd.hex4(nd.u16(p + 25));
        out.append(", length ").append(length);
        if (nd.vflag == 0) {
            return;
        }
        timers(nd, p);
        nd.check(p + 5, 12);
        out.append("\n\troot-id ");
        bridgeId(nd, p + 5);
        out.append(", root-pathcost ").append(nd.u32(p + 13));
        if (nd.u8(p + 2) == STP_PROTO_RAPID) {
            out.append(", port-role ").append(portRole(bpduFlags));
        }
    }

    private static void mstpBpdu(Dissector nd, int p, int length) {
        StringBuilder out = nd.out;
        int bpduFlags = nd.u8(p + 4);
        out.append(", CIST Flags [");
        flags(out, bpduFlags);
        out.append("], length ").append(length);
        if (nd.vflag == 0) {
            return;
        }
        out.append("\n\tport-role ").append(portRole(bpduFlags)).append(", ");
        nd.check(p + 5, 12);
        out.append("CIST root-id ");
        bridgeId(nd, p + 5);
        out.append(", CIST ext-pathcost ").append(nd.u32(p + 13));
        nd.check(p + 17, 8);
        out.append("\n\tCIST regional-root-id ");
        bridgeId(nd, p + 17);
        out.append(", ");
        nd.check(p + 25, 2);
        out.append("CIST port-id ");
        nd.hex4(nd.u16(p + 25));
        out.append(',');
        timers(nd, p);
        int v3 = nd.u16(p + MST_BPDU_VER3_LEN_OFFSET);
        out.append("\n\tv3len ").append(v3).append(", ");
        out.append("MCID Name ");
        nd.printjnp(p + MST_BPDU_CONFIG_NAME_OFFSET, 32);
        nd.check(p + MST_BPDU_CONFIG_NAME_OFFSET + 32, 2);
        nd.check(p + MST_BPDU_CONFIG_DIGEST_OFFSET, 16);
        out.append(", rev ").append(nd.u16(p + MST_BPDU_CONFIG_NAME_OFFSET + 32)).append(",\n\t\tdigest ");
        for (int i = 0; i < 4; i++) {
            Names.appendHex(out, nd.u32(p + MST_BPDU_CONFIG_DIGEST_OFFSET + 4 * i), 8);
        }
        out.append(", ");
        nd.check(p + MST_BPDU_CIST_INT_PATH_COST_OFFSET, 4);
        out.append("CIST int-root-pathcost ").append(nd.u32(p + MST_BPDU_CIST_INT_PATH_COST_OFFSET)).append(',');
        nd.check(p + MST_BPDU_CIST_BRIDGE_ID_OFFSET, 8);
        out.append("\n\tCIST bridge-id ");
        bridgeId(nd, p + MST_BPDU_CIST_BRIDGE_ID_OFFSET);
        out.append(", ");
        nd.check(p + MST_BPDU_CIST_REMAIN_HOPS_OFFSET, 1);
        out.append("CIST remaining-hops ").append(nd.u8(p + MST_BPDU_CIST_REMAIN_HOPS_OFFSET));
        int v3len = nd.u16(p + MST_BPDU_VER3_LEN_OFFSET);
        if (v3len > MST_BPDU_CONFIG_INFO_LENGTH) {
            int len = v3len - MST_BPDU_CONFIG_INFO_LENGTH;
            int offset = MST_BPDU_MSTI_OFFSET;
            while (len >= MST_BPDU_MSTI_LENGTH) {
                nd.check(p + offset, 3);
                int msti = nd.u16(p + offset + 1) & 0x0fff;
                int mflags = nd.u8(p + offset);
                out.append("\n\tMSTI ").append(msti).append(", Flags [");
                flags(out, mflags);
                out.append("], port-role ").append(portRole(mflags));
                nd.check(p + offset + 1, 12);
                out.append("\n\t\tMSTI regional-root-id ");
                bridgeId(nd, p + offset + 1);
                out.append(", pathcost ").append(nd.u32(p + offset + 9));
                nd.check(p + offset + 13, 3);
                out.append("\n\t\tMSTI bridge-prio ").append(nd.u8(p + offset + 13) >> 4)
                        .append(", port-prio ").append(nd.u8(p + offset + 14) >> 4)
                        .append(", hops ").append(nd.u8(p + offset + 15));
                len -= MST_BPDU_MSTI_LENGTH;
                offset += MST_BPDU_MSTI_LENGTH;
            }
        }
    }

    private static void spbBpdu(Dissector nd, int p, int offset) {
        if (nd.vflag == 0) {
            return;
        }
        StringBuilder out = nd.out;
        int q = p + offset;
        int v4 = nd.u16(q);
        out.append("\n\tv4len ").append(v4).append(", ");
        out.append("AUXMCID Name ");
        nd.printjnp(q + 3, 32);
        nd.check(q + 35, 18);
        out.append(", Rev ").append(nd.u16(q + 35)).append(",\n\t\tdigest ");
        for (int i = 0; i < 4; i++) {
            Names.appendHex(out, nd.u32(q + 37 + 4 * i), 8);
        }
        nd.check(q + 53, 34);
        int agreement = nd.u8(q + 53);
        int format = nd.u8(q + 55);
        int con = nd.u8(q + 56);
        out.append("\n\tAgreement num ").append(agreement >> 6)
                .append(", Discarded Agreement num ").append((agreement >> 4) & 3)
                .append(", Agreement valid-flag ").append((agreement >> 3) & 1)
                .append(",\n\tRestricted role-flag: ").append((agreement >> 2) & 1)
                .append(", Format id ").append(format >> 4).append(" cap ").append(format & 0xff)
                .append(", Convention id ").append(con >> 4).append(" cap ").append(con & 0xff)
                .append(",\n\tEdge count ").append(nd.u16(q + 57))
                .append(", Agreement digest ");
        for (int i = 0; i < 5; i++) {
            Names.appendHex(out, nd.u32(q + 67 + 4 * i), 8);
        }
    }

    /** stp_print(). */
    static void stpPrint(Dissector nd, int p, int length) {
        nd.protocol = "stp";
        StringBuilder out = nd.out;
        if (length < 4) {
            nd.invalid();
            return;
        }
        if (nd.u16(p) != 0) {
            out.append("unknown STP version, length ").append(length);
            return;
        }
        int version = nd.u8(p + 2);
        out.append("STP ");
        switch (version) {
            case STP_PROTO_REGULAR -> out.append("802.1d");
            case STP_PROTO_RAPID -> out.append("802.1w");
            case STP_PROTO_MSTP -> out.append("802.1s");
            case STP_PROTO_SPB -> out.append("802.1aq");
            default -> {
                out.append("Unknown STP protocol (0x");
                nd.hex2(version);
                out.append(')');
                return;
            }
        }
        int type = nd.u8(p + 3);
        out.append(", ");
        switch (type) {
            case BPDU_CONFIG -> out.append("Config");
            case BPDU_RSTP -> out.append("Rapid STP");
            case BPDU_TOPO_CHANGE -> out.append("Topology Change");
            default -> {
                out.append("Unknown BPDU Type (0x");
                nd.hex2(type);
                out.append(')');
            }
        }
        switch (type) {
            case BPDU_CONFIG -> {
                if (length < STP_BPDU_LEN - 1) {
                    nd.invalid();
                    return;
                }
                configBpdu(nd, p, length);
            }
            case BPDU_RSTP -> {
                if (version == STP_PROTO_RAPID) {
                    if (length < STP_BPDU_LEN) {
                        nd.invalid();
                        return;
                    }
                    configBpdu(nd, p, length);
                } else if (version == STP_PROTO_MSTP || version == STP_PROTO_SPB) {
                    if (length < STP_BPDU_MSTP_MIN_LEN) {
                        nd.invalid();
                        return;
                    }
                    if (nd.u8(p + 35) != 0) {
                        nd.invalid();
                        return;
                    }
                    int mstpLen = nd.u16(p + MST_BPDU_VER3_LEN_OFFSET) + 2;
                    if (length < STP_BPDU_LEN + mstpLen) {
                        nd.invalid();
                        return;
                    }
                    mstpBpdu(nd, p, length);
                    if (version == STP_PROTO_SPB) {
                        int spbLen = nd.u16(p + MST_BPDU_VER3_LEN_OFFSET + mstpLen) + 2;
                        if (length < STP_BPDU_LEN + mstpLen + spbLen || spbLen < SPB_BPDU_MIN_LEN) {
                            nd.invalid();
                            return;
                        }
                        spbBpdu(nd, p, STP_BPDU_LEN + mstpLen);
                    }
                }
            }
            default -> { }
        }
    }
}

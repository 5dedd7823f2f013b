package io.arplab.wire.tcpdump;

/** print-bfd.c: BFD control packets (RFC 5880, v0 and v1) and echo packets on UDP ports 3784, 3785, 4784, 6784. */
final class BfdPrinter {
    static final int BFD_CONTROL_PORT = 3784;
    static final int BFD_ECHO_PORT = 3785;
    static final int BFD_MULTIHOP_PORT = 4784;
    static final int BFD_LAG_PORT = 6784;
    private static final int HDR_LEN = 24;
    private static final int[] V0_FLAGS = {0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01};
    private static final String[] V0_NAMES = {"I Hear You", "Demand", "Poll", "Final", "Control Plane Independent",
        "Authentication Present", "Reserved", "Reserved"};
    private static final int[] V1_FLAGS = {0x20, 0x10, 0x08, 0x04, 0x02, 0x01};
    private static final String[] V1_NAMES = {"Poll", "Final", "Control Plane Independent", "Authentication Present",
        "Demand", "Multipoint"};
    private static final String[] DIAG = {"No Diagnostic", "Control Detection Time Expired", "Echo Function Failed",
        "Neighbor Signaled Session Down", "Forwarding Plane Reset", "Path Down", "Concatenated Path Down",
        "Administratively Down", "Reverse Concatenated Path Down"};
    private static final String[] STATE = {"AdminDown", "Down", "Init", "Up"};
    private static final String[] AUTH = {null, "Simple Password", "Keyed MD5", "Meticulous Keyed MD5", "Keyed SHA1",
        "Meticulous Keyed SHA1"};

    private BfdPrinter() {}

    static boolean isPort(int dport) {
        return dport == BFD_CONTROL_PORT || dport == BFD_MULTIHOP_PORT || dport == BFD_LAG_PORT
                || dport == BFD_ECHO_PORT;
    }

    /** bittok2str(): the names of the set bits, ", " between them, "none" for no bit. */
    static String bittok2str(int[] bits, String[] names, int v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bits.length; i++) {
            if ((v & bits[i]) != 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(names[i]);
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    private static String port(int port) {
        return switch (port) {
            case BFD_CONTROL_PORT -> "Control";
            case BFD_MULTIHOP_PORT -> "Multihop";
            case BFD_LAG_PORT -> "Lag";
            default -> "unknown (" + port + ")";
        };
    }

    /** bfd_print(). */
    static void bfdPrint(Dissector nd, int p, int len, int port) {
        nd.protocol = "bfd";
        StringBuilder out = nd.out;
        if (port == BFD_ECHO_PORT) {
            out.append("BFD, Echo, length: ").append(len);
            if (nd.vflag >= 1) {
                HexDump.unknownData(nd, p, "\n\t", len);
            }
            return;
        }
        nd.check(p, HDR_LEN);
        int versionDiag = nd.u8(p);
        int version = (versionDiag & 0xe0) >> 5;
        int diag = versionDiag & 0x1f;
        int flags = nd.u8(p + 1);
        if (version > 1) {
            out.append("BFDv").append(version).append(", Control, length: ").append(len);
            if (nd.vflag >= 1) {
                HexDump.unknownData(nd, p, "\n\t", len);
            }
            return;
        }
        String flagText = version == 0 ? bittok2str(V0_FLAGS, V0_NAMES, flags)
                : bittok2str(V1_FLAGS, V1_NAMES, flags & 0x3f);
        String head = version == 0 ? "Control"
                : port(port) + ", State " + STATE[(flags & 0xc0) >> 6];
        if (nd.vflag < 1) {
            out.append("BFDv").append(version).append(", ").append(head).append(", Flags: [").append(flagText)
                    .append("], length: ").append(len);
            return;
        }
        out.append("BFDv").append(version).append(", length: ").append(len).append("\n\t").append(head)
                .append(", Flags: [").append(flagText).append("], Diagnostic: ")
                .append(diag < DIAG.length ? DIAG[diag] : "unknown").append(" (0x");
        nd.hex2(diag);
        out.append(')');
        int mult = nd.u8(p + 2);
        long desiredTx = nd.u32(p + 12);
        out.append("\n\tDetection Timer Multiplier: ").append(mult).append(" (")
                .append(((mult * desiredTx) & 0xffffffffL) / 1000).append(" ms Detection time), BFD Length: ")
                .append(nd.u8(p + 3));
        out.append("\n\tMy Discriminator: 0x");
        Names.appendHex(out, nd.u32(p + 4), 8);
        out.append(", Your Discriminator: 0x");
        Names.appendHex(out, nd.u32(p + 8), 8);
        interval(out, "\n\t  Desired min Tx Interval:    ", desiredTx);
        interval(out, "\n\t  Required min Rx Interval:   ", nd.u32(p + 16));
        interval(out, "\n\t  Required min Echo Interval: ", nd.u32(p + 20));
        if ((flags & 0x04) != 0) {
            authPrint(nd, p + HDR_LEN);
        }
    }

    private static void interval(StringBuilder out, String label, long us) {
        String v = Long.toString(us / 1000);
        out.append(label).append(" ".repeat(Math.max(0, 4 - v.length()))).append(v).append(" ms");
    }

    /** auth_print(). */
    private static void authPrint(Dissector nd, int p) {
        StringBuilder out = nd.out;
        nd.check(p, 4);
        int type = nd.u8(p);
        int alen = nd.u8(p + 1);
        out.append("\n\tAuthentication: ").append(type >= 1 && type <= 5 ? AUTH[type] : "Unknown").append(" (")
                .append(type).append("), length: ").append(alen);
        p += 2;
        out.append("\n\t  Auth Key ID: " + nd.u8(p));
        switch (type) {
            case 1 -> {
                if (alen < 4 || alen > 19) {
                    out.append("[invalid length ").append(alen).append(']');
                    return;
                }
                out.append(", Password: ");
                for (int i = 0; i < alen - 3; i++) {
                    nd.printChar(nd.u8(p + 1 + i)); // nd_printn() without an end: each GET_U_1 may truncate
                }
            }
            case 2, 3, 4, 5 -> {
                int field = type <= 3 ? 24 : 28;
                int hash = type <= 3 ? 16 : 20;
                if (alen != field) {
                    out.append("[invalid length ").append(alen).append(']');
                    return;
                }
                p += 2;
                out.append(", Sequence Number: 0x");
                Names.appendHex(out, nd.u32(p), 8);
                p += 4;
                nd.check(p, hash);
                out.append(type <= 3 ? "\n\t  Digest: " : "\n\t  Hash: ");
                for (int i = 0; i < hash; i++) {
                    nd.hex2(nd.u8(p + i));
                }
            }
            default -> { }
        }
    }
}

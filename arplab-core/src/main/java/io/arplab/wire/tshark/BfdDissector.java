package io.arplab.wire.tshark;

/**
 * packet-bfd.c: dissect_bfd_control() (UDP 3784, 4784, 6784, 7784) and dissect_bfd_echo() (UDP 3785). With no
 * protocol tree (tshark -r), the control message's fixed 24 bytes are read, Info is set, and of the authentication
 * section only what is read outside the tree's code.
 */
final class BfdDissector {
    static final int ECHO_PORT = 3785;
    private static final String[] V0_DIAG = {"No Diagnostic", "Control Detection Time Expired",
        "Echo Function Failed", "Neighbor Signaled Session Down", "Forwarding Plane Reset", "Path Down",
        "Concatenated Path Down", "Administratively Down"};
    private static final String[] V1_DIAG = {"No Diagnostic", "Control Detection Time Expired",
        "Echo Function Failed", "Neighbor Signaled Session Down", "Forwarding Plane Reset", "Path Down",
        "Concatenated Path Down", "Administratively Down", "Reverse Concatenated Path Down",
        "Mis-Connectivity Defect"};
    private static final String[] STATES = {"AdminDown", "Down", "Init", "Up"};

    private BfdDissector() {}

    static boolean isControlPort(int port) {
        return port == 3784 || port == 4784 || port == 6784 || port == 7784;
    }

    static void control(Tvb tvb, Packet p) {
        p.protocol("BFD Control");
        p.clearInfo();
        int version = (tvb.u8(0) & 0xe0) >> 5;
        int diag = tvb.u8(0) & 0x1f;
        int flags = tvb.u8(1);
        tvb.u8(2);
        int length = tvb.u8(3);
        for (int off = 4; off < 24; off += 4) {
            tvb.u32(off);
        }
        if (version == 0) {
            p.info("Diag: " + (diag < V0_DIAG.length ? V0_DIAG[diag] : "Unknown") + ", Flags: 0x"
                    + String.format("%02x", flags));
            return;
        }
        p.info("Diag: " + (diag < V1_DIAG.length ? V1_DIAG[diag] : "Unknown") + ", State: " + STATES[flags >> 6]
                + ", Flags: 0x" + String.format("%02x", flags & 0x3e));
        if ((flags & 0x04) == 0) {
            return;
        }
        if (length < 28) {
            // "Authentication: Length of the BFD frame is invalid": an expert item of length - 24 bytes at 24
            item(tvb, 24, length - 24);
            return;
        }
        // dissect_bfd_authentication(): the type and length; a simple password's string; for MD5 and SHA1 an
        // expert item over the section when its length is not the type's (probed: every type, lengths 0 to 40)
        int type = tvb.u8(24);
        int len = tvb.u8(25);
        switch (type) {
            case 1 -> item(tvb, 27, len - 3);
            case 2, 3 -> {
                if (len != 24) {
                    item(tvb, 24, len);
                }
            }
            case 4, 5 -> {
                if (len != 28) {
                    item(tvb, 24, len);
                }
            }
            default -> { }
        }
    }

    /** An item's bounds: -1 is the rest of the packet (which must hold a byte), a length below that malformed. */
    private static void item(Tvb tvb, int off, int len) {
        if (len < -1) {
            throw Thrown.REPORTED_BOUNDS.error();
        }
        tvb.check(off, len == -1 ? Math.max(1, tvb.capturedRemaining(off)) : len);
    }

    static void echo(Packet p) {
        p.protocol("BFD Echo");
        p.info("Originator specific content");
    }
}

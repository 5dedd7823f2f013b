package io.arplab.wire.tshark;

/**
 * packet-hsrp.c's dissect_hsrp() (UDP 1985 and 2029) as TShark runs it without a tree: only a packet to port 1985
 * or 2029 is taken; to 224.0.0.2 it is version 0 (the opcode, the state, the fields proto_tree_add_item() still
 * checks), to 224.0.0.102 or over IPv6 to 2029 version 2 (its TLVs' type and length, the group state's opcode and
 * state, the interface state's counts), to anything else it is taken and nothing is read (probe family hsrp).
 */
final class HsrpDissector {
    static final int PORT = 1985;
    static final int PORT_V6 = 2029;

    private HsrpDissector() {}

    /** dissect_hsrp(): false when the destination port is neither (the next port or the heuristics then try). */
    static boolean dissect(Tvb tvb, Packet p, int dport) {
        if (dport != PORT && dport != PORT_V6) {
            return false;
        }
        byte[] dst = p.netDst;
        if (dst != null && dst.length == 4 && (dst[0] & 0xff) == 224 && dst[1] == 0 && dst[2] == 0 && dst[3] == 2) {
            version0(tvb, p);
        } else if (dst != null && (dst.length == 4 && (dst[0] & 0xff) == 224 && dst[1] == 0 && dst[2] == 0
                && dst[3] == 0x66 || dst.length == 16 && dport == PORT_V6)) {
            version2(tvb, p);
        }
        return true;
    }

    private static void version0(Tvb tvb, Packet p) {
        p.protocol("HSRP");
        int opcode = tvb.u8(1);
        p.info(switch (opcode) {
            case 0 -> "Hello";
            case 1 -> "Coup";
            case 2 -> "Resign";
            case 3 -> "Advertise";
            default -> "Unknown";
        });
        if (opcode < 3) {
            p.append(" (state " + state0(tvb.u8(2)) + ")");
        } else if (opcode == 3) {
            p.append(" (state " + switch (tvb.u8(6)) {
                case 1 -> "Dormant";
                case 2 -> "Passive";
                case 3 -> "Active";
                default -> "Unknown";
            } + ")");
        }
        tvb.check(0, 1); // version
        int offset = 2;
        if (opcode < 3) {
            tvb.u8(3); // hello time
            tvb.u8(4); // hold time
            tvb.check(5, 3); // priority, group, reserved
            tvb.check(8, 8); // tvb_memcpy() of the authentication data
            tvb.check(16, 4); // virtual IP address
            offset = 16;
        } else if (opcode == 3) {
            tvb.check(2, 14); // type, length, state, reserved, active and passive groups, reserved
            offset = 12;
        }
        if (tvb.length == 50) {
            // MD5 authentication with version 0: the TLV's type and length (its items only with a tree)
            tvb.u8(offset + 4);
            tvb.u8(offset + 5);
        }
    }

    private static String state0(int state) {
        return switch (state) {
            case 0 -> "Initial";
            case 1 -> "Learn";
            case 2 -> "Listen";
            case 4 -> "Speak";
            case 8 -> "Standby";
            case 16 -> "Active";
            default -> "Unknown";
        };
    }

    private static void version2(Tvb tvb, Packet p) {
        p.protocol("HSRPv2");
        int offset = 0;
        while (tvb.reportedLengthRemaining(offset) > 0) {
            int type = tvb.u8(offset);
            int len = tvb.u8(offset + 1);
            if (type == 1 && len == 40) {
                p.info(switch (tvb.u8(offset + 3)) {
                    case 0 -> "Hello";
                    case 1 -> "Coup";
                    case 2 -> "Resign";
                    default -> "Unknown";
                });
                int state = tvb.u8(offset + 4);
                p.append(" (state " + (state >= 1 && state <= 6
                        ? new String[] {"Init", "Learn", "Listen", "Speak", "Standby", "Active"}[state - 1]
                        : "Unknown") + ")");
            } else if (type == 2 && len == 4) {
                p.info("Interface State TLV (Act=" + tvb.u16(offset + 2) + " Pass=" + tvb.u16(offset + 4) + ")");
            } else if (!(type == 3 && len == 8) && !(type == 4 && len == 28)) {
                break; // an undefined TLV: the rest is data
            }
            offset += len + 2;
        }
    }
}
